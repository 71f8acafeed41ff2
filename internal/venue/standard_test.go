package venue

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"labo/internal/refdata"
)

type refSchema struct {
	Fields []struct {
		Name        string `json:"name"`
		Type        string `json:"type"`
		Constraints struct {
			Required  bool   `json:"required"`
			Pattern   string `json:"pattern"`
			MaxLength int    `json:"maxLength"`
		} `json:"constraints"`
	} `json:"fields"`
}

func loadStandard(t *testing.T) refSchema {
	t.Helper()
	var s refSchema
	if err := json.Unmarshal(refdata.Read(t, "mediation-numerique-standard/schema.json"), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// alternatives extracts the allowed values from a multi-value pattern of the
// standard, written (?:(?:^|\|)(A|B|C))+$, unescaping \( \) and \. .
func alternatives(t *testing.T, pattern string) []string {
	t.Helper()
	const open, close = `(?:(?:^|\|)(`, `))+$`
	if !strings.HasPrefix(pattern, open) || !strings.HasSuffix(pattern, close) {
		t.Fatalf("unexpected pattern shape %q", pattern)
	}
	body := strings.TrimSuffix(strings.TrimPrefix(pattern, open), close)
	var out []string
	var cur strings.Builder
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case c == '\\' && i+1 < len(body):
			i++
			cur.WriteByte(body[i])
		case c == '|':
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}

func TestColumnsMatchStandard(t *testing.T) {
	s := loadStandard(t)
	var names []string
	for _, f := range s.Fields {
		names = append(names, f.Name)
	}
	if !slices.Equal(names, Columns) {
		t.Errorf("Columns = %v\nstandard = %v", Columns, names)
	}
	var r Row
	if got := len(r.Fields()); got != len(names) {
		t.Errorf("Row.Fields has %d values, the standard %d columns", got, len(names))
	}
}

// TestVocabulariesMatchStandard checks every vocabulary of standard.go
// against the regular expression of the same field in the standard's
// schema, value by value and in the same order.
func TestVocabulariesMatchStandard(t *testing.T) {
	vocabs := map[string][]string{
		"services":                        Services,
		"publics_specifiquement_adresses": Publics,
		"prise_en_charge_specifique":      PrisesEnCharge,
		"frais_a_charge":                  Frais,
		"dispositif_programmes_nationaux": Dispositifs,
		"formations_labels":               FormationsLabels,
		"modalites_acces":                 ModalitesAcces,
		"modalites_accompagnement":        ModalitesAccompagnement,
		"itinerance":                      Itinerance,
	}
	checked := 0
	for _, f := range loadStandard(t).Fields {
		p := f.Constraints.Pattern
		if !strings.HasPrefix(p, `(?:(?:^|\|)(`) {
			continue
		}
		checked++
		want, ok := vocabs[f.Name]
		if !ok {
			t.Errorf("the standard has a vocabulary for %s that standard.go does not define", f.Name)
			continue
		}
		if got := alternatives(t, p); !slices.Equal(got, want) {
			t.Errorf("%s:\nstandard.go: %q\nschema:      %q", f.Name, want, got)
		}
	}
	if checked != len(vocabs) {
		t.Errorf("checked %d vocabularies, standard.go defines %d", checked, len(vocabs))
	}
}

// TestPatternsMatchStandard checks the single-value patterns venue.go uses
// are the standard's own.
func TestPatternsMatchStandard(t *testing.T) {
	ours := map[string]string{
		"pivot":       pivotPattern.String(),
		"code_postal": cpPattern.String(),
		"code_insee":  inseePattern.String(),
		"telephone":   phonePattern.String(),
	}
	for _, f := range loadStandard(t).Fields {
		if want, ok := ours[f.Name]; ok && f.Constraints.Pattern != want {
			t.Errorf("%s: venue.go uses %q, the standard %q", f.Name, want, f.Constraints.Pattern)
		}
		if f.Name == "presentation_resume" && f.Constraints.MaxLength != MaxResume {
			t.Errorf("presentation_resume: MaxResume = %d, the standard says %d", MaxResume, f.Constraints.MaxLength)
		}
	}
}

// TestVocabularyPattern checks the patterns Labo publishes in its Table
// Schemas accept the multi-value strings the standard's accept, and reject
// malformed ones (the standard's own are looser on one point: an unescaped
// "." in "ORDI 3.0" lets "ORDI 3x0" through).
func TestVocabularyPattern(t *testing.T) {
	for _, f := range loadStandard(t).Fields {
		var values []string
		switch f.Name {
		case "formations_labels":
			values = FormationsLabels
		case "prise_en_charge_specifique":
			values = PrisesEnCharge
		default:
			continue
		}
		ours := regexp.MustCompile(`^(?:` + VocabularyPattern(values) + `)$`)
		theirs := regexp.MustCompile(`^(?:` + f.Constraints.Pattern + `)$`)
		for _, in := range []string{values[0], values[0] + "|" + values[len(values)-1], strings.Join(values, "|")} {
			if !ours.MatchString(in) || !theirs.MatchString(in) {
				t.Errorf("%s: %q: ours %v, standard %v, want both true", f.Name, in, ours.MatchString(in), theirs.MatchString(in))
			}
		}
		for _, in := range []string{"", "|", values[0] + "|", values[0] + ";" + values[1], "ORDI 3x0", "Autre"} {
			if ours.MatchString(in) {
				t.Errorf("%s: %q is accepted, want it rejected", f.Name, in)
			}
		}
	}
}

func TestRowOfInvertsFields(t *testing.T) {
	f := make([]string, len(Columns))
	for i := range f {
		f[i] = Columns[i] + "-value"
	}
	r := RowOf(f)
	if got := r.Fields(); !slices.Equal(got, f) {
		t.Errorf("Fields(RowOf(f)) = %v", got)
	}
}
