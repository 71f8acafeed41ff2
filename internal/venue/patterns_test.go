package venue

import (
	"net/mail"
	"regexp"
	"testing"
)

var matchers = []struct {
	name    string
	re      *regexp.Regexp
	match   func(string) bool
	samples []string
}{
	{"id", idPattern, isID, []string{"a", "63-clermont-fs", "a1-b2-c3", "", "-a", "a-", "a--b", "A", "é", "a_b", "a b", "63"}},
	{"pivot", pivotPattern, isPivot, []string{"123456789", "12345678", "123456789012345", "00000000000000", "W63200123", "w6320012z", "12345 6789", "12345678é"}},
	{"code_postal", cpPattern, isPostcode, []string{"63000", "6300", "630000", "2A004", "63 00", "６３０００", "63000\n"}},
	{"code_insee", inseePattern, isInsee, []string{"63113", "2A004", "2B033", "20004", "21231", "29019", "2C004", "2a004", "A2004", "97411", "6311", "631130", "0100A", "2A00B"}},
	{"telephone", phonePattern, isPhone, []string{"+33473000000", "+3347300000", "+33473000", "+3347300", "+334730000000", "+590590123456", "+5905901234567", "+26226212345",
		"+44473000000", "0473000000", "+33 473000000", "+33473000000a", "+33", "+590", "+3359012"}},
}

func TestMatchersAgreeWithPatterns(t *testing.T) {
	for _, m := range matchers {
		for _, s := range m.samples {
			if got, want := m.match(s), m.re.MatchString(s); got != want {
				t.Errorf("%s: match(%q) = %v, the pattern %v", m.name, s, got, want)
			}
		}
	}
}

func FuzzMatchers(f *testing.F) {
	for _, m := range matchers {
		for _, s := range m.samples {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, m := range matchers {
			if got, want := m.match(s), m.re.MatchString(s); got != want {
				t.Errorf("%s: match(%q) = %v, the pattern %v", m.name, s, got, want)
			}
		}
	})
}

var emails = []struct {
	in    string
	plain bool
}{
	{"accueil@mairie-ambert.fr", true}, {"prenom.nom+rdv@exemple.org", true}, {"a_b-c@d", true},
	{"a..b@c.fr", false}, {".a@c.fr", false}, {"a.@c.fr", false}, {"a@b@c", false}, {"@c.fr", false}, {"a@", false},
	{"a@c..fr", false}, {"Nom <a@b.fr>", false}, {"é@b.fr", false}, {"a b@c.fr", false}, {"a@[127.0.0.1]", false}, {`"a b"@c.fr`, false},
}

func TestPlainEmail(t *testing.T) {
	for _, e := range emails {
		if got := isPlainEmail(e.in); got != e.plain {
			t.Errorf("isPlainEmail(%q) = %v, want %v", e.in, got, e.plain)
		}
	}
}

// FuzzPlainEmail checks that net/mail takes every plain address as it is,
// so that Check may skip it for them.
func FuzzPlainEmail(f *testing.F) {
	for _, e := range emails {
		f.Add(e.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !isPlainEmail(s) {
			return
		}
		if a, err := mail.ParseAddress(s); err != nil || a.Address != s {
			t.Errorf("isPlainEmail(%q) but net/mail gives %v, %v", s, a, err)
		}
	})
}
