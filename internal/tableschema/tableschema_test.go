package tableschema

import (
	"encoding/json"
	"strings"
	"testing"

	"labo/internal/refdata"
)

const people = `{
  "fields": [
    {"name": "id", "type": "string", "constraints": {"required": true, "unique": true, "pattern": "[a-z]+-\\d+"}},
    {"name": "age", "type": "integer", "constraints": {"minimum": 0, "maximum": 130}},
    {"name": "score", "type": "number"},
    {"name": "ok", "type": "boolean"},
    {"name": "born", "type": "date"},
    {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
    {"name": "bio", "type": "string", "constraints": {"maxLength": 5}},
    {"name": "mail", "type": "string", "format": "email"}
  ],
  "primaryKey": "id"
}`

func TestValidate(t *testing.T) {
	s, err := Parse([]byte(people))
	if err != nil {
		t.Fatal(err)
	}
	const header = "id,age,score,ok,born,kind,bio,mail\n"
	tests := []struct {
		name, rows string
		want       []string // substrings of the errors, in order
	}{
		{"valid", "p-1,40,1.5,true,2000-01-31,a,court,a@b.fr\np-2,,,,,,,\n", nil},
		{"required", ",1,,,,,,\n", []string{"line 2: id: required value missing"}},
		{"pattern is anchored", "xp-1x,,,,,,,\n", []string{"id: does not match the pattern"}},
		{"unique", "p-1,,,,,,,\np-1,,,,,,,\n", []string{"line 3: id: expected a unique value, already on line 2", "line 3: id: expected a unique primary key"}},
		{"integer", "p-1,4.5,,,,,,\n", []string{"age: expected an integer"}},
		{"bounds", "p-1,131,,,,,,\n", []string{"age: expected at most 130"}},
		{"row length", "p-1,,1,5,,,,,\n", []string{"expected 8 values, found 9"}},
		{"number syntax", "p-1,,0x1p3,,,,,\n", []string{"score: expected a number"}},
		{"boolean", "p-1,,,oui,,,,\n", []string{"ok: expected a boolean"}},
		{"date", "p-1,,,,31/01/2000,,,\n", []string{"born: expected a date YYYY-MM-DD"}},
		{"enum", "p-1,,,,,c,,\n", []string{"kind: expected one of a, b"}},
		{"max length counts characters", "p-1,,,,,,éééééé,\n", []string{"bio: expected at most 5 characters, found 6"}},
		{"max length ok with accents", "p-1,,,,,,ééééé,\n", nil},
		{"email", "p-1,,,,,,,pas une adresse\n", []string{"mail: expected an e-mail address"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := s.Validate([]byte(header + tt.rows))
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d errors %v, want %d %q", len(errs), errs, len(tt.want), tt.want)
			}
			for i, e := range errs {
				if !strings.Contains(e.String(), tt.want[i]) {
					t.Errorf("error %d = %q, want it to contain %q", i, e.String(), tt.want[i])
				}
			}
		})
	}
}

func TestValidateHeader(t *testing.T) {
	s, err := Parse([]byte(`{"fields":[{"name":"a"},{"name":"b"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	errs := s.Validate([]byte("b,a\n1,2\n"))
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "expected the header a,b, found b,a") {
		t.Errorf("got %v", errs)
	}
}

func TestParseRejects(t *testing.T) {
	tests := []struct{ name, schema, want string }{
		{"unknown type", `{"fields":[{"name":"a","type":"geopoint"}]}`, `type "geopoint" is not supported`},
		{"bad pattern", `{"fields":[{"name":"a","constraints":{"pattern":"("}}]}`, `field "a": pattern`},
		{"bad key", `{"fields":[{"name":"a"}],"primaryKey":["b"]}`, `no field named "b"`},
		{"twice", `{"fields":[{"name":"a"},{"name":"a"}]}`, `defined twice`},
	}
	for _, tt := range tests {
		if _, err := Parse([]byte(tt.schema)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestKeysJSON(t *testing.T) {
	var s Schema
	if err := jsonUnmarshal(`{"fields":[],"primaryKey":["a","b"]}`, &s); err != nil || len(s.PrimaryKey) != 2 {
		t.Fatalf("list key: %v %v", s.PrimaryKey, err)
	}
	b, _ := Keys{"id"}.MarshalJSON()
	if string(b) != `"id"` {
		t.Errorf("one key marshals as %s", b)
	}
}

// TestNationalStandardExample checks the validator against the standard's
// own valid example, and that breaking that example is caught.
func TestNationalStandardExample(t *testing.T) {
	s, err := Parse(refdata.Read(t, "mediation-numerique-standard/schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	valid := refdata.Read(t, "mediation-numerique-standard/exemple-valide.csv")
	if errs := s.Validate(valid); len(errs) > 0 {
		t.Fatalf("the standard's valid example fails: %v", errs)
	}
	broken := strings.NewReplacer(`"51100"`, `"5110"`, `"Jeunes|Femmes"`, `"Jeunes;Femmes"`, `"2024-04-02"`, `"02/04/2024"`).Replace(string(valid))
	errs := s.Validate([]byte(broken))
	var fields []string
	for _, e := range errs {
		fields = append(fields, e.Field)
	}
	if got := strings.Join(fields, ","); got != "code_postal,date_maj,publics_specifiquement_adresses" {
		t.Errorf("errors on %s, want code_postal,date_maj,publics_specifiquement_adresses: %v", got, errs)
	}
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
