package venue

import "strings"

// Hand-written matchers for the single-value patterns, called once or twice
// per row of a national file: a regexp match costs ten times more.
// TestMatchersAgreeWithPatterns and FuzzMatchers hold them to the
// patterns, which stay the reference (they are published in the schemas).

// isID matches IDPattern: ^[a-z0-9]+(-[a-z0-9]+)*$.
func isID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// isPivot matches PivotPattern: ^[a-zA-Z0-9]{9,14}$.
func isPivot(s string) bool {
	if len(s) < 9 || len(s) > 14 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c)) {
			return false
		}
	}
	return true
}

// isPostcode matches PostcodePattern: ^\d{5}$.
func isPostcode(s string) bool { return len(s) == 5 && allDigits(s) }

// isInsee matches InseePattern: ^([013-9]\d|2[AB1-9])\d{3}$.
func isInsee(s string) bool {
	if len(s) != 5 || !allDigits(s[2:]) {
		return false
	}
	switch c, d := s[0], s[1]; {
	case c == '2':
		return d == 'A' || d == 'B' || d >= '1' && d <= '9'
	default:
		return isDigit(c) && isDigit(d)
	}
}

// phonePrefixes are the alternatives of TelephonePattern.
var phonePrefixes = []string{"+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681"}

// isPhone matches TelephonePattern: one of phonePrefixes, then 6 to 9
// digits.
func isPhone(s string) bool {
	for _, p := range phonePrefixes {
		if rest, ok := strings.CutPrefix(s, p); ok && len(rest) >= 6 && len(rest) <= 9 && allDigits(rest) {
			return true
		}
	}
	return false
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}

// isPlainEmail reports whether s is an address such as
// prenom.nom+tag@mairie-x.fr: dot-separated runs of ASCII letters, digits,
// '_', '+' and '-' on both sides of one '@'. net/mail accepts those as
// they are (FuzzPlainEmail checks it); anything else is left to it.
func isPlainEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	return ok && isDotAtom(local) && isDotAtom(domain)
}

func isDotAtom(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', isDigit(c), c == '_', c == '+', c == '-':
		case c == '.' && s[i-1] != '.':
		default:
			return false
		}
	}
	return true
}
