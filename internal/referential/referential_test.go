package referential

import (
	"strings"
	"testing"

	"labo/internal/diag"
)

const valid = `[[familles]]
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
`

func TestParseValid(t *testing.T) {
	var p diag.List
	r := Parse([]byte(valid), &p)
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	s := r.Service("DEM-01")
	if s == nil || !s.OnBehalf || s.FamilyRef != r.Family("DEM") || len(r.Family("DEM").Services) != 1 || s.Line != 6 {
		t.Fatalf("unexpected model: %+v", s)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ name, old, new, want string }{
		{"bad code", `code = "DEM-01"`, `code = "DEM1"`, `data/referentiel.toml:6: code: expected a service code like DEM-01, found "DEM1"`},
		{"wrong family prefix", `code = "DEM-01"`, `code = "OUT-01"`, `data/referentiel.toml:6: code: expected the code to start with its family "DEM", found "OUT-01"`},
		{"unknown family", `famille = "DEM"`, `famille = "XYZ"`, `data/referentiel.toml:7: famille: expected one of the family codes (DEM), found "XYZ"`},
		{"level", `niveau = "premiers pas"`, `niveau = "expert"`, `data/referentiel.toml:10: niveau: expected one of "premiers pas", "base", "intermédiaire", "avancé", found "expert"`},
		{"step", `etape = "Résoudre"`, `etape = "Resoudre"`, `data/referentiel.toml:11: etape: expected one of "Atteindre"`},
		{"format", `formats = ["individuel"]`, `formats = ["solo"]`, `data/referentiel.toml:12: formats: expected one of "individuel", "collectif", "à distance", found "solo"`},
		{"national", `["Aide aux démarches administratives"]`, `["Aide administrative"]`, `data/referentiel.toml:17: services_nationaux: expected one of "Aide aux démarches administratives"`},
		{"minutes", `duree_minutes = 60`, `duree_minutes = 0`, `data/referentiel.toml:14: duree_minutes: expected a positive number of minutes, found 0`},
		{"cheques", `cheques = 1`, `cheques = -2`, `data/referentiel.toml:15: cheques: expected a number of 10 € cheques between 0 and 50, found -2`},
		{"unknown key", `cheques = 1`, "cheques = 1\nprix = 3", `data/referentiel.toml:16: services.prix: unknown key`},
		{"duplicate", valid, valid + strings.SplitN(valid, "[[services]]", 2)[1], ""},
		{"syntax", `cheques = 1`, `cheques = `, `data/referentiel.toml:15:`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Replace(valid, tt.old, tt.new, 1)
			if tt.name == "duplicate" {
				in = valid + "\n[[services]]" + strings.SplitN(valid, "[[services]]", 2)[1]
				tt.want = `data/referentiel.toml:20: code: duplicate service code "DEM-01" (first defined on line 6)`
			}
			var p diag.List
			Parse([]byte(in), &p)
			if err := p.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}
