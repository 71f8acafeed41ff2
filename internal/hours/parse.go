package hours

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseError reports why an opening_hours value could not be parsed.
type ParseError struct {
	Input    string // the whole value given to Parse
	Offset   int    // byte offset in Input where the problem starts
	Expected string // what the parser expected at Offset
	Found    string // what it found there: a quoted excerpt, or "end of input"
}

// Column returns the 1-based column of Offset, counted in characters.
func (e *ParseError) Column() int {
	off := min(max(e.Offset, 0), len(e.Input))
	return utf8.RuneCountInString(e.Input[:off]) + 1
}

// Error formats the error as `col 12: expected a time like 09:00, found "9h"`.
func (e *ParseError) Error() string {
	return fmt.Sprintf("col %d: expected %s, found %s", e.Column(), e.Expected, e.Found)
}

var dayCodes = [7]string{"Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"}

// dayAlias maps lowercase French and English spellings to a weekday index.
var dayAlias = map[string]int{
	"mo": 0, "mon": 0, "monday": 0, "lu": 0, "lun": 0, "lundi": 0,
	"tu": 1, "tue": 1, "tues": 1, "tuesday": 1, "ma": 1, "mar": 1, "mardi": 1,
	"we": 2, "wed": 2, "wednesday": 2, "me": 2, "mer": 2, "mercredi": 2,
	"th": 3, "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "je": 3, "jeu": 3, "jeudi": 3,
	"fr": 4, "fri": 4, "friday": 4, "ve": 4, "ven": 4, "vendredi": 4,
	"sa": 5, "sat": 5, "saturday": 5, "sam": 5, "samedi": 5,
	"su": 6, "sun": 6, "sunday": 6, "di": 6, "dim": 6, "dimanche": 6,
}

var frenchDayAlias = map[string]bool{
	"lu": true, "lun": true, "lundi": true, "ma": true, "mar": true, "mardi": true,
	"me": true, "mer": true, "mercredi": true, "je": true, "jeu": true, "jeudi": true,
	"ve": true, "ven": true, "vendredi": true, "sam": true, "samedi": true,
	"di": true, "dim": true, "dimanche": true,
}

// unsupportedWords are valid OSM tokens outside the supported subset.
var unsupportedWords = map[string]bool{
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "May": true, "Jun": true,
	"Jul": true, "Aug": true, "Sep": true, "Oct": true, "Nov": true, "Dec": true,
	"SH": true, "week": true, "easter": true, "sunrise": true, "sunset": true,
	"dawn": true, "dusk": true, "unknown": true,
}

const (
	expectRule    = `a weekday (Mo Tu We Th Fr Sa Su), PH, a time like 09:00, 24/7, "off" or a comment`
	expectDayItem = `a weekday (Mo Tu We Th Fr Sa Su) or PH after ","`
	expectTime    = "a time like 09:00"
)

func dayIndex(w string) int {
	for i, c := range dayCodes {
		if w == c {
			return i
		}
	}
	return -1
}

func isModifier(w string) bool { return w == "off" || w == "closed" || w == "open" }

// dayHint explains a near-miss weekday or holiday word.
func dayHint(w string) (string, bool) {
	if w == "" || unsupportedWords[w] {
		return "", false
	}
	lw := strings.ToLower(w)
	if d, ok := dayAlias[lw]; ok && w != dayCodes[d] {
		canon := dayCodes[d]
		switch {
		case lw == strings.ToLower(canon):
			return fmt.Sprintf("%q (weekday abbreviations are case-sensitive)", canon), true
		case frenchDayAlias[lw]:
			return fmt.Sprintf("%q (OSM weekdays are English two-letter abbreviations)", canon), true
		default:
			return fmt.Sprintf("%q (OSM weekdays are two-letter abbreviations)", canon), true
		}
	}
	switch lw {
	case "ph":
		if w != "PH" {
			return `"PH" (holiday codes are case-sensitive)`, true
		}
	case "jf", "férié", "fériés", "ferie", "feries":
		return `"PH" (the OSM code for public holidays)`, true
	}
	return "", false
}

// modHint explains a near-miss modifier word.
func modHint(w string) (string, bool) {
	lw := strings.ToLower(w)
	switch {
	case w == "" || isModifier(w):
		return "", false
	case isModifier(lw):
		return fmt.Sprintf("%q (modifiers are lowercase)", lw), true
	case lw == "fermé" || lw == "ferme" || lw == "fermée" || lw == "fermee" || lw == "fermeture":
		return `"off" (OSM modifiers are English: off, closed, open)`, true
	case lw == "ouvert" || lw == "ouverte":
		return `"open" (OSM modifiers are English: off, closed, open)`, true
	case w == "unknown":
		return `"off" or "open" ("unknown" is not supported; use a comment alone)`, true
	}
	return "", false
}

func unsupportedHint(w string) (string, bool) {
	if unsupportedWords[w] && w != "unknown" {
		return fmt.Sprintf("a weekday (Mo Tu We Th Fr Sa Su) or PH (%q is valid OSM, but month, week, school-holiday and sunrise/sunset selectors are not supported)", w), true
	}
	return "", false
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00a0', '\u202f':
		return true
	}
	return false
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

