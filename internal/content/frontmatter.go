package content

import (
	"bytes"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// decodeSimple decodes front matter written the way authors and `labo gen`
// write it (one `key = value` a line: basic strings without escapes, local
// dates, integers, booleans, one-line arrays of strings, comments) into fm,
// about ten times faster than the TOML library. It returns false, leaving
// fm as it may be, for anything else (tables, escapes, unknown or repeated
// keys, other types, control characters, invalid UTF-8): the TOML library
// then decodes it and reports its problems. FuzzDecodeSimple holds it to
// the library.
func decodeSimple(src []byte, fm *FrontMatter) bool {
	for _, c := range src {
		if c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return false // control characters are the library's to report
		}
	}
	if !utf8.Valid(src) {
		return false
	}
	var seen uint16
	for len(src) > 0 {
		var line []byte
		line, src, _ = bytes.Cut(src, []byte("\n"))
		line = bytes.Trim(line, " \t")
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		eq := bytes.IndexByte(line, '=')
		if eq < 0 {
			return false
		}
		v := bytes.TrimLeft(line[eq+1:], " \t")
		bit := simpleKeys[string(bytes.TrimRight(line[:eq], " \t"))]
		if bit == 0 || seen&bit != 0 {
			return false
		}
		seen |= bit
		var ok bool
		switch bit {
		case keyTitle:
			ok = simpleString(&v, &fm.Title)
		case keySummary:
			ok = simpleString(&v, &fm.Summary)
		case keyDate:
			ok = simpleDate(&v, &fm.Date)
		case keyUpdated:
			ok = simpleDate(&v, &fm.Updated)
		case keyAudiences:
			ok = simpleArray(&v, &fm.Audiences)
		case keyThemes:
			ok = simpleArray(&v, &fm.Themes)
		case keyServices:
			ok = simpleArray(&v, &fm.Services)
		case keyKeypoints:
			ok = simpleArray(&v, &fm.Keypoints)
		case keyAliases:
			ok = simpleArray(&v, &fm.Aliases)
		case keyDraft:
			ok = simpleBool(&v, &fm.Draft)
		case keyWeight:
			ok = simpleInt(&v, &fm.Weight)
		}
		// After the value: spaces, then nothing or a comment.
		if v = bytes.TrimLeft(v, " \t"); !ok || len(v) > 0 && v[0] != '#' {
			return false
		}
	}
	return true
}

const (
	keyTitle uint16 = 1 << iota
	keySummary
	keyDate
	keyUpdated
	keyAudiences
	keyThemes
	keyServices
	keyKeypoints
	keyAliases
	keyDraft
	keyWeight
)

// simpleKeys are the keys decodeSimple reads (not [action]), with the bit
// that marks each as seen.
var simpleKeys = map[string]uint16{"title": keyTitle, "summary": keySummary, "date": keyDate, "updated": keyUpdated,
	"audiences": keyAudiences, "themes": keyThemes, "services": keyServices, "keypoints": keyKeypoints,
	"aliases": keyAliases, "draft": keyDraft, "weight": keyWeight}

// simpleString reads a basic string without escapes at the start of *v and
// moves *v past it.
func simpleString(v *[]byte, out *string) bool {
	b := *v
	if len(b) < 2 || b[0] != '"' {
		return false
	}
	end := bytes.IndexAny(b[1:], "\"\\")
	if end < 0 || b[1+end] != '"' || bytes.HasPrefix(b[1+end:], []byte(`"""`)) || end == 0 && bytes.HasPrefix(b, []byte(`"""`)) {
		return false
	}
	*out = string(b[1 : 1+end])
	*v = b[2+end:]
	return true
}

// simpleDate reads a local date YYYY-MM-DD (a valid one, after year 1).
func simpleDate(v *[]byte, out *time.Time) bool {
	b := *v
	if len(b) < 10 || len(b) > 10 && b[10] != ' ' && b[10] != '\t' && b[10] != '#' {
		return false // a date-time, or not a date
	}
	for i, c := range b[:10] {
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if c < '0' || c > '9' {
			return false
		}
	}
	y, _ := strconv.Atoi(string(b[:4]))
	m, _ := strconv.Atoi(string(b[5:7]))
	d, _ := strconv.Atoi(string(b[8:10]))
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y <= 1 || t.Year() != y || t.Month() != time.Month(m) || t.Day() != d {
		return false // year 1 is the zero time in some zones only; invalid dates are the library's to report
	}
	*out = t // only its calendar date is used (see day)
	*v = b[10:]
	return true
}

// simpleArray reads a non-empty one-line array of simple strings.
func simpleArray(v *[]byte, out *[]string) bool {
	b := *v
	if len(b) == 0 || b[0] != '[' {
		return false
	}
	b = b[1:]
	var items []string
	for {
		b = bytes.TrimLeft(b, " \t")
		if len(b) > 0 && b[0] == ']' && len(items) > 0 {
			break
		}
		var s string
		if !simpleString(&b, &s) {
			return false
		}
		items = append(items, s)
		b = bytes.TrimLeft(b, " \t")
		if len(b) == 0 {
			return false
		}
		if b[0] == ',' {
			b = b[1:]
		} else if b[0] != ']' {
			return false
		}
	}
	*out = items
	*v = b[1:]
	return true
}

func simpleBool(v *[]byte, out *bool) bool {
	for _, w := range []string{"true", "false"} {
		if rest, ok := bytes.CutPrefix(*v, []byte(w)); ok && (len(rest) == 0 || strings.IndexByte(" \t#", rest[0]) >= 0) {
			*out, *v = w == "true", rest
			return true
		}
	}
	return false
}

// simpleInt reads a decimal integer of at most 18 digits without sign "+",
// leading zeros or underscores.
func simpleInt(v *[]byte, out *int) bool {
	b := *v
	n := 0
	if len(b) > 0 && b[0] == '-' {
		n = 1
	}
	start := n
	for n < len(b) && b[n] >= '0' && b[n] <= '9' {
		n++
	}
	digits := b[start:n]
	if len(digits) == 0 || len(digits) > 18 || digits[0] == '0' && (len(digits) > 1 || start == 1) {
		return false
	}
	if n < len(b) && strings.IndexByte(" \t#", b[n]) < 0 {
		return false
	}
	i, err := strconv.Atoi(string(b[:n]))
	if err != nil {
		return false
	}
	*out, *v = i, b[n:]
	return true
}
