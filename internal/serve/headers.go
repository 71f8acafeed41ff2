package serve

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// HeaderRule is one [[headers]] table of netlify.toml: the headers sent
// with every response whose path matches For.
type HeaderRule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// Headers are the rules of netlify.toml, in file order.
type Headers []HeaderRule

// LoadHeaders reads the [[headers]] of netlify.toml in the site folder, in
// Netlify's format, so that the dev server sends what production sends (the
// Content-Security-Policy above all). A missing file gives no rules.
func LoadHeaders(siteDir string) (Headers, error) {
	b, err := os.ReadFile(filepath.Join(siteDir, "netlify.toml"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var f struct {
		Headers Headers `toml:"headers"`
	}
	if _, err := toml.Decode(string(b), &f); err != nil {
		return nil, fmt.Errorf("netlify.toml: %w", err)
	}
	for i, h := range f.Headers {
		if !strings.HasPrefix(h.For, "/") {
			return nil, fmt.Errorf("netlify.toml: [[headers]] %d: expected for = \"/path\", found %q", i+1, h.For)
		}
	}
	return f.Headers, nil
}

// Apply sets the headers of every rule matching urlPath; a later rule
// overrides a header an earlier one set.
func (hs Headers) Apply(h http.Header, urlPath string) {
	for _, r := range hs {
		if matchNetlify(r.For, urlPath) {
			for k, v := range r.Values {
				// Netlify allows multi-line values (CSP); browsers want one line.
				h.Set(k, strings.Join(strings.Fields(v), " "))
			}
		}
	}
}

// matchNetlify matches a Netlify path pattern: "*" matches the rest of the
// path (splat), ":name" one segment, anything else itself.
func matchNetlify(pattern, p string) bool {
	pp := strings.Split(strings.TrimPrefix(pattern, "/"), "/")
	ps := strings.Split(strings.TrimPrefix(p, "/"), "/")
	for i, seg := range pp {
		if seg == "*" {
			return true
		}
		if i >= len(ps) {
			return false
		}
		if !strings.HasPrefix(seg, ":") && seg != ps[i] {
			return false
		}
	}
	return len(pp) == len(ps) || len(pp) == len(ps)-1 && ps[len(ps)-1] == ""
}
