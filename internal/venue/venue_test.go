package venue

import (
	"go/ast"
	"go/parser"
	"go/token"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"labo/internal/csvio"
	"labo/internal/diag"
)

// full is a valid row with every field filled.
func full() Row {
	return Row{
		ID: "clermont-gare", Pivot: "91919317703917", Nom: "Espace France Services Clermont Gare",
		Commune: "Clermont-Ferrand", CodePostal: "63000", CodeInsee: "63113",
		Adresse: "27 avenue de l'Union Soviétique", ComplementAdresse: "Rez-de-chaussée",
		Latitude: "45.77880", Longitude: "3.09550", Typologie: "FS|MEDIATHEQUE",
		Telephone: "+33473990446", Courriels: "contact@gare.example|accueil@gare.example", SiteWeb: "https://gare.example/|http://facebook.example/gare",
		Horaires: "Mo-Fr 08:30-12:30,13:30-17:00; PH off", PresentationResume: "Deux agents vous aident.",
		PresentationDetail: "Accueil sans rendez-vous.", Source: "Hub", Itinerance: "Fixe|Itinérant",
		StructureParente: "Préfecture", DateMaj: "2026-10-05",
		Services: strings.Join(Services, "|"), Publics: strings.Join(Publics, "|"), PriseEnCharge: strings.Join(PrisesEnCharge, "|"),
		Frais: strings.Join(Frais, "|"), Dispositifs: strings.Join(Dispositifs, "|"), FormationsLabels: strings.Join(FormationsLabels, "|"),
		AutresFormations: "Label local", ModalitesAcces: strings.Join(ModalitesAcces, "|"),
		ModalitesAccompagnement: strings.Join(ModalitesAccompagnement, "|"),
		FicheAccesLibre:         "https://acceslibre.beta.gouv.fr/app/x/", PriseRdv: "https://rdv.gare.example/",
	}
}

// minimal is a valid row with only the required fields.
func minimal() Row {
	return Row{ID: "a", Pivot: "123456789", Nom: "Lieu A", Commune: "Guéret", CodePostal: "23000", Adresse: "1 rue X", DateMaj: "2026-01-01"}
}

func check(r Row) []string {
	var l diag.List
	Check("data/lieux.csv", 7, r, &l)
	var out []string
	for _, p := range l.Problems() {
		out = append(out, p.String())
	}
	return out
}

func TestValidRows(t *testing.T) {
	for name, r := range map[string]Row{"full": full(), "minimal": minimal()} {
		if p := check(r); len(p) > 0 {
			t.Errorf("%s: unexpected problems %q", name, p)
		}
	}
	v := Check("f", 1, full(), &diag.List{})
	if !v.HasPoint || v.Point.Lat() != 45.7788 || v.Point.Lon() != 3.0955 || v.Dept.Code != "63" || v.Hours == nil ||
		len(v.EmailList) != 2 || len(v.WebsiteList) != 2 || len(v.ServiceList) != len(Services) || v.Updated.Format("2006-01-02") != "2026-10-05" {
		t.Errorf("typed view wrong: %+v", v)
	}
	if v := Check("f", 1, Row{ID: " a ", Pivot: "123456789", Nom: " Lieu ", Commune: "Guéret", CodePostal: " 23000", Adresse: "x", DateMaj: "2026-01-01 "}, &diag.List{}); v.ID != "a" || v.Nom != "Lieu" || v.CodePostal != "23000" {
		t.Errorf("fields are not trimmed: %+v", v.Row)
	}
}

