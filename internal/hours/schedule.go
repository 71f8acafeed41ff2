package hours

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

const minutesPerDay = 24 * 60

// maxDays caps NextOpenings so that days*24h cannot overflow a Duration.
const maxDays = 36600

// Span is an opening span of one day, in minutes since that day's midnight.
// From is in [0, 1440) and To is greater than From; a To above 1440 means the
// span runs past midnight into the next day (20:00-02:00 is {1200, 1560}).
type Span struct{ From, To int }

// Interval is a half-open time interval [Start, End).
type Interval struct{ Start, End time.Time }

type sepKind uint8

const (
	sepNormal     sepKind = iota // ;
	sepAdditional                // ,
	sepFallback                  // ||
)

var sepText = [...]string{sepNormal: "; ", sepAdditional: ", ", sepFallback: " || "}

type modifier uint8

const (
	modNone modifier = iota
	modOpen
	modOff
)

// dayItem is one element of a weekday selector: PH, or the weekdays from..to
// (Monday=0), wrapping around the week when from > to.
type dayItem struct {
	ph       bool
	from, to int
}

func (d dayItem) contains(wd int) bool {
	if d.from <= d.to {
		return d.from <= wd && wd <= d.to
	}
	return wd >= d.from || wd <= d.to
}

type rule struct {
	sep     sepKind // how the rule joins the previous one
	days    []dayItem
	always  bool // 24/7
	times   []Span
	mod     modifier
	comment string
}

type ruleState uint8

const (
	stateOpen ruleState = iota
	stateClosed
	stateUnknown
)

func (r *rule) state() ruleState {
	switch {
	case r.mod == modOff:
		return stateClosed
	case r.mod == modNone && r.comment != "" && len(r.times) == 0 && !r.always:
		return stateUnknown
	}
	return stateOpen
}

func (r *rule) spans() []Span {
	if len(r.times) == 0 {
		return []Span{{0, minutesPerDay}}
	}
	return r.times
}

func (r *rule) selects(wd int, holiday bool) bool {
	if len(r.days) == 0 {
		return true
	}
	for _, d := range r.days {
		if d.ph && holiday || !d.ph && d.contains(wd) {
			return true
		}
	}
	return false
}

func (r *rule) hasPH() bool {
	for _, d := range r.days {
		if d.ph {
			return true
		}
	}
	return false
}

// Schedule is a parsed opening_hours value. The zero value has no rules and
// is always closed. A Schedule is immutable and safe for concurrent use.
type Schedule struct {
	rules   []rule
	holiday func(time.Time) bool
}

// WithHolidays returns a copy of s that evaluates PH selectors with isHoliday,
// which receives midnight of the day in question (in the caller's location).
// Without it (or with nil) PH selectors never match in OpenAt and
// NextOpenings. Typical use: s.WithHolidays(FrenchPublicHoliday).
func (s *Schedule) WithHolidays(isHoliday func(time.Time) bool) *Schedule {
	c := *s
	c.holiday = isHoliday
	return &c
}

// dayState is the result of applying the rules to one day.
type dayState struct {
	spans    []Span // sorted, merged; From may reach 1440 after an "off" cut
	unknown  bool   // a comment-only rule applies: state unknown
	comments []string
}

func (d dayState) closed() bool { return len(d.spans) == 0 && !d.unknown }

func (d dayState) equal(o dayState) bool {
	return slices.Equal(d.spans, o.spans) && d.unknown == o.unknown && slices.Equal(d.comments, o.comments)
}

