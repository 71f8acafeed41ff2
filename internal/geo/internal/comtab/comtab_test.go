package comtab

import (
	"strings"
	"testing"
)

func TestFixed4(t *testing.T) {
	for in, want := range map[string]int64{"45.7772": 457772, "-3.1": -31000, "0": 0, "-0.0001": -1, "55.45": 554500, "180.0000": 1800000} {
		if got, err := Fixed4(in); err != nil || got != want {
			t.Errorf("Fixed4(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"1.23456", "", "-", ".5", "a.1", "1.-2", "+1", "1e3"} {
		if _, err := Fixed4(in); err == nil {
			t.Errorf("Fixed4(%q) gave no error", in)
		}
	}
}

func TestEncode(t *testing.T) {
	rows := []Row{
		{Code: "01001", Nom: "L'Abergement", Dept: "01", Postcodes: []string{"01400"}, Population: 860, Lat: 461183, Lon: 49566, Precision: 'p'},
		{Code: "2A004", Nom: "Ajaccio", Dept: "2A", Postcodes: []string{"20000", "20090"}, Population: 70000},
	}
	b, err := Encode(rows)
	if err != nil || !strings.HasPrefix(string(b), Magic) {
		t.Fatalf("Encode: %v, %q", err, b)
	}
	for _, bad := range [][]Row{
		{{Code: "2A004"}, {Code: "01001"}},             // out of order
		{{Code: "0101"}},                               // short code
		{{Code: "01001", Postcodes: []string{"1400"}}}, // short postcode
		{{Code: "01001"}, {Code: "01001"}},             // repeated code
	} {
		if _, err := Encode(bad); err == nil {
			t.Errorf("Encode(%+v) gave no error", bad)
		}
	}
}
