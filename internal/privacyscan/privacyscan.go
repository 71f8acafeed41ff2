// Package privacyscan looks through a built site folder for e-mail
// addresses and phone numbers, and reports every one that is not public on
// purpose: only the site contact and the venues' public contact fields of
// the national standard (courriels, telephone) may be published. Anything
// else (an address from usage records, a phone number typed into a guide, a
// contact person's e-mail in a presentation text) is a finding.
//
// Phone numbers in the blocks reserved for fiction (04 65 71 …) are allowed:
// they belong to no one. Addresses are also recognised when written as HTML
// character references, percent-encoded or JSON-escaped, and phone numbers
// with or without spaces, dots or dashes, in national (04 73 …) or
// international (+33 4 73 …) form.
package privacyscan

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"labo/internal/site"
)

// Allow lists what may be published: e-mail addresses (lowercase) and phone
// numbers (normalised by NormalizePhone), each with the reason it is public.
type Allow struct {
	Emails map[string]string
	Phones map[string]string
}

// AllowSite allows the site contact and every venue's courriels and
// telephone, the contact fields the national standard publishes.
func AllowSite(s *site.Site) Allow {
	a := Allow{Emails: map[string]string{}, Phones: map[string]string{}}
	if c := s.Config.Contact; c != "" {
		a.Emails[strings.ToLower(c)] = "site contact (site.toml)"
	}
	for _, v := range s.Venues {
		for _, e := range v.EmailList {
			a.Emails[strings.ToLower(e)] = "courriels of venue " + v.ID
		}
		if v.Telephone != "" {
			a.Phones[NormalizePhone(v.Telephone)] = "telephone of venue " + v.ID
		}
	}
	return a
}

// fictional are the blocks ARCEP reserves for films, books and examples:
// no one has these numbers (national form, first six digits).
var fictional = []string{"019900", "026191", "035301", "046571", "053649", "063998"}

// Fictional reports whether a normalised number is in a block reserved for
// fiction and examples (such as a comment showing a phone format).
func Fictional(n string) bool {
	return len(n) == 10 && slices.Contains(fictional, n[:6])
}

// Finding is an e-mail address or phone number that should not be public.
type Finding struct {
	File  string
	Line  int
	Kind  string // "e-mail" or "phone"
	Value string // as found (after decoding)
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %s %s is not the site contact nor a venue's public contact field", f.File, f.Line, f.Kind, f.Value)
}

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	// A French number: 0 and nine digits, or an international prefix of the
	// national standard (+33, overseas +262…) or 0033, digits grouped by
	// spaces, dots, dashes or no-break spaces. Not inside a longer word or
	// number (hashes, SIRET, coordinates).
	phoneRE = regexp.MustCompile(`(?:^|[^\w.+])((?:\+|00)(?:33|590|594|262|596|269|687|689|508|681)[\s.\-\x{a0}\x{202f}]?(?:\(0\))?[1-9](?:[\s.\-\x{a0}\x{202f}]?\d){5,8}|0[1-9](?:[\s.\-\x{a0}\x{202f}]?\d{2}){4})(?:$|[^\w])`)
)

// NormalizePhone keeps the digits of a number in national form: "+33 4 73
// 99 04 46", "0033473990446" and "04.73.99.04.46" all give "0473990446";
// other prefixes keep their "+".
func NormalizePhone(s string) string {
	s = strings.Replace(s, "(0)", "", 1)
	var b strings.Builder
	for i, r := range s {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	d := b.String()
	switch {
	case strings.HasPrefix(d, "+33"):
		return "0" + d[3:]
	case strings.HasPrefix(d, "0033"):
		return "0" + d[4:]
	case strings.HasPrefix(d, "00"):
		return "+" + d[2:]
	}
	return d
}

// decode undoes the encodings an address can hide behind in HTML, URLs and
// JSON, line by line so that line numbers stay right.
func decode(line string) string {
	s := html.UnescapeString(line)
	r := strings.NewReplacer("%40", "@", "%2B", "+", "%2b", "+", `\u0040`, "@", `\u002b`, "+", `\u002B`, "+", "%20", " ")
	return r.Replace(s)
}

// Scan reads every text file of fsys and returns the findings sorted by
// file and line. Binary files (fonts, images) are skipped.
func Scan(fsys fs.FS, allow Allow) ([]Finding, error) {
	var out []Finding
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
			return nil
		}
		out = append(out, ScanText(p, string(b), allow)...)
		return nil
	})
	slices.SortStableFunc(out, func(a, b Finding) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return a.Line - b.Line
	})
	return out, err
}

// ScanText returns the findings of one file's content.
func ScanText(file, text string, allow Allow) []Finding {
	var out []Finding
	seen := map[string]bool{}
	for i, line := range strings.Split(text, "\n") {
		for _, variant := range []string{line, decode(line)} {
			for _, e := range emailRE.FindAllString(variant, -1) {
				e = strings.TrimRight(e, ".")
				key := fmt.Sprint(i, "e", strings.ToLower(e))
				if _, ok := allow.Emails[strings.ToLower(e)]; ok || seen[key] {
					continue
				}
				seen[key] = true
				out = append(out, Finding{file, i + 1, "e-mail", e})
			}
			for _, m := range findPhones(variant) {
				n := NormalizePhone(m)
				key := fmt.Sprint(i, "p", n)
				if _, ok := allow.Phones[n]; ok || seen[key] || Fictional(n) {
					continue
				}
				seen[key] = true
				out = append(out, Finding{file, i + 1, "phone", m})
			}
		}
	}
	return out
}

// findPhones returns every number phoneRE matches; the characters around a
// number are not part of it, so that two numbers one character apart are
// both found.
func findPhones(s string) []string {
	var out []string
	for off := 0; off < len(s); {
		m := phoneRE.FindStringSubmatchIndex(s[off:])
		if m == nil {
			break
		}
		out = append(out, s[off+m[2]:off+m[3]])
		off += m[3]
	}
	return out
}
