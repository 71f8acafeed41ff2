package build

import (
	"crypto/sha256"
	"testing"
	"testing/fstest"
)

func TestSummingFS(t *testing.T) {
	files := fstest.MapFS{
		"site.toml":           {Data: []byte("title = 'x'")},
		"data/lieux.csv":      {Data: []byte("id\na\n")},
		"content/guides/a.md": {Data: []byte("# A")},
		"layouts/x.html":      {Data: []byte("<p>")},
	}
	s := newSummingFS(files)
	for name, f := range files {
		if b, err := s.ReadFile(name); err != nil || string(b) != string(f.Data) {
			t.Fatalf("ReadFile(%s) = %q, %v", name, b, err)
		}
	}
	for _, tc := range []struct {
		name  string
		noted bool
	}{
		{"site.toml", true},
		{"data/lieux.csv", true},
		{"content/guides/a.md", true},
		{"layouts/x.html", false}, // in the global key, never asked for
		{"data/missing.csv", false},
	} {
		sum, ok := s.sum(tc.name)
		if ok != tc.noted {
			t.Errorf("sum(%s) noted = %v, want %v", tc.name, ok, tc.noted)
		}
		if !ok {
			continue
		}
		if want := sha256.Sum256(files[tc.name].Data); string(sum) != string(want[:]) {
			t.Errorf("sum(%s) = %x, want %x", tc.name, sum, want)
		}
	}
	s.reset()
	if _, ok := s.sum("site.toml"); ok {
		t.Error("a sum outlived reset")
	}
	if err := fstest.TestFS(s, "site.toml", "data/lieux.csv", "content/guides/a.md"); err != nil {
		t.Error(err)
	}
}