func isAlnum(b byte) bool {
	return isDigit(b) || ('a' <= b && b <= 'z') || ('A' <= b && b <= 'Z')
}

// describe quotes the token starting at off, for ParseError.Found.
func describe(in string, off int) string {
	if off >= len(in) {
		return "end of input"
	}
	rest := in[off:]
	r, size := utf8.DecodeRuneInString(rest)
	n := size
	switch {
	case unicode.IsLetter(r):
		n = len(leadingWord(rest))
	case r < utf8.RuneSelf && isDigit(byte(r)):
		for n < len(rest) && (isAlnum(rest[n]) || rest[n] == ':' || rest[n] == '.' || rest[n] == '/') {
			n++
		}
	}
	tok := rest[:n]
	if utf8.RuneCountInString(tok) > 20 {
		i, count := 0, 0
		for i < len(tok) && count < 20 {
			_, sz := utf8.DecodeRuneInString(tok[i:])
			i += sz
			count++
		}
		tok = tok[:i] + "…"
	}
	return strconv.Quote(tok)
}

// leadingWord returns the run of letters at the start of s.
func leadingWord(s string) string {
	n := 0
	for n < len(s) {
		r, size := utf8.DecodeRuneInString(s[n:])
		if !unicode.IsLetter(r) {
			break
		}
		n += size
	}
	return s[:n]
}

type parser struct {
	in  string
	pos int
}

func (p *parser) fail(off int, expected string) *ParseError {
	return &ParseError{Input: p.in, Offset: off, Expected: expected, Found: describe(p.in, off)}
}

// failWord reports an unexpected word, with a hint when it is a near miss.
func (p *parser) failWord(off int, w, expected string) *ParseError {
	if h, ok := dayHint(w); ok {
		return p.fail(off, h)
	}
	if h, ok := unsupportedHint(w); ok {
		return p.fail(off, h)
	}
	if h, ok := modHint(w); ok {
		return p.fail(off, h)
	}
	return p.fail(off, expected)
}

func (p *parser) eof() bool { return p.pos >= len(p.in) }

func (p *parser) peek(b byte) bool { return p.pos < len(p.in) && p.in[p.pos] == b }

func (p *parser) digit() bool { return p.pos < len(p.in) && isDigit(p.in[p.pos]) }

func (p *parser) skipSpace() {
	for p.pos < len(p.in) {
		r, size := utf8.DecodeRuneInString(p.in[p.pos:])
		if !isSpace(r) {
			return
		}
		p.pos += size
	}
}

func (p *parser) peekWord() string { return leadingWord(p.in[p.pos:]) }

func (p *parser) has247() bool {
	rest := p.in[p.pos:]
	return strings.HasPrefix(rest, "24/7") && (len(rest) == 4 || !isAlnum(rest[4]) && rest[4] != '/' && rest[4] != ':')
}

// Parse parses an opening_hours value. Errors are of type *ParseError.
func Parse(s string) (*Schedule, error) {
	p := &parser{in: s}
	var rules []rule
	sep := sepNormal
	for {
		p.skipSpace()
		if p.eof() {
			if len(rules) == 0 {
				return nil, p.fail(p.pos, "a rule like Mo-Fr 09:00-17:00")
			}
			if sep != sepNormal {
				return nil, p.fail(p.pos, fmt.Sprintf("a rule after %q", strings.TrimSpace(sepText[sep])))
			}
			return &Schedule{rules: rules}, nil // trailing ";"
		}
		r, err := p.rule()
		if err != nil {
			return nil, err
		}
		r.sep = sep
		rules = append(rules, r)
		p.skipSpace()
		switch {
		case p.eof():
			return &Schedule{rules: rules}, nil
		case p.peek(';'):
			p.pos++
			sep = sepNormal
		case strings.HasPrefix(p.in[p.pos:], "||"):
			p.pos += 2
			sep = sepFallback
		case p.peek(','):
			p.pos++
			sep = sepAdditional
		default: // rule() only returns before end of input or a separator
			return nil, p.fail(p.pos, `";" between rules, or end of input`)
		}
	}
}

type part int

const (
	partSelector part = iota
	partAlways
	partTimes
	partModifier
	partComment
)

