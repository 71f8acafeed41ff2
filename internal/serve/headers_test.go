package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"
)

func TestMatchNetlify(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true},
		{"/*", "/guides/x/", true},
		{"/donnees/*", "/donnees/lieux.csv", true},
		{"/donnees/*", "/donnees/", true},
		{"/donnees/*", "/guides/", false},
		{"/feed.xml", "/feed.xml", true},
		{"/feed.xml", "/feed.xml/x", false},
		{"/lieux/:id/", "/lieux/abc/", true},
		{"/lieux/:id", "/lieux/abc/", true},
		{"/lieux/:id/", "/lieux/", false},
	} {
		if got := matchNetlify(c.pattern, c.path); got != c.want {
			t.Errorf("matchNetlify(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

func TestLoadHeaders(t *testing.T) {
	dir := t.TempDir()
	if hs, err := LoadHeaders(dir); err != nil || hs != nil {
		t.Fatalf("no file: %v, %v", hs, err)
	}
	os.WriteFile(filepath.Join(dir, "netlify.toml"), []byte(`
[build]
  command = "labo build"
  publish = "public"

[[headers]]
  for = "/*"
  [headers.values]
    Content-Security-Policy = """
      default-src 'self';
      img-src 'self' data:"""
    X-Frame-Options = "DENY"

[[headers]]
  for = "/donnees/*"
  [headers.values]
    Access-Control-Allow-Origin = "*"
    X-Frame-Options = "SAMEORIGIN"
`), 0o644)
	hs, err := LoadHeaders(dir)
	if err != nil {
		t.Fatal(err)
	}
	h := http.Header{}
	hs.Apply(h, "/donnees/lieux.csv")
	if got := h.Get("Content-Security-Policy"); got != "default-src 'self'; img-src 'self' data:" {
		t.Errorf("CSP = %q", got)
	}
	if h.Get("Access-Control-Allow-Origin") != "*" || h.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("headers %v", h)
	}
	h = http.Header{}
	hs.Apply(h, "/guides/")
	if h.Get("Access-Control-Allow-Origin") != "" || h.Get("X-Frame-Options") != "DENY" {
		t.Errorf("headers of /guides/: %v", h)
	}
	os.WriteFile(filepath.Join(dir, "netlify.toml"), []byte("[[headers]]\nfor = \"guides\"\n"), 0o644)
	if _, err := LoadHeaders(dir); err == nil {
		t.Error("relative for accepted")
	}
}