// eval applies the rules to a day of the week (Monday=0).
func (s *Schedule) eval(wd int, holiday bool) dayState {
	var st dayState
	matched := false
	for i := range s.rules {
		r := &s.rules[i]
		if !r.selects(wd, holiday) {
			continue
		}
		switch r.sep {
		case sepFallback:
			if matched {
				continue
			}
			st = dayState{}
		case sepNormal:
			st = dayState{}
		}
		matched = true
		switch r.state() {
		case stateOpen:
			st.spans = mergeSpans(append(slices.Clone(st.spans), r.spans()...))
		case stateClosed:
			st.spans = subtractSpans(st.spans, r.spans())
		case stateUnknown:
			st.unknown = true
		}
		if r.comment != "" && !slices.Contains(st.comments, r.comment) {
			st.comments = append(st.comments, r.comment)
		}
	}
	return st
}

func mergeSpans(in []Span) []Span {
	if len(in) == 0 {
		return nil
	}
	s := slices.Clone(in)
	slices.SortFunc(s, func(a, b Span) int {
		if a.From != b.From {
			return a.From - b.From
		}
		return a.To - b.To
	})
	out := []Span{s[0]}
	for _, x := range s[1:] {
		last := &out[len(out)-1]
		if x.From <= last.To {
			last.To = max(last.To, x.To)
		} else {
			out = append(out, x)
		}
	}
	return out
}

func subtractSpans(a, cuts []Span) []Span {
	for _, c := range cuts {
		var res []Span
		for _, x := range a {
			if c.To <= x.From || c.From >= x.To {
				res = append(res, x)
				continue
			}
			if x.From < c.From {
				res = append(res, Span{x.From, c.From})
			}
			if c.To < x.To {
				res = append(res, Span{c.To, x.To})
			}
		}
		a = res
	}
	return a
}

// Weekly returns the opening spans of a week without public holidays,
// Monday=0. Spans are sorted and merged; a span past midnight is listed on
// the day it starts, with To > 1440 (Sunday's spills into Monday). Spans
// never last more than 24 hours: longer ones are split at midnight. Days
// without opening hours are nil.
func (s *Schedule) Weekly() [7][]Span {
	var w [7][]Span
	for wd := range 7 {
		next := (wd + 1) % 7
		for _, sp := range s.eval(wd, false).spans {
			switch {
			case sp.From >= minutesPerDay: // left over after an "off" cut
				w[next] = append(w[next], Span{sp.From - minutesPerDay, sp.To - minutesPerDay})
			case sp.To-sp.From > minutesPerDay:
				w[wd] = append(w[wd], Span{sp.From, minutesPerDay})
				w[next] = append(w[next], Span{0, sp.To - minutesPerDay})
			default:
				w[wd] = append(w[wd], sp)
			}
		}
	}
	for wd := range w {
		w[wd] = mergeSpans(w[wd])
	}
	return w
}

// Day returns the opening spans that the rules give to one calendar day:
// weekday is Monday=0, holiday says whether the day is a public holiday.
// Spans are in minutes from that day's midnight, sorted and merged; a span
// past midnight ends after 1440 (up to 2880) and stays on this day, as in
// OpenAt and NextOpenings. Unlike Weekly, nothing is moved to the next day,
// so a program without an opening_hours parser (the orientation assistant's
// script) can evaluate a schedule exactly as NextOpenings does from these
// 14 lists and the dates of the holidays.
func (s *Schedule) Day(weekday int, holiday bool) []Span {
	return slices.Clone(s.eval(weekday, holiday).spans)
}

// Comments returns the distinct comments of the rules, in order.
func (s *Schedule) Comments() []string {
	var out []string
	for _, r := range s.rules {
		if r.comment != "" && !slices.Contains(out, r.comment) {
			out = append(out, r.comment)
		}
	}
	return out
}

// dayIntervals returns the opening intervals of the rules applied to the
// calendar day y-m-d in loc (spans past midnight end the next day).
func (s *Schedule) dayIntervals(y int, m time.Month, d int, loc *time.Location) []Interval {
	day := time.Date(y, m, d, 0, 0, 0, 0, loc)
	y, m, d = day.Date()
	holiday := s.holiday != nil && s.holiday(day)
	st := s.eval((int(day.Weekday())+6)%7, holiday)
	var out []Interval
	for _, sp := range st.spans {
		start := time.Date(y, m, d, 0, sp.From, 0, 0, loc)
		end := time.Date(y, m, d, 0, sp.To, 0, 0, loc)
		if end.After(start) { // spans inside a DST gap may vanish
			out = append(out, Interval{start, end})
		}
	}
	return out
}

