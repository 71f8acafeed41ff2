package hours

import (
	"fmt"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Europe/Paris must not depend on the host's zoneinfo
)

var paris = mustLoad("Europe/Paris")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at parses "2026-06-01 09:00" (optionally with :ss) in Europe/Paris.
func at(s string) time.Time {
	layout := "2006-01-02 15:04"
	if len(s) > len(layout) {
		layout += ":05"
	}
	t, err := time.ParseInLocation(layout, s, paris)
	if err != nil {
		panic(err)
	}
	return t
}

func mustParse(t testing.TB, s string) *Schedule {
	t.Helper()
	sch, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return sch
}

func TestCalendarAssumptions(t *testing.T) {
	// The dates below rely on these weekdays.
	for s, wd := range map[string]time.Weekday{
		"2026-06-01 00:00": time.Monday, "2026-06-05 00:00": time.Friday,
		"2026-05-14 00:00": time.Thursday, "2026-07-14 00:00": time.Tuesday,
	} {
		if got := at(s).Weekday(); got != wd {
			t.Fatalf("%s is a %v, not a %v", s, got, wd)
		}
	}
}

func TestOpenAt(t *testing.T) {
	type check struct {
		when string
		open bool
	}
	tests := []struct {
		hours    string
		holidays bool
		checks   []check
	}{
		{"Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00; PH off", false, []check{
			{"2026-06-01 08:59:59", false}, {"2026-06-01 09:00", true}, {"2026-06-01 11:59:59", true},
			{"2026-06-01 12:00", false}, {"2026-06-01 13:59", false}, {"2026-06-01 14:00", true},
			{"2026-06-01 17:29:59", true}, {"2026-06-01 17:30", false}, {"2026-06-06 09:30", true},
			{"2026-06-06 14:30", false}, {"2026-06-07 10:00", false},
		}},
		// Spans past midnight belong to the day they start on.
		{"Fr 20:00-02:00", false, []check{
			{"2026-06-05 19:59", false}, {"2026-06-05 20:00", true}, {"2026-06-05 23:59:59", true},
			{"2026-06-06 00:00", true}, {"2026-06-06 01:59:59", true}, {"2026-06-06 02:00", false},
			{"2026-06-05 01:00", false}, {"2026-06-06 20:30", false},
		}},
		{"Su 22:00-02:00", false, []check{{"2026-06-07 23:00", true}, {"2026-06-08 01:00", true}, {"2026-06-09 01:00", false}, {"2026-06-08 02:00", false}}},
		{"Mo 12:00-09:00", false, []check{{"2026-06-01 11:59", false}, {"2026-06-01 12:00", true}, {"2026-06-02 08:59", true}, {"2026-06-02 09:00", false}}},
		{"Sa 22:00-24:00", false, []check{{"2026-06-06 21:59", false}, {"2026-06-06 22:00", true}, {"2026-06-06 23:59:59", true}, {"2026-06-07 00:00", false}}},
		{"Mo-Sa 00:00-24:00", false, []check{{"2026-06-06 23:59:59", true}, {"2026-06-07 00:00", false}, {"2026-06-08 00:00", true}}},
		{"Mo 20:00-02:00; Tu 09:00-12:00", false, []check{{"2026-06-02 01:00", true}, {"2026-06-02 10:00", true}, {"2026-06-02 20:30", false}}},
		// Overriding and additional rules.
		{"Mo-Fr 09:00-17:00; We off", false, []check{{"2026-06-02 10:00", true}, {"2026-06-03 10:00", false}, {"2026-06-04 16:59", true}}},
		{"Mo-Fr 09:00-17:00; We 14:00-16:00", false, []check{{"2026-06-03 10:00", false}, {"2026-06-03 15:00", true}}},
		{"Mo-Fr 09:00-18:00, We 12:00-14:00 off", false, []check{{"2026-06-03 11:59", true}, {"2026-06-03 12:00", false}, {"2026-06-03 14:00", true}}},
		{"Mo-Fr 09:00-17:00 || Sa 10:00-12:00", false, []check{{"2026-06-06 11:00", true}, {"2026-06-01 10:00", true}}},
		{"10:00-12:00 || Sa 14:00-16:00", false, []check{{"2026-06-06 15:00", false}, {"2026-06-06 11:00", true}}},
		{`Mo-Fr 09:00-17:00 || "sur rendez-vous"`, false, []check{{"2026-06-06 11:00", false}, {"2026-06-01 10:00", true}}},
		{`Mo-Fr "sur rendez-vous"`, false, []check{{"2026-06-01 10:00", false}}},
		{"24/7", false, []check{{"2026-06-01 00:00", true}, {"2026-06-07 23:59:59", true}}},
		{"24/7", true, []check{{"2026-07-14 12:00", true}}},
		{"24/7; PH off", true, []check{{"2026-07-14 12:00", false}, {"2026-07-13 23:59", true}, {"2026-07-15 00:00", true}}},
		{"off", false, []check{{"2026-06-01 10:00", false}}},
		// Public holidays: ignored without a checker.
		{"Mo-Fr 09:00-12:00; PH off", false, []check{{"2026-05-14 10:00", true}, {"2026-07-14 10:00", true}}},
		{"Mo-Fr 09:00-12:00; PH off", true, []check{
			{"2026-05-14 10:00", false}, {"2026-07-14 10:00", false}, {"2026-07-15 10:00", true}, {"2026-05-13 10:00", true},
		}},
		{"PH off; Mo-Fr 09:00-12:00", true, []check{{"2026-05-14 10:00", true}}}, // order matters, as in OSM
		{"Mo-Fr 09:00-12:00; PH 14:00-16:00", true, []check{{"2026-07-14 10:00", false}, {"2026-07-14 15:00", true}, {"2026-07-15 15:00", false}}},
		{"PH 10:00-12:00", false, []check{{"2026-07-14 11:00", false}}},
		{"PH 10:00-12:00", true, []check{{"2026-07-14 11:00", true}, {"2026-07-15 11:00", false}}},
		{"Sa,PH 10:00-12:00", false, []check{{"2026-06-06 11:00", true}, {"2026-07-14 11:00", false}}},
		{"Sa,PH 10:00-12:00", true, []check{{"2026-06-06 11:00", true}, {"2026-07-14 11:00", true}}},
		{"Mo-Fr 09:00-17:00 || PH 10:00-11:00", true, []check{{"2026-07-14 10:30", true}, {"2026-07-14 16:00", true}}},
		{"Mo-Fr 20:00-02:00; PH off", true, []check{{"2026-07-13 23:00", true}, {"2026-07-14 01:00", true}, {"2026-07-14 21:00", false}, {"2026-07-15 01:00", false}}},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.hours)
		if tt.holidays {
			s = s.WithHolidays(FrenchPublicHoliday)
		}
		for _, c := range tt.checks {
			if got := s.OpenAt(at(c.when)); got != c.open {
				t.Errorf("%q (holidays %v): OpenAt(%s) = %v, want %v", tt.hours, tt.holidays, c.when, got, c.open)
			}
		}
	}
}

