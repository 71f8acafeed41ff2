// Package tableschema reads a Frictionless Table Schema
// (https://specs.frictionlessdata.io/table-schema/) and checks CSV data
// against it: header, types, required, unique, pattern, enum, lengths,
// bounds and the primary key. Labo uses it to prove that the files it
// publishes follow the national venue standard and their own
// datapackage.json, and the same types describe the schemas it writes.
//
// Supported field types: string (formats default, email, uri), number,
// integer, boolean, date (formats default and any), datetime, year and any.
// A schema using another type is rejected by Parse rather than half checked.
// Patterns are matched against the whole value, as the specification says
// (XML Schema regular expressions are implicitly anchored).
package tableschema

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Schema is a Table Schema.
type Schema struct {
	Fields        []Field  `json:"fields"`
	PrimaryKey    Keys     `json:"primaryKey,omitempty"`
	MissingValues []string `json:"missingValues,omitempty"`
}

// Field is one column.
type Field struct {
	Name        string       `json:"name"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	Type        string       `json:"type,omitempty"`
	Format      string       `json:"format,omitempty"`
	Example     string       `json:"example,omitempty"`
	TrueValues  []string     `json:"trueValues,omitempty"`
	FalseValues []string     `json:"falseValues,omitempty"`
	Constraints *Constraints `json:"constraints,omitempty"`
}

// Constraints restrict the values of a field.
type Constraints struct {
	Required  bool     `json:"required,omitempty"`
	Unique    bool     `json:"unique,omitempty"`
	Pattern   string   `json:"pattern,omitempty"`
	Enum      []string `json:"enum,omitempty"`
	MinLength *int     `json:"minLength,omitempty"`
	MaxLength *int     `json:"maxLength,omitempty"`
	Minimum   *float64 `json:"minimum,omitempty"`
	Maximum   *float64 `json:"maximum,omitempty"`
}

// Keys is a primary key: one field name or several. It is read from a JSON
// string or array and written as a string when it has one name.
type Keys []string

// UnmarshalJSON accepts "id" and ["a", "b"].
func (k *Keys) UnmarshalJSON(b []byte) error {
	var one string
	if err := json.Unmarshal(b, &one); err == nil {
		*k = Keys{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return fmt.Errorf("primaryKey: expected a field name or a list of names, found %s", b)
	}
	*k = many
	return nil
}

// MarshalJSON writes one name as a string.
func (k Keys) MarshalJSON() ([]byte, error) {
	if len(k) == 1 {
		return json.Marshal(k[0])
	}
	return json.Marshal([]string(k))
}

// Error is one value (or header) that breaks the schema.
type Error struct {
	Row   int    // 1-based data row (0 for the header)
	Line  int    // line of the file where the row starts
	Field string // column name, "" for a whole row
	Value string
	Msg   string
}

func (e Error) String() string {
	if e.Field == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d: %s: %s (value %q)", e.Line, e.Field, e.Msg, e.Value)
}

// Compiled is a parsed schema ready to validate data.
type Compiled struct {
	Schema
	patterns []*regexp.Regexp // per field, nil when none
	missing  []string
}

var supported = []string{"", "string", "number", "integer", "boolean", "date", "datetime", "year", "any"}

// Parse reads a JSON Table Schema.
func Parse(data []byte) (*Compiled, error) {
	var s Schema
	if err := json.Unmarshal(data, &s); err != nil {
		return nil, fmt.Errorf("table schema: %w", err)
	}
	return Compile(s)
}

// Compile checks a schema and compiles its patterns.
func Compile(s Schema) (*Compiled, error) {
	c := &Compiled{Schema: s, patterns: make([]*regexp.Regexp, len(s.Fields)), missing: s.MissingValues}
	if c.missing == nil {
		c.missing = []string{""}
	}
	var errs []error
	seen := map[string]bool{}
	for i, f := range s.Fields {
		if f.Name == "" {
			errs = append(errs, fmt.Errorf("field %d: expected a name, found none", i+1))
		}
		if seen[f.Name] {
			errs = append(errs, fmt.Errorf("field %q: defined twice", f.Name))
		}
		seen[f.Name] = true
		if !slices.Contains(supported, f.Type) {
			errs = append(errs, fmt.Errorf("field %q: type %q is not supported by this validator", f.Name, f.Type))
		}
		if f.Constraints != nil && f.Constraints.Pattern != "" {
			re, err := regexp.Compile(`^(?:` + f.Constraints.Pattern + `)$`)
			if err != nil {
				errs = append(errs, fmt.Errorf("field %q: pattern: %w", f.Name, err))
			}
			c.patterns[i] = re
		}
	}
	for _, k := range s.PrimaryKey {
		if !seen[k] {
			errs = append(errs, fmt.Errorf("primaryKey: no field named %q", k))
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return c, nil
}

// Validate checks CSV data (comma-separated, UTF-8, header first) and returns
// every error found, in file order.
func (c *Compiled) Validate(data []byte) []Error {
	var errs []Error
	if !utf8.Valid(data) {
		return []Error{{Line: 1, Msg: "expected UTF-8 text"}}
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		return []Error{{Line: 1, Msg: "cannot read the header: " + err.Error()}}
	}
	names := make([]string, len(c.Fields))
	for i, f := range c.Fields {
		names[i] = f.Name
	}
	if !slices.Equal(header, names) {
		return []Error{{Line: 1, Msg: fmt.Sprintf("expected the header %s, found %s", strings.Join(names, ","), strings.Join(header, ","))}}
	}
	uniques := make([]map[string]int, len(c.Fields))
	pk := map[string]int{}
	pkIdx := make([]int, len(c.PrimaryKey))
	for i, k := range c.PrimaryKey {
		pkIdx[i] = slices.Index(names, k)
	}
	for row := 1; ; row++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		line, _ := r.FieldPos(0)
		if err != nil {
			errs = append(errs, Error{Row: row, Line: line, Msg: err.Error()})
			break
		}
		if len(rec) != len(names) {
			errs = append(errs, Error{Row: row, Line: line, Msg: fmt.Sprintf("expected %d values, found %d", len(names), len(rec))})
			continue
		}
		for i, f := range c.Fields {
			v := rec[i]
			bad := func(format string, args ...any) {
				errs = append(errs, Error{Row: row, Line: line, Field: f.Name, Value: v, Msg: fmt.Sprintf(format, args...)})
			}
			if slices.Contains(c.missing, v) {
				if f.Constraints != nil && f.Constraints.Required {
					bad("required value missing")
				}
				continue
			}
			if msg := checkType(f, v); msg != "" {
				bad("%s", msg)
				continue
			}
			if f.Constraints == nil {
				continue
			}
			k := f.Constraints
			if c.patterns[i] != nil && !c.patterns[i].MatchString(v) {
				bad("does not match the pattern %s", k.Pattern)
			}
			if len(k.Enum) > 0 && !slices.Contains(k.Enum, v) {
				bad("expected one of %s", strings.Join(k.Enum, ", "))
			}
			n := utf8.RuneCountInString(v)
			if k.MinLength != nil && n < *k.MinLength {
				bad("expected at least %d characters, found %d", *k.MinLength, n)
			}
			if k.MaxLength != nil && n > *k.MaxLength {
				bad("expected at most %d characters, found %d", *k.MaxLength, n)
			}
			if k.Minimum != nil || k.Maximum != nil {
				x, _ := strconv.ParseFloat(v, 64)
				if k.Minimum != nil && x < *k.Minimum {
					bad("expected at least %g", *k.Minimum)
				}
				if k.Maximum != nil && x > *k.Maximum {
					bad("expected at most %g", *k.Maximum)
				}
			}
			if k.Unique {
				if uniques[i] == nil {
					uniques[i] = map[string]int{}
				}
				if first, dup := uniques[i][v]; dup {
					bad("expected a unique value, already on line %d", first)
				} else {
					uniques[i][v] = line
				}
			}
		}
		if len(pkIdx) > 0 {
			parts := make([]string, len(pkIdx))
			for j, idx := range pkIdx {
				parts[j] = rec[idx]
			}
			key := strings.Join(parts, "\x00")
			if first, dup := pk[key]; dup {
				errs = append(errs, Error{Row: row, Line: line, Field: strings.Join(c.PrimaryKey, ","), Value: strings.Join(parts, ","),
					Msg: fmt.Sprintf("expected a unique primary key, already on line %d", first)})
			} else {
				pk[key] = line
			}
		}
	}
	return errs
}

var (
	numberRe  = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$`)
	integerRe = regexp.MustCompile(`^[+-]?\d+$`)
	yearRe    = regexp.MustCompile(`^\d{4}$`)
)

