// Package dataset describes the open datasets a build publishes, so that the
// catalogue (/donnees/, datapackage.json, DCAT, SHA256SUMS) can list every
// one of them with its schema, whichever package produced it.
//
// A producer returns Datasets from its generator; the build renders each
// Make into the output tree at Path, then calls Fill with the bytes (size,
// hash and row count) and hands the finished list to the finishers.
//
// Fields a producer sets: Name, Path, Title, Description, Format, MediaType,
// Make, and when it has them Schema, PrimaryKey, Group, ConformsTo, Updated
// and Keywords. Everything else is filled by the build.
package dataset

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// Field is one column of a tabular dataset (a Frictionless Table Schema field).
type Field struct {
	Name        string
	Type        string // string, integer, number, boolean, date, array (JSON files only)
	Format      string // Table Schema format of strings: "email", "uri"; "" for any
	Title       string
	Description string
	Required    bool
	Unique      bool
	Pattern     string // regular expression the whole value must match
	Enum        []string
	Values      []string // allowed values of a multi-valued field (Pattern says the same to machines)
	MaxLength   int      // in characters; 0 for none
	Example     string
}

// Dataset is one published file.
type Dataset struct {
	Name        string // stable identifier, lowercase with dashes: "lieux-csv"
	Path        string // path in the site, "donnees/lieux.csv"
	Title       string // French
	Description string // French, plain language
	Format      string // "csv", "geojson", "json", "jsonld", "txt"
	MediaType   string // "text/csv", "application/geo+json"…
	Schema      []Field
	PrimaryKey  string
	Make        func() ([]byte, error)
	// Key, if set, lets a build keep the published file (see
	// render.Job.Key).
	Key string

	// Group names the data this file is one format of: "lieux" for
	// lieux.csv, lieux.json and lieux.geojson. The catalogue lists files of
	// a group together and the DCAT catalogue makes each group one dataset
	// with one distribution per file. Empty means the file is its own group
	// (GroupName returns Name).
	Group string
	// ConformsTo is the address of a published standard or schema the file
	// follows (the national venue standard, a data·inclusion schema), or "".
	ConformsTo string
	// Updated is when the data last changed (the latest date_maj of the
	// venues, for example). Zero means the build date.
	Updated time.Time
	// Keywords are French search words for data portals (DCAT keywords).
	Keywords []string

	// Filled by the build once the file exists (see Fill).
	Bytes  int
	SHA256 string
	Rows   int // data rows for CSV, features for GeoJSON, items for JSON arrays; -1 if not counted
	// Head is the beginning of the file (HeadSize bytes at most), for
	// previews: the whole file is written to disk as it is made and not
	// kept in memory (a national services.json weighs 80 MB).
	Head []byte
}

// HeadSize is how much of a file Fill keeps for previews: a few CSV rows
// or the first item of a JSON array.
const HeadSize = 64 << 10

// GroupName is Group, or Name when the file is a group of its own.
func (d *Dataset) GroupName() string {
	if d.Group != "" {
		return d.Group
	}
	return d.Name
}

// Fill records the size, SHA-256 and row count of the produced bytes, and
// their beginning. It does not keep data.
func (d *Dataset) Fill(data []byte) {
	d.Head = bytes.Clone(data[:min(len(data), HeadSize)])
	d.Bytes = len(data)
	sum := sha256.Sum256(data)
	d.SHA256 = hex.EncodeToString(sum[:])
	d.Rows = CountRows(d.Format, data)
}

// CountRows counts the records of a file: CSV lines after the header,
// features of a GeoJSON FeatureCollection, items of a top-level JSON array.
// It returns -1 for other formats and for content it cannot read.
func CountRows(format string, data []byte) int {
	switch format {
	case "csv":
		return countCSV(data)
	case "geojson":
		return countItems(data, "features")
	case "json":
		return countItems(data, "")
	}
	return -1
}

// countItems counts the items of the top-level JSON array (key == "") or of
// the array under the top-level object's key, in one pass without decoding:
// the national datasets weigh a hundred megabytes, and a full decode only to
// count them cost a second. It returns -1 when the data is not of that
// shape. The data is trusted to be valid JSON (the build encoded it).
func countItems(data []byte, key string) int {
	i := skipSpace(data, 0)
	if key != "" {
		if i >= len(data) || data[i] != '{' {
			return -1
		}
		// Find "key": at depth 1.
		want := `"` + key + `"`
		depth, found := 0, -1
		for j := i; j < len(data) && found < 0; j++ {
			switch c := data[j]; c {
			case '"':
				end := skipString(data, j)
				if end < 0 {
					return -1
				}
				if depth == 1 && string(data[j:end]) == want {
					if k := skipSpace(data, end); k < len(data) && data[k] == ':' {
						found = skipSpace(data, k+1)
					}
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
		}
		if found < 0 {
			return -1
		}
		i = found
	}
	if i >= len(data) || data[i] != '[' {
		return -1
	}
	n, depth, empty := 0, 0, true
	for j := i; j < len(data); j++ {
		switch c := data[j]; c {
		case '"':
			end := skipString(data, j)
			if end < 0 {
				return -1
			}
			if depth == 1 {
				empty = false
			}
			j = end - 1
		case '[', '{':
			if depth == 1 {
				empty = false
			}
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				if empty {
					return 0
				}
				return n + 1
			}
		case ',':
			if depth == 1 {
				n++
			}
		case ' ', '\t', '\n', '\r':
		default:
			if depth == 1 {
				empty = false
			}
		}
	}
	return -1
}

// countCSV counts the records after the header of an RFC 4180 file, as
// encoding/csv reads them (blank lines are not records), in one pass over
// the bytes: a line break inside quotes does not end a record. It returns
// -1 when a quoted field does not end.
func countCSV(data []byte) int {
	n, quoted, filled := 0, false, false
	for i, c := range data {
		switch {
		case c == '"':
			quoted, filled = !quoted, true
		case quoted:
		case c == '\n':
			if filled {
				n++
			}
			filled = false
		case c != '\r' || i+1 < len(data) && data[i+1] != '\n':
			filled = true // a lone carriage return is data; before a line feed or at the end, a line break
		}
	}
	if quoted {
		return -1
	}
	if filled {
		n++
	}
	return max(n-1, 0)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just after the string starting at data[i],
// or -1 when it does not end.
func skipString(data []byte, i int) int {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}