// ruleCases has one case per rule of Check, with its exact message.
var ruleCases = []struct {
	name string
	edit func(r *Row)
	want []string
}{
	{"required fields", func(r *Row) { *r = Row{} }, []string{
		"data/lieux.csv:7: adresse: expected a value (required by the national standard), found nothing",
		"data/lieux.csv:7: code_postal: expected a value (required by the national standard), found nothing",
		"data/lieux.csv:7: commune: expected a value (required by the national standard), found nothing",
		"data/lieux.csv:7: date_maj: expected a value (required by the national standard), found nothing",
		"data/lieux.csv:7: id: expected a value (required by the national standard), found nothing",
		"data/lieux.csv:7: nom: expected a value (required by the national standard), found nothing",
		"data/lieux.csv:7: pivot: expected a value (required by the national standard), found nothing",
	}},
	{"id pattern", func(r *Row) { r.ID = "Lieu_A--b" }, []string{
		`data/lieux.csv:7: id: expected lowercase letters, digits and single dashes (the id becomes the page address /lieux/<id>/), found "Lieu_A--b"`,
	}},
	{"pivot pattern", func(r *Row) { r.Pivot = "1234-5678" }, []string{
		`data/lieux.csv:7: pivot: expected a SIRET, RNA or RIDET of 9 to 14 letters or digits, found "1234-5678"`,
	}},
	{"postcode pattern", func(r *Row) { r.CodePostal = "6300" }, []string{
		`data/lieux.csv:7: code_postal: expected 5 digits, found "6300"`,
	}},
	{"INSEE code pattern", func(r *Row) { r.CodeInsee = "6311" }, []string{
		`data/lieux.csv:7: code_insee: expected a 5-character INSEE commune code such as 63113 or 2A004, found "6311"`,
	}},
	{"INSEE code of no commune", func(r *Row) { r.CodeInsee = "63999" }, []string{
		`data/lieux.csv:7: code_insee: expected the INSEE code of a current commune, found "63999"`,
	}},
	{"postcode of another commune than the INSEE code", func(r *Row) { r.CodePostal = "63200" }, []string{
		`data/lieux.csv:7: code_postal: expected a postcode of Clermont-Ferrand (INSEE 63113: 63000, 63100), found "63200"`,
	}},
	{"commune name of another commune than the INSEE code", func(r *Row) { r.Commune = "Riom" }, []string{
		`data/lieux.csv:7: commune: expected "Clermont-Ferrand", the commune of INSEE code 63113, found "Riom"`,
	}},
	{"postcode in no département", func(r *Row) { r.CodeInsee = ""; r.CodePostal = "00100" }, []string{
		`data/lieux.csv:7: code_postal: expected a French postcode in use, found "00100"`,
		`data/lieux.csv:7: code_postal: expected a postcode of a French département, found "00100"`,
	}},
	{"postcode not in use", func(r *Row) { r.CodeInsee = ""; r.CodePostal = "63999" }, []string{
		`data/lieux.csv:7: code_postal: expected a French postcode in use, found "63999"`,
	}},
	{"commune not at that postcode", func(r *Row) { r.CodeInsee = ""; r.Commune = "Guéret" }, []string{
		`data/lieux.csv:7: commune: expected a commune of postcode 63000 (Clermont-Ferrand), found "Guéret"`,
	}},
	{"only one coordinate", func(r *Row) { r.Longitude = "" }, []string{
		`data/lieux.csv:7: latitude: expected both latitude and longitude or neither, found latitude "45.77880" and longitude ""`,
	}},
	{"latitude not a number", func(r *Row) { r.Latitude = "45,7788" }, []string{
		`data/lieux.csv:7: latitude: expected a decimal number with a dot such as 45.77722, found "45,7788"`,
	}},
	{"longitude not a number", func(r *Row) { r.Longitude = "3°05'" }, []string{
		`data/lieux.csv:7: longitude: expected a decimal number with a dot such as 3.08700, found "3°05'"`,
	}},
	{"latitude out of range", func(r *Row) { r.Latitude = "-91" }, []string{
		`data/lieux.csv:7: latitude: expected a latitude between -90 and 90, found -91`,
	}},
	{"longitude out of range", func(r *Row) { r.Longitude = "181" }, []string{
		`data/lieux.csv:7: latitude: expected a longitude between -180 and 180, found 181`,
	}},
	{"coordinates swapped", func(r *Row) { r.Latitude, r.Longitude = r.Longitude, r.Latitude }, []string{
		`data/lieux.csv:7: latitude: latitude 3.0955 and longitude 45.7788 look swapped (the point would be in France the other way round)`,
	}},
	{"point outside France", func(r *Row) { r.Latitude, r.Longitude = "40.4168", "-3.7038" }, []string{
		`data/lieux.csv:7: latitude: expected a point in France (metropolitan or overseas), found 40.4168, -3.7038`,
	}},
	{"telephone pattern", func(r *Row) { r.Telephone = "04 73 99 04 46" }, []string{
		`data/lieux.csv:7: telephone: expected an international number such as +33473000000 (no spaces), found "04 73 99 04 46"`,
	}},
	{"e-mail addresses", func(r *Row) { r.Courriels = "contact@gare.example;autre@gare.example|Jean <jean@gare.example>" }, []string{
		`data/lieux.csv:7: courriels: expected e-mail addresses separated by |, found "Jean <jean@gare.example>"`,
		`data/lieux.csv:7: courriels: expected e-mail addresses separated by |, found "contact@gare.example;autre@gare.example"`,
	}},
	{"web addresses", func(r *Row) {
		r.SiteWeb = "https://ok.example/|www.gare.example"
		r.FicheAccesLibre = "javascript:alert(1)"
		r.PriseRdv = "https://"
	}, []string{
		`data/lieux.csv:7: fiche_acces_libre: expected a web address starting with https://, found "javascript:alert(1)"`,
		`data/lieux.csv:7: prise_rdv: expected a web address starting with https://, found "https://"`,
		`data/lieux.csv:7: site_web: expected a web address starting with https://, found "www.gare.example"`,
	}},
	{"opening hours", func(r *Row) { r.Horaires = "Mo-Fr 9h-17h" }, []string{
		`data/lieux.csv:7: horaires: expected OpenStreetMap opening_hours such as "Mo-Fr 09:00-12:00,14:00-17:00": col 7: expected a time like 09:00, found "9h"`,
	}},
	{"summary length", func(r *Row) { r.PresentationResume = strings.Repeat("é", MaxResume+1) }, []string{
		`data/lieux.csv:7: presentation_resume: expected at most 280 characters, found 281`,
	}},
	{"update date", func(r *Row) { r.DateMaj = "05/10/2026" }, []string{
		`data/lieux.csv:7: date_maj: expected a date YYYY-MM-DD, found "05/10/2026"`,
	}},
	{"vocabularies", func(r *Row) {
		r.Services = "Aide aux démarches administratives;Loisirs et créations numériques"
		r.Publics = "Retraités"
		r.PriseEnCharge = "surdité"
		r.Frais = "Gratuit|Payant sur place"
		r.Dispositifs = "France services"
		r.FormationsLabels = "Étapes numériques (La Poste)"
		r.ModalitesAcces = "Se présenter|Écrire"
		r.ModalitesAccompagnement = "En groupe"
		r.Itinerance = "Mobile"
	}, []string{
		`data/lieux.csv:7: dispositif_programmes_nationaux: expected values among ` + quote(Dispositifs) + `, found "France services"`,
		`data/lieux.csv:7: formations_labels: expected values among ` + quote(FormationsLabels) + `, found "Étapes numériques (La Poste)"`,
		`data/lieux.csv:7: frais_a_charge: expected values among ` + quote(Frais) + `, found "Payant sur place"`,
		`data/lieux.csv:7: itinerance: expected values among ` + quote(Itinerance) + `, found "Mobile"`,
		`data/lieux.csv:7: modalites_acces: expected values among ` + quote(ModalitesAcces) + `, found "Écrire"`,
		`data/lieux.csv:7: modalites_accompagnement: expected values among ` + quote(ModalitesAccompagnement) + `, found "En groupe"`,
		`data/lieux.csv:7: prise_en_charge_specifique: expected values among ` + quote(PrisesEnCharge) + `, found "surdité"`,
		`data/lieux.csv:7: publics_specifiquement_adresses: expected values among ` + quote(Publics) + `, found "Retraités"`,
		`data/lieux.csv:7: services: expected values among ` + quote(Services) + `, found "Aide aux démarches administratives;Loisirs et créations numériques" (values are separated by | in standard v1, not ;)`,
	}},
}

