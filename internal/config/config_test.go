package config

import (
	"strings"
	"testing"
	"testing/fstest"

	"labo/internal/diag"
)

const valid = `title = "Labo"
baseURL = "https://labo.example.org"
build_date = "2026-11-01"
[map]
tiles = ""
`

func TestParseValid(t *testing.T) {
	var p diag.List
	s := Parse([]byte(valid), "", &p)
	if err := p.Err(); err != nil {
		t.Fatal(err)
	}
	if s.BaseURL != "https://labo.example.org/" || s.KAnonymity != 11 || s.Licence != "etalab-2.0" {
		t.Errorf("unexpected defaults: %+v", s)
	}
	if got := s.Date.Format("2006-01-02"); got != "2026-11-01" {
		t.Errorf("date = %s", got)
	}
	if got := s.Abs("/lieux/"); got != "https://labo.example.org/lieux/" {
		t.Errorf("Abs = %s", got)
	}
}

func TestSourceDateEpochOverrides(t *testing.T) {
	var p diag.List
	s := Parse([]byte(valid), "1767225600", &p) // 2026-01-01T00:00:00Z
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	if got := s.Date.Format("2006-01-02"); got != "2026-01-01" {
		t.Errorf("date = %s", got)
	}
}

func TestLicenceCanonicalCase(t *testing.T) {
	var p diag.List
	s := Parse([]byte("licence = \"odbl-1.0\"\n"+valid), "", &p)
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	if s.Licence != "ODbL-1.0" {
		t.Errorf("licence = %q, want the SPDX spelling ODbL-1.0", s.Licence)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, epoch, want string
	}{
		{"unknown key", "titel = \"x\"\n" + valid, "", "site.toml:1: titel: unknown key"},
		{"unknown map key", strings.Replace(valid, "tiles", "tile", 1), "", "site.toml:5: map.tile: unknown key"},
		{"bad url", strings.Replace(valid, "https://labo.example.org", "labo", 1), "", `site.toml:2: baseURL: expected an absolute http(s) URL, found "labo"`},
		{"bad date", strings.Replace(valid, "2026-11-01", "1/11/2026", 1), "", `site.toml:3: build_date: expected a date YYYY-MM-DD, found "1/11/2026"`},
		{"bad epoch", valid, "soon", `SOURCE_DATE_EPOCH: expected seconds since 1970, found "soon"`},
		{"syntax", "title = \n", "", "site.toml:1:"},
		{"unknown licence", "licence = \"licence-ouverte\"\n" + valid, "", `site.toml:1: licence: expected the SPDX id of an open licence (etalab-2.0, ODbL-1.0`},
		{"small k", "k_anonymity = 1\n" + valid, "", "site.toml:1: k_anonymity: expected a threshold of at least 2 people, found 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p diag.List
			Parse([]byte(tt.in), tt.epoch, &p)
			err := p.Err()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestPreviousReleaseMustExist(t *testing.T) {
	cfg := "previous_release = \"seeds/avant\"\n" + valid
	fsys := fstest.MapFS{"site.toml": {Data: []byte(cfg)}}
	var p diag.List
	Load(fsys, "", &p)
	want := `site.toml:1: previous_release: expected a folder holding the lieux.csv of the previous open-data release, found none at "seeds/avant"`
	if err := p.Err(); err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want %q", err, want)
	}
	fsys["seeds/avant/lieux.csv"] = &fstest.MapFile{Data: []byte("id\n")}
	p = diag.List{}
	Load(fsys, "", &p)
	if err := p.Err(); err != nil {
		t.Errorf("with the folder present: %v", err)
	}
}
