package hours

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// weeklyText renders Weekly() compactly: "Mo 09:00-12:00,14:00-17:30 | Sa 09:00-12:00".
// Spans past midnight show their end as an extended time (20:00-26:00).
func weeklyText(w [7][]Span) string {
	var days []string
	for wd, spans := range w {
		if len(spans) == 0 {
			continue
		}
		items := make([]string, len(spans))
		for i, sp := range spans {
			items[i] = fmt.Sprintf("%02d:%02d-%02d:%02d", sp.From/60, sp.From%60, sp.To/60, sp.To%60)
		}
		days = append(days, dayCodes[wd]+" "+strings.Join(items, ","))
	}
	return strings.Join(days, " | ")
}

func TestParseValid(t *testing.T) {
	const (
		weekdays = "Mo 09:00-12:00,14:00-17:30 | Tu 09:00-12:00,14:00-17:30 | We 09:00-12:00,14:00-17:30 | Th 09:00-12:00,14:00-17:30 | Fr 09:00-12:00,14:00-17:30"
		allDays  = "Mo 00:00-24:00 | Tu 00:00-24:00 | We 00:00-24:00 | Th 00:00-24:00 | Fr 00:00-24:00 | Sa 00:00-24:00 | Su 00:00-24:00"
	)
	tests := []struct {
		in, canonical, weekly string
	}{
		// Shapes likely in the real data.
		{"Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", "", weekdays + " | Sa 09:00-12:00"},
		{"Tu,Th 14:00-18:00", "", "Tu 14:00-18:00 | Th 14:00-18:00"},
		{"Mo-Sa 10:00-18:00", "", "Mo 10:00-18:00 | Tu 10:00-18:00 | We 10:00-18:00 | Th 10:00-18:00 | Fr 10:00-18:00 | Sa 10:00-18:00"},
		{"We 09:00-12:00,13:30-17:00; Fr 14:00-17:00", "", "We 09:00-12:00,13:30-17:00 | Fr 14:00-17:00"},
		{"24/7", "", allDays},
		{`Mo-Fr 08:00-12:00 "sur rendez-vous"`, "", "Mo 08:00-12:00 | Tu 08:00-12:00 | We 08:00-12:00 | Th 08:00-12:00 | Fr 08:00-12:00"},
		{"Fr-Mo 10:00-16:00", "", "Mo 10:00-16:00 | Fr 10:00-16:00 | Sa 10:00-16:00 | Su 10:00-16:00"},
		// Selectors.
		{"Mo,We,Fr 09:00-12:00", "", "Mo 09:00-12:00 | We 09:00-12:00 | Fr 09:00-12:00"},
		{"Mo-We,Fr 10:00-11:00", "", "Mo 10:00-11:00 | Tu 10:00-11:00 | We 10:00-11:00 | Fr 10:00-11:00"},
		{"Su-Sa 10:00-11:00", "", "Mo 10:00-11:00 | Tu 10:00-11:00 | We 10:00-11:00 | Th 10:00-11:00 | Fr 10:00-11:00 | Sa 10:00-11:00 | Su 10:00-11:00"},
		{"Mo-Mo 09:00-10:00", "Mo 09:00-10:00", "Mo 09:00-10:00"},
		{"10:00-18:00", "", "Mo 10:00-18:00 | Tu 10:00-18:00 | We 10:00-18:00 | Th 10:00-18:00 | Fr 10:00-18:00 | Sa 10:00-18:00 | Su 10:00-18:00"},
		{"Sa-Su", "", "Sa 00:00-24:00 | Su 00:00-24:00"},
		{"PH 10:00-12:00", "", ""},
		{"Sa,PH 10:00-12:00", "", "Sa 10:00-12:00"},
		{"PH,Sa 10:00-12:00; PH off", "", "Sa 10:00-12:00"},
		// Times.
		{"Fr 20:00-02:00", "", "Fr 20:00-26:00"},
		{"Mo 12:00-09:00", "", "Mo 12:00-33:00"},
		{"Sa 22:00-24:00", "", "Sa 22:00-24:00"},
		{"Sa 22:00-00:00", "Sa 22:00-24:00", "Sa 22:00-24:00"},
		{"Mo 00:00-24:00", "", "Mo 00:00-24:00"},
		{"Mo 09:00-12:00,11:00-13:00", "", "Mo 09:00-13:00"},
		{"Mo 14:00-16:00,09:00-12:00", "", "Mo 09:00-12:00,14:00-16:00"},
		{"Su 22:00-02:00", "", "Su 22:00-26:00"},
		// Modifiers and comments.
		{"Mo-Fr 09:00-17:00; We off", "", "Mo 09:00-17:00 | Tu 09:00-17:00 | Th 09:00-17:00 | Fr 09:00-17:00"},
		{"Mo-Fr 09:00-17:00; We closed", "Mo-Fr 09:00-17:00; We off", "Mo 09:00-17:00 | Tu 09:00-17:00 | Th 09:00-17:00 | Fr 09:00-17:00"},
		{"Mo-Fr 09:00-12:00 open", "", "Mo 09:00-12:00 | Tu 09:00-12:00 | We 09:00-12:00 | Th 09:00-12:00 | Fr 09:00-12:00"},
		{"off", "", ""},
		{"24/7; PH off", "", allDays},
		{`Mo-Fr "sur rendez-vous"`, "", ""},
		{`"sur rendez-vous"`, "", ""},
		{`Sa off "fermé l'été"`, "", ""},
		{`Mo 10:00-12:00 "  appeler avant "`, `Mo 10:00-12:00 "appeler avant"`, "Mo 10:00-12:00"},
		{`Tu 10:00-12:00 "a; b || c, d"`, "", "Tu 10:00-12:00"},
		// Rule separators.
		{"Mo-Fr 09:00-18:00, We 12:00-14:00 off", "", "Mo 09:00-18:00 | Tu 09:00-18:00 | We 09:00-12:00,14:00-18:00 | Th 09:00-18:00 | Fr 09:00-18:00"},
		{"Mo-Fr 09:00-18:00; We 12:00-14:00 off", "", "Mo 09:00-18:00 | Tu 09:00-18:00 | Th 09:00-18:00 | Fr 09:00-18:00"},
		{"Mo 08:00-10:00, Mo 16:00-18:00", "", "Mo 08:00-10:00,16:00-18:00"},
		{"Mo off, 10:00-12:00", "", "Mo 10:00-12:00 | Tu 10:00-12:00 | We 10:00-12:00 | Th 10:00-12:00 | Fr 10:00-12:00 | Sa 10:00-12:00 | Su 10:00-12:00"},
		{`Mo-Fr 09:00-17:00 || "sur rendez-vous"`, "", "Mo 09:00-17:00 | Tu 09:00-17:00 | We 09:00-17:00 | Th 09:00-17:00 | Fr 09:00-17:00"},
		{"Mo-Fr 09:00-17:00 || Mo-Sa 10:00-11:00", "", "Mo 09:00-17:00 | Tu 09:00-17:00 | We 09:00-17:00 | Th 09:00-17:00 | Fr 09:00-17:00 | Sa 10:00-11:00"},
		{"Mo 20:00-02:00; Tu 09:00-12:00", "", "Mo 20:00-26:00 | Tu 09:00-12:00"},
		{"Mo 20:00-02:00, Mo 20:00-24:00 off", "", "Tu 00:00-02:00"},
		// Whitespace tolerance.
		{"  Mo-Fr   09:00 - 12:00 , 14:00-17:30 ;Sa 09:00-12:00;  ", "Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00", weekdays + " | Sa 09:00-12:00"},
		{"Mo - We , Fr\t10:00-11:00\n", "Mo-We,Fr 10:00-11:00", "Mo 10:00-11:00 | Tu 10:00-11:00 | We 10:00-11:00 | Fr 10:00-11:00"},
		{"Mo-Fr\u00a009:00-12:00\u202f;\u00a0Sa 10:00-11:00", "Mo-Fr 09:00-12:00; Sa 10:00-11:00", "Mo 09:00-12:00 | Tu 09:00-12:00 | We 09:00-12:00 | Th 09:00-12:00 | Fr 09:00-12:00 | Sa 10:00-11:00"},
		{"Mo09:00-10:00", "Mo 09:00-10:00", "Mo 09:00-10:00"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.in, err)
			}
			want := tt.canonical
			if want == "" {
				want = tt.in
			}
			if got := s.String(); got != want {
				t.Errorf("String() = %q, want %q", got, want)
			}
			if got := weeklyText(s.Weekly()); got != tt.weekly {
				t.Errorf("Weekly() = %q\nwant        %q", got, tt.weekly)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, want string
		offset   int
	}{
		{"9h-12h", `col 1: expected a time like 09:00, found "9h"`, 0},
		{"Lu 09:00-12:00", `col 1: expected "Mo" (OSM weekdays are English two-letter abbreviations), found "Lu"`, 0},
		{"Mo-Fr 09:00-", `col 13: expected a time like 09:00, found end of input`, 12},
		{"Mo 25:00-26:00", `col 4: expected a time between 00:00 and 24:00, found "25:00"`, 3},
		{"Mo 10:00-26:00", `col 10: expected a time between 00:00 and 24:00, found "26:00"`, 9},
		{"Mo 10:60-12:00", `col 4: expected a time between 00:00 and 24:00, found "10:60"`, 3},
		{"Mo 24:00-02:00", `col 4: expected a start time between 00:00 and 23:59, found "24:00"`, 3},
		{"Mo 09:00-24:30", `col 10: expected a time between 00:00 and 24:00, found "24:30"`, 9},
		{"Mo 09:00-09:00", `col 10: expected an end time different from the start time, found "09:00"`, 9},
		{"Mo 9:00-12:00", `col 4: expected a time like 09:00, found "9:00"`, 3},
		{"Mo 09h00-12h00", `col 4: expected a time like 09:00, found "09h00"`, 3},
		{"Mo 09:00:00-12:00:00", `col 4: expected a time like 09:00, found "09:00:00"`, 3},
		{"Mo 09:00", `col 9: expected "-" and an end time, as in 09:00-12:00, found end of input`, 8},
		{"Mo 09:00-12:00+", `col 15: expected "off", a comment, ";" or end of input, found "+"`, 14},
		{"mo 09:00-12:00", `col 1: expected "Mo" (weekday abbreviations are case-sensitive), found "mo"`, 0},
		{"MO-FR 09:00-12:00", `col 1: expected "Mo" (weekday abbreviations are case-sensitive), found "MO"`, 0},
		{"Mo-fr 09:00-12:00", `col 4: expected "Fr" (weekday abbreviations are case-sensitive), found "fr"`, 3},
		{"lundi 09:00-12:00", `col 1: expected "Mo" (OSM weekdays are English two-letter abbreviations), found "lundi"`, 0},
		{"Mo-Ve 09:00-12:00", `col 4: expected "Fr" (OSM weekdays are English two-letter abbreviations), found "Ve"`, 3},
		{"Mo,Je 09:00-12:00", `col 4: expected "Th" (OSM weekdays are English two-letter abbreviations), found "Je"`, 3},
		{"Mon-Fri 10:00-12:00", `col 1: expected "Mo" (OSM weekdays are two-letter abbreviations), found "Mon"`, 0},
		{"ph off", `col 1: expected "PH" (holiday codes are case-sensitive), found "ph"`, 0},
		{"JF off", `col 1: expected "PH" (the OSM code for public holidays), found "JF"`, 0},
		{"Mo-Fr 10:00-12:00 fermé", `col 19: expected "off" (OSM modifiers are English: off, closed, open), found "fermé"`, 18},
		{"Su Off", `col 4: expected "off" (modifiers are lowercase), found "Off"`, 3},
		{"Su unknown", `col 4: expected "off" or "open" ("unknown" is not supported; use a comment alone), found "unknown"`, 3},
		{"Jan-Mar Mo 10:00-12:00", `col 1: expected a weekday (Mo Tu We Th Fr Sa Su) or PH ("Jan" is valid OSM, but month, week, school-holiday and sunrise/sunset selectors are not supported), found "Jan"`, 0},
		{"SH off", `col 1: expected a weekday (Mo Tu We Th Fr Sa Su) or PH ("SH" is valid OSM, but month, week, school-holiday and sunrise/sunset selectors are not supported), found "SH"`, 0},
		{"Mo-Fr: 09:00-12:00", `col 6: expected a time like 09:00 (no ":" after weekdays), found ":"`, 5},
		{"Mo-Fr 09:00-12:00 14:00-18:00", `col 19: expected "," between time ranges, found "14:00"`, 18},
		{"Mo Tu 10:00-12:00", `col 4: expected "," between weekdays, found "Tu"`, 3},
		{"Mo-Fr 09:00-12:00 Sa 10:00-12:00", `col 19: expected ";" before the next rule, found "Sa"`, 18},
		{"Mo-Fr 09:00-12:00 et 14:00-17:00", `col 19: expected "off", a comment, ";" or end of input, found "et"`, 18},
		{"Mo-Fr 24/7", `col 7: expected a time range like 00:00-24:00 ("24/7" cannot follow weekdays), found "24/7"`, 6},
		{"24/7 Mo", `col 6: expected "off", a comment, ";" or end of input, found "Mo"`, 5},
		{"PH-Mo", `col 3: expected "," or a time after PH (PH cannot start a range), found "-"`, 2},
		{"Mo-09:00", `col 4: expected a weekday (Mo Tu We Th Fr Sa Su) to end the range, found "09:00"`, 3},
		{"Mo-", `col 4: expected a weekday (Mo Tu We Th Fr Sa Su) to end the range, found end of input`, 3},
		{"Mo,off", `col 4: expected a weekday (Mo Tu We Th Fr Sa Su) or PH after ",", found "off"`, 3},
		{"Mo, 10:00-12:00", `col 5: expected a weekday (Mo Tu We Th Fr Sa Su) or PH after ",", found "10:00"`, 4},
		{"Mo off off", `col 8: expected a comment, ";" or end of input, found "off"`, 7},
		{`Mo "a" "b"`, `col 8: expected ";" or end of input, found "\""`, 7},
		{`Mo "sur rendez-vous`, `col 20: expected a closing '"' for the comment opened at col 4, found end of input`, 19},
		{`Mo ""`, `col 4: expected a non-empty comment, found "\"\""`, 3},
		{"", `col 1: expected a rule like Mo-Fr 09:00-17:00, found end of input`, 0},
		{"   ", `col 4: expected a rule like Mo-Fr 09:00-17:00, found end of input`, 3},
		{";", `col 1: expected a weekday (Mo Tu We Th Fr Sa Su), PH, a time like 09:00, 24/7, "off" or a comment, found ";"`, 0},
		{"Mo;;Tu", `col 4: expected a weekday (Mo Tu We Th Fr Sa Su), PH, a time like 09:00, 24/7, "off" or a comment, found ";"`, 3},
		{"Mo ||", `col 6: expected a rule after "||", found end of input`, 5},
		{"Mo 10:00-12:00,", `col 16: expected a rule after ",", found end of input`, 15},
		{"Mo 10:00-12:00 | Tu", `col 16: expected "off", a comment, ";" or end of input, found "|"`, 15},
		{"Mo 10:00-12:00 / 14:00-16:00", `col 16: expected "off", a comment, ";" or end of input, found "/"`, 15},
		{"Sa 10:00-12:00; Dimanche fermé", `col 17: expected "Su" (OSM weekdays are English two-letter abbreviations), found "Dimanche"`, 16},
		{"é 10:00", `col 1: expected a weekday (Mo Tu We Th Fr Sa Su), PH, a time like 09:00, 24/7, "off" or a comment, found "é"`, 0},
		{"Mé 10:00", `col 1: expected a weekday (Mo Tu We Th Fr Sa Su), PH, a time like 09:00, 24/7, "off" or a comment, found "Mé"`, 0},
		{"Sa 10:00-12:00; é 9h", `col 17: expected a weekday (Mo Tu We Th Fr Sa Su), PH, a time like 09:00, 24/7, "off" or a comment, found "é"`, 16},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			s, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %q, want error", tt.in, s)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T is not a *ParseError", err)
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("error = %s\nwant    %s", got, tt.want)
			}
			if pe.Offset != tt.offset || pe.Input != tt.in {
				t.Errorf("Offset, Input = %d, %q; want %d, %q", pe.Offset, pe.Input, tt.offset, tt.in)
			}
		})
	}
}

func TestParseErrorFields(t *testing.T) {
	_, err := Parse("Mo-Fr 09:00-12:00; Sa 9h")
	pe, ok := err.(*ParseError)
	if !ok {
		t.Fatalf("got %T %v", err, err)
	}
	want := ParseError{Input: "Mo-Fr 09:00-12:00; Sa 9h", Offset: 22, Expected: "a time like 09:00", Found: `"9h"`}
	if *pe != want {
		t.Errorf("got %+v, want %+v", *pe, want)
	}
	if pe.Column() != 23 {
		t.Errorf("Column() = %d", pe.Column())
	}
}

func TestParseErrorFoundIsShort(t *testing.T) {
	_, err := Parse("Mo 10:00-12:00 Abcdefghijklmnopqrstuvwxyz")
	want := `col 16: expected "off", a comment, ";" or end of input, found "Abcdefghijklmnopqrst…"`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	_, err = Parse("Mo \xff")
	want = `col 4: expected a time like 09:00, "off", a comment, ";" or end of input, found "\xff"`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}
