package frtext

import (
	"bytes"
	"slices"
	"testing"

	"golang.org/x/text/collate"
)

// slowKey is the collator's own key, which Key must reproduce.
func slowKey(s string) []byte {
	var buf collate.Buffer
	return append([]byte(nil), newCollate().KeyFromString(&buf, s)...)
}

// TestFastKeyPairs checks that every pair of characters of the fast set
// gets the collator's key: a contraction between two of them would show
// here (it is how "l·" was found and left out).
func TestFastKeyPairs(t *testing.T) {
	c := newCollate()
	var buf collate.Buffer
	var set []rune
	for r := range rune(fastLimit) {
		if fastRune(r) {
			set = append(set, r)
		}
	}
	bad := 0
	for _, a := range set {
		for _, b := range set {
			s := string(a) + string(b)
			fast, ok := fastKey(s)
			buf.Reset()
			if want := c.KeyFromString(&buf, s); !ok || !bytes.Equal(fast, want) {
				if bad++; bad < 10 {
					t.Errorf("Key(%q) = %x (fast: %v), the collator gives %x", s, fast, ok, want)
				}
			}
		}
	}
}

func TestKey(t *testing.T) {
	c := NewCollator()
	tests := []struct {
		in   string
		fast bool
	}{
		{"", true},
		{"Espace numérique d'Évaux-les-Bains\x00evaux-1", true},
		{"Cœur de ville – « Maison » France services…", true},
		{"Pharmacie de l’Île", true},
		{"Cafe\u0301 associatif", true}, // decomposed accent
		{"Straße", true},
		{"Col·legi", false}, // the l· contraction
		{"Médiathèque 北京", false},
		{"Tiers-lieu 🙂", false},
		{"bad \xff byte", false},
	}
	for _, tt := range tests {
		if _, ok := fastKey(tt.in); ok != tt.fast {
			t.Errorf("fastKey(%q) ok = %v, want %v", tt.in, ok, tt.fast)
		}
		if got, want := c.Key(tt.in), slowKey(tt.in); !bytes.Equal(got, want) {
			t.Errorf("Key(%q) = %x, want %x", tt.in, got, want)
		}
	}
	// Keys order like Compare.
	in := []string{"Zèbre", "Évaux-les-Bains", "étape", "Ambert", "Eymoutiers", "aubusson", "Œuvre", "oeil"}
	byKey := slices.Clone(in)
	slices.SortFunc(byKey, func(a, b string) int { return bytes.Compare(c.Key(a), c.Key(b)) })
	slices.SortFunc(in, c.Compare)
	if !slices.Equal(byKey, in) {
		t.Errorf("keys sort %q, Compare sorts %q", byKey, in)
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"", "Évaux-les-Bains", "l·l", "Ĳssel", "ǅemal", "a\u0301\u0327b", "L\u00b7", "ß‐x"} {
		f.Add(s)
	}
	c := NewCollator()
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := c.Key(s), slowKey(s); !bytes.Equal(got, want) {
			t.Errorf("Key(%q) = %x, want %x", s, got, want)
		}
	})
}

func BenchmarkKey(b *testing.B) {
	names := []string{"Espace numérique d'Évaux-les-Bains\x00evaux-1", "Médiathèque François-Mitterrand\x00m-12",
		"France services de Saint-Étienne\x00fs-42", "Maison de l’emploi\x00me-7"}
	c := NewCollator()
	b.ReportAllocs()
	for b.Loop() {
		for _, n := range names {
			c.Key(n)
		}
	}
}
