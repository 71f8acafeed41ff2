package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"labo/internal/venue"
)

// Record is one venue of the source file, every field as a string.
type Record struct {
	Line   int               // line of the file where the record starts
	Fields map[string]string // column name (lowercase) → raw value
}

// Source is a parsed input file.
type Source struct {
	Format  string // "csv" or "json"
	Legacy  bool   // uses v0.1 columns (publics_accueillis…) or, once imported, v0.1 values
	Records []Record
	Unknown []string // columns neither version of the standard knows, ignored
}

// legacyColumns exist only in the v0.1 standard.
var legacyColumns = []string{"cle_ban", "courriel", "publics_accueillis", "conditions_acces", "labels_nationaux", "labels_autres", "accessibilite"}

// Parse reads a national-standard file, CSV (comma, semicolon or tab
// separated, UTF-8, with a header) or JSON (an array of flat objects, or an
// object holding one such array). name is used in error messages.
func Parse(name string, data []byte) (*Source, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: expected UTF-8 text, found invalid bytes (save the file as UTF-8)", name)
	}
	trimmed := bytes.TrimSpace(data)
	var src *Source
	var err error
	if len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{') {
		src, err = parseJSON(data)
	} else {
		src, err = parseCSV(data)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	seen := map[string]bool{}
	for _, r := range src.Records {
		for k := range r.Fields {
			seen[k] = true
		}
	}
	for k := range seen {
		switch {
		case slices.Contains(legacyColumns, k):
			src.Legacy = true
		case !slices.Contains(venue.Columns, k):
			src.Unknown = append(src.Unknown, k)
		}
	}
	slices.Sort(src.Unknown)
	return src, nil
}

// delimiter guesses the separator of a CSV from its header line.
func delimiter(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', 0
	for _, d := range []rune{',', ';', '\t'} {
		if c := bytes.Count(line, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

func parseCSV(data []byte) (*Source, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = delimiter(data)
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err == io.EOF {
		return nil, errors.New("expected a header line, found an empty file")
	}
	if err != nil {
		return nil, err
	}
	for i := range header {
		header[i] = strings.ToLower(strings.TrimSpace(header[i]))
	}
	if !slices.Contains(header, "nom") {
		return nil, fmt.Errorf("expected a header with the columns of the national standard (id, nom, commune…), found %s", strings.Join(header, ","))
	}
	src := &Source{Format: "csv"}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("line %d: %v (the rest of the file cannot be read)", pe.StartLine, pe.Err)
			}
			return nil, err
		}
		line, _ := r.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		f := make(map[string]string, len(header))
		for i, v := range rec {
			if i < len(header) {
				f[header[i]] = v
			} else {
				f[fmt.Sprintf("colonne_%d", i+1)] = v
			}
		}
		src.Records = append(src.Records, Record{Line: line, Fields: f})
	}
	return src, nil
}

func parseJSON(data []byte) (*Source, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok == json.Delim('{') {
		// An object holding the array, as some exports do ({"data": [...]}).
		for {
			key, err := dec.Token()
			if err != nil {
				return nil, err
			}
			if key == json.Delim('}') {
				return nil, errors.New("expected an array of venues, found an object without one")
			}
			next, err := dec.Token()
			if err != nil {
				return nil, err
			}
			if next == json.Delim('[') {
				tok = next
				break
			}
			if d, ok := next.(json.Delim); ok && (d == '{' || d == '[') {
				if err := skip(dec, 1); err != nil {
					return nil, err
				}
			}
		}
	}
	if tok != json.Delim('[') {
		return nil, errors.New("expected an array of venues")
	}
	src := &Source{Format: "json"}
	for dec.More() {
		start := int(dec.InputOffset())
		var raw map[string]any
		if err := dec.Decode(&raw); err != nil {
			return nil, fmt.Errorf("item %d: expected an object of fields: %v", len(src.Records)+1, err)
		}
		// InputOffset before Decode points at the separator; skip it.
		for start < len(data) && (data[start] == ',' || data[start] == ' ' || data[start] == '\n' || data[start] == '\r' || data[start] == '\t') {
			start++
		}
		f := make(map[string]string, len(raw))
		for k, v := range raw {
			f[strings.ToLower(strings.TrimSpace(k))] = jsonString(v)
		}
		src.Records = append(src.Records, Record{Line: 1 + bytes.Count(data[:start], []byte("\n")), Fields: f})
	}
	return src, nil
}

// skip consumes the rest of a nested value whose opening token was read.
func skip(dec *json.Decoder, depth int) error {
	for depth > 0 {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		if d, ok := t.(json.Delim); ok {
			if d == '{' || d == '[' {
				depth++
			} else {
				depth--
			}
		}
	}
	return nil
}

// jsonString flattens a JSON value to the standard's text form: numbers as
// written, arrays joined with "|", null as empty.
func jsonString(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case []any:
		parts := make([]string, 0, len(x))
		for _, it := range x {
			if s := jsonString(it); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, venue.Sep)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
