package opendata

import (
	"encoding/json"
	"io"
	"slices"

	"labo/internal/appendenc"
	"labo/internal/site"
	"labo/internal/venue"
)

// The venues in the national standard, lieux.csv and lieux.json, are the
// bytes venue.EncodeCSV and venue.EncodeJSON give (a test checks it),
// appended row by row without encoding/csv and encoding/json: the national
// files weigh 20 and 27 megabytes.

// inFileOrder returns the venues in the order of data/lieux.csv, so that
// the published files read like the network's own.
func inFileOrder(s *site.Site) []*site.Venue {
	venues := slices.Clone(s.Venues)
	slices.SortFunc(venues, func(a, b *site.Venue) int { return a.Line - b.Line })
	return venues
}

// lieuxCSV is lieux.csv: the 32 columns of the standard, quoted only where
// needed, LF line endings. Written as it is made (tens of megabytes).
func lieuxCSV(w io.Writer, s *site.Site) error {
	c := appendenc.NewChunks(w)
	c.B = appendenc.CSVRecord(c.B, venue.Columns)
	for _, v := range inFileOrder(s) {
		c.B = appendenc.CSVRecord(c.B, v.Row.Fields())
		c.Flush()
	}
	return c.Close()
}

// lieuxJSON is lieux.json: one object per venue and per line, the
// standard's field names in its order, empty fields left out, latitude and
// longitude as numbers written exactly as in the CSV.
func lieuxJSON(w io.Writer, s *site.Site) error {
	c := appendenc.NewChunks(w)
	c.B = append(c.B, '[')
	for i, v := range inFileOrder(s) {
		b := c.B
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n', '{')
		first := true
		for j, f := range v.Row.Fields() {
			if f == "" {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendenc.JSONString(b, venue.Columns[j])
			b = append(b, ':')
			if (j == latitudeColumn || j == longitudeColumn) && isJSONNumber(f) {
				b = append(b, f...)
			} else {
				b = appendenc.JSONString(b, f)
			}
		}
		c.B = append(b, '}')
		c.Flush()
	}
	c.B = append(c.B, "\n]\n"...)
	return c.Close()
}

var (
	latitudeColumn  = slices.Index(venue.Columns, "latitude")
	longitudeColumn = slices.Index(venue.Columns, "longitude")
)

// isJSONNumber reports whether s can be written as it is where a JSON
// value is expected, as venue.EncodeJSON decides: a number literal
// (checked by hand, the common case) or, for anything else, whatever
// encoding/json accepts as a json.Number.
func isJSONNumber(s string) bool {
	if isNumberLiteral(s) {
		return true
	}
	var n json.Number
	return json.Valid([]byte(s)) && json.Unmarshal([]byte(s), &n) == nil
}

// isNumberLiteral matches JSON's number grammar:
// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func isNumberLiteral(s string) bool {
	i := 0
	if i < len(s) && s[i] == '-' {
		i++
	}
	digits := func() int {
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		return i - j
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(s) && s[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}
