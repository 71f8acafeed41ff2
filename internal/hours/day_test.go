package hours

import (
	"fmt"
	"testing"
)

// TestDay checks the raw spans of a day, ordinary or public holiday, that
// the orientation assistant's script evaluates instead of the rules.
func TestDay(t *testing.T) {
	tests := []struct {
		in      string
		weekday int
		holiday bool
		want    string
	}{
		{"Mo-Fr 08:30-12:30,13:30-17:00; PH off", 0, false, "[{510 750} {810 1020}]"},
		{"Mo-Fr 08:30-12:30,13:30-17:00; PH off", 0, true, "[]"},
		{"Mo-Fr 09:00-17:00; PH 10:00-12:00", 6, true, "[{600 720}]"},
		{"Mo-Fr 09:00-17:00; PH 10:00-12:00", 6, false, "[]"},
		{"Fr 20:00-02:00", 4, false, "[{1200 1560}]"}, // past midnight stays on Friday
		{"Fr 20:00-02:00", 5, false, "[]"},
		{"Fr 20:00-02:00, Fr 20:00-24:00 off", 4, false, "[{1440 1560}]"}, // the leftover keeps its day
		{"Mo-Fr \"sur rendez-vous\"", 1, false, "[]"},
	}
	for _, tt := range tests {
		s, err := Parse(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(s.Day(tt.weekday, tt.holiday)); got != tt.want && !(got == "[]" && tt.want == "[]") {
			t.Errorf("Day(%q, %d, %v) = %s, want %s", tt.in, tt.weekday, tt.holiday, got, tt.want)
		}
	}
	// the result is a copy
	s, _ := Parse("Mo 09:00-12:00")
	s.Day(0, false)[0].From = 0
	if s.Day(0, false)[0].From != 540 {
		t.Error("Day returns the schedule's own slice")
	}
}
