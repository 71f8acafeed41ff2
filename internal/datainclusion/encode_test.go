package datainclusion

import (
	"bytes"
	"encoding/json"
	"testing"

	"labo/internal/frtext"
	"labo/internal/site"
	"labo/internal/sitecopy"
)

func demo(t testing.TB) *site.Site { return sitecopy.DemoSite(t) }

// marshal is the reference encoding: encoding/json without HTML escaping.
func marshal(t *testing.T, v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// hostile are texts JSON escapes, put in every string field.
var hostile = []string{"", `Clic & Lien <b>"x"</b>`, "a\\b\tc\u2028d\u2029\x01", "\xff\xfeé"}

func TestAppendJSONSameAsEncodingJSON(t *testing.T) {
	s := demo(t)
	lat, lon := 45.123456789, -0.000000123
	for i, v := range s.Venues {
		st := structure(s, Source(s), v)
		if got, want := st.AppendJSON([]byte("x")), append([]byte("x"), marshal(t, st)...); !bytes.Equal(got, want) {
			t.Errorf("structure %s:\n got %s\nwant %s", v.ID, got, want)
		}
		for _, ns := range v.ServiceList {
			sv := service(st, v, ns, "slug")
			if got, want := sv.AppendJSON(nil), marshal(t, sv); !bytes.Equal(got, want) {
				t.Errorf("service %s:\n got %s\nwant %s", sv.ID, got, want)
			}
		}
		// Every string field hostile or empty, every list empty or not.
		h := hostile[i%len(hostile)]
		hs := Structure{Source: h, ID: h, Nom: h, DateMaj: h, Siret: h, Description: h, Adresse: h, ComplementAdresse: h,
			CodePostal: h, CodeInsee: h, Commune: h, Telephone: h, Courriel: h, SiteWeb: h, LienSource: h,
			HorairesAccueil: h, AccessibiliteLieu: h, ReseauxPorteurs: []string{h}[:i%2]}
		hv := Service{Source: h, StructureID: h, ID: h, Nom: h, Description: h, DateMaj: h, Type: h, Thematiques: []string{h, h}[:i%3],
			Frais: h, FraisPrecisions: h, Publics: []string{h}, PublicsPrecisions: h, Adresse: h, ComplementAdresse: h,
			CodePostal: h, CodeInsee: h, Commune: h, Telephone: h, Courriel: h, ModesAccueil: []string{h}[:i%2],
			ModesMobilisation: []string{h}, LienMobilisation: h, MobilisablePar: []string{}, MobilisationPrecisions: h,
			HorairesAccueil: h, LienSource: h}
		if i%2 == 0 {
			hs.Latitude, hs.Longitude, hv.Latitude, hv.Longitude = &lat, &lon, &lon, &lat
		}
		if got, want := hs.AppendJSON(nil), marshal(t, hs); !bytes.Equal(got, want) {
			t.Errorf("hostile structure:\n got %s\nwant %s", got, want)
		}
		if got, want := hv.AppendJSON(nil), marshal(t, hv); !bytes.Equal(got, want) {
			t.Errorf("hostile service:\n got %s\nwant %s", got, want)
		}
	}
	if got := (&Structure{}).AppendJSON(nil); string(got) != `{"source":"","id":"","nom":"","date_maj":""}` {
		t.Errorf("empty structure: %s", got)
	}
}

// TestFilesOneItemPerLine checks the layout of the two files: a JSON
// array, one item per line, every venue once and every service once.
func TestFilesOneItemPerLine(t *testing.T) {
	s := demo(t)
	services := 0
	for _, v := range s.Venues {
		services += len(v.ServiceList)
	}
	for name, tc := range map[string]struct {
		data []byte
		n    int
	}{"structures": {Structures(s), len(s.Venues)}, "services": {Services(s), services}} {
		var items []json.RawMessage
		if err := json.Unmarshal(tc.data, &items); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(items) != tc.n || bytes.Count(tc.data, []byte("\n")) != tc.n+2 {
			t.Errorf("%s: %d items on %d lines, want %d items on %d", name, len(items), bytes.Count(tc.data, []byte("\n")), tc.n, tc.n+2)
		}
	}
	empty := *s
	empty.Venues = nil
	if got := string(Services(&empty)); got != "[\n]\n" {
		t.Errorf("no venue: %q", got)
	}
}

// TestFilesSameAsEncodingJSON compares both files with the structs of
// structure and service encoded by encoding/json, one per line, on the
// demo venues and on copies with hostile texts.
func TestFilesSameAsEncodingJSON(t *testing.T) {
	s := demo(t)
	rough := *s
	rough.Venues = nil
	for i, v := range s.Venues {
		c := *v
		h := hostile[i%len(hostile)]
		c.Nom, c.Adresse, c.Commune, c.Horaires, c.Telephone, c.PresentationResume = c.Nom+h, h+c.Adresse, h, h, h, h+c.PresentationResume
		rough.Venues = append(rough.Venues, &c)
	}
	for name, s := range map[string]*site.Site{"demo": s, "hostile": &rough} {
		var structures, services [][]byte
		for _, v := range s.Venues {
			st := structure(s, Source(s), v)
			structures = append(structures, marshal(t, st))
			for _, ns := range v.ServiceList {
				services = append(services, marshal(t, service(st, v, ns, frtext.Slug(ns))))
			}
		}
		lines := func(items [][]byte) []byte {
			return append(append([]byte("[\n"), bytes.Join(items, []byte(",\n"))...), "\n]\n"...)
		}
		if got, want := Structures(s), lines(structures); !bytes.Equal(got, want) {
			t.Errorf("%s: structures.json differs from encoding/json", name)
		}
		if got, want := Services(s), lines(services); !bytes.Equal(got, want) {
			t.Errorf("%s: services.json differs from encoding/json", name)
		}
	}
}
