package need

import (
	"strings"
	"testing"

	"labo/internal/diag"
	"labo/internal/referential"
)

const refSrc = `[[familles]]
code = "DEM"
titre = "Démarches en ligne"

[[services]]
code = "DEM-01"
famille = "DEM"
titre = "Faire une démarche urgente à votre place"
description = "Un médiateur fait la démarche avec vous."
niveau = "premiers pas"
etape = "Résoudre"
formats = ["individuel"]
duree = "1 h"
duree_minutes = 60
cheques = 1
faire_a_la_place = true
services_nationaux = ["Aide aux démarches administratives"]

[[services]]
code = "DEM-02"
famille = "DEM"
titre = "Créer son compte en ligne"
description = "Vous apprenez à créer votre compte."
niveau = "base"
etape = "Émanciper"
formats = ["individuel"]
duree = "1 h"
duree_minutes = 60
cheques = 1
services_nationaux = ["Aide aux démarches administratives"]
`

const valid = `# Needs of the demo
[[besoins]]
code        = "demarche-urgente"
titre       = "Faire une démarche urgente"
description = "Un papier à rendre vite."
pictogramme = "urgence"
urgent      = true
services    = ["DEM-01", "DEM-02"]

[[besoins]]
code        = "compte-en-ligne"
titre       = "Créer un compte en ligne"
description = "Pour les impôts ou la CAF."
pictogramme = "demarches"
services    = ["DEM-02"]
`

func ref(t *testing.T) *referential.Referential {
	t.Helper()
	var p diag.List
	r := referential.Parse([]byte(refSrc), &p)
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestParseValid(t *testing.T) {
	var p diag.List
	needs := Parse([]byte(valid), ref(t), &p)
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	if len(needs) != 2 {
		t.Fatalf("got %d needs, want 2", len(needs))
	}
	n := needs[0]
	if n.Slug != "demarche-urgente" || !n.Urgent || n.Line != 3 || len(n.Services) != 2 || n.Services[0].Code != "DEM-01" {
		t.Errorf("unexpected need: %+v", n)
	}
	if ob := n.OnBehalf(); len(ob) != 1 || ob[0].Code != "DEM-01" {
		t.Errorf("OnBehalf = %v, want [DEM-01]", ob)
	}
	if ob := needs[1].OnBehalf(); len(ob) != 0 {
		t.Errorf("OnBehalf of a non-urgent need = %v, want none", ob)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"unknown code", `services    = ["DEM-02"]`, `services    = ["DEM-09"]`,
			`data/besoins.toml:15: services: expected codes of data/referentiel.toml, found "DEM-09"`},
		{"no services", `services    = ["DEM-02"]`, `services    = []`,
			`data/besoins.toml:15: services: expected at least one code of data/referentiel.toml, found none`},
		{"twice", `services    = ["DEM-02"]`, `services    = ["DEM-02", "DEM-02"]`,
			`data/besoins.toml:15: services: expected each code once, found "DEM-02" twice`},
		{"urgent without on-behalf", `services    = ["DEM-01", "DEM-02"]`, `services    = ["DEM-02"]`,
			`data/besoins.toml:7: urgent: expected an urgent need to list at least one service with faire_a_la_place = true, found none among DEM-02`},
		{"bad slug", `code        = "compte-en-ligne"`, `code        = "Compte en ligne"`,
			`data/besoins.toml:11: code: expected lowercase letters, digits and single dashes (it becomes the address /orienter/<code>/), found "Compte en ligne"`},
		{"reserved slug", `code        = "compte-en-ligne"`, `code        = "fiche"`,
			`data/besoins.toml:11: code: expected a code other than fiche and donnees`},
		{"duplicate slug", `code        = "compte-en-ligne"`, `code        = "demarche-urgente"`,
			`data/besoins.toml:11: code: expected a unique code, found "demarche-urgente" again (first on line 3)`},
		{"empty title", `titre       = "Créer un compte en ligne"`, `titre       = " "`,
			`data/besoins.toml:12: titre: expected the need in the person's words, found nothing`},
		{"long description", `description = "Pour les impôts ou la CAF."`, `description = "` + strings.Repeat("a", 201) + `"`,
			`data/besoins.toml:13: description: expected at most 200 characters, found 201`},
		{"pictogram", `pictogramme = "demarches"`, `pictogramme = "../x.svg"`,
			`data/besoins.toml:14: pictogramme: expected the name of a pictogram of static/vendor/pictos/ such as "urgence", found "../x.svg"`},
		{"unknown key", `pictogramme = "demarches"`, "pictogramme = \"demarches\"\nicone = \"x\"",
			`data/besoins.toml:15: besoins.icone: unknown key`},
		{"syntax", `urgent      = true`, `urgent      = `, `data/besoins.toml:7:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(valid, tt.old, tt.new, 1)
			if in == valid {
				t.Fatalf("the test does not change the input: %q not found", tt.old)
			}
			var p diag.List
			Parse([]byte(in), ref(t), &p)
			if err := p.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestAllProblemsAtOnce(t *testing.T) {
	in := strings.Replace(valid, `["DEM-02"]`, `["XXX-01"]`, 1)
	in = strings.Replace(in, `"urgence"`, `"Urgence!"`, 1)
	var p diag.List
	Parse([]byte(in), ref(t), &p)
	if got := strings.Count(p.Err().Error(), "data/besoins.toml:"); got != 2 {
		t.Errorf("got %d problems, want 2:\n%v", got, p.Err())
	}
}