// OpenAt reports whether the venue is open at t. Starts are inclusive and
// ends exclusive. t is read as a wall-clock time in its own location, so pass
// Europe/Paris times. Public holidays count only with WithHolidays.
func (s *Schedule) OpenAt(t time.Time) bool {
	y, m, d := t.Date()
	for _, prev := range []int{-1, 0} {
		for _, iv := range s.dayIntervals(y, m, d+prev, t.Location()) {
			if !t.Before(iv.Start) && t.Before(iv.End) {
				return true
			}
		}
	}
	return false
}

// NextOpenings returns the open intervals within [from, from+days*24h),
// clipped to that window, sorted, with touching or overlapping intervals
// merged. Times are in from's location. days <= 0 gives nil; days is capped
// at 36600.
func (s *Schedule) NextOpenings(from time.Time, days int) []Interval {
	if days <= 0 {
		return nil
	}
	days = min(days, maxDays)
	end := from.Add(time.Duration(days) * 24 * time.Hour)
	y, m, d := from.Date()
	var all []Interval
	for i := -1; ; i++ {
		if !time.Date(y, m, d+i, 0, 0, 0, 0, from.Location()).Before(end) {
			break
		}
		for _, iv := range s.dayIntervals(y, m, d+i, from.Location()) {
			if iv.Start.Before(from) {
				iv.Start = from
			}
			if iv.End.After(end) {
				iv.End = end
			}
			if iv.End.After(iv.Start) {
				all = append(all, iv)
			}
		}
	}
	slices.SortFunc(all, func(a, b Interval) int { return a.Start.Compare(b.Start) })
	var out []Interval
	for _, iv := range all {
		if n := len(out); n > 0 && !iv.Start.After(out[n-1].End) {
			if iv.End.After(out[n-1].End) {
				out[n-1].End = iv.End
			}
			continue
		}
		out = append(out, iv)
	}
	return out
}

// String returns the canonical OSM form of the schedule: single spaces, "; "
// ", " and " || " between rules, "off" for "closed", HH:MM times (24:00 for
// an end at midnight). Parsing it gives back the same schedule.
func (s *Schedule) String() string {
	var b strings.Builder
	for i := range s.rules {
		r := &s.rules[i]
		if i > 0 {
			b.WriteString(sepText[r.sep])
		}
		var parts []string
		if r.always {
			parts = append(parts, "24/7")
		}
		if len(r.days) > 0 {
			items := make([]string, len(r.days))
			for j, d := range r.days {
				switch {
				case d.ph:
					items[j] = "PH"
				case d.from == d.to:
					items[j] = dayCodes[d.from]
				default:
					items[j] = dayCodes[d.from] + "-" + dayCodes[d.to]
				}
			}
			parts = append(parts, strings.Join(items, ","))
		}
		if len(r.times) > 0 {
			items := make([]string, len(r.times))
			for j, sp := range r.times {
				end := sp.To
				if end != minutesPerDay {
					end %= minutesPerDay
				}
				items[j] = fmt.Sprintf("%02d:%02d-%02d:%02d", sp.From/60, sp.From%60, end/60, end%60)
			}
			parts = append(parts, strings.Join(items, ","))
		}
		switch r.mod {
		case modOpen:
			parts = append(parts, "open")
		case modOff:
			parts = append(parts, "off")
		}
		if r.comment != "" {
			parts = append(parts, `"`+r.comment+`"`)
		}
		b.WriteString(strings.Join(parts, " "))
	}
	return b.String()
}
