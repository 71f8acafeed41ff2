package hours

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// genSchedule writes a random valid opening_hours value, with irregular
// whitespace, using every supported construct.
func genSchedule(r *rand.Rand) string {
	ws := func() string { return []string{"", "", " ", "  ", "\t"}[r.IntN(5)] }
	sp := func() string { return []string{" ", " ", "  ", "\t", "\n", "\u00a0"}[r.IntN(6)] }
	clock := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	minute := func() int {
		if r.IntN(5) > 0 {
			return r.IntN(288) * 5
		}
		return r.IntN(minutesPerDay)
	}
	comments := []string{"sur rendez-vous", "atelier numérique", "fermé en août", "a; b", "x || y, z"}

	var b strings.Builder
	n := 1 + r.IntN(4)
	prevEnd := part(-1)
	for i := range n {
		// Parts of this rule.
		var parts []string
		first, last := part(-1), part(-1)
		add := func(p part, s string) {
			if first < 0 {
				first = p
			}
			last = p
			parts = append(parts, s)
		}
		always := false
		switch k := r.IntN(20); {
		case k == 0:
			always = true
			add(partAlways, "24/7")
		case k < 5: // no selector
		default:
			var items []string
			for range 1 + r.IntN(3) {
				switch k := r.IntN(10); {
				case k == 0:
					items = append(items, "PH")
				case k < 5:
					items = append(items, dayCodes[r.IntN(7)])
				default:
					items = append(items, dayCodes[r.IntN(7)]+ws()+"-"+ws()+dayCodes[r.IntN(7)])
				}
			}
			add(partSelector, strings.Join(items, ws()+","+ws()))
		}
		if !always && r.IntN(10) < 7 {
			var spans []string
			for range 1 + r.IntN(3) {
				from, to := minute(), minute()
				if r.IntN(8) == 0 {
					to = minutesPerDay
				}
				if to == from {
					to = (from + 60) % minutesPerDay
				}
				spans = append(spans, clock(from)+ws()+"-"+ws()+clock(to))
			}
			add(partTimes, strings.Join(spans, ws()+","+ws()))
		}
		switch k := r.IntN(10); {
		case k < 2:
			add(partModifier, "off")
		case k < 3:
			add(partModifier, "closed")
		case k < 4:
			add(partModifier, "open")
		}
		if r.IntN(7) == 0 {
			add(partComment, `"`+comments[r.IntN(len(comments))]+`"`)
		}
		if first < 0 {
			add(partTimes, "10:00-12:00")
		}

		if i > 0 {
			sep := []string{";", ";", ";", ",", "||"}[r.IntN(5)]
			// "," would continue a list after a bare selector or before a time.
			if sep == "," && (prevEnd == partSelector || prevEnd == partTimes && (first == partTimes || first == partAlways)) {
				sep = ";"
			}
			b.WriteString(ws() + sep + ws())
		}
		b.WriteString(parts[0])
		for _, p := range parts[1:] {
			b.WriteString(sp() + p)
		}
		prevEnd = last
	}
	if r.IntN(5) == 0 {
		b.WriteString(ws() + ";")
	}
	return b.String()
}

// openInWeekly evaluates Weekly() by hand, for a time in a zone without DST
// and without public holidays.
func openInWeekly(w [7][]Span, t time.Time) bool {
	wd := (int(t.Weekday()) + 6) % 7
	m := t.Hour()*60 + t.Minute()
	for _, s := range w[wd] {
		if s.From <= m && m < s.To {
			return true
		}
	}
	for _, s := range w[(wd+6)%7] {
		if s.From <= m+minutesPerDay && m+minutesPerDay < s.To {
			return true
		}
	}
	return false
}

func inIntervals(ivs []Interval, t time.Time) bool {
	for _, iv := range ivs {
		if !t.Before(iv.Start) && t.Before(iv.End) {
			return true
		}
	}
	return false
}

func TestProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(20260514, 1))
	iterations := 3000
	if testing.Short() {
		iterations = 300
	}
	locs := []*time.Location{paris, time.UTC}
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	dstDays := []time.Time{ // Europe/Paris changes, and Ascension/14 July
		time.Date(2026, 3, 28, 0, 0, 0, 0, paris), time.Date(2026, 10, 24, 0, 0, 0, 0, paris),
		time.Date(2025, 3, 29, 0, 0, 0, 0, paris), time.Date(2026, 5, 13, 0, 0, 0, 0, paris),
		time.Date(2026, 7, 12, 0, 0, 0, 0, paris),
	}
	for i := range iterations {
		in := genSchedule(r)
		s, err := Parse(in)
		if err != nil {
			t.Fatalf("generated %q does not parse: %v", in, err)
		}

		// Canonical form round-trips.
		c := s.String()
		s2, err := Parse(c)
		if err != nil {
			t.Fatalf("canonical %q (of %q) does not parse: %v", c, in, err)
		}
		if s2.String() != c || !reflect.DeepEqual(s.rules, s2.rules) {
			t.Fatalf("canonical %q (of %q) re-renders as %q", c, in, s2.String())
		}
		if !reflect.DeepEqual(s.Weekly(), s2.Weekly()) {
			t.Fatalf("Weekly differs after round trip of %q via %q", in, c)
		}

		// OpenAt agrees with NextOpenings, with holidays, across DST.
		h := s.WithHolidays(FrenchPublicHoliday)
		loc := locs[i%2]
		var from time.Time
		if r.IntN(3) == 0 {
			from = dstDays[r.IntN(len(dstDays))].Add(time.Duration(r.IntN(36*60)) * time.Minute)
		} else {
			from = base.Add(time.Duration(r.IntN(3*365*24*60)) * time.Minute)
		}
		from = from.Add(time.Duration(r.IntN(60)) * time.Second).In(loc)
		days := 1 + r.IntN(4)
		end := from.Add(time.Duration(days) * 24 * time.Hour)
		ivs := h.NextOpenings(from, days)
		for j, iv := range ivs {
			if !iv.Start.Before(iv.End) || iv.Start.Before(from) || iv.End.After(end) ||
				j > 0 && !ivs[j-1].End.Before(iv.Start) {
				t.Fatalf("%q from %v: bad intervals %v", c, from, ivs)
			}
		}
		probes := []time.Time{from, end.Add(-time.Nanosecond)}
		for _, iv := range ivs {
			probes = append(probes, iv.Start, iv.Start.Add(-time.Second), iv.End.Add(-time.Nanosecond), iv.End)
		}
		for range 40 {
			probes = append(probes, from.Add(time.Duration(r.Int64N(int64(end.Sub(from))))))
		}
		for _, p := range probes {
			if p.Before(from) || !p.Before(end) {
				continue
			}
			if got, want := h.OpenAt(p), inIntervals(ivs, p); got != want {
				t.Fatalf("%q: OpenAt(%v) = %v but NextOpenings(%v, %d) = %v", c, p, got, from, days, ivs)
			}
		}

		// Without holidays, in UTC, OpenAt agrees with Weekly.
		w := s.Weekly()
		for range 30 {
			p := base.Add(time.Duration(r.IntN(3*365*24*60)) * time.Minute)
			if got, want := s.OpenAt(p), openInWeekly(w, p); got != want {
				t.Fatalf("%q: OpenAt(%v) = %v but Weekly %v says %v", c, p, got, w, want)
			}
		}

		// Rendering never fails and gives seven lines.
		if len(s.French()) != 7 || s.Summary() == "" {
			t.Fatalf("%q: bad rendering", c)
		}
	}
}
