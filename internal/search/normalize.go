package search

import (
	"strings"
	"unicode/utf8"

	"github.com/kljensen/snowball/french"

	"labo/internal/frtext"
)

// The normalisation below is the contract between the index and
// static/js/search.js: both sides must turn the same text into the same
// tokens. It is, in order:
//
//  1. fold: Unicode NFD, combining marks removed, œ → oe, æ → ae, ß → ss
//     (frtext.Fold; in JS, String.normalize("NFD") and /\p{Mn}/gu);
//  2. lowercase;
//  3. a dash between a letter and a digit is removed, so that service codes
//     stay one token ("DEM-01" → "dem01");
//  4. tokens are the maximal runs of [a-z0-9]; everything else separates;
//  5. one-letter tokens ("l'", "d'") and the stop words of StopWords are
//     dropped.
//
// The browser goes no further: it looks tokens up in the vocabulary of the
// term shards, which maps every folded surface form of the indexed text to
// its stem. Stemming (Stem) therefore happens only here, at build time.

// Tokens returns the folded tokens of text, stop words and one-letter words
// removed, in order, with repeats.
func Tokens(text string) []string {
	var out []string
	for _, t := range Words(text) {
		if keep(t) {
			out = append(out, t)
		}
	}
	return out
}

// Words applies steps 1 to 4: the folded tokens of text, stop words kept.
// static/js/search.js has the same function under the same name.
//
// It folds rune by rune, which gives the same tokens as folding the whole
// text (NFD only reorders combining marks, which are dropped), and removes
// a dash between a letter and a digit in one pass, which is what the
// regular expression ([a-z])-([0-9]) → $1$2 of the JavaScript does: its
// matches cannot overlap, as a digit is never a letter. FuzzWords checks
// both against the plain definition.
func Words(text string) []string {
	folded := make([]byte, 0, len(text))
	for _, r := range text {
		switch {
		case r >= 'A' && r <= 'Z':
			folded = append(folded, byte(r)+'a'-'A')
		case r < utf8.RuneSelf:
			folded = append(folded, byte(r))
		default:
			folded = append(folded, foldRune(r)...)
		}
	}
	var out []string
	start := -1
	var tok []byte
	for i := 0; i <= len(folded); i++ {
		var c byte
		if i < len(folded) {
			c = folded[i]
		}
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			if start < 0 {
				start = i
				tok = tok[:0]
			}
			tok = append(tok, c)
		case c == '-' && start >= 0 && isLetter(folded[i-1]) && i+1 < len(folded) && isDigit(folded[i+1]):
			// "dem-01": the token goes on without the dash.
		default:
			if start >= 0 {
				out = append(out, string(tok))
				start = -1
			}
		}
	}
	return out
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// foldRune is lowercase(Fold(r)) for a non-ASCII rune, from a table for the
// Latin blocks and computed for the others.
func foldRune(r rune) string {
	if r < rune(len(latinFold)) {
		return latinFold[r]
	}
	return strings.ToLower(frtext.Fold(string(r)))
}

var latinFold = func() []string {
	t := make([]string, 0x250) // Latin-1 Supplement, Latin Extended-A and -B
	for r := range t {
		t[r] = strings.ToLower(frtext.Fold(string(rune(r))))
	}
	return t
}()

func keep(t string) bool {
	if len(t) == 1 && t[0] >= 'a' && t[0] <= 'z' {
		return false
	}
	return !stop[t]
}

// Stem returns the stem of a folded token: the French Snowball stem, then a
// final plural "s" or "x" that Snowball keeps ("lieux", "emplois") removed,
// so that singular and plural always meet. Tokens with a digit (postcodes,
// service codes) are their own stem.
func Stem(token string) string {
	if strings.ContainsAny(token, "0123456789") {
		return token
	}
	st := french.Stem(token, true)
	if n := len(st); n > 3 && (st[n-1] == 's' || st[n-1] == 'x') {
		st = st[:n-1]
	}
	return st
}

// StopWords are the folded French words too common to search for. The list
// is shipped to the browser in meta.json, so both sides drop the same words.
var StopWords = []string{
	"ai", "aie", "au", "aux", "avec", "ce", "ces", "cet", "cette", "chez", "dans", "de", "des", "du",
	"elle", "elles", "en", "est", "et", "etre", "il", "ils", "je", "la", "le", "les", "leur", "leurs",
	"lui", "ma", "mais", "me", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ont", "ou",
	"par", "pas", "pour", "qu", "que", "qui", "sa", "se", "ses", "son", "sont", "sur", "ta", "te",
	"tes", "toi", "ton", "tu", "un", "une", "vos", "votre", "vous", "va", "vers",
}

var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range StopWords {
		m[w] = true
	}
	return m
}()
