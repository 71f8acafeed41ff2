// Package csvio reads the CSV inputs of a site (venues, qualifications, usage
// records) into typed rows with gocsv, keeping the line number of every row so
// that validation can point at it.
//
// The reader is strict where a spreadsheet export goes wrong: it strips a
// UTF-8 byte-order mark, rejects invalid UTF-8, checks the header against the
// expected columns and reports rows with a wrong number of fields. Every
// problem goes to the diagnostics list; rows that cannot be mapped are left
// out of the result, the rest are returned so their fields can be checked too.
package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gocarina/gocsv"

	"labo/internal/diag"
)

// Header says which columns a file must have.
type Header struct {
	Columns []string // expected columns
	Exact   bool     // true: exactly these columns in this order (a published standard)
}

// Read decodes data (the content of file) into out, a pointer to a slice of
// structs with `csv` tags. It returns the 1-based line of each decoded row,
// aligned with *out.
func Read(file string, data []byte, h Header, out any, problems *diag.List) []int {
	header, records, lines := Records(file, data, h, problems)
	if header == nil {
		return nil
	}
	keep := make([][]string, 0, 1+len(records))
	keep = append(append(keep, header), records...)
	if err := gocsv.UnmarshalCSV(&rowsReader{rows: keep}, out); err != nil && !errors.Is(err, gocsv.ErrEmptyCSVFile) {
		problems.Add(diag.Problem{File: file, Msg: "cannot decode rows: " + err.Error()})
		return nil
	}
	return lines
}

// Records is Read without the mapping to structs, for files read often
// enough that reflection shows (tens of thousands of venues): it checks data
// the same way and returns the header (trimmed), the records after it with
// as many fields as the header (blank lines and rows of another length left
// out, the latter reported), and the 1-based line of each record. header is
// nil when the file cannot be read at all.
func Records(file string, data []byte, h Header, problems *diag.List) (header []string, records [][]string, lines []int) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		problems.Add(diag.Problem{File: file, Line: line, Msg: "expected UTF-8 text, found invalid bytes (save the file as UTF-8)"})
		return nil, nil, nil
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	// Room for every line: counting them is cheaper than growing the slices.
	n := bytes.Count(data, []byte("\n")) + 1
	rows := make([][]string, 0, n)
	rowLines := make([]int, 0, n)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				problems.Add(diag.Problem{File: file, Line: pe.Line, Col: pe.Column, Msg: csvMessage(pe.Err)})
			} else {
				problems.Add(diag.Problem{File: file, Msg: err.Error()})
			}
			return nil, nil, nil
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, rec)
		rowLines = append(rowLines, line)
	}
	if len(rows) == 0 {
		problems.Add(diag.Problem{File: file, Line: 1, Msg: fmt.Sprintf("expected a header line with the columns %s, found an empty file", strings.Join(h.Columns, ","))})
		return nil, nil, nil
	}
	header = rows[0]
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	if !checkHeader(file, header, h, problems) {
		return nil, nil, nil
	}
	// In place: a record or line is never moved forward.
	records, lines = rows[1:1], rowLines[1:1]
	for i, rec := range rows[1:] {
		line := rowLines[i+1]
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // blank line
		}
		if len(rec) != len(header) {
			problems.Add(diag.Problem{File: file, Line: line, Msg: fmt.Sprintf("expected %d fields like the header, found %d", len(header), len(rec))})
			continue
		}
		records = append(records, rec)
		lines = append(lines, line)
	}
	return header, records, lines
}

// Columns returns, for each of columns, its index in header (which
// Records has checked: every column is there once).
func Columns(header, columns []string) []int {
	idx := make([]int, len(columns))
	for i, c := range columns {
		idx[i] = slices.Index(header, c)
	}
	return idx
}

func checkHeader(file string, header []string, h Header, problems *diag.List) bool {
	ok := true
	seen := map[string]bool{}
	for i, c := range header {
		if seen[c] {
			problems.Add(diag.Problem{File: file, Line: 1, Col: i + 1, Msg: fmt.Sprintf("duplicate column %q", c)})
			ok = false
		}
		seen[c] = true
		if !slices.Contains(h.Columns, c) {
			problems.Add(diag.Problem{File: file, Line: 1, Col: i + 1, Msg: fmt.Sprintf("unknown column %q (expected %s)", c, strings.Join(h.Columns, ","))})
			ok = false
		}
	}
	for _, c := range h.Columns {
		if !seen[c] {
			problems.Add(diag.Problem{File: file, Line: 1, Msg: fmt.Sprintf("missing column %q", c)})
			ok = false
		}
	}
	if ok && h.Exact && !slices.Equal(header, h.Columns) {
		problems.Add(diag.Problem{File: file, Line: 1, Msg: fmt.Sprintf("expected the columns in the standard's order %s, found %s", strings.Join(h.Columns, ","), strings.Join(header, ","))})
		ok = false
	}
	return ok
}

func csvMessage(err error) string {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return `expected a quote only around a whole field (write "" for a quote inside a quoted field), found a bare "`
	case errors.Is(err, csv.ErrQuote):
		return `expected a closing quote, found the end of the file or extra text after a quoted field`
	}
	return err.Error()
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// rowsReader hands already-validated rows to gocsv.
type rowsReader struct {
	rows [][]string
	i    int
}

func (r *rowsReader) Read() ([]string, error) {
	if r.i >= len(r.rows) {
		return nil, io.EOF
	}
	r.i++
	return r.rows[r.i-1], nil
}

func (r *rowsReader) ReadAll() ([][]string, error) { return r.rows[r.i:], nil }

// Write encodes rows (a slice of structs with `csv` tags) with a header line,
// LF line endings and RFC 4180 quoting.
func Write(rows any) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := gocsv.MarshalCSV(rows, gocsv.NewSafeCSVWriter(w)); err != nil {
		return nil, err
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// Split splits a multi-valued field on sep, trimming spaces and dropping
// empty items.
func Split(s, sep string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	parts := strings.Split(s, sep)
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
