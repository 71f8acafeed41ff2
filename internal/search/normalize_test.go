package search

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"labo/internal/frtext"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Démarches en ligne", []string{"demarches", "ligne"}},
		{"L'ordinateur d'occasion", []string{"ordinateur", "occasion"}},
		{"Guéret", []string{"gueret"}},
		{"GUÉRET (23000)", []string{"gueret", "23000"}},
		{"DEM-01", []string{"dem01"}},
		{"dem-01 et OUT-2", []string{"dem01", "out2"}},
		{"Clermont-Ferrand", []string{"clermont", "ferrand"}},
		{"Œuvre sœur Ærø", []string{"oeuvre", "soeur", "aer"}},
		{"Straße", []string{"strasse"}},
		{"c’est à vous", []string{"est"}[:0]},
		{"impots.gouv.fr", []string{"impots", "gouv", "fr"}},
		{"Covid-19 2e vague", []string{"covid19", "2e", "vague"}},
		{"  ", nil},
	}
	for _, tc := range tests {
		if got := Tokens(tc.in); !slices.Equal(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	// Pairs that must meet (same stem) or stay apart.
	tests := []struct {
		a, b string
		same bool
	}{
		{"demarches", "demarche", true},
		{"ordinateurs", "ordinateur", true},
		{"lieux", "lieu", true},
		{"emplois", "emploi", true},
		{"numeriques", "numerique", true},
		{"accompagnement", "accompagner", true},
		{"smartphones", "smartphone", true},
		{"arnaques", "arnaque", true},
		{"dem01", "dem01", true},
		{"23000", "23001", false},
		{"ordinateur", "ordre", false},
		{"gueret", "guerir", false},
	}
	for _, tc := range tests {
		a, b := Stem(tc.a), Stem(tc.b)
		if (a == b) != tc.same {
			t.Errorf("Stem(%q) = %q, Stem(%q) = %q: same = %v, want %v", tc.a, a, tc.b, b, a == b, tc.same)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"ordinateur", "ordinateur", 2, 0},
		{"ordinatuer", "ordinateur", 2, 1}, // swap
		{"smartfone", "smartphone", 2, 2},  // substitution + insertion
		{"gueret", "guere", 1, 1},          // deletion
		{"gueret", "gueretx", 1, 1},        // insertion
		{"zzqxw", "zoom", 1, 2},            // far: max+1
		{"zzqxw", "zoom", 2, 3},
		{"abc", "xyz", 3, 3},
		{"", "abc", 3, 3},
		{"ca", "abc", 3, 3}, // OSA, not Damerau: no edit of a swapped pair
	}
	for _, tc := range tests {
		if got := Distance(tc.a, tc.b, tc.max); got != tc.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.max, got, tc.want)
		}
		if got := Distance(tc.b, tc.a, tc.max); got != tc.want {
			t.Errorf("Distance(%q, %q, %d) = %d, want %d (symmetry)", tc.b, tc.a, tc.max, got, tc.want)
		}
	}
}

func TestMaxEdits(t *testing.T) {
	for n, want := range map[int]int{2: 0, 3: 0, 4: 1, 7: 1, 8: 2, 12: 2} {
		if got := MaxEdits(n); got != want {
			t.Errorf("MaxEdits(%d) = %d, want %d", n, got, want)
		}
	}
}

var tokenShape = regexp.MustCompile(`^[a-z0-9]+$`)

// FuzzTokens checks the properties the browser relies on: tokens are runs
// of [a-z0-9], never stop words nor single letters, and normalising tokens
// again gives them back unchanged.
func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Démarches en ligne", "DEM-01", "l'œuvre", "Guéret 23000", "a-1-b-2", "ﬁn ẞ İ", "x--1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		for _, tok := range toks {
			if !tokenShape.MatchString(tok) || stop[tok] || len(tok) == 1 && tok[0] >= 'a' {
				t.Fatalf("Tokens(%q) has %q", s, tok)
			}
		}
		again := Tokens(strings.Join(toks, " "))
		if !slices.Equal(again, toks) && len(toks) > 0 {
			t.Fatalf("Tokens(%q) = %q, but Tokens of those = %q", s, toks, again)
		}
	})
}

// wordsByDefinition is Words written as normalize.go defines it and as
// search.js does it: fold the whole text, lowercase, glue codes with a
// regular expression, split.
func wordsByDefinition(text string) []string {
	s := strings.ToLower(frtext.Fold(text))
	s = regexp.MustCompile(`([a-z])-([0-9])`).ReplaceAllString(s, "$1$2")
	return strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
}

// FuzzWords checks the fast Words against its definition.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"Démarches en ligne", "DEM-01", "a-1-b-2", "x--1", "e\u0301cole", "ÉCOLE", "İ ﬁ ẞ Ǆ", "\xff-1", "é-1", "\xf7é"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := Words(s), wordsByDefinition(s)
		if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Fatalf("Words(%q) = %q, want %q", s, got, want)
		}
	})
}

// FuzzIndexTokens checks the index's own tokeniser, which avoids a string
// per token, against Tokens: same surface forms, in order, the second time
// a text comes (from the cache of short texts) as the first.
func FuzzIndexTokens(f *testing.F) {
	for _, s := range []string{"Démarches en ligne", "DEM-01", "l'œuvre", "Guéret 23000", "a-1-b-2", "ﬁn ẞ İ", "x--1", "\xff-1", "é-1", "le la les"} {
		f.Add(s, "Centre social")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ix := newInverted()
		for _, text := range []string{a, b, a, b + a} {
			var got []string
			for _, n := range ix.tokens(text) {
				got = append(got, ix.surfaces[n])
			}
			if want := Tokens(text); !slices.Equal(got, want) {
				t.Fatalf("tokens(%q) = %q, want %q", text, got, want)
			}
		}
	})
}
