// Package appendenc appends JSON and CSV values to byte slices, giving the
// very bytes encoding/json and encoding/csv give, without their reflection
// and per-call allocations: the national open-data files hold millions of
// values, and encoding them through reflection cost seconds per build.
//
// Fuzz tests compare every function with the standard library.
package appendenc

import (
	"bytes"
	"io"
	"math"
	"strconv"
	"unicode"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// plain[b] is true for the ASCII bytes a JSON string holds as they are
// (encoding/json's safeSet); plainHTML also excludes <, > and &
// (htmlSafeSet).
var plain, plainHTML = func() (p, h [256]bool) {
	for b := 0x20; b < utf8.RuneSelf; b++ {
		p[b] = b != '"' && b != '\\'
		h[b] = p[b] && b != '<' && b != '>' && b != '&'
	}
	return p, h
}()

// JSONString appends s as a JSON string, as an encoding/json Encoder with
// SetEscapeHTML(false) writes it: invalid UTF-8 becomes U+FFFD, U+2028 and
// U+2029 are escaped.
func JSONString(dst []byte, s string) []byte { return appendString(dst, s, &plain) }

// JSONStringHTML appends s as json.Marshal writes it: like JSONString, with
// <, > and & escaped as \u003c, \u003e and \u0026.
func JSONStringHTML(dst []byte, s string) []byte { return appendString(dst, s, &plainHTML) }

func appendString(dst []byte, s string, safe *[256]bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && safe[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		b := s[i]
		if b < utf8.RuneSelf {
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[b>>4], hex[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// JSONStrings appends values as a JSON array of strings (JSONString, or
// JSONStringHTML when html is set); nil gives [], not null.
func JSONStrings(dst []byte, values []string, html bool) []byte {
	safe := &plain
	if html {
		safe = &plainHTML
	}
	dst = append(dst, '[')
	for i, v := range values {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, v, safe)
	}
	return append(dst, ']')
}

// JSONFloat appends f as encoding/json writes a float64 (the shortest
// decimal that reads back as f, exponent form below 1e-6 and from 1e21).
// NaN and infinities, which JSON cannot hold, are written as null.
func JSONFloat(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	dst = strconv.AppendFloat(dst, f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json does.
		if n := len(dst); n >= 4 && dst[n-4] == 'e' && dst[n-3] == '-' && dst[n-2] == '0' {
			dst[n-2] = dst[n-1]
			dst = dst[:n-1]
		}
	}
	return dst
}

// JSONInt appends n in decimal.
func JSONInt(dst []byte, n int) []byte { return strconv.AppendInt(dst, int64(n), 10) }

// JSONBool appends true or false.
func JSONBool(dst []byte, b bool) []byte { return strconv.AppendBool(dst, b) }

// CSVField appends one field as an encoding/csv Writer with a comma and LF
// line endings writes it: quoted when it holds a comma, a quote or a line
// break, starts with a space, or is `\.`; quotes doubled inside.
func CSVField(dst []byte, s string) []byte {
	if !csvNeedsQuotes(s) {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			dst = append(dst, s[start:i+1]...)
			dst = append(dst, '"')
			start = i + 1
		}
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// CSVRecord appends fields as one CSV line, ending with "\n".
func CSVRecord(dst []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = CSVField(dst, f)
	}
	return append(dst, '\n')
}

func csvNeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\n', '\r', '"', ',':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// Buffer returns an empty slice with room for n bytes, not zeroed first
// (bytes.Buffer.Grow allocates without clearing): a file of tens of
// megabytes about to be written over need not be cleared beforehand.
func Buffer(n int) []byte {
	var b bytes.Buffer
	b.Grow(n)
	return b.AvailableBuffer()
}

// Chunks lets an encoder that appends to a byte slice write a file of any
// size through a small buffer: append to B, call Flush after each record;
// the buffer goes to the writer once it holds ChunkSize bytes.
type Chunks struct {
	B   []byte
	w   io.Writer
	err error
}

// ChunkSize is how much Chunks gathers before it writes.
const ChunkSize = 64 << 10

// NewChunks returns Chunks writing to w.
func NewChunks(w io.Writer) *Chunks {
	return &Chunks{B: make([]byte, 0, ChunkSize+ChunkSize/2), w: w}
}

// Flush writes the buffer out when it is full enough.
func (c *Chunks) Flush() {
	if len(c.B) >= ChunkSize {
		c.write()
	}
}

func (c *Chunks) write() {
	if c.err == nil && len(c.B) > 0 {
		_, c.err = c.w.Write(c.B)
	}
	c.B = c.B[:0]
}

// Close writes what is left and returns the first write error.
func (c *Chunks) Close() error {
	c.write()
	return c.err
}

// Bytes runs an encoder written for Chunks into memory.
func Bytes(encode func(w io.Writer) error) ([]byte, error) {
	var b bytes.Buffer
	err := encode(&b)
	return b.Bytes(), err
}
