package importer

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
)

var update = flag.Bool("update", false, "rewrite the generated tables of docs/open-data.md")

// TestLegacyTableCoversSchema checks every value the v0.1 schema allows in
// its vocabularies has a row in LegacyTable, and every v1 value the table
// produces is in the v1 vocabulary.
func TestLegacyTableCoversSchema(t *testing.T) {
	var s struct {
		Fields []struct {
			Name        string `json:"name"`
			Constraints struct {
				Pattern string `json:"pattern"`
			} `json:"constraints"`
		} `json:"fields"`
	}
	if err := json.Unmarshal(refdata.Read(t, "mediation-numerique-standard/schema-v0.1.1-legacy.json"), &s); err != nil {
		t.Fatal(err)
	}
	const open, close = `(?:(?:^|;)(`, `))+$`
	checked := 0
	for _, f := range s.Fields {
		p := f.Constraints.Pattern
		if !strings.HasPrefix(p, open) {
			continue
		}
		checked++
		body := strings.TrimSuffix(strings.TrimPrefix(p, open), close)
		body = strings.NewReplacer(`\(`, "(", `\)`, ")", `\.`, ".", `\+`, "+").Replace(body)
		for _, v := range strings.Split(body, "|") {
			if _, ok := legacy[f.Name][key(v)]; !ok {
				t.Errorf("%s: the v0.1 value %q has no mapping", f.Name, v)
			}
		}
	}
	if checked != len(LegacyTable) {
		t.Errorf("the v0.1 schema has %d vocabularies, LegacyTable %d", checked, len(LegacyTable))
	}
	for _, col := range LegacyTable {
		for _, m := range col.Values {
			for _, to := range m.To {
				if to.Field == "" || to.Field == "autres_formations_labels" {
					continue
				}
				if !slices.Contains(vocabularies[to.Field], to.Value) {
					t.Errorf("%s %q → %s %q is not a v1 value", col.Column, m.From, to.Field, to.Value)
				}
			}
		}
	}
}

// legacyMarkdown renders LegacyTable for docs/open-data.md.
func legacyMarkdown() string {
	var b strings.Builder
	b.WriteString("| colonne v0.1 | valeur v0.1 | devient en v1 | remarque |\n|---|---|---|---|\n")
	for _, col := range LegacyTable {
		for _, m := range col.Values {
			for _, to := range m.To {
				dest := "*(non reprise)*"
				if to.Field != "" {
					dest = "`" + to.Field + "` : " + to.Value
				}
				b.WriteString("| `" + col.Column + "` | " + m.From + " | " + dest + " | " + to.Note + " |\n")
			}
		}
	}
	for _, old := range sortedKeys(renamed) {
		b.WriteString("| `" + old + "` | *(toute valeur)* | `" + renamed[old] + "` | colonne renommée |\n")
	}
	b.WriteString("| `cle_ban` | *(toute valeur)* | *(non reprise)* | pas d'équivalent en v1 ; signalée dans le rapport |\n")
	return b.String()
}

func sortedKeys(m map[string]string) []string {
	out := slices.Collect(maps.Keys(m))
	slices.Sort(out)
	return out
}

// TestDocsLegacyTable keeps the mapping table of docs/open-data.md equal to
// LegacyTable (go test -run TestDocsLegacyTable -update rewrites it).
func TestDocsLegacyTable(t *testing.T) {
	replaceBetween(t, filepath.Join("..", "..", "docs", "open-data.md"), "legacy-table", legacyMarkdown())
}

// replaceBetween checks (or, with -update, rewrites) the text between
// <!-- name --> and <!-- /name --> in a Markdown file.
func replaceBetween(t *testing.T, file, name, body string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	open, close := "<!-- "+name+" -->\n", "<!-- /"+name+" -->"
	i, j := strings.Index(string(data), open), strings.Index(string(data), close)
	if i < 0 || j < i {
		t.Fatalf("%s: markers %q and %q not found", file, open, close)
	}
	got := string(data[i+len(open) : j])
	if got == body {
		return
	}
	if !*update {
		t.Fatalf("%s: the table between %q markers is out of date; run go test -run %s -update", file, name, t.Name())
	}
	out := string(data[:i+len(open)]) + body + string(data[j:])
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}
