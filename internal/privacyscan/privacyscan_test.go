package privacyscan

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"labo/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

var allow = Allow{
	Emails: map[string]string{"contact@labo.example": "site", "accueil@lieu.example": "venue"},
	Phones: map[string]string{"0473990446": "venue"},
}

func TestNormalizePhone(t *testing.T) {
	for in, want := range map[string]string{
		"+33473990446":         "0473990446",
		"+33 4 73 99 04 46":    "0473990446",
		"+33 (0)4 73 99 04 46": "0473990446",
		"0033473990446":        "0473990446",
		"04.73.99.04.46":       "0473990446",
		"04 73 99 04 46":       "0473990446",
		"+262262123456":        "+262262123456",
		"00262262123456":       "+262262123456",
	} {
		if got := NormalizePhone(in); got != want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScanText(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string // "line kind value"
	}{
		{"allowed site contact and venue contacts", `Écrivez à contact@labo.example ou <a href="mailto:accueil@lieu.example">accueil@lieu.example</a>, <a href="tel:+33473990446">04 73 99 04 46</a>`, nil},
		{"allowed contact in another case", `CONTACT@Labo.Example`, nil},
		{"planted e-mail", "ligne 1\nÉcrire à jeanne.dupont@gmail.com.", []string{"2 e-mail jeanne.dupont@gmail.com"}},
		{"e-mail as HTML character references", `jeanne&#64;exemple.fr`, []string{"1 e-mail jeanne@exemple.fr"}},
		{"percent-encoded e-mail", `mailto:jeanne%40exemple.fr`, []string{"1 e-mail jeanne@exemple.fr"}},
		{"JSON-escaped e-mail", `{"c":"jeanne\u0040exemple.fr"}`, []string{"1 e-mail jeanne@exemple.fr"}},
		{"national phone with spaces", `Appelez le 06 12 34 56 78.`, []string{"1 phone 06 12 34 56 78"}},
		{"national phone with dots", `06.12.34.56.78`, []string{"1 phone 06.12.34.56.78"}},
		{"phone with no-break spaces", "06\u00a012\u00a034\u00a056\u00a078", []string{"1 phone 06\u00a012\u00a034\u00a056\u00a078"}},
		{"international phone", `{"tel":"+33612345678"}`, []string{"1 phone +33612345678"}},
		{"overseas phone", `+262 262 12 34 56`, []string{"1 phone +262 262 12 34 56"}},
		{"two phones one character apart", `0612345678,0698765432`, []string{"1 phone 0612345678", "1 phone 0698765432"}},
		{"allowed phone in another form", `+33 4 73 99 04 46 / 0473990446`, nil},
		{"numbers reserved for fiction", `+33465710000, 01 99 00 12 34, 06 39 98 00 00`, nil},
		{"next to a fictional block", `04 65 72 00 00`, []string{"1 phone 04 65 72 00 00"}},
		{"not phones: SIRET, hash, coordinates, counts, dates", `92042732507190 a3f0612345678b 45.0612345678 1 234 567 2026-11-01 0,612345678`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range ScanText("x.html", c.text, allow) {
				got = append(got, strings.Join([]string{strconv.Itoa(f.Line), f.Kind, f.Value}, " "))
			}
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("findings %q, want %q", got, c.want)
			}
		})
	}
}

// TestScanFindsPlantedAddress plants an e-mail and a phone number in a
// built tree and checks the exact findings; fonts are skipped.
func TestScanFindsPlantedAddress(t *testing.T) {
	fs := fstest.MapFS{
		"index.html":        {Data: []byte("<p>contact@labo.example</p>\n<p>Une bénévole : marie.martin@orange.fr</p>\n")},
		"donnees/lieux.csv": {Data: []byte("id,telephone\na,+33473990446\nb,+33612345678\n")},
		"vendor/font.woff2": {Data: []byte("\x00\x01marie.martin@orange.fr 0612345678")},
	}
	got, err := Scan(fs, allow)
	if err != nil {
		t.Fatal(err)
	}
	want := []Finding{
		{"donnees/lieux.csv", 3, "phone", "+33612345678"},
		{"index.html", 2, "e-mail", "marie.martin@orange.fr"},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("findings %v, want %v", got, want)
	}
	if s := want[1].String(); s != "index.html:2: e-mail marie.martin@orange.fr is not the site contact nor a venue's public contact field" {
		t.Errorf("String() = %q", s)
	}
}

// TestDemoSite scans the built demo site: only the site contact and the
// venues' public contact fields.
func TestDemoSite(t *testing.T) {
	res := browsertest.DemoResult(t)
	allow := AllowSite(res.Site)
	if len(allow.Emails) < 2 || len(allow.Phones) < 1 {
		t.Fatalf("allow list %v: the demo should have venue contacts", allow)
	}
	findings, err := Scan(os.DirFS(browsertest.BuildDemo(t)), allow)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range findings {
		t.Error(f)
	}
}
