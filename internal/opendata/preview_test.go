package opendata

import (
	"strings"
	"testing"

	"labo/internal/dataset"
)

func TestFirstItem(t *testing.T) {
	tests := []struct {
		data, key, want string
		ok              bool
	}{
		{"[\n{\"a\":1},\n{\"a\":2}\n]", "", `{"a":1}`, true},
		{"[]", "", "", true},
		{`{"type":"FeatureCollection","bbox":[1,2],"features":[{"id":"x"},{"id":"y"}]}`, "features", `{"id":"x"}`, true},
		{`{"type":"FeatureCollection"}`, "features", "", false},
		{`{"a":1}`, "", "", false},
		{`[{"a":`, "", "", false},
	}
	for _, tt := range tests {
		got, ok := firstItem([]byte(tt.data), tt.key)
		if string(got) != tt.want || ok != tt.ok {
			t.Errorf("firstItem(%s, %q) = %s, %v; want %s, %v", tt.data, tt.key, got, ok, tt.want, tt.ok)
		}
	}
}

func TestPreviewCSV(t *testing.T) {
	d := &dataset.Dataset{Format: "csv"}
	d.Fill([]byte("a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n"))
	p := preview(d)
	if len(p.Header) != 2 || p.Shown != previewRows || p.Rows[4][1] != "10" {
		t.Errorf("preview = %+v", p)
	}
	// A large file keeps only its beginning, which the preview reads.
	big := []byte("a,b\n" + strings.Repeat("1,\"deux\ntrois\"\n", 100_000))
	d.Fill(big)
	if p := preview(d); len(d.Head) != dataset.HeadSize || d.Bytes != len(big) || d.Rows != 100_000 || p.Shown != previewRows || p.Rows[4][1] != "deux\ntrois" {
		t.Errorf("preview of a large file = %+v (head %d bytes, %d rows)", p, len(d.Head), d.Rows)
	}
}

func TestSize(t *testing.T) {
	for n, want := range map[int]string{0: "0 octet", 850: "850 octets", 12_400: "12,4 ko", 1_260_000: "1,3 Mo"} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestContents(t *testing.T) {
	other := &dataset.Dataset{Name: "e", Title: "Échantillon d'ateliers"}
	groups := map[string][]*dataset.Dataset{"lieux": nil, "indicateurs": nil, "e": {other}}
	if got := contents([]string{"lieux", "indicateurs", "e"}, groups); got != "Les lieux de médiation numérique, les indicateurs et échantillon d'ateliers" {
		t.Errorf("contents = %q", got)
	}
	if got := formats([]*dataset.Dataset{{Format: "csv"}, {Format: "json"}, {Format: "csv"}, {Format: "geojson"}}); got != "CSV, JSON et GeoJSON" {
		t.Errorf("formats = %q", got)
	}
}
