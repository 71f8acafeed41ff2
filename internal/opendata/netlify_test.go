package opendata_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"labo/internal/browsertest"
)

type netlifyConfig struct {
	Build struct {
		Command string `toml:"command"`
		Publish string `toml:"publish"`
	} `toml:"build"`
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
}

// netlifyGlob turns a Netlify header path into a regular expression, the
// way Netlify does: "*" alone as a segment matches anything, even nothing.
func netlifyGlob(p string) *regexp.Regexp {
	var parts []string
	for _, seg := range strings.Split(p, "/") {
		switch {
		case seg == "":
		case seg == "*":
			parts = append(parts, "?(.*)")
		default:
			parts = append(parts, strings.ReplaceAll(regexp.QuoteMeta(seg), `\*`, "(.*)"))
		}
	}
	return regexp.MustCompile(`^/` + strings.Join(parts, "/") + `/?$`)
}

// headersFor applies the rules in order, a later rule overriding a header
// an earlier one set.
func headersFor(cfg netlifyConfig, path string) map[string]string {
	out := map[string]string{}
	for _, h := range cfg.Headers {
		if netlifyGlob(h.For).MatchString(path) {
			for k, v := range h.Values {
				out[k] = v
			}
		}
	}
	return out
}

func TestNetlifyConfig(t *testing.T) {
	var cfg netlifyConfig
	md, err := toml.DecodeFile(filepath.Join(browsertest.Root(t), "netlify.toml"), &cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range md.Undecoded() {
		if !strings.HasPrefix(k.String(), "build.environment") {
			t.Errorf("netlify.toml: unexpected key %s", k)
		}
	}
	if cfg.Build.Command != "go run ./cmd/labo build" || cfg.Build.Publish != "public" {
		t.Errorf("build = %+v", cfg.Build)
	}
	csp := func(p string) string { return headersFor(cfg, p)["Content-Security-Policy"] }
	for _, p := range []string{"/", "/lieux/63-clermont-mediatheque-jaude/", "/donnees/", "/carte/"} {
		c := csp(p)
		for _, d := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'self'",
			"img-src 'self' data: https://tile.openstreetmap.org https://*.tile.openstreetmap.org"} {
			if !strings.Contains(c, d) {
				t.Errorf("%s: CSP %q lacks %q", p, c, d)
			}
		}
		if strings.Contains(c, "unsafe-inline") {
			t.Errorf("%s: CSP allows inline code", p)
		}
		h := headersFor(cfg, p)
		if h["X-Content-Type-Options"] != "nosniff" || h["Referrer-Policy"] != "strict-origin-when-cross-origin" {
			t.Errorf("%s: security headers %v", p, h)
		}
	}
	if c := csp("/carte/embed/"); !strings.Contains(c, "frame-ancestors *") || strings.Contains(c, "frame-ancestors 'self'") {
		t.Errorf("the map embed cannot be framed by other sites: %q", c)
	}
	for p, want := range map[string]string{
		"/donnees/lieux.csv":     "text/csv; charset=utf-8",
		"/donnees/lieux.geojson": "application/geo+json",
		"/donnees/SHA256SUMS":    "text/plain; charset=utf-8",
	} {
		h := headersFor(cfg, p)
		if h["Content-Type"] != want || h["Access-Control-Allow-Origin"] != "*" || !strings.Contains(h["Cache-Control"], "max-age=") {
			t.Errorf("%s: %v", p, h)
		}
	}
	if h := headersFor(cfg, "/lieux/"); h["Access-Control-Allow-Origin"] != "" {
		t.Errorf("CORS is open outside /donnees/: %v", h)
	}
}
