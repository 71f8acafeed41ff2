package dataset

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestCountRows(t *testing.T) {
	tests := []struct {
		format, data string
		want         int
	}{
		{"csv", "a,b\n1,2\n3,4\n", 2},
		{"csv", "a,b\n\"x\ny\",2\n", 1},
		{"csv", "a,b\n", 0},
		{"csv", "a,\"b\n", -1},
		{"geojson", `{"type":"FeatureCollection","features":[{},{},{}]}`, 3},
		{"json", "[\n{},\n{}\n]\n", 2},
		{"json", `{"a":1}`, -1},
		{"txt", "x\ny\n", -1},
	}
	for _, tt := range tests {
		if got := CountRows(tt.format, []byte(tt.data)); got != tt.want {
			t.Errorf("CountRows(%s, %q) = %d, want %d", tt.format, tt.data, got, tt.want)
		}
	}
}

func TestFill(t *testing.T) {
	d := &Dataset{Name: "x", Format: "csv"}
	d.Fill([]byte("a\n1\n"))
	if d.Bytes != 4 || d.Rows != 1 || d.SHA256 != "309b0e45a73d3fc5325e2b6ed0a01ef8b9cde6b05a5633c1f893f970d52bfddc" || string(d.Head) != "a\n1\n" {
		t.Errorf("Fill: %+v", d)
	}
	if d.GroupName() != "x" {
		t.Errorf("GroupName = %q", d.GroupName())
	}
	d.Group = "g"
	if d.GroupName() != "g" {
		t.Errorf("GroupName = %q", d.GroupName())
	}
}

// TestCountItemsAgreesWithDecoding: the one-pass counter gives what decoding
// the JSON gives, on arrays and GeoJSON with nested values, strings holding
// brackets, commas and escaped quotes.
func TestCountItemsAgreesWithDecoding(t *testing.T) {
	items := []string{`1`, `"a,b"`, `"[x]"`, `"q\"uo,te"`, `{"a":[1,2,{"b":"}"}]}`, `[1,[2,3]]`, `null`, `true`, `-1.5e3`, `{}`, `[]`, `"\\"`}
	for n := 0; n <= len(items); n++ {
		list := "[" + strings.Join(items[:n], " ,\n ") + "]"
		var arr []json.RawMessage
		if err := json.Unmarshal([]byte(list), &arr); err != nil {
			t.Fatalf("bad test data %s: %v", list, err)
		}
		if got := CountRows("json", []byte(list)); got != len(arr) {
			t.Errorf("json %s: %d, want %d", list, got, len(arr))
		}
		geo := `{"type":"FeatureCollection","name":"x \"features\": [9]","meta":{"features":[1,2,3]}, "features" : ` + list + `,"after":[1,2]}`
		if got := CountRows("geojson", []byte(geo)); got != len(arr) {
			t.Errorf("geojson %s: %d, want %d", geo, got, len(arr))
		}
	}
	for _, bad := range []string{``, `{`, `[1,2`, `"x"`, `{"type":"x"}`, `{"features":{}}`, `["unterminated]`} {
		if got := CountRows("json", []byte(bad)); got != -1 && bad != `{"features":{}}` {
			t.Errorf("json %q: %d, want -1", bad, got)
		}
		if got := CountRows("geojson", []byte(bad)); got != -1 {
			t.Errorf("geojson %q: %d, want -1", bad, got)
		}
	}
}

// FuzzCountCSV: on every file encoding/csv reads without error, the
// one-pass counter finds as many records after the header.
func FuzzCountCSV(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "a\n\"x\ny\"\n", "a\r\n1\r\n", "a\n\n\n1", "a\n\r\r\n", "\"a\"\"b\",c\n1,2", "a\n\"\"\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := csv.NewReader(strings.NewReader(s))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			return
		}
		if got, want := CountRows("csv", []byte(s)), max(len(recs)-1, 0); got != want {
			t.Errorf("CountRows(csv, %q) = %d, encoding/csv reads %d records after the header", s, got, want)
		}
	})
}

// FuzzCountRowsInPieces: a file streamed in pieces (Filler) is counted as
// the whole of it is, wherever the pieces break (inside a string, between
// a carriage return and its line feed, inside the key "features"), and a
// JSON array is counted as encoding/json decodes it.
func FuzzCountRowsInPieces(f *testing.F) {
	for _, s := range []string{"a,b\r\n1,2\r\n", "a\n\"x\r\ny\"\n", `{"type":"FeatureCollection","features":[{"a":"]"},{}]}`,
		`[1,"a\"b",{"c":[2,3]}]`, `{"x":"features","features" : [ ]}`, "[\n{},\n{}\n]\n", `["a\\","\\\"]\"",["]"]]`} {
		f.Add(s, uint16(3), uint16(17))
	}
	f.Fuzz(func(t *testing.T, s string, cut1, cut2 uint16) {
		a, b := int(cut1)%(len(s)+1), int(cut2)%(len(s)+1)
		if a > b {
			a, b = b, a
		}
		for _, format := range []string{"csv", "json", "geojson"} {
			d := &Dataset{Format: format}
			f := d.Filler()
			f.Write([]byte(s[:a]))
			f.Write([]byte(s[a:b]))
			f.Write([]byte(s[b:]))
			f.Done()
			if want := CountRows(format, []byte(s)); d.Rows != want {
				t.Errorf("%s %q cut at %d and %d: %d rows, whole: %d", format, s, a, b, d.Rows, want)
			}
			if d.Bytes != len(s) || string(d.Head) != s[:min(len(s), HeadSize)] {
				t.Errorf("%s %q: Bytes %d, Head %q", format, s, d.Bytes, d.Head)
			}
		}
		var arr []json.RawMessage
		if json.Unmarshal([]byte(s), &arr) == nil {
			if got := CountRows("json", []byte(s)); got != len(arr) {
				t.Errorf("json %q: %d items counted, encoding/json decodes %d", s, got, len(arr))
			}
		}
	})
}

// BenchmarkCountJSONItems measures the item counter of streamed JSON
// datasets over records like the data·inclusion services' (long strings).
func BenchmarkCountJSONItems(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteByte('[')
	for i := range 2000 {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"id":"s-%d","nom":"Accompagnement aux d\u00e9marches","presentation_detail":%q,"thematiques":["numerique--realiser-des-demarches-administratives","numerique--maitriser-les-fondamentaux"]}`,
			i, strings.Repeat("Un accompagnement pas à pas, avec des supports en images. ", 12))
	}
	buf.WriteByte(']')
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		d := &Dataset{Format: "json"}
		f := d.Filler()
		for p := data; len(p) > 0; p = p[min(len(p), 65536):] {
			f.Write(p[:min(len(p), 65536)])
		}
		f.Done()
		if d.Rows != 2000 {
			b.Fatalf("%d rows", d.Rows)
		}
	}
}
