package frtext

import (
	"slices"
	"testing"
	"time"
)

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Démarches en ligne":        "demarches-en-ligne",
		"Étape 1 : repérer":         "etape-1-reperer",
		"  Cœur -- de   ville!  ":   "coeur-de-ville",
		"L'Île-Bouchard":            "l-ile-bouchard",
		"R(é)assurer":               "r-e-assurer",
		"":                          "",
		"Évaux-les-Bains":           "evaux-les-bains",
		"Français – « guillemets »": "francais-guillemets",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsSlug(t *testing.T) {
	for s, want := range map[string]bool{"abc-1": true, "Abc": false, "a--b": false, "-a": false, "": false, "é": false} {
		if IsSlug(s) != want {
			t.Errorf("IsSlug(%q) != %v", s, want)
		}
	}
}

func TestDateAndNumbers(t *testing.T) {
	if got := Date(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)); got != "1er mars 2025" {
		t.Errorf("Date = %q", got)
	}
	if got := Date(time.Date(2026, 8, 14, 0, 0, 0, 0, time.UTC)); got != "14 août 2026" {
		t.Errorf("Date = %q", got)
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1\u202f000", 25000: "25\u202f000", -1234567: "-1\u202f234\u202f567"} {
		if got := Int(n); got != want {
			t.Errorf("Int(%d) = %q, want %q", n, got, want)
		}
	}
	if got := Decimal(1234.5, 1); got != "1\u202f234,5" {
		t.Errorf("Decimal = %q", got)
	}
	if got := Plural(2, "lieu", "lieux"); got != "2 lieux" {
		t.Errorf("Plural = %q", got)
	}
}

func TestCollatorFrenchOrder(t *testing.T) {
	c := NewCollator()
	in := []string{"Zèbre", "Évaux-les-Bains", "étape", "Ambert", "Eymoutiers", "aubusson"}
	slices.SortFunc(in, c.Compare)
	want := []string{"Ambert", "aubusson", "étape", "Évaux-les-Bains", "Eymoutiers", "Zèbre"}
	if !slices.Equal(in, want) {
		t.Errorf("got %q, want %q", in, want)
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{"": "", "Démarches": "Demarches", "Cœur Æsir Straße": "Coeur AEsir Strasse",
		"Ĳssel Ǆ": "Ĳssel Ǆ", "Cafe\u0301": "Cafe", "Ångström – «x»": "Angstrom – «x»", "Łódź": "Łodz",
		"\xf7é": "\ufffde"} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
	// The table agrees with the general path on every character it holds.
	for r := range rune(latinLimit) {
		if got, want := Fold("a"+string(r)+"é"), fold("a"+string(r)+"é"); got != want {
			t.Errorf("Fold(%q) = %q, want %q", "a"+string(r)+"é", got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Démarches", "Cœur", "Cafe\u0301", "ǅemal Ǆ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	})
}
