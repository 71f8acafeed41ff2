package hours

import (
	"reflect"
	"testing"
)

func TestFrClock(t *testing.T) {
	tests := []struct {
		min  int
		end  bool
		want string
	}{
		{540, false, "9 h"}, {1050, true, "17 h 30"}, {735, false, "12 h 15"}, {545, false, "9 h 05"},
		{0, false, "0 h"}, {1440, true, "minuit"}, {1560, true, "2 h"}, {1439, true, "23 h 59"},
	}
	for _, tt := range tests {
		if got := frClock(tt.min, tt.end); got != tt.want {
			t.Errorf("frClock(%d, %v) = %q, want %q", tt.min, tt.end, got, tt.want)
		}
	}
}

func TestSummary(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off",
			"du lundi au vendredi : 9 h – 12 h et 14 h – 17 h 30 ; samedi : 9 h – 12 h ; fermé les jours fériés"},
		{"Tu,Th 14:00-18:00", "mardi et jeudi : 14 h – 18 h"},
		{"Mo-Sa 10:00-18:00", "du lundi au samedi : 10 h – 18 h"},
		{"We 09:00-12:00,13:30-17:00; Fr 14:00-17:00", "mercredi : 9 h – 12 h et 13 h 30 – 17 h ; vendredi : 14 h – 17 h"},
		{"24/7", "24 h/24, 7 j/7"},
		{"24/7; PH off", "24 h/24, 7 j/7 ; fermé les jours fériés"},
		{`Mo-Fr 08:00-12:00 "sur rendez-vous"`, "du lundi au vendredi : 8 h – 12 h (sur rendez-vous)"},
		{"Fr-Mo 10:00-16:00", "du vendredi au lundi : 10 h – 16 h"},
		{"Fr-Mo,We 10:00-16:00", "du vendredi au lundi et mercredi : 10 h – 16 h"},
		{"Su-Mo 10:00-16:00", "dimanche et lundi : 10 h – 16 h"},
		{"Mo-Fr 09:00-17:00; We off", "lundi, mardi, jeudi et vendredi : 9 h – 17 h"},
		{"Mo-We,Fr 09:00-12:00", "du lundi au mercredi et vendredi : 9 h – 12 h"},
		{"Mo,Tu,Th 09:00-12:00; Sa-Su 10:00-11:00", "lundi, mardi et jeudi : 9 h – 12 h ; samedi et dimanche : 10 h – 11 h"},
		{"10:00-18:00", "tous les jours : 10 h – 18 h"},
		{"Mo-Sa 20:00-02:00", "du lundi au samedi : 20 h – 2 h"},
		{"Mo-Fr 22:00-24:00", "du lundi au vendredi : 22 h – minuit"},
		{"Sa 09:15-12:15,13:05-18:00", "samedi : 9 h 15 – 12 h 15 et 13 h 05 – 18 h"},
		{"Mo 08:00-10:00,12:00-14:00,16:00-18:00", "lundi : 8 h – 10 h, 12 h – 14 h et 16 h – 18 h"},
		{"Mo-Fr", "du lundi au vendredi : 24 h/24"},
		{"off", "fermé"},
		{"PH off", "fermé"},
		{`"sur rendez-vous"`, "tous les jours : sur rendez-vous"},
		{`Mo-Fr 09:00-17:00 || "sur rendez-vous"`, "du lundi au vendredi : 9 h – 17 h ; samedi et dimanche : sur rendez-vous"},
		{"Mo-Fr 08:00-12:00; PH 10:00-12:00", "du lundi au vendredi : 8 h – 12 h ; jours fériés : 10 h – 12 h"},
		{"PH off; Mo-Fr 09:00-12:00", "du lundi au vendredi : 9 h – 12 h"},
		{"Mo-Fr 09:00-12:00; PH off; Mo 09:00-12:00", "du lundi au vendredi : 9 h – 12 h ; fermé les jours fériés"},
		{"Mo-Fr 09:00-12:00; Sa,PH 10:00-11:00", "du lundi au vendredi : 9 h – 12 h ; samedi : 10 h – 11 h ; jours fériés : 10 h – 11 h"},
		{"Mo-Fr 09:00-12:00 || PH 10:00-11:00", "du lundi au vendredi : 9 h – 12 h ; jours fériés : 10 h – 11 h"},
		{"PH off; Mo 09:00-12:00", "lundi : 9 h – 12 h"},
		{`Mo-Fr 09:00-12:00; PH off "sauf le 14 juillet"`, "du lundi au vendredi : 9 h – 12 h ; fermé les jours fériés (sauf le 14 juillet)"},
		{"Mo-Fr 09:00-12:00; Sa 10:00-11:00; PH off; Sa,PH 08:00-09:00", "du lundi au vendredi : 9 h – 12 h ; samedi : 8 h – 9 h ; jours fériés : 8 h – 9 h"},
		{"Mo-Fr 09:00-12:00; PH off, Mo 14:00-15:00", "lundi : 9 h – 12 h et 14 h – 15 h ; du mardi au vendredi : 9 h – 12 h ; horaires particuliers les jours fériés"},
		{"Mo 00:00-24:00,20:00-04:00", "lundi : 24 h/24 ; mardi : 0 h – 4 h"},
		{"Mo 08:00-10:00 \"a\", Mo 12:00-13:00 \"b\"", "lundi : 8 h – 10 h et 12 h – 13 h (a / b)"},
	}
	for _, tt := range tests {
		if got := mustParse(t, tt.in).Summary(); got != tt.want {
			t.Errorf("Summary(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestFrench(t *testing.T) {
	s := mustParse(t, `Mo-Fr 09:00-12:00,14:00-17:30; We 14:00-18:00 "atelier"; Sa 20:00-00:00; PH off`)
	want := []DayLine{
		{Day: "lundi", Spans: []string{"9 h – 12 h", "14 h – 17 h 30"}},
		{Day: "mardi", Spans: []string{"9 h – 12 h", "14 h – 17 h 30"}},
		{Day: "mercredi", Spans: []string{"14 h – 18 h"}, Comment: "atelier"},
		{Day: "jeudi", Spans: []string{"9 h – 12 h", "14 h – 17 h 30"}},
		{Day: "vendredi", Spans: []string{"9 h – 12 h", "14 h – 17 h 30"}},
		{Day: "samedi", Spans: []string{"20 h – minuit"}},
		{Day: "dimanche", Closed: true},
	}
	if got := s.French(); !reflect.DeepEqual(got, want) {
		t.Errorf("French() =\n%#v\nwant\n%#v", got, want)
	}

	lines := mustParse(t, `24/7`).French()
	if lines[6].Spans[0] != "24 h/24" || lines[6].Closed {
		t.Errorf("24/7 Sunday: %#v", lines[6])
	}
	lines = mustParse(t, `Sa-Su "sur rendez-vous"`).French()
	if l := lines[5]; l.Closed || len(l.Spans) != 0 || l.Comment != "sur rendez-vous" {
		t.Errorf("comment-only Saturday: %#v", l)
	}
	if l := lines[0]; !l.Closed || l.Comment != "" {
		t.Errorf("Monday: %#v", l)
	}
	// Spans of more than 24 hours are split at midnight.
	lines = mustParse(t, `Mo 00:00-24:00, Mo 20:00-04:00`).French()
	if !reflect.DeepEqual(lines[0].Spans, []string{"24 h/24"}) || !reflect.DeepEqual(lines[1].Spans, []string{"0 h – 4 h"}) {
		t.Errorf("long span: %#v", lines[:2])
	}
	// frSpan itself flags them (holiday summaries use unsplit spans).
	if got := frSpan(Span{600, 2100}); got != "10 h – 11 h le lendemain" {
		t.Errorf("frSpan = %q", got)
	}
}

func TestComments(t *testing.T) {
	s := mustParse(t, `Mo-Fr 08:00-12:00 "sur rendez-vous"; Sa 10:00-12:00 "atelier"; Su off "sur rendez-vous"`)
	want := []string{"sur rendez-vous", "atelier"}
	if got := s.Comments(); !reflect.DeepEqual(got, want) {
		t.Errorf("Comments() = %q, want %q", got, want)
	}
	if got := mustParse(t, "Mo 10:00-11:00").Comments(); got != nil {
		t.Errorf("Comments() = %q, want nil", got)
	}
}
