package opendata

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"labo/internal/appendenc"
	"slices"
	"strconv"
	"testing"

	"labo/internal/site"
	"labo/internal/sitecopy"
	"labo/internal/venue"
)

func demoSite(t testing.TB) *site.Site { return sitecopy.DemoSite(t) }

// TestLieuxSameAsVenueEncoders checks lieux.csv and lieux.json against the
// venue package's encoders (encoding/csv and encoding/json), on the demo
// venues and on copies whose every field holds what CSV and JSON escape.
func TestLieuxSameAsVenueEncoders(t *testing.T) {
	s := demoSite(t)
	hostile := []string{"", `Clic & Lien <b>"x"</b>`, "a\\b\tc\u2028d\u2029\x01", "\xff\xfeé", " espace, virgule\r\nligne", `\.`, "45.5", "-1e-7", `"45"`, " 45", "1.", "0x1p3"}
	rough := *s
	rough.Venues = nil
	for i, v := range s.Venues {
		c := *v
		f := c.Row.Fields()
		for j := range f {
			f[j] = hostile[(i+j)%len(hostile)]
		}
		c.Row = venue.RowOf(f)
		rough.Venues = append(rough.Venues, &c)
	}
	for name, s := range map[string]*site.Site{"demo": s, "hostile": &rough} {
		venues := slices.Clone(s.Venues)
		slices.SortFunc(venues, func(a, b *site.Venue) int { return a.Line - b.Line })
		rows := make([]venue.Row, len(venues))
		for i, v := range venues {
			rows[i] = v.Row
		}
		csvBytes, _ := appendenc.Bytes(func(w io.Writer) error { return lieuxCSV(w, s) })
		jsonBytes, _ := appendenc.Bytes(func(w io.Writer) error { return lieuxJSON(w, s) })
		if got, want := csvBytes, venue.EncodeCSV(rows); !bytes.Equal(got, want) {
			t.Errorf("%s: lieux.csv differs from venue.EncodeCSV", name)
		}
		if got, want := jsonBytes, venue.EncodeJSON(rows); !bytes.Equal(got, want) {
			t.Errorf("%s: lieux.json differs from venue.EncodeJSON", name)
		}
	}
}

func FuzzIsJSONNumber(f *testing.F) {
	for _, s := range []string{"0", "-0", "45.5", "-1e-7", "1E+9", "01", "1.", ".5", "-", "", "1e", `"45"`, " 45", "NaN", "0x1p3", "1_000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var n json.Number
		want := json.Valid([]byte(s)) && json.Unmarshal([]byte(s), &n) == nil
		if got := isJSONNumber(s); got != want {
			t.Errorf("isJSONNumber(%q) = %v, want %v", s, got, want)
		}
		if isNumberLiteral(s) {
			// A literal too large for a float64 ("1E1000") is still a JSON
			// number: encoding/json refuses it only as a float64.
			var x float64
			if err := json.Unmarshal([]byte(s), &x); err != nil {
				if _, perr := strconv.ParseFloat(s, 64); !errors.Is(perr, strconv.ErrRange) || !json.Valid([]byte(s)) {
					t.Errorf("isNumberLiteral(%q) but encoding/json says %v", s, err)
				}
			}
		}
	})
}
