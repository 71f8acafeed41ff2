package appendenc

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"testing"
)

// stdString is the standard library's encoding of s.
func stdString(t testing.TB, s string, html bool) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(html)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

var samples = []string{
	"", "a", "Achères", `Clic & Lien <b>`, "l'adresse \"x\" \\ y", "tab\tnl\nret\rbs\bff\f\x00\x1f\x7f",
	"\u2028\u2029", "\xff\xfe", "é\xc3", "€ 10", "😀", "\u00a0 insécable", " espace", `\.`, "a,b", "\xed\xa0\x80",
}

func TestJSONString(t *testing.T) {
	for _, s := range samples {
		if got, want := JSONString(nil, s), stdString(t, s, false); !bytes.Equal(got, want) {
			t.Errorf("JSONString(%q) = %s, want %s", s, got, want)
		}
		if got, want := JSONStringHTML(nil, s), stdString(t, s, true); !bytes.Equal(got, want) {
			t.Errorf("JSONStringHTML(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzJSONString(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := JSONString([]byte("x"), s), append([]byte("x"), stdString(t, s, false)...); !bytes.Equal(got, want) {
			t.Errorf("JSONString(%q) = %s, want %s", s, got, want)
		}
		if got, want := JSONStringHTML(nil, s), stdString(t, s, true); !bytes.Equal(got, want) {
			t.Errorf("JSONStringHTML(%q) = %s, want %s", s, got, want)
		}
	})
}

func TestJSONStrings(t *testing.T) {
	for _, tc := range []struct {
		in   []string
		html bool
		want string
	}{
		{nil, false, `[]`},
		{[]string{}, true, `[]`},
		{[]string{"a&b"}, false, `["a&b"]`},
		{[]string{"a&b", "c"}, true, `["a\u0026b","c"]`},
	} {
		if got := JSONStrings(nil, tc.in, tc.html); string(got) != tc.want {
			t.Errorf("JSONStrings(%q, %v) = %s, want %s", tc.in, tc.html, got, tc.want)
		}
	}
}

var floats = []float64{0, 1, -1, 2.00873, 48.59382, -0.5, 1e-7, 1.5e-7, 1e21, 1e20, 123456789.123, math.SmallestNonzeroFloat64, math.MaxFloat64, -1e-9}

func FuzzJSONFloat(f *testing.F) {
	for _, x := range floats {
		f.Add(x)
	}
	f.Fuzz(func(t *testing.T, x float64) {
		want, err := json.Marshal(x)
		if err != nil {
			if got := JSONFloat(nil, x); string(got) != "null" {
				t.Errorf("JSONFloat(%v) = %s, want null", x, got)
			}
			return
		}
		if got := JSONFloat(nil, x); !bytes.Equal(got, want) {
			t.Errorf("JSONFloat(%v) = %s, want %s", x, got, want)
		}
	})
}

func TestJSONScalars(t *testing.T) {
	if got := string(JSONBool(JSONInt(nil, -42), true)); got != "-42true" {
		t.Errorf("got %s", got)
	}
}

func stdCSV(t testing.TB, fields []string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.Write(fields); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	return b.Bytes()
}

func TestCSVRecord(t *testing.T) {
	if got, want := CSVRecord(nil, samples), stdCSV(t, samples); !bytes.Equal(got, want) {
		t.Errorf("CSVRecord = %q, want %q", got, want)
	}
}

func FuzzCSVField(f *testing.F) {
	for _, s := range samples {
		f.Add(s, "x")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		if got, want := CSVRecord(nil, []string{a, b}), stdCSV(t, []string{a, b}); !bytes.Equal(got, want) {
			t.Errorf("CSVRecord(%q, %q) = %q, want %q", a, b, got, want)
		}
	})
}

func TestBuffer(t *testing.T) {
	b := Buffer(100)
	if len(b) != 0 || cap(b) < 100 {
		t.Errorf("Buffer(100): len %d cap %d", len(b), cap(b))
	}
	if b = append(b, "x"...); string(b) != "x" {
		t.Errorf("got %q", b)
	}
}