func TestOpenAtUsesWallClock(t *testing.T) {
	s := mustParse(t, "Mo-Fr 09:00-12:00")
	monday9 := at("2026-06-01 09:30") // 07:30 UTC
	if !s.OpenAt(monday9) || s.OpenAt(monday9.UTC()) {
		t.Errorf("OpenAt must read the wall clock of the given location")
	}
}

func TestWithHolidaysDoesNotMutate(t *testing.T) {
	s := mustParse(t, "Mo-Fr 09:00-12:00; PH off")
	h := s.WithHolidays(FrenchPublicHoliday)
	if !s.OpenAt(at("2026-07-14 10:00")) || h.OpenAt(at("2026-07-14 10:00")) {
		t.Errorf("WithHolidays must return a copy")
	}
	if h.WithHolidays(nil).OpenAt(at("2026-07-14 10:00")) != true {
		t.Errorf("WithHolidays(nil) must disable holidays")
	}
}

func intervalsText(ivs []Interval) string {
	var parts []string
	for _, iv := range ivs {
		parts = append(parts, iv.Start.Format("Mon 02 15:04")+"–"+iv.End.Format("Mon 02 15:04"))
	}
	return strings.Join(parts, ", ")
}

func TestNextOpenings(t *testing.T) {
	tests := []struct {
		hours    string
		holidays bool
		from     string
		days     int
		want     string
	}{
		// Friday morning, 3 days: across the weekend, clipped on Monday.
		{"Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00", false, "2026-06-05 10:00", 3,
			"Fri 05 10:00–Fri 05 12:00, Fri 05 14:00–Fri 05 17:30, Sat 06 09:00–Sat 06 12:00, Mon 08 09:00–Mon 08 10:00"},
		{"Mo-Fr 09:00-12:00,14:00-17:30; Sa 09:00-12:00", false, "2026-06-05 12:00", 1,
			"Fri 05 14:00–Fri 05 17:30, Sat 06 09:00–Sat 06 12:00"},
		{"Mo-Fr 09:00-12:00", false, "2026-06-06 00:00", 2, ""},
		// A span that started before from is clipped to from.
		{"Fr 20:00-02:00", false, "2026-06-06 01:00", 1, "Sat 06 01:00–Sat 06 02:00"},
		// Touching spans are merged, including across midnight.
		{"Fr 20:00-24:00; Sa 00:00-02:00,02:00-03:00", false, "2026-06-05 00:00", 3, "Fri 05 20:00–Sat 06 03:00"},
		{"Mo-Su 00:00-24:00", false, "2026-06-05 10:00", 3, "Fri 05 10:00–Mon 08 10:00"},
		{"24/7", false, "2026-06-05 10:00", 1, "Fri 05 10:00–Sat 06 10:00"},
		{"Su 22:00-02:00", false, "2026-06-07 23:00", 1, "Sun 07 23:00–Mon 08 02:00"},
		// Holidays.
		{"Mo-Fr 09:00-12:00; PH off", true, "2026-07-13 00:00", 3, "Mon 13 09:00–Mon 13 12:00, Wed 15 09:00–Wed 15 12:00"},
		{"Mo-Fr 09:00-12:00; PH off", false, "2026-07-13 00:00", 2, "Mon 13 09:00–Mon 13 12:00, Tue 14 09:00–Tue 14 12:00"},
		{"Mo-Fr 09:00-12:00; PH off", true, "2026-05-13 00:00", 3, "Wed 13 09:00–Wed 13 12:00, Fri 15 09:00–Fri 15 12:00"},
	}
	for _, tt := range tests {
		s := mustParse(t, tt.hours)
		if tt.holidays {
			s = s.WithHolidays(FrenchPublicHoliday)
		}
		got := s.NextOpenings(at(tt.from), tt.days)
		if txt := intervalsText(got); txt != tt.want {
			t.Errorf("%q NextOpenings(%s, %d):\n got  %s\n want %s", tt.hours, tt.from, tt.days, txt, tt.want)
		}
	}
}