func (p *parser) rule() (rule, error) {
	var r rule
	start := p.pos
	last := part(-1)
	if p.has247() {
		r.always = true
		p.pos += 4
		last = partAlways
	} else if w := p.peekWord(); w != "" && !isModifier(w) {
		if err := p.selector(&r); err != nil {
			return r, err
		}
		last = partSelector
	}

	p.skipSpace()
	if !r.always && p.digit() {
		if p.has247() {
			return r, p.fail(p.pos, `a time range like 00:00-24:00 ("24/7" cannot follow weekdays)`)
		}
		if err := p.times(&r); err != nil {
			return r, err
		}
		last = partTimes
	}

	p.skipSpace()
	if w := p.peekWord(); isModifier(w) {
		if w == "open" {
			r.mod = modOpen
		} else {
			r.mod = modOff
		}
		p.pos += len(w)
		last = partModifier
		p.skipSpace()
	}

	if p.peek('"') {
		open := p.pos
		p.pos++
		end := strings.IndexByte(p.in[p.pos:], '"')
		if end < 0 {
			p.pos = len(p.in)
			return r, p.fail(p.pos, fmt.Sprintf(`a closing '"' for the comment opened at col %d`, (&ParseError{Input: p.in, Offset: open}).Column()))
		}
		r.comment = strings.TrimSpace(p.in[p.pos : p.pos+end])
		if r.comment == "" {
			e := p.fail(open, "a non-empty comment")
			e.Found = strconv.Quote(p.in[open : p.pos+end+1])
			return r, e
		}
		p.pos += end + 1
		last = partComment
	}

	if last < 0 {
		return r, p.failWord(start, p.peekWord(), expectRule)
	}

	p.skipSpace()
	if p.eof() || p.peek(';') || p.peek(',') || strings.HasPrefix(p.in[p.pos:], "||") {
		return r, nil
	}
	return r, p.fail(p.pos, p.expectedAfter(last))
}

// expectedAfter describes what may follow the last part of a rule.
func (p *parser) expectedAfter(last part) string {
	w := p.peekWord()
	if h, ok := modHint(w); ok && last < partModifier {
		return h
	}
	isDay := dayIndex(w) >= 0 || w == "PH"
	switch last {
	case partSelector:
		switch {
		case isDay:
			return `"," between weekdays`
		case p.peek(':'):
			return `a time like 09:00 (no ":" after weekdays)`
		}
		return `a time like 09:00, "off", a comment, ";" or end of input`
	case partTimes:
		switch {
		case p.digit():
			return `"," between time ranges`
		case isDay:
			return `";" before the next rule`
		}
		return `"off", a comment, ";" or end of input`
	case partAlways:
		return `"off", a comment, ";" or end of input`
	case partModifier:
		return `a comment, ";" or end of input`
	}
	return `";" or end of input`
}

func (p *parser) selector(r *rule) error {
	expected := expectRule
	for {
		off := p.pos
		w := p.peekWord()
		d := dayIndex(w)
		switch {
		case w == "PH":
			p.pos += len(w)
			r.days = append(r.days, dayItem{ph: true})
			save := p.pos
			p.skipSpace()
			if p.peek('-') {
				return p.fail(p.pos, `"," or a time after PH (PH cannot start a range)`)
			}
			p.pos = save
		case d >= 0:
			p.pos += len(w)
			item := dayItem{from: d, to: d}
			save := p.pos
			p.skipSpace()
			if p.peek('-') {
				p.pos++
				p.skipSpace()
				off2 := p.pos
				w2 := p.peekWord()
				d2 := dayIndex(w2)
				if d2 < 0 {
					return p.failWord(off2, w2, "a weekday (Mo Tu We Th Fr Sa Su) to end the range")
				}
				p.pos += len(w2)
				item.to = d2
			} else {
				p.pos = save
			}
			r.days = append(r.days, item)
		default:
			return p.failWord(off, w, expected)
		}
		save := p.pos
		p.skipSpace()
		if !p.peek(',') {
			p.pos = save
			return nil
		}
		p.pos++
		p.skipSpace()
		expected = expectDayItem
	}
}

func (p *parser) times(r *rule) error {
	for {
		sp, err := p.span()
		if err != nil {
			return err
		}
		r.times = append(r.times, sp)
		save := p.pos
		p.skipSpace()
		if p.peek(',') {
			p.pos++
			p.skipSpace()
			if p.digit() {
				continue
			}
		}
		p.pos = save
		return nil
	}
}

func (p *parser) span() (Span, error) {
	from, err := p.clock(false)
	if err != nil {
		return Span{}, err
	}
	p.skipSpace()
	if !p.peek('-') {
		return Span{}, p.fail(p.pos, `"-" and an end time, as in 09:00-12:00`)
	}
	p.pos++
	p.skipSpace()
	endOff := p.pos
	to, err := p.clock(true)
	if err != nil {
		return Span{}, err
	}
	if to == from {
		return Span{}, p.fail(endOff, "an end time different from the start time")
	}
	if to < from {
		to += minutesPerDay // past midnight
	}
	return Span{From: from, To: to}, nil
}

// clock reads an HH:MM time and returns minutes since midnight.
func (p *parser) clock(isEnd bool) (int, error) {
	off := p.pos
	s := p.in[off:]
	if len(s) < 5 || !isDigit(s[0]) || !isDigit(s[1]) || s[2] != ':' || !isDigit(s[3]) || !isDigit(s[4]) ||
		len(s) > 5 && (isAlnum(s[5]) || s[5] == ':') {
		return 0, p.fail(off, expectTime)
	}
	h := int(s[0]-'0')*10 + int(s[1]-'0')
	m := int(s[3]-'0')*10 + int(s[4]-'0')
	if h > 24 || m > 59 || h == 24 && m != 0 {
		return 0, p.fail(off, "a time between 00:00 and 24:00")
	}
	if h == 24 && !isEnd {
		return 0, p.fail(off, "a start time between 00:00 and 23:59")
	}
	p.pos += 5
	return h*60 + m, nil
}
