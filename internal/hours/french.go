package hours

import (
	"fmt"
	"slices"
	"strings"
)

var frenchDays = [7]string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}

// DayLine is the French rendering of one day of the week.
type DayLine struct {
	Day     string   // "lundi" … "dimanche"
	Spans   []string // "9 h – 12 h", "14 h – 17 h 30" (no-break spaces around "h"); "24 h/24" for a whole day
	Closed  bool     // no opening hours and no comment-only rule
	Comment string   // comments of the rules that apply, joined by " / "
}

// frClock formats minutes as "9 h", "17 h 30" or "12 h 05"; an end at
// 24:00 is "minuit".
func frClock(min int, end bool) string {
	if end && min == minutesPerDay {
		return "minuit"
	}
	min %= minutesPerDay
	if min%60 == 0 {
		return fmt.Sprintf("%d\u00a0h", min/60)
	}
	return fmt.Sprintf("%d\u00a0h\u00a0%02d", min/60, min%60)
}

func frSpan(s Span) string {
	if s.From == 0 && s.To == minutesPerDay {
		return "24\u00a0h/24"
	}
	out := frClock(s.From, false) + " – " + frClock(s.To, true)
	if s.To > minutesPerDay && s.To%minutesPerDay >= s.From {
		out += " le lendemain" // more than 24 hours: "20 h – 2 h" would be ambiguous
	}
	return out
}

// frList joins "a", "a et b", "a, b et c".
func frList(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}

// French returns one line per day of the week, Monday to Sunday, for a week
// without public holidays.
func (s *Schedule) French() []DayLine {
	weekly := s.Weekly()
	lines := make([]DayLine, 7)
	for wd := range 7 {
		st := s.eval(wd, false)
		l := DayLine{Day: frenchDays[wd], Comment: strings.Join(st.comments, " / ")}
		for _, sp := range weekly[wd] {
			l.Spans = append(l.Spans, frSpan(sp))
		}
		l.Closed = len(l.Spans) == 0 && !st.unknown
		lines[wd] = l
	}
	return lines
}

// content renders the hours and comments of a line: "9 h – 12 h (sur rendez-vous)".
func (l DayLine) content() string {
	spans := frList(l.Spans)
	switch {
	case l.Comment == "":
		return spans
	case spans == "":
		return l.Comment
	}
	return spans + " (" + l.Comment + ")"
}

// frDays names a set of weekdays: "samedi", "mardi et jeudi",
// "du lundi au vendredi", "du vendredi au lundi et mercredi",
// "tous les jours".
func frDays(set [7]bool) string {
	n := 0
	for _, in := range set {
		if in {
			n++
		}
	}
	if n == 7 {
		return "tous les jours"
	}
	start := 0
	if set[0] && set[6] { // a run wraps around the week: list it first
		start = 6
		for set[start-1] {
			start--
		}
	}
	var items []string
	for i := 0; i < 7; {
		wd := (start + i) % 7
		if !set[wd] {
			i++
			continue
		}
		j := i
		for j+1 < 7 && set[(start+j+1)%7] {
			j++
		}
		first, last := frenchDays[wd], frenchDays[(start+j)%7]
		switch j - i {
		case 0:
			items = append(items, first)
		case 1:
			items = append(items, first, last)
		default:
			items = append(items, "du "+first+" au "+last)
		}
		i = j + 1
	}
	return frList(items)
}

// Summary returns a compact French description, for example
// "du lundi au vendredi : 9 h – 12 h et 14 h – 17 h 30 ; samedi : 9 h – 12 h ;
// fermé les jours fériés". Days with the same hours are grouped; closed days
// are left out ("fermé" when every day is closed). When PH rules change some
// days, a last part says how: "fermé les jours fériés",
// "jours fériés : 10 h – 12 h", or "horaires particuliers les jours fériés"
// when it depends on the day of the week.
func (s *Schedule) Summary() string {
	lines := s.French()
	var parts []string
	if allDay(s.Weekly()) && !slices.ContainsFunc(lines, func(l DayLine) bool { return l.Comment != "" }) {
		parts = append(parts, "24\u00a0h/24, 7\u00a0j/7")
	} else {
		var keys []string
		sets := map[string]*[7]bool{}
		for wd, l := range lines {
			if l.Closed {
				continue
			}
			k := l.content()
			if sets[k] == nil {
				keys = append(keys, k)
				sets[k] = new([7]bool)
			}
			sets[k][wd] = true
		}
		for _, k := range keys {
			parts = append(parts, frDays(*sets[k])+" : "+k)
		}
		if len(parts) == 0 {
			parts = append(parts, "fermé")
		}
	}
	if h := s.holidaySummary(); h != "" {
		parts = append(parts, h)
	}
	return strings.Join(parts, " ; ")
}

func allDay(w [7][]Span) bool {
	for _, d := range w {
		if len(d) != 1 || d[0] != (Span{0, minutesPerDay}) {
			return false
		}
	}
	return true
}

// holidaySummary describes how PH rules change the days they apply to.
func (s *Schedule) holidaySummary() string {
	if !slices.ContainsFunc(s.rules, func(r rule) bool { return r.hasPH() }) {
		return ""
	}
	var changed []dayState
	for wd := range 7 {
		if h := s.eval(wd, true); !h.equal(s.eval(wd, false)) {
			changed = append(changed, h)
		}
	}
	if len(changed) == 0 {
		return ""
	}
	for _, h := range changed[1:] {
		if !h.equal(changed[0]) {
			return "horaires particuliers les jours fériés"
		}
	}
	h := changed[0]
	comment := strings.Join(h.comments, " / ")
	if h.closed() {
		if comment != "" {
			return "fermé les jours fériés (" + comment + ")"
		}
		return "fermé les jours fériés"
	}
	l := DayLine{Comment: comment}
	for _, sp := range h.spans {
		l.Spans = append(l.Spans, frSpan(sp))
	}
	return "jours fériés : " + l.content()
}
