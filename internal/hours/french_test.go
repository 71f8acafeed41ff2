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
		{540, false, "9\u00a0h"}, {1050, true, "17\u00a0h\u00a030"}, {735, false, "12\u00a0h\u00a015"}, {545, false, "9\u00a0h\u00a005"},
		{0, false, "0\u00a0h"}, {1440, true, "minuit"}, {1560, true, "2\u00a0h"}, {1439, true, "23\u00a0h\u00a059"},
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
			"du lundi au vendredi : 9\u00a0h – 12\u00a0h et 14\u00a0h – 17\u00a0h\u00a030 ; samedi : 9\u00a0h – 12\u00a0h ; fermé les jours fériés"},
		{"Tu,Th 14:00-18:00", "mardi et jeudi : 14\u00a0h – 18\u00a0h"},
		{"Mo-Sa 10:00-18:00", "du lundi au samedi : 10\u00a0h – 18\u00a0h"},
		{"We 09:00-12:00,13:30-17:00; Fr 14:00-17:00", "mercredi : 9\u00a0h – 12\u00a0h et 13\u00a0h\u00a030 – 17\u00a0h ; vendredi : 14\u00a0h – 17\u00a0h"},
		{"24/7", "24\u00a0h/24, 7\u00a0j/7"},
		{"24/7; PH off", "24\u00a0h/24, 7\u00a0j/7 ; fermé les jours fériés"},
		{`Mo-Fr 08:00-12:00 "sur rendez-vous"`, "du lundi au vendredi : 8\u00a0h – 12\u00a0h (sur rendez-vous)"},
		{"Fr-Mo 10:00-16:00", "du vendredi au lundi : 10\u00a0h – 16\u00a0h"},
		{"Fr-Mo,We 10:00-16:00", "du vendredi au lundi et mercredi : 10\u00a0h – 16\u00a0h"},
		{"Su-Mo 10:00-16:00", "dimanche et lundi : 10\u00a0h – 16\u00a0h"},
		{"Mo-Fr 09:00-17:00; We off", "lundi, mardi, jeudi et vendredi : 9\u00a0h – 17\u00a0h"},
		{"Mo-We,Fr 09:00-12:00", "du lundi au mercredi et vendredi : 9\u00a0h – 12\u00a0h"},
		{"Mo,Tu,Th 09:00-12:00; Sa-Su 10:00-11:00", "lundi, mardi et jeudi : 9\u00a0h – 12\u00a0h ; samedi et dimanche : 10\u00a0h – 11\u00a0h"},
		{"10:00-18:00", "tous les jours : 10\u00a0h – 18\u00a0h"},
		{"Mo-Sa 20:00-02:00", "du lundi au samedi : 20\u00a0h – 2\u00a0h"},
		{"Mo-Fr 22:00-24:00", "du lundi au vendredi : 22\u00a0h – minuit"},
		{"Sa 09:15-12:15,13:05-18:00", "samedi : 9\u00a0h\u00a015 – 12\u00a0h\u00a015 et 13\u00a0h\u00a005 – 18\u00a0h"},
		{"Mo 08:00-10:00,12:00-14:00,16:00-18:00", "lundi : 8\u00a0h – 10\u00a0h, 12\u00a0h – 14\u00a0h et 16\u00a0h – 18\u00a0h"},
		{"Mo-Fr", "du lundi au vendredi : 24\u00a0h/24"},
		{"off", "fermé"},
		{"PH off", "fermé"},
		{`"sur rendez-vous"`, "tous les jours : sur rendez-vous"},
		{`Mo-Fr 09:00-17:00 || "sur rendez-vous"`, "du lundi au vendredi : 9\u00a0h – 17\u00a0h ; samedi et dimanche : sur rendez-vous"},
		{"Mo-Fr 08:00-12:00; PH 10:00-12:00", "du lundi au vendredi : 8\u00a0h – 12\u00a0h ; jours fériés : 10\u00a0h – 12\u00a0h"},
		{"PH off; Mo-Fr 09:00-12:00", "du lundi au vendredi : 9\u00a0h – 12\u00a0h"},
		{"Mo-Fr 09:00-12:00; PH off; Mo 09:00-12:00", "du lundi au vendredi : 9\u00a0h – 12\u00a0h ; fermé les jours fériés"},
		{"Mo-Fr 09:00-12:00; Sa,PH 10:00-11:00", "du lundi au vendredi : 9\u00a0h – 12\u00a0h ; samedi : 10\u00a0h – 11\u00a0h ; jours fériés : 10\u00a0h – 11\u00a0h"},
		{"Mo-Fr 09:00-12:00 || PH 10:00-11:00", "du lundi au vendredi : 9\u00a0h – 12\u00a0h ; jours fériés : 10\u00a0h – 11\u00a0h"},
		{"PH off; Mo 09:00-12:00", "lundi : 9\u00a0h – 12\u00a0h"},
		{`Mo-Fr 09:00-12:00; PH off "sauf le 14 juillet"`, "du lundi au vendredi : 9\u00a0h – 12\u00a0h ; fermé les jours fériés (sauf le 14 juillet)"},
		{"Mo-Fr 09:00-12:00; Sa 10:00-11:00; PH off; Sa,PH 08:00-09:00", "du lundi au vendredi : 9\u00a0h – 12\u00a0h ; samedi : 8\u00a0h – 9\u00a0h ; jours fériés : 8\u00a0h – 9\u00a0h"},
		{"Mo-Fr 09:00-12:00; PH off, Mo 14:00-15:00", "lundi : 9\u00a0h – 12\u00a0h et 14\u00a0h – 15\u00a0h ; du mardi au vendredi : 9\u00a0h – 12\u00a0h ; horaires particuliers les jours fériés"},
		{"Mo 00:00-24:00,20:00-04:00", "lundi : 24\u00a0h/24 ; mardi : 0\u00a0h – 4\u00a0h"},
		{"Mo 08:00-10:00 \"a\", Mo 12:00-13:00 \"b\"", "lundi : 8\u00a0h – 10\u00a0h et 12\u00a0h – 13\u00a0h (a / b)"},
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
		{Day: "lundi", Spans: []string{"9\u00a0h – 12\u00a0h", "14\u00a0h – 17\u00a0h\u00a030"}},
		{Day: "mardi", Spans: []string{"9\u00a0h – 12\u00a0h", "14\u00a0h – 17\u00a0h\u00a030"}},
		{Day: "mercredi", Spans: []string{"14\u00a0h – 18\u00a0h"}, Comment: "atelier"},
		{Day: "jeudi", Spans: []string{"9\u00a0h – 12\u00a0h", "14\u00a0h – 17\u00a0h\u00a030"}},
		{Day: "vendredi", Spans: []string{"9\u00a0h – 12\u00a0h", "14\u00a0h – 17\u00a0h\u00a030"}},
		{Day: "samedi", Spans: []string{"20\u00a0h – minuit"}},
		{Day: "dimanche", Closed: true},
	}
	if got := s.French(); !reflect.DeepEqual(got, want) {
		t.Errorf("French() =\n%#v\nwant\n%#v", got, want)
	}

	lines := mustParse(t, `24/7`).French()
	if lines[6].Spans[0] != "24\u00a0h/24" || lines[6].Closed {
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
	if !reflect.DeepEqual(lines[0].Spans, []string{"24\u00a0h/24"}) || !reflect.DeepEqual(lines[1].Spans, []string{"0\u00a0h – 4\u00a0h"}) {
		t.Errorf("long span: %#v", lines[:2])
	}
	// frSpan itself flags them (holiday summaries use unsplit spans).
	if got := frSpan(Span{600, 2100}); got != "10\u00a0h – 11\u00a0h le lendemain" {
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
