// Package tomlpos finds the line of a key in a TOML document.
//
// BurntSushi/toml reports positions for syntax errors only; semantic errors
// (an unknown key, a bad value) need the line too, so this package scans the
// source once and records where each key and table header stands. It reads
// the common TOML shapes used by Labo's inputs (bare or quoted keys, [table]
// and [[array]] headers, multi-line strings); for anything it cannot place it
// returns 0, which diagnostics print as "no line".
package tomlpos

import (
	"errors"
	"strings"

	"github.com/BurntSushi/toml"

	"labo/internal/diag"
)

// Index maps keys to lines.
type Index struct {
	keys    map[string][]int // "services.code" → lines, in order of appearance
	headers map[string][]int // "services" → lines of each [[services]]
}

// New indexes src. lineOffset is added to every line (for front matter that
// starts after a "+++" line).
func New(src string, lineOffset int) *Index {
	ix := &Index{keys: map[string][]int{}, headers: map[string][]int{}}
	table := ""
	inMulti := ""
	for i, raw := range strings.Split(src, "\n") {
		line := strings.TrimSpace(raw)
		n := i + 1 + lineOffset
		if inMulti != "" {
			if strings.Count(line, inMulti)%2 == 1 {
				inMulti = ""
			}
			continue
		}
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "[["):
			table = normKey(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(strings.SplitN(line, "]]", 2)[0], "[[")), "]]"))
			ix.headers[table] = append(ix.headers[table], n)
			continue
		case strings.HasPrefix(line, "["):
			table = normKey(strings.TrimPrefix(strings.SplitN(line, "]", 2)[0], "["))
			ix.headers[table] = append(ix.headers[table], n)
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		key := normKey(k)
		if table != "" {
			key = table + "." + key
		}
		ix.keys[key] = append(ix.keys[key], n)
		for _, q := range []string{`"""`, `'''`} {
			if strings.Count(v, q)%2 == 1 {
				inMulti = q
			}
		}
	}
	return ix
}

func normKey(k string) string {
	parts := strings.Split(strings.TrimSpace(k), ".")
	for i, p := range parts {
		parts[i] = strings.Trim(strings.TrimSpace(p), `"'`)
	}
	return strings.Join(parts, ".")
}

// Line returns the line of the first occurrence of key, or 0.
func (ix *Index) Line(key toml.Key) int {
	if l := ix.keys[strings.Join(key, ".")]; len(l) > 0 {
		return l[0]
	}
	if l := ix.headers[strings.Join(key, ".")]; len(l) > 0 {
		return l[0]
	}
	return 0
}

// InArray returns the line of key inside the i-th (0-based) [[array]] table,
// falling back to the header line of that entry, or 0.
func (ix *Index) InArray(array string, i int, key string) int {
	hs := ix.headers[array]
	if i < 0 || i >= len(hs) {
		return 0
	}
	start, end := hs[i], int(^uint(0)>>1)
	if i+1 < len(hs) {
		end = hs[i+1]
	}
	for _, l := range ix.keys[array+"."+key] {
		if l > start && l < end {
			return l
		}
	}
	return start
}

// DecodeProblem turns an error of toml.Decode into a problem of file, with
// the position shifted by lineOffset (the lines before the TOML text, e.g.
// the "+++" opener of front matter).
func DecodeProblem(file string, err error, lineOffset int) diag.Problem {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.LastKey != "" && !strings.Contains(msg, pe.LastKey) {
			msg += " (key " + pe.LastKey + ")"
		}
		return diag.Problem{File: file, Line: pe.Position.Line + lineOffset, Col: pe.Position.Col, Msg: msg}
	}
	return diag.Problem{File: file, Line: lineOffset + 1, Msg: err.Error()}
}
