package importer

import (
	"bytes"
	"strings"
	"testing"

	"labo/internal/diag"
	"labo/internal/refdata"
	"labo/internal/venue"
)

func TestPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+33473990273", "+33473990273"},
		{"04 73 99 02 73", "+33473990273"},
		{"04.73.99.02.73", "+33473990273"},
		{"04-73-99-02-73", "+33473990273"},
		{"0473990273", "+33473990273"},
		{"+33 (0)4 73 99 02 73", "+33473990273"},
		{"0033 4 73 99 02 73", "+33473990273"},
		{"33473990273", "+33473990273"},
		{"473990273", "+33473990273"},
		{"04 73 99 02 73 / 06 12 34 56 78", "+33473990273"},
		{"04 73 99 02 73 ou 06 12 34 56 78", "+33473990273"},
		{"0590 12 34 56", "+590590123456"},
		{"0692 12 34 56", "+262692123456"},
		{"\u00a004\u00a073 99 02 73", "+33473990273"},
		{"tél : 04 73", ""},
		{"12", ""},
		{"+1 555 0100", ""},
	}
	for _, tt := range tests {
		got, ok := Phone(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Phone(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestMakeID(t *testing.T) {
	if got := MakeID("74360", "Abondance", "MAISON DE SERVICES AU PUBLIC D'ABONDANCE"); got != "74-abondance-maison-de-services-au-public-d-abondance" {
		t.Errorf("MakeID = %q", got)
	}
	long := MakeID("63000", "Clermont-Ferrand", strings.Repeat("Très long nom de lieu ", 10))
	if len(long) > 72 || strings.HasSuffix(long, "-") {
		t.Errorf("long id %q", long)
	}
}

// v1 is a one-row national-standard CSV to derive cases from.
const v1Header = "id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv\n"

func importCSV(t *testing.T, existing []byte, rows ...string) *Result {
	t.Helper()
	src, err := Parse("test.csv", []byte(v1Header+strings.Join(rows, "\n")+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(existing, src)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func rowsOf(t *testing.T, out []byte) []*venue.Venue {
	t.Helper()
	var p diag.List
	vs := venue.Parse("out.csv", out, &p)
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	return vs
}

func notesFor(res *Result, field string) []Note {
	var out []Note
	for _, n := range res.Notes {
		if n.Field == field {
			out = append(out, n)
		}
	}
	return out
}

// TestNormalise checks each correction on one field and that it is
// reported.
func TestNormalise(t *testing.T) {
	base := "lieu-a,12345678900011,Espace numérique,Riom,63200,63300,12 rue Desaix,,45.893,3.117,,,,,,,,,,,2026-01-15,Aide aux démarches administratives,,,,,,,,,,"
	set := func(col, value string) string {
		f := strings.Split(base, ",")
		for i, c := range venue.Columns {
			if c == col {
				f[i] = value
			}
		}
		return strings.Join(f, ",")
	}
	tests := []struct {
		col, in, want, action string
	}{
		{"telephone", "04 73 99 18 30", "+33473991830", "écrit +33473991830"},
		{"code_postal", "3000", "03000", "corrigé en 03000"},
		{"commune", "RIOM", "Riom", "écrit Riom"},
		{"date_maj", "15/01/2026", "2026-01-15", "écrite 2026-01-15"},
		{"courriels", "Contact@Riom.FR ; accueil@riom.fr", "Contact@riom.fr|accueil@riom.fr", "écrit Contact@riom.fr|accueil@riom.fr"},
		{"courriels", "pas-une-adresse", "", "adresse retirée"},
		{"site_web", "www.riom.fr", "https://www.riom.fr", "écrit https://www.riom.fr"},
		{"horaires", "lundi 9h-12h", "", "valeur retirée (à ressaisir)"},
		{"pivot", "", venue.PivotPlaceholder, "remplacé par 00000000000000 (valeur d'attente de la cartographie nationale)"},
		{"pivot", "123 456 789 00011", "12345678900011", "corrigé en 12345678900011"},
		{"frais_a_charge", "gratuit", "Gratuit", "corrigé : Gratuit"},
		{"services", "Aide aux démarches administratives;Accès internet et matériel informatique", "Aide aux démarches administratives|Accès internet et matériel informatique", "remplacé par « | »"},
		{"formations_labels", "Étapes numériques (La Poste)", "Étapes numériques(La Poste)", "corrigé : Étapes numériques(La Poste)"},
		{"modalites_acces", "Venir sur place", "", "valeur non reprise"},
		{"code_insee", "3190", "03190", "corrigé en 03190"},
	}
	for _, tt := range tests {
		t.Run(tt.col+"/"+tt.in, func(t *testing.T) {
			in := set(tt.col, tt.in)
			if tt.col == "code_postal" || tt.col == "code_insee" {
				// A place where the leading zero matters: Moulins, 03000, INSEE 03190.
				moulins := strings.Replace(strings.Replace(base, ",Riom,63200,63300,", ",Moulins,03000,03190,", 1), ",45.893,3.117,", ",,,", 1)
				in = strings.Replace(moulins, ",03000,03190,", ",03000,"+tt.in+",", 1)
				if tt.col == "code_postal" {
					in = strings.Replace(moulins, ",03000,03190,", ","+tt.in+",,", 1)
				}
			}
			res := importCSV(t, nil, in)
			if res.Imported != 1 {
				t.Fatalf("not imported: %+v", res.Notes)
			}
			v := rowsOf(t, res.Output)[0]
			f := v.Row.Fields()
			for i, c := range venue.Columns {
				if c == tt.col && f[i] != tt.want {
					t.Errorf("%s = %q, want %q", c, f[i], tt.want)
				}
			}
			ns := notesFor(res, tt.col)
			if len(ns) != 1 || ns[0].Action != tt.action || ns[0].Status != Imported || ns[0].ID != "lieu-a" {
				t.Errorf("notes = %+v, want one with action %q", ns, tt.action)
			}
		})
	}
}

func TestCoordinates(t *testing.T) {
	row := func(lat, lon string) string {
		return "lieu-a,12345678900011,Espace,Riom,63200,,1 rue Desaix,," + lat + "," + lon + ",,,,,,,,,,,2026-01-15,,,,,,,,,,,"
	}
	tests := []struct{ lat, lon, wantLat, wantLon string }{
		{"45.89300", "3.11700", "45.89300", "3.11700"},
		{"3.117", "45.893", "45.893", "3.117"},
		{"45.89312345678", "3.117", "45.893123", "3.117"},
		{`"45,893"`, `"3,117"`, "45.893", "3.117"},
		{"0", "0", "", ""},
		{"45.893", "", "", ""},
		{"40.7", "-74.0", "", ""},
	}
	for _, tt := range tests {
		res := importCSV(t, nil, row(tt.lat, tt.lon))
		v := rowsOf(t, res.Output)[0]
		if v.Latitude != tt.wantLat || v.Longitude != tt.wantLon {
			t.Errorf("%s,%s → %s,%s; want %s,%s", tt.lat, tt.lon, v.Latitude, v.Longitude, tt.wantLat, tt.wantLon)
		}
		if (tt.lat != tt.wantLat) != (len(notesFor(res, "latitude")) == 1) {
			t.Errorf("%s,%s: notes %+v", tt.lat, tt.lon, notesFor(res, "latitude"))
		}
	}
}

func TestRejects(t *testing.T) {
	tests := []struct{ row, reason string }{
		{"a,1234567890,,Riom,63200,,1 rue,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,", "le nom du lieu manque"},
		{"a,1234567890,Lieu,Riom,632,,1 rue,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,", "code postal invalide"},
		{"a,1234567890,Lieu,Riom,99999,,1 rue,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,", "code postal invalide"},
		{"a,1234567890,Lieu,Riom,63200,,,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,", "l'adresse manque"},
		{"a,1234567890,Lieu,Riom-ès-Montagnes,63200,,1 rue,,45.893,3.117,,,,,,,,,,,2026-01-15,,,,,,,,,,,", "la commune « Riom-ès-Montagnes » n'a pas le code postal 63200"},
		{"a,1234567890,Lieu,Saint-Martin,75999,,1 rue,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,", "le code postal 75999 n'est attribué à aucune commune"},
		{"a,1234567890,Lieu,Riom,63200,,1 rue,,,,,,,,,,,,,,hier,,,,,,,,,,,", "date de mise à jour illisible"},
	}
	for _, tt := range tests {
		res := importCSV(t, nil, tt.row)
		if res.Rejected != 1 || res.Imported != 0 || len(rowsOf(t, res.Output)) != 0 {
			t.Errorf("%s: %d rejected, %d imported", tt.row, res.Rejected, res.Imported)
			continue
		}
		if !strings.Contains(res.Notes[0].Action, tt.reason) || res.Notes[0].Status != Rejected {
			t.Errorf("outcome %+v, want the reason %q", res.Notes[0], tt.reason)
		}
	}
}

// TestDuplicates covers the three ways a row is recognised as a known venue.
func TestDuplicates(t *testing.T) {
	existing := venue.EncodeCSV([]venue.Row{{
		ID: "63-riom-espace", Pivot: "12345678900011", Nom: "Espace numérique de Riom", Commune: "Riom", CodePostal: "63200",
		Adresse: "12 boulevard Desaix", Latitude: "45.89300", Longitude: "3.11700", DateMaj: "2026-01-15",
	}})
	tests := []struct {
		name, row, why string
		merged         bool
	}{
		{"same id", "63-riom-espace,12345678900011,Espace numérique de Riom,Riom,63200,,12 boulevard Desaix,,45.89300,3.11700,,,,,,,,,,,2026-01-15,,,,,,,,,,,", "même identifiant", true},
		{"same pivot", "autre,12345678900011,EPN Riom,Riom,63200,,3 rue Neuve,,,,,,,,,,,,,,2026-02-01,,,,,,,,,,,", "même SIRET", true},
		{"close name and address", "x-1,,Espace numerique Riom,RIOM,63200,,12 bd Desaix,,45.89310,3.11710,,,,,,,,,,,2026-03-01,,,,,,,,,,,", "nom et adresse proches, à 14 m", true},
		{"same name far away", "x-2,,Espace numérique de Riom,Riom,63200,,12 boulevard Desaix,,45.90000,3.11700,,,,,,,,,,,2026-03-01,,,,,,,,,,,", "", false},
		{"other house number", "x-3,,Espace numérique de Riom,Riom,63200,,40 boulevard Desaix,,45.89301,3.11701,,,,,,,,,,,2026-03-01,,,,,,,,,,,", "", false},
		{"placeholder pivot is no match", "x-4,00000000000000,Cinéma,Riom,63200,,1 place,,,,,,,,,,,,,,2026-03-01,,,,,,,,,,,", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := importCSV(t, existing, tt.row)
			if (res.Merged == 1) != tt.merged {
				t.Fatalf("merged = %d, want %v: %+v", res.Merged, tt.merged, res.Notes)
			}
			if tt.merged && (!strings.Contains(res.Notes[0].Action, tt.why) || res.Notes[0].ID != "63-riom-espace") {
				t.Errorf("outcome %q, want it to say %q", res.Notes[0].Action, tt.why)
			}
		})
	}
}

// TestMergePolicy checks a newer row updates, an older one does not, and an
// empty value never erases.
func TestMergePolicy(t *testing.T) {
	existing := venue.EncodeCSV([]venue.Row{{
		ID: "lieu-a", Pivot: "12345678900011", Nom: "Espace", Commune: "Riom", CodePostal: "63200",
		Adresse: "12 rue Desaix", Telephone: "+33473991830", Horaires: "Mo 09:00-12:00", DateMaj: "2026-01-15",
	}})
	newer := importCSV(t, existing, "lieu-a,12345678900011,Espace,Riom,63200,,12 rue Desaix,,,,,+33473990000,,,,,,,,,2026-06-01,,,,,,,,,,,")
	v := rowsOf(t, newer.Output)[0]
	if v.Telephone != "+33473990000" || v.Horaires != "Mo 09:00-12:00" || v.DateMaj != "2026-06-01" || newer.Changed != 1 {
		t.Errorf("newer: %+v", v.Row)
	}
	older := importCSV(t, existing, "lieu-a,12345678900011,Espace,Riom,63200,,12 rue Desaix,,,,,+33473990000,contact@riom.fr,,,,,,,,2025-06-01,,,,,,,,,,,")
	v = rowsOf(t, older.Output)[0]
	if v.Telephone != "+33473991830" || v.Courriels != "contact@riom.fr" || v.DateMaj != "2026-01-15" {
		t.Errorf("older: %+v", v.Row)
	}
	if ns := notesFor(older, "telephone"); len(ns) != 1 || ns[0].Action != "valeur existante conservée" {
		t.Errorf("older telephone notes: %+v", ns)
	}
}

// TestIDs checks ids are kept when usable and made otherwise.
func TestIDs(t *testing.T) {
	res := importCSV(t, nil,
		"0,,Médiathèque,Riom,63200,,1 rue A,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,",
		"Structure_1,,Centre social,Riom,63200,,2 rue B,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,",
		"epn,,EPN,Riom,63200,,3 rue C,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,",
		"epn,,Centre social,Thiers,63300,,4 rue D,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,",
		"63-puy-de-dome,,Maison,Riom,63200,,5 rue E,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,",
	)
	var ids []string
	for _, v := range rowsOf(t, res.Output) {
		ids = append(ids, v.ID)
	}
	want := "63-riom-mediatheque 63-riom-centre-social epn 63-thiers-centre-social 63-riom-maison"
	if got := strings.Join(ids, " "); got != want {
		t.Errorf("ids = %s, want %s", got, want)
	}
	if n := len(notesFor(res, "id")); n != 4 {
		t.Errorf("%d id notes, want 4", n)
	}
}

// TestLegacyHinaura imports the Hinaura export in the v0.1 standard: every
// row is accounted for, the count adds up, and the values are mapped.
func TestLegacyHinaura(t *testing.T) {
	data := refdata.Read(t, "venues/hinaura-auvergne-rhone-alpes-legacy-v0.1.json")
	src, err := Parse("hinaura.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if !src.Legacy || src.Format != "json" || len(src.Records) != 687 {
		t.Fatalf("legacy=%v format=%s records=%d", src.Legacy, src.Format, len(src.Records))
	}
	res, err := Import(nil, src)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported+res.Merged+res.Rejected != res.Rows || res.Rows != 687 {
		t.Errorf("%d imported + %d merged + %d rejected != %d rows", res.Imported, res.Merged, res.Rejected, res.Rows)
	}
	outcomes := map[int]string{}
	for _, n := range res.Notes {
		if n.Field == "" && n.Line > 0 {
			if prev, dup := outcomes[n.Line]; dup {
				t.Errorf("line %d has two outcomes: %s and %s", n.Line, prev, n.Status)
			}
			outcomes[n.Line] = n.Status
			if n.Status == Rejected && !strings.Contains(n.Action, ":") {
				t.Errorf("line %d rejected without a reason: %q", n.Line, n.Action)
			}
		}
	}
	if len(outcomes) != 687 {
		t.Errorf("%d rows have an outcome in the report, want 687", len(outcomes))
	}
	out := rowsOf(t, res.Output)
	if len(out) != res.Imported {
		t.Errorf("%d venues written for %d imported", len(out), res.Imported)
	}
	// The first record: MAISON DE SERVICES AU PUBLIC D'ABONDANCE.
	v := out[0]
	want := map[string]string{
		"id":                              "74-abondance-maison-de-services-au-public-d-abondance",
		"commune":                         "Abondance",
		"services":                        "Accès internet et matériel informatique|Aide aux démarches administratives",
		"publics_specifiquement_adresses": "Familles et/ou enfants|Jeunes|Seniors",
		"prise_en_charge_specifique":      "Surdité|Handicaps mentaux|Illettrisme|Déficience visuelle",
		"frais_a_charge":                  "Gratuit",
		"modalites_accompagnement":        "Accompagnement individuel",
		"latitude":                        "46.27947",
		"longitude":                       "6.720032",
	}
	f := v.Row.Fields()
	for i, c := range venue.Columns {
		if w, ok := want[c]; ok && f[i] != w {
			t.Errorf("%s = %q, want %q", c, f[i], w)
		}
	}
	report := res.Report()
	if !bytes.HasPrefix(report, []byte("ligne,statut,id,champ,probleme,action,valeur_source\n")) {
		t.Errorf("report header: %q", report[:60])
	}
}

// TestStandardExample imports the standard's own valid example unchanged.
func TestStandardExample(t *testing.T) {
	data := refdata.Read(t, "mediation-numerique-standard/exemple-valide.csv")
	src, err := Parse("exemple-valide.csv", data)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import(nil, src)
	if err != nil {
		t.Fatal(err)
	}
	if res.Imported != 1 || len(res.Notes) != 1 {
		t.Fatalf("imported %d, notes %+v", res.Imported, res.Notes)
	}
	v := rowsOf(t, res.Output)[0]
	if v.ID != "structure-1" || v.Nom != "Anonymal" || v.Services != "Maîtrise des outils numériques du quotidien|Insertion professionnelle via le numérique|Loisirs et créations numériques" {
		t.Errorf("row = %+v", v.Row)
	}
}

func TestParseFormats(t *testing.T) {
	semicolon := "id;nom;commune;code_postal;adresse;date_maj;publics_accueillis\nx-1;EPN;Riom;63200;1 rue A;2026-01-15;Seniors (+ 65 ans)\n"
	src, err := Parse("legacy.csv", []byte("\ufeff"+semicolon))
	if err != nil {
		t.Fatal(err)
	}
	if !src.Legacy || len(src.Records) != 1 || src.Records[0].Fields["nom"] != "EPN" || src.Records[0].Line != 2 {
		t.Errorf("semicolon CSV: %+v", src)
	}
	wrapped := `{"meta": {"v": [1, {"a": 2}]}, "data": [{"id": "x-1", "nom": "EPN", "latitude": 45.1, "services": ["A", "B"], "extra": null}]}`
	src, err = Parse("w.json", []byte(wrapped))
	if err != nil {
		t.Fatal(err)
	}
	f := src.Records[0].Fields
	if f["latitude"] != "45.1" || f["services"] != "A|B" || f["extra"] != "" || len(src.Unknown) != 1 {
		t.Errorf("wrapped JSON: %+v unknown=%v", f, src.Unknown)
	}
	for _, bad := range []string{"", "{}", `"texte"`, "a,b\n1,2\n", "\xff\xfe"} {
		if _, err := Parse("bad", []byte(bad)); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

// BenchmarkImportHinaura measures parsing, normalising and merging the 687
// venues of the Hinaura v0.1 export into an empty site.
func BenchmarkImportHinaura(b *testing.B) {
	data := refdata.Read(b, "venues/hinaura-auvergne-rhone-alpes-legacy-v0.1.json")
	b.ReportAllocs()
	for b.Loop() {
		src, err := Parse("hinaura.json", data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Import(nil, src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReimportHinaura measures importing the same file again into the
// result: every row is matched against 679 known venues.
func BenchmarkReimportHinaura(b *testing.B) {
	data := refdata.Read(b, "venues/hinaura-auvergne-rhone-alpes-legacy-v0.1.json")
	src, err := Parse("hinaura.json", data)
	if err != nil {
		b.Fatal(err)
	}
	first, err := Import(nil, src)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Import(first.Output, src); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCommunes covers the commune, postcode and INSEE checks against the
// official commune table, with spellings found in real exports.
func TestCommunes(t *testing.T) {
	row := func(commune, cp, insee, lat, lon string) string {
		return "lieu-a,,Espace,\"" + commune + "\"," + cp + "," + insee + ",1 rue A,," + lat + "," + lon + ",,,,,,,,,,,2026-01-15,,,,,,,,,,,"
	}
	tests := []struct {
		name, in                       string
		commune, cp, insee, complement string
		reject                         string
	}{
		{"official spelling", row("SAINT ETIENNE", "42000", "", "", ""), "Saint-Étienne", "42000", "", "", ""},
		{"abbreviated", row("Chamonix", "74400", "", "", ""), "Chamonix-Mont-Blanc", "74400", "", "", ""},
		{"extra words", row("Sciez-sur-Léman", "74140", "", "", ""), "Sciez", "74140", "", "", ""},
		{"article", row("Le Mont-Dore", "63240", "", "", ""), "Mont-Dore", "63240", "", "", ""},
		{"typo", row("Les Molettes", "73800", "", "", ""), "Les Mollettes", "73800", "", "", ""},
		{"former commune, only one for the postcode", row("Cran-Gevrier", "74960", "", "", ""), "Annecy", "74960", "", "Cran-Gevrier", ""},
		{"wrong postcode, found by name and place", row("Pont du château", "63340", "", "45.7985", "3.2478"), "Pont-du-Château", "63430", "", "", ""},
		{"cedex", row("Annecy Cedex 03", "74003", "", "45.8967", "6.1212"), "Annecy", "74000", "", "", ""},
		{"INSEE decides", row("Riom", "63200", "63300", "", ""), "Riom", "63200", "63300", "", ""},
		{"INSEE of another commune", row("Riom", "63200", "63113", "", ""), "Riom", "63200", "", "", ""},
		{"a real commune with the wrong postcode, far away", row("Riom-ès-Montagnes", "63200", "", "45.893", "3.117"), "", "", "", "", "la commune « Riom-ès-Montagnes » n'a pas le code postal 63200"},
		{"delegated commune among several", row("Seynod", "74600", "", "45.889", "6.1015"), "", "", "", "", "la commune « Seynod » n'a pas le code postal 74600"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := importCSV(t, nil, tt.in)
			if tt.reject != "" {
				if res.Rejected != 1 || !strings.Contains(res.Notes[0].Action, tt.reject) {
					t.Fatalf("want rejected with %q, got %+v", tt.reject, res.Notes)
				}
				return
			}
			if res.Imported != 1 {
				t.Fatalf("not imported: %+v", res.Notes)
			}
			v := rowsOf(t, res.Output)[0]
			if v.Commune != tt.commune || v.CodePostal != tt.cp || v.CodeInsee != tt.insee || v.ComplementAdresse != tt.complement {
				t.Errorf("got %q %q %q %q, want %q %q %q %q", v.Commune, v.CodePostal, v.CodeInsee, v.ComplementAdresse, tt.commune, tt.cp, tt.insee, tt.complement)
			}
		})
	}
}
