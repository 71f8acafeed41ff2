package opendata

import (
	"bytes"
	"encoding/json"
)

// object is a JSON object that keeps its keys in the order they were added,
// so published files follow the standard's column order rather than the
// alphabetical order of a Go map.
type object []member

type member struct {
	Key   string
	Value any
}

func (o *object) add(key string, value any) { *o = append(*o, member{key, value}) }

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := marshal(m.Key)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		v, err := marshal(m.Value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// marshal is json.Marshal without HTML escaping: the files are data, and
// "l'adresse <b>" should read as written.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// indent marshals v with two-space indentation and a final newline.
func indent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// arrayLines writes a JSON array with one compact item per line: small
// diffs between releases, and easy to read with line-oriented tools.
func arrayLines[T any](items []T) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString("[")
	for i, it := range items {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n")
		j, err := marshal(it)
		if err != nil {
			return nil, err
		}
		b.Write(j)
	}
	b.WriteString("\n]\n")
	return b.Bytes(), nil
}
