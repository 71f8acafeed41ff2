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
	"hash"
	"io"
	"time"

	"labo/internal/appendenc"
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
	// Stream, if set instead of Make, writes the file as it is made, so
	// that a large one is never held in memory.
	Stream func(w io.Writer) error
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

// Produce makes the file in memory, with Make or Stream.
func (d *Dataset) Produce() ([]byte, error) {
	if d.Make != nil {
		return d.Make()
	}
	return appendenc.Bytes(d.Stream)
}

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
	f := d.Filler()
	f.Write(data)
	f.Done()
}

// A Filler takes the bytes of a dataset as they are made (see Stream) and
// fills its size, hash, row count and Head when Done: a file of a hundred
// megabytes need not be held in memory to be described.
type Filler struct {
	d    *Dataset
	h    hash.Hash
	n    int
	head []byte
	rows rowCounter
}

// Filler returns a Filler of d.
func (d *Dataset) Filler() *Filler {
	return &Filler{d: d, h: sha256.New(), rows: newRowCounter(d.Format)}
}

// Write never fails.
func (f *Filler) Write(p []byte) (int, error) {
	f.h.Write(p)
	f.n += len(p)
	if len(f.head) < HeadSize {
		f.head = append(f.head, p[:min(len(p), HeadSize-len(f.head))]...)
	}
	if f.rows != nil {
		f.rows.Write(p)
	}
	return len(p), nil
}

// Done fills the dataset with what was written.
func (f *Filler) Done() {
	f.d.Head = bytes.Clone(f.head)
	f.d.Bytes = f.n
	f.d.SHA256 = hex.EncodeToString(f.h.Sum(nil))
	f.d.Rows = -1
	if f.rows != nil {
		f.d.Rows = f.rows.count()
	}
}

// CountRows counts the records of a file: CSV lines after the header,
// features of a GeoJSON FeatureCollection, items of a top-level JSON array.
// It returns -1 for other formats and for content it cannot read.
func CountRows(format string, data []byte) int {
	c := newRowCounter(format)
	if c == nil {
		return -1
	}
	c.Write(data)
	return c.count()
}

// rowCounter counts records in one pass as the bytes arrive, in pieces of
// any size: the national datasets weigh a hundred megabytes, and decoding
// them only to count cost a second. Write never fails.
type rowCounter interface {
	io.Writer
	count() int
}

func newRowCounter(format string) rowCounter {
	switch format {
	case "csv":
		return &csvCounter{}
	case "geojson":
		return &itemCounter{key: `"features"`}
	case "json":
		return &itemCounter{}
	}
	return nil
}

// csvCounter counts the records after the header of an RFC 4180 file, as
// encoding/csv reads them (blank lines are not records): a line break inside
// quotes does not end a record; count is -1 when a quoted field does not
// end.
type csvCounter struct {
	n              int
	quoted, filled bool
	cr             bool // the last byte was a carriage return outside quotes
}

func (c *csvCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		if c.cr {
			// A lone carriage return is data; before a line feed, a line break.
			c.cr = false
			if b != '\n' {
				c.filled = true
			}
		}
		switch {
		case b == '"':
			c.quoted, c.filled = !c.quoted, true
		case c.quoted:
		case b == '\n':
			if c.filled {
				c.n++
			}
			c.filled = false
		case b == '\r':
			c.cr = true // a line break at the very end
		default:
			c.filled = true
		}
	}
	return len(p), nil
}

func (c *csvCounter) count() int {
	if c.quoted {
		return -1
	}
	n := c.n
	if c.filled {
		n++
	}
	return max(n-1, 0)
}

// itemCounter counts the items of the top-level JSON array (key == "") or
// of the array under the top-level object's key (a quoted name,
// `"features"`). count is -1 when the data is not of that shape. The data
// is trusted to be valid JSON (the build encoded it).
type itemCounter struct {
	key   string
	phase int // see the constants below
	depth int
	// inside a string, after a backslash
	str, esc bool
	// the string being read at depth 1 while looking for the key, and what
	// came after the key: 0 nothing, 1 the key, 2 the key and its colon
	name    []byte
	capture bool
	after   int
	n       int
	empty   bool
}

const (
	itemsStart  = iota // before the first byte that is not a space
	itemsSearch        // in the top-level object, looking for the key
	itemsArray         // in the array
	itemsDone
	itemsBad
)

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func (c *itemCounter) Write(p []byte) (int, error) {
	for i, b := range p {
		if c.phase == itemsArray {
			c.arrayRun(p[i:]) // the bulk of the file, in a tight loop
			break
		}
		switch c.phase {
		case itemsStart:
			switch {
			case isSpace(b):
			case c.key == "" && b == '[':
				c.startArray()
			case c.key != "" && b == '{':
				c.phase, c.depth = itemsSearch, 1
			default:
				c.phase = itemsBad
			}
		case itemsSearch:
			c.search(b)
		}
	}
	return len(p), nil
}

func (c *itemCounter) startArray() {
	c.phase, c.depth, c.n, c.empty = itemsArray, 1, 0, true
}

func (c *itemCounter) search(b byte) {
	if c.str {
		switch {
		case c.esc:
			c.esc = false
		case b == '\\':
			c.esc = true
		case b == '"':
			c.str = false
			if c.capture {
				c.name = append(c.name, b)
				if string(c.name) == c.key {
					c.after = 1
				}
			}
			return
		}
		if c.capture {
			if len(c.name) > len(c.key) {
				c.capture = false // longer than the key
			} else {
				c.name = append(c.name, b)
			}
		}
		return
	}
	switch c.after {
	case 1: // the key: a colon must follow
		if isSpace(b) {
			return
		}
		c.after = 0
		if b == ':' {
			c.after = 2
			return
		}
	case 2: // the key and its colon: its value
		if isSpace(b) {
			return
		}
		if b == '[' {
			c.startArray()
		} else {
			c.phase = itemsBad
		}
		return
	}
	switch b {
	case '"':
		c.str, c.capture = true, c.depth == 1
		c.name = append(c.name[:0], b)
	case '{', '[':
		c.depth++
	case '}', ']':
		c.depth--
	}
}

// arrayRun counts the items of the array over p, with the state in local
// variables: the bulk of a file.
func (c *itemCounter) arrayRun(p []byte) {
	depth, str, esc, n, empty := c.depth, c.str, c.esc, c.n, c.empty
	for i := 0; i < len(p); i++ {
		if str {
			// The byte after a backslash is skipped; then jump to the next
			// quote or backslash.
			if esc {
				esc = false
				if i++; i == len(p) {
					break
				}
			}
			// Strings hold most of the bytes: find their end with
			// IndexByte (vectorised), then look for a backslash before it.
			q := bytes.IndexByte(p[i:], '"')
			end := len(p)
			if q >= 0 {
				end = i + q
			}
			if b := bytes.IndexByte(p[i:end], '\\'); b >= 0 {
				esc, i = true, i+b
				continue
			}
			if q < 0 {
				break
			}
			str, i = false, end
			continue
		}
		switch p[i] {
		case '"':
			str = true
			if depth == 1 {
				empty = false
			}
		case '[', '{':
			if depth == 1 {
				empty = false
			}
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				c.phase = itemsDone
				if !empty {
					n++
				}
				c.depth, c.str, c.esc, c.n, c.empty = depth, str, esc, n, empty
				return
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
	c.depth, c.str, c.esc, c.n, c.empty = depth, str, esc, n, empty
}

func (c *itemCounter) count() int {
	if c.phase != itemsDone {
		return -1
	}
	if c.empty {
		return 0
	}
	return c.n
}