// checkType explains why v is not of the field's type, or returns "".
func checkType(f Field, v string) string {
	switch f.Type {
	case "", "string":
		switch f.Format {
		case "email":
			if a, err := mail.ParseAddress(v); err != nil || a.Address != v {
				return "expected an e-mail address"
			}
		case "uri":
			if u, err := url.Parse(v); err != nil || u.Scheme == "" {
				return "expected an absolute URI"
			}
		}
	case "number":
		if !numberRe.MatchString(v) && v != "NaN" && v != "INF" && v != "-INF" {
			return "expected a number"
		}
	case "integer":
		if !integerRe.MatchString(v) {
			return "expected an integer"
		}
	case "boolean":
		t, fl := f.TrueValues, f.FalseValues
		if t == nil {
			t = []string{"true", "True", "TRUE", "1"}
		}
		if fl == nil {
			fl = []string{"false", "False", "FALSE", "0"}
		}
		if !slices.Contains(t, v) && !slices.Contains(fl, v) {
			return fmt.Sprintf("expected a boolean (%s or %s)", strings.Join(t, ", "), strings.Join(fl, ", "))
		}
	case "date":
		if f.Format == "" || f.Format == "default" {
			if _, err := time.Parse(time.DateOnly, v); err != nil {
				return "expected a date YYYY-MM-DD"
			}
		}
	case "datetime":
		if f.Format == "" || f.Format == "default" {
			if _, err := time.Parse(time.RFC3339, v); err != nil {
				return "expected a date and time YYYY-MM-DDThh:mm:ssZ"
			}
		}
	case "year":
		if !yearRe.MatchString(v) {
			return "expected a year YYYY"
		}
	}
	return ""
}
