package datainclusion

import (
	"encoding/json"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"labo/internal/refdata"
	"labo/internal/venue"
)

func enum(t *testing.T, file, def string) []string {
	t.Helper()
	var s struct {
		Defs map[string]struct {
			Enum []string `json:"enum"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(refdata.Read(t, "data-inclusion/"+file), &s); err != nil {
		t.Fatal(err)
	}
	values := s.Defs[def].Enum
	if len(values) == 0 {
		t.Fatalf("%s: no enum %s", file, def)
	}
	return values
}

// TestMappingsUseSchemaValues keeps every mapped value inside the enums of
// data·inclusion's schemas, and every national service mapped.
func TestMappingsUseSchemaValues(t *testing.T) {
	thematiques := enum(t, "service.schema.json", "Thematique")
	for _, ns := range venue.Services {
		th, ok := Thematiques[ns]
		if !ok || len(th) == 0 {
			t.Errorf("national service %q has no thématique", ns)
		}
		if Descriptions[ns] == "" {
			t.Errorf("national service %q has no description", ns)
		}
		for _, x := range th {
			if !slices.Contains(thematiques, x) {
				t.Errorf("%q → %q is not a data·inclusion thématique", ns, x)
			}
		}
	}
	if len(Thematiques) != len(venue.Services) {
		t.Errorf("%d mappings for %d national services", len(Thematiques), len(venue.Services))
	}
	check := func(file, def string, values map[string]string, keys []string) {
		allowed := enum(t, file, def)
		for k, v := range values {
			if !slices.Contains(allowed, v) {
				t.Errorf("%s: %q → %q is not in %s", def, k, v, file)
			}
			if keys != nil && !slices.Contains(keys, k) {
				t.Errorf("%s: %q is not a value of the national standard", def, k)
			}
		}
	}
	check("structure.schema.json", "ReseauPorteur", ReseauxDispositifs, append(slices.Clone(venue.Dispositifs), venue.FormationsLabels...))
	check("structure.schema.json", "ReseauPorteur", ReseauxTypologies, nil)
	check("service.schema.json", "Public", Publics, venue.Publics)
	check("service.schema.json", "ModeMobilisation", Mobilisation, venue.ModalitesAcces)
}

func TestClamp(t *testing.T) {
	tests := []struct {
		in       string
		min, max int
		fallback string
		want     string
	}{
		{"Centre social", 3, 150, "Riom", "Centre social"},
		{"AB", 3, 150, "Riom", "AB – Riom"},
		{"un deux trois quatre", 3, 12, "", "un deux…"},
		{"éééééééééé", 3, 5, "", "éééé…"},
	}
	for _, tt := range tests {
		if got := clamp(tt.in, tt.min, tt.max, tt.fallback); got != tt.want {
			t.Errorf("clamp(%q, %d, %d) = %q, want %q", tt.in, tt.min, tt.max, got, tt.want)
		}
	}
}

func TestIsSiret(t *testing.T) {
	for p, want := range map[string]bool{"43493312300029": true, venue.PivotPlaceholder: false, "W123456789": false, "434933123": false, "4349331230002A": false} {
		if isSiret(p) != want {
			t.Errorf("isSiret(%q) = %v", p, !want)
		}
	}
}

// mappingMarkdown renders the mapping tables for docs/open-data.md.
func mappingMarkdown() string {
	var b strings.Builder
	b.WriteString("| service du standard national | thématiques data·inclusion |\n|---|---|\n")
	for _, ns := range venue.Services {
		b.WriteString("| " + ns + " | `" + strings.Join(Thematiques[ns], "`, `") + "` |\n")
	}
	b.WriteString("\n| valeur du standard national | data·inclusion |\n|---|---|\n")
	row := func(field string, m map[string]string, order []string) {
		for _, k := range order {
			if v, ok := m[k]; ok {
				b.WriteString("| `" + field + "` : " + k + " | `" + v + "` |\n")
			}
		}
	}
	row("publics_specifiquement_adresses", Publics, venue.Publics)
	row("modalites_acces", Mobilisation, venue.ModalitesAcces)
	row("dispositif_programmes_nationaux", ReseauxDispositifs, venue.Dispositifs)
	row("formations_labels", ReseauxDispositifs, venue.FormationsLabels)
	typologies := slices.Sorted(maps.Keys(ReseauxTypologies))
	row("typologie", ReseauxTypologies, typologies)
	return b.String()
}

var update = flag.Bool("update", false, "rewrite the generated tables of docs/open-data.md")

// TestDocsMappingTable keeps docs/open-data.md equal to the mapping tables
// (go test -run TestDocsMappingTable -update rewrites it).
func TestDocsMappingTable(t *testing.T) {
	file := filepath.Join("..", "..", "docs", "open-data.md")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	open, close := "<!-- data-inclusion-table -->\n", "<!-- /data-inclusion-table -->"
	i, j := strings.Index(string(data), open), strings.Index(string(data), close)
	if i < 0 || j < i {
		t.Fatalf("markers not found in %s", file)
	}
	body := mappingMarkdown()
	if string(data[i+len(open):j]) == body {
		return
	}
	if !*update {
		t.Fatalf("%s: the data·inclusion tables are out of date; run go test -run TestDocsMappingTable -update", file)
	}
	if err := os.WriteFile(file, []byte(string(data[:i+len(open)])+body+string(data[j:])), 0o644); err != nil {
		t.Fatal(err)
	}
}
