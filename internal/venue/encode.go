package venue

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
)

// EncodeCSV writes rows as a national-standard CSV: the 32 columns in the
// standard's order, comma-separated, quoted only where needed, LF line
// endings. It is the format of data/lieux.csv and of the published
// lieux.csv, so a file written here reads back unchanged.
func EncodeCSV(rows []Row) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(Columns) // writes to a bytes.Buffer cannot fail
	for i := range rows {
		_ = w.Write(rows[i].Fields())
	}
	w.Flush()
	return b.Bytes()
}

// EncodeJSON writes rows as a JSON array with one venue per line: the
// standard's field names in its order, empty fields left out, latitude and
// longitude as numbers written exactly as in the CSV.
func EncodeJSON(rows []Row) []byte {
	var b bytes.Buffer
	b.WriteString("[")
	for i := range rows {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("\n{")
		first := true
		for j, v := range rows[i].Fields() {
			if v == "" {
				continue
			}
			if !first {
				b.WriteByte(',')
			}
			first = false
			writeString(&b, Columns[j])
			b.WriteByte(':')
			if (Columns[j] == "latitude" || Columns[j] == "longitude") && json.Valid([]byte(v)) && isNumber(v) {
				b.WriteString(v)
			} else {
				writeString(&b, v)
			}
		}
		b.WriteByte('}')
	}
	b.WriteString("\n]\n")
	return b.Bytes()
}

func isNumber(s string) bool {
	var n json.Number
	return json.Unmarshal([]byte(s), &n) == nil
}

func writeString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Truncate(b.Len() - 1) // Encode adds a newline
}
