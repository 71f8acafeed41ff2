// Package dataset describes the open datasets a build publishes, so that the
// catalogue (/donnees/, datapackage.json, DCAT, SHA256SUMS) can list every
// one of them with its schema, whichever package produced it.
//
// A producer returns Datasets from its generator; the build renders each
// Make into the output tree at Path, then hands the finished list (with
// bytes and hashes filled in) to the catalogue.
package dataset

// Field is one column of a tabular dataset (a Frictionless Table Schema field).
type Field struct {
	Name        string
	Type        string // string, integer, number, boolean, date
	Title       string
	Description string
	Required    bool
	Unique      bool
	Pattern     string
	Enum        []string
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

	// Filled by the build once the file exists.
	Bytes  int
	SHA256 string
	Rows   int // data rows for CSV, features for GeoJSON, items for JSON arrays; -1 if not counted
	Data   []byte
}
