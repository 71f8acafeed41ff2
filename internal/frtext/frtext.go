// Package frtext holds the small French-language helpers every other package
// shares: URL slugs that keep accented letters as plain ASCII, French dates and
// numbers, and a collator that sorts "Évaux" with the E's.
package frtext

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns s without diacritics ("Démarches" → "Demarches"), keeping case.
// Ligatures common in French are expanded (œ → oe, æ → ae).
func Fold(s string) string {
	if isASCII(s) { // nothing to fold, and most text is
		return s
	}
	if f, ok := foldLatin(s); ok {
		return f
	}
	return fold(s)
}

// fold is Fold for any text: canonical decomposition, marks dropped.
// Each invalid byte becomes U+FFFD first, as ranging over the string gives:
// the normaliser would otherwise copy the bytes after an invalid one
// undecomposed ("\xf7é" kept its accent), and folding rune by rune, as
// search.Words does, would disagree with folding the whole text.
func fold(s string) string {
	if !utf8.ValidString(s) {
		var valid strings.Builder
		for _, r := range s {
			valid.WriteRune(r)
		}
		s = valid.String()
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'œ':
			b.WriteString("oe")
		case r == 'Œ':
			b.WriteString("OE")
		case r == 'æ':
			b.WriteString("ae")
		case r == 'Æ':
			b.WriteString("AE")
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// latinLimit bounds the characters foldLatin knows: Latin-1 and Latin
// Extended-A and B. None is a combining mark and each decomposes on its
// own, so folding them one by one is folding the text.
const latinLimit = 0x250

var (
	latinOnce sync.Once
	latinFold [latinLimit]string // fold(string(r)), filled on first use
)

// foldLatin folds text made of characters below latinLimit from a table,
// or returns false.
func foldLatin(s string) (string, bool) {
	latinOnce.Do(func() {
		for r := range rune(latinLimit) {
			latinFold[r] = fold(string(r))
		}
	})
	var b []byte
	for _, r := range s {
		if r >= latinLimit {
			return "", false
		}
		if b == nil {
			b = make([]byte, 0, len(s))
		}
		b = append(b, latinFold[r]...)
	}
	return string(b), true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// Slug turns a title into a lowercase ASCII identifier: accents folded,
// every run of other characters turned into one '-', no leading or trailing
// '-'. "Étape 1 : repérer" → "etape-1-reperer".
func Slug(s string) string {
	s = strings.ToLower(Fold(s))
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}

// IsSlug reports whether s is already a valid slug (what Slug would keep).
func IsSlug(s string) bool {
	return s != "" && Slug(s) == s
}

var months = [...]string{"janvier", "février", "mars", "avril", "mai", "juin",
	"juillet", "août", "septembre", "octobre", "novembre", "décembre"}

var weekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

// Date formats a date the French way: "1er mars 2025", "14 juillet 2026".
func Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return day + " " + months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// MonthYear formats "mars 2025".
func MonthYear(t time.Time) string {
	return months[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Weekday returns the French weekday name in lowercase.
func Weekday(d time.Weekday) string { return weekdays[d] }

// Int formats an integer with a narrow no-break space between thousands, as
// French typography wants: 25000 → "25 000".
func Int(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString("\u202f")
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// Decimal formats f with the given number of decimals and a decimal comma.
func Decimal(f float64, decimals int) string {
	s := strconv.FormatFloat(f, 'f', decimals, 64)
	ip, fp, ok := strings.Cut(s, ".")
	n, _ := strconv.Atoi(ip)
	out := Int(n)
	if strings.HasPrefix(ip, "-") && n == 0 {
		out = "-0"
	}
	if ok {
		out += "," + fp
	}
	return out
}

// Plural returns "1 lieu" / "3 lieux" style strings.
func Plural(n int, one, many string) string {
	if n == 0 || n == 1 {
		return Int(n) + " " + one
	}
	return Int(n) + " " + many
}
