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
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"io"
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
	Data   []byte
}

// GroupName is Group, or Name when the file is a group of its own.
func (d *Dataset) GroupName() string {
	if d.Group != "" {
		return d.Group
	}
	return d.Name
}

// Fill records the produced bytes with their size, SHA-256 and row count.
func (d *Dataset) Fill(data []byte) {
	d.Data = data
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
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		r.ReuseRecord = true
		n := 0
		for {
			_, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return -1
			}
			n++
		}
		return max(n-1, 0)
	case "geojson":
		var fc struct {
			Features []json.RawMessage `json:"features"`
		}
		if json.Unmarshal(data, &fc) != nil {
			return -1
		}
		return len(fc.Features)
	case "json":
		var items []json.RawMessage
		if json.Unmarshal(data, &items) != nil {
			return -1
		}
		return len(items)
	}
	return -1
}