func TestRules(t *testing.T) {
	for _, c := range ruleCases {
		t.Run(c.name, func(t *testing.T) {
			r := full()
			c.edit(&r)
			got := check(r)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestEveryRuleHasACase reads venue.go and fails when a message of Check
// (a bad(...) call) is produced by no case of ruleCases: a new rule comes
// with its test.
func TestEveryRuleHasACase(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "venue.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, c := range ruleCases {
		all = append(all, c.want...)
	}
	all = append(all, parseCases()...)
	joined := strings.Join(all, "\n")
	ast.Inspect(f, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || len(call.Args) < 2 {
			return true
		}
		if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "bad" {
			if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || sel.Sel.Name != "Add" {
				return true
			}
		}
		lit, ok := call.Args[1].(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return true
		}
		format, _ := strconv.Unquote(lit.Value)
		re := regexp.QuoteMeta(format)
		re = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z]`).ReplaceAllString(re, ".*")
		if !regexp.MustCompile(re).MatchString(joined) {
			t.Errorf("%s: no test case produces %q", fset.Position(lit.Pos()), format)
		}
		return true
	})
}

// parseCases returns the messages TestParse checks, for TestEveryRuleHasACase.
func parseCases() []string { return []string{duplicateMsg} }

const duplicateMsg = `data/lieux.csv:4: id: expected a unique id, found "a" again (first on line 2)`

// TestParse checks the rules across rows: unique ids, every row reported.
func TestParse(t *testing.T) {
	a, b := minimal(), minimal()
	b.Nom = "Autre"
	bad := minimal()
	bad.ID = "b"
	bad.DateMaj = ""
	data, err := csvio.Write([]Row{a, bad, b})
	if err != nil {
		t.Fatal(err)
	}
	var l diag.List
	vs := Parse("data/lieux.csv", data, &l)
	var got []string
	for _, p := range l.Problems() {
		got = append(got, p.String())
	}
	want := []string{
		"data/lieux.csv:3: date_maj: expected a value (required by the national standard), found nothing",
		duplicateMsg,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(vs) != 2 || vs[0].Line != 2 || vs[1].Line != 3 {
		t.Errorf("venues %v: want the first two rows (the duplicate is dropped)", vs)
	}
}

// FuzzParse feeds arbitrary CSV through Parse and Check: no panic, every
// venue returned without problems is usable (id fit for a URL, coordinates
// in range, hours parsed), and a problem always names the file.
func FuzzParse(f *testing.F) {
	header := strings.Join(Columns, ",") + "\n"
	good, _ := csvio.Write([]Row{full(), minimal()})
	f.Add(good)
	f.Add([]byte(header))
	f.Add([]byte("\ufeff" + strings.ReplaceAll(string(good), "\n", "\r\n")))
	f.Add([]byte(header + "a,\"b\"c,\n"))
	f.Add([]byte(header + "a,1,2\n"))
	f.Add([]byte(header + strings.Repeat(",", 31) + "\n"))
	f.Add([]byte(header + "x,123456789,N,Guéret,23000,,a,,3.1,45.7,,,,javascript:alert(1),Mo 25:00-26:00,,,,,,2026-02-30,<script>,,,,,,,,,,\n"))
	f.Add([]byte("id\xff,pivot\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var l diag.List
		vs := Parse("data/lieux.csv", data, &l)
		for _, p := range l.Problems() {
			if p.File != "data/lieux.csv" || p.Msg == "" {
				t.Fatalf("problem without file or message: %+v", p)
			}
		}
		if l.Len() > 0 {
			return
		}
		for _, v := range vs {
			if !idPattern.MatchString(v.ID) || v.Line < 2 {
				t.Fatalf("valid venue with id %q on line %d", v.ID, v.Line)
			}
			if v.HasPoint && (v.Point.Lat() < -90 || v.Point.Lat() > 90 || v.Point.Lon() < -180 || v.Point.Lon() > 180) {
				t.Fatalf("valid venue with point %v", v.Point)
			}
			if (v.Horaires != "") != (v.Hours != nil) {
				t.Fatalf("horaires %q but schedule %v", v.Horaires, v.Hours)
			}
		}
	})
}