func TestNextOpeningsEdges(t *testing.T) {
	s := mustParse(t, "24/7")
	from := at("2026-06-01 10:00")
	for _, days := range []int{0, -3} {
		if got := s.NextOpenings(from, days); got != nil {
			t.Errorf("NextOpenings(days=%d) = %v, want nil", days, got)
		}
	}
	// The window is days*24h of real time, even across a DST change
	// (Europe/Paris springs forward on 2026-03-29).
	from = at("2026-03-28 00:00")
	got := s.NextOpenings(from, 2)
	if len(got) != 1 || !got[0].Start.Equal(from) || !got[0].End.Equal(from.Add(48*time.Hour)) {
		t.Errorf("24/7 over DST: %v", got)
	}
	if got[0].Start.Location() != paris {
		t.Errorf("intervals must be in from's location")
	}
	// Opening hours follow the wall clock on both sides of the change.
	got = mustParse(t, "09:00-10:00").NextOpenings(from, 2)
	want := fmt.Sprint([]Interval{{at("2026-03-28 09:00"), at("2026-03-28 10:00")}, {at("2026-03-29 09:00"), at("2026-03-29 10:00")}})
	if fmt.Sprint(got) != want {
		t.Errorf("over DST: got %v, want %v", got, want)
	}
	if n := len(mustParse(t, "Mo 10:00-11:00").NextOpenings(from, 1<<40)); n != maxDays/7 && n != maxDays/7+1 {
		t.Errorf("huge days: %d intervals", n)
	}
}

func TestFrenchPublicHoliday(t *testing.T) {
	want2026 := []string{"01-01", "04-06", "05-01", "05-08", "05-14", "05-25", "07-14", "08-15", "11-01", "11-11", "12-25"}
	var got []string
	for d := time.Date(2026, 1, 1, 12, 0, 0, 0, paris); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		if FrenchPublicHoliday(d) {
			got = append(got, d.Format("01-02"))
		}
	}
	if strings.Join(got, " ") != strings.Join(want2026, " ") {
		t.Errorf("2026 holidays = %v, want %v", got, want2026)
	}
	for _, tt := range []struct {
		date string
		want bool
	}{
		{"2026-05-14 00:00", true},  // Ascension
		{"2026-07-14 23:59", true},  // Fête nationale
		{"2026-04-05 10:00", false}, // Easter Sunday is a Sunday, not a listed holiday
		{"2026-05-24 10:00", false}, // Pentecost Sunday
		{"2026-12-26 10:00", false}, // Alsace-Moselle only
		{"2025-04-21 10:00", true},  // Easter Monday 2025
		{"2025-05-29 10:00", true},  // Ascension 2025
		{"2025-06-09 10:00", true},  // Whit Monday 2025
		{"2024-04-01 10:00", true},  // Easter Monday 2024
		{"2027-03-29 10:00", true},  // Easter Monday 2027
		{"2027-05-06 10:00", true},  // Ascension 2027
	} {
		if got := FrenchPublicHoliday(at(tt.date)); got != tt.want {
			t.Errorf("FrenchPublicHoliday(%s) = %v, want %v", tt.date, got, tt.want)
		}
	}
	// The calendar day is read in t's location: 2026-07-13 23:30 UTC is
	// already 14 July in Paris.
	utc := time.Date(2026, 7, 13, 23, 30, 0, 0, time.UTC)
	if FrenchPublicHoliday(utc) || !FrenchPublicHoliday(utc.In(paris)) {
		t.Errorf("FrenchPublicHoliday must use t's location")
	}
}

func TestEaster(t *testing.T) {
	for y, want := range map[int]string{
		2000: "04-23", 2008: "03-23", 2019: "04-21", 2024: "03-31", 2025: "04-20",
		2026: "04-05", 2027: "03-28", 2038: "04-25", 2285: "03-22",
	} {
		if got := easter(y).Format("01-02"); got != want {
			t.Errorf("easter(%d) = %s, want %s", y, got, want)
		}
	}
}
