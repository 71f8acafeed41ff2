package orientpages

import (
	"html/template"
	"strconv"
	"strings"
)

// The repeated blocks of the assistant (a venue's card, its ways in, its
// hours table, the fiche's map) are written here rather than by
// html/template: each template action costs about a microsecond of
// reflection, and these blocks are rendered some 50,000 times on a
// national site. They escape exactly as html/template does in text and
// double-quoted attribute contexts, so the pages are byte-for-byte what the
// former partials produced (the tests compare).

// htmlBuf appends HTML.
type htmlBuf struct{ b []byte }

func (h *htmlBuf) raw(s string) { h.b = append(h.b, s...) }

// text appends s escaped for HTML text or a quoted attribute value, with
// html/template's table.
func (h *htmlBuf) text(s string) { h.b = appendEscaped(h.b, s) }

// url appends s as html/template writes a URL attribute value that the
// value starts: unsafe schemes become "#ZgotmplZ", the rest is normalized
// (bytes outside RFC 3986 percent-encoded) and attribute-escaped.
func (h *htmlBuf) url(s string) {
	if !isSafeURL(s) {
		h.raw("#ZgotmplZ")
		return
	}
	h.urlPart(s)
}

// urlPart appends the part of a URL after a scheme written by the caller
// ("tel:").
func (h *htmlBuf) urlPart(s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~!#$*,/:;=?@[]", c) >= 0:
			h.b = append(h.b, c)
		case c == '&':
			h.raw("&amp;")
		case c == '+':
			h.raw("&#43;")
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			h.b = append(h.b, c)
		default:
			h.b = append(h.b, '%', hex[c>>4], hex[c&15])
		}
	}
}

func (h *htmlBuf) int(n int) { h.b = strconv.AppendInt(h.b, int64(n), 10) }

func (h *htmlBuf) html() template.HTML { return template.HTML(h.b) } // #nosec: escaped above

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// isSafeURL is html/template's test: a URL with a scheme must be http,
// https or mailto.
func isSafeURL(s string) bool {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		return strings.EqualFold(protocol, "http") || strings.EqualFold(protocol, "https") || strings.EqualFold(protocol, "mailto")
	}
	return true
}

func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b = append(b, s[last:i]...)
		b = append(b, rep...)
		last = i + 1
	}
	return append(b, s[last:]...)
}
