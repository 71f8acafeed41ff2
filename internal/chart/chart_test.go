package chart

import (
	"encoding/xml"
	"flag"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func charts() map[string]template.HTML {
	return map[string]template.HTML{
		"bars": Bars{ID: "familles", Title: "Services suivis par famille", Desc: "Outils du quotidien : 596 ; Démarches : 186 ; Emploi : secret.", Styled: true, Bars: []Bar{
			{Label: "Outils du quotidien", Value: 596, Text: "596"},
			{Label: "Démarches en ligne", Value: 186, Text: "186"},
			{Label: "Emploi et formation", Secret: true},
			{Label: "Sécurité & vie privée", Value: 106, Text: "106"},
		}}.SVG(),
		"stacked": Stacked{ID: "age", Title: "Âge des personnes", Desc: "Répartition par tranche d'âge.", Categories: []string{"15 à 24 ans", "25 à 49 ans", "50 ans et plus"}, Rows: []StackRow{
			{Label: "Action A", Segments: []Segment{{Share: 20, Text: "20 %"}, {Share: 35, Text: "35 %"}, {Share: 45, Text: "45 %"}}},
			{Label: "Action B", Segments: []Segment{{Secret: true}, {Share: 58, Text: "58 %"}, {Secret: true}}},
		}}.SVG(),
		"lines": Lines{ID: "mois", Title: "Personnes accompagnées chaque mois", Desc: "De janvier à avril.", Unit: "personnes",
			Periods: []string{"janvier 2026", "février 2026", "mars 2026", "avril 2026"},
			Series: []LineSeries{
				{Name: "Action A", Points: []Point{{Value: 33}, {Value: 94}, {Secret: true}, {Value: 74}}},
				{Name: "Action B", Points: []Point{{Empty: true}, {Value: 12}, {Value: 20}, {Value: 18}}},
			}}.SVG(),
		"map": Choropleth{ID: "carte", Title: "Personnes accompagnées par département", Desc: "Puy-de-Dôme 563, Creuse 158, Allier secret.", Unit: "personnes", Areas: []Area{
			{Code: "63", Name: "Puy-de-Dôme", Value: 563, Text: "563"},
			{Code: "23", Name: "Creuse", Value: 158, Text: "158"},
			{Code: "37", Name: "Indre-et-Loire", Value: 36, Text: "36"},
			{Code: "03", Name: "Allier", Secret: true},
		}}.SVG(),
	}
}

// TestGolden compares each chart with testdata/<name>.svg.golden; run
// `go test ./internal/chart -update` after an intended change.
func TestGolden(t *testing.T) {
	for name, svg := range charts() {
		file := filepath.Join("testdata", name+".svg.golden")
		if *update {
			if err := os.WriteFile(file, []byte(svg), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if string(want) != string(svg) {
			_ = os.WriteFile(file+".got", []byte(svg), 0o644)
			t.Errorf("%s differs from %s (see %s.got)", name, file, file)
		}
	}
}

// TestAccessible checks that every chart is well-formed XML, an image
// labelled by its own title and description, without style attributes or
// scripts (the site's CSP forbids them), with unique ids, and that secret
// values get their hatched mark.
func TestAccessible(t *testing.T) {
	for name, svg := range charts() {
		d := xml.NewDecoder(strings.NewReader(string(svg)))
		var root *xml.StartElement
		ids := map[string]bool{}
		for {
			tok, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed: %v", name, err)
			}
			se, ok := tok.(xml.StartElement)
			if !ok {
				continue
			}
			if root == nil {
				c := se.Copy()
				root = &c
			}
			if se.Name.Local == "script" {
				t.Errorf("%s: has a script", name)
			}
			for _, a := range se.Attr {
				if a.Name.Local == "style" {
					t.Errorf("%s: <%s> has a style attribute", name, se.Name.Local)
				}
				if a.Name.Local == "id" {
					if ids[a.Value] {
						t.Errorf("%s: duplicate id %q", name, a.Value)
					}
					ids[a.Value] = true
				}
			}
		}
		attr := map[string]string{}
		for _, a := range root.Attr {
			attr[a.Name.Local] = a.Value
		}
		if root.Name.Local != "svg" || attr["role"] != "img" {
			t.Errorf("%s: root is <%s role=%q>, want <svg role=img>", name, root.Name.Local, attr["role"])
		}
		refs := strings.Fields(attr["aria-labelledby"])
		if len(refs) != 2 {
			t.Errorf("%s: aria-labelledby = %q, want the title and the description", name, attr["aria-labelledby"])
		}
		for _, ref := range refs {
			if !ids[ref] {
				t.Errorf("%s: aria-labelledby names %q, which is not in the chart", name, ref)
			}
		}
		if !strings.Contains(string(svg), "<title id=") || !strings.Contains(string(svg), "<desc id=") {
			t.Errorf("%s: no title or desc", name)
		}
		if !strings.Contains(string(svg), "-secret)") {
			t.Errorf("%s: no hatched mark for its secret value", name)
		}
	}
}

func TestEscapes(t *testing.T) {
	svg := Bars{ID: "x", Title: `<script>"`, Desc: "a & b", Bars: []Bar{{Label: "<b>", Value: 1, Text: "1"}}}.SVG()
	if strings.Contains(string(svg), "<script>") || strings.Contains(string(svg), "<b>") {
		t.Errorf("text not escaped: %s", svg)
	}
}

func TestBreaks(t *testing.T) {
	for _, tc := range []struct {
		in   []float64
		want []float64
	}{
		{nil, nil},
		{[]float64{5}, []float64{5}},
		{[]float64{1, 2}, []float64{1, 2}},
		{[]float64{36, 158, 563, 20, 90, 400, 1000, 7}, []float64{20, 90, 400, 1000}},
	} {
		got := Breaks(tc.in)
		if len(got) != len(tc.want) {
			t.Errorf("Breaks(%v) = %v, want %v", tc.in, got, tc.want)
			continue
		}
		for i := range got {
			if got[i] != tc.want[i] {
				t.Errorf("Breaks(%v) = %v, want %v", tc.in, got, tc.want)
			}
		}
	}
}

func TestKnown(t *testing.T) {
	if !Known("63") || !Known("2A") || Known("971") || len(outlines) != 96 {
		t.Errorf("outlines: 63 %v, 2A %v, 971 %v, %d outlines", Known("63"), Known("2A"), Known("971"), len(outlines))
	}
}
