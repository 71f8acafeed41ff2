package search

import (
	"regexp"
	"strings"

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

var codeDash = regexp.MustCompile(`([a-z])-([0-9])`)

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
func Words(text string) []string {
	s := strings.ToLower(frtext.Fold(text))
	s = codeDash.ReplaceAllString(s, "$1$2")
	return strings.FieldsFunc(s, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
}

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
