package hours

import (
	"errors"
	"reflect"
	"testing"
	"time"
)

func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off",
		"Tu,Th 14:00-18:00",
		"Mo-Sa 10:00-18:00",
		"We 09:00-12:00,13:30-17:00; Fr 14:00-17:00",
		"24/7",
		"24/7; PH off",
		`Mo-Fr 08:00-12:00 "sur rendez-vous"`,
		"Fr-Mo 10:00-16:00",
		"Mo-Fr 09:00-17:00; We off",
		"Mo-Fr 09:00-18:00, We 12:00-14:00 off",
		`Mo-Fr 09:00-17:00 || "sur rendez-vous"`,
		"Mo 20:00-02:00; Tu 09:00-12:00",
		"Sa,PH 10:00-12:00 open",
		"Sa 22:00-00:00;",
		"  Mo - We , Fr\t10:00 - 11:00 ; ",
		"9h-12h",
		"Lu 09:00-12:00",
		"Mo-Fr 09:00-",
		"Mo 25:00-26:00",
		"Mo 12:00-09:00",
		`Mo "`,
		"Mo,, Tu",
		"Jan-Mar Mo 10:00-12:00",
		"Mo-Fr 24/7",
		"\u00a0Mo\u202f09:00-10:00",
		"Mo \xff",
	} {
		f.Add(seed)
	}
	from := time.Date(2026, 7, 12, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := Parse(in)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Parse(%q): error %T is not a *ParseError", in, err)
			}
			if pe.Input != in || pe.Offset < 0 || pe.Offset > len(in) || pe.Expected == "" || pe.Found == "" {
				t.Fatalf("Parse(%q): bad error %+v", in, pe)
			}
			_ = pe.Error()
			return
		}
		c := s.String()
		s2, err := Parse(c)
		if err != nil {
			t.Fatalf("Parse(%q) ok but its String() %q fails: %v", in, c, err)
		}
		if c2 := s2.String(); c2 != c {
			t.Fatalf("String() not stable for %q: %q then %q", in, c, c2)
		}
		if !reflect.DeepEqual(s.rules, s2.rules) || !reflect.DeepEqual(s.Weekly(), s2.Weekly()) {
			t.Fatalf("round trip of %q via %q changes the schedule", in, c)
		}
		if len(s.French()) != 7 || s.Summary() == "" {
			t.Fatalf("bad rendering for %q", in)
		}
		_ = s.Comments()
		h := s.WithHolidays(FrenchPublicHoliday)
		end := from.Add(3 * 24 * time.Hour)
		for _, iv := range h.NextOpenings(from, 3) {
			if !iv.Start.Before(iv.End) || !h.OpenAt(iv.Start) || iv.End.Before(end) && h.OpenAt(iv.End) {
				t.Fatalf("%q: interval %v disagrees with OpenAt", in, iv)
			}
		}
	})
}
