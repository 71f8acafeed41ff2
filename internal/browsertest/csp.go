package browsertest

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// NetlifyHeaders returns the headers netlify.toml (at the repository root)
// sets for every path ("/*"): the production host sends them, and `labo
// serve` must send the same.
func NetlifyHeaders(t testing.TB) http.Header { return NetlifyHeadersFor(t, "/") }

// NetlifyHeadersFor returns the headers netlify.toml sets for a URL path:
// every [[headers]] rule whose "for" matches, in file order, a later rule
// overriding the headers an earlier one set (as Netlify does). "*" at the
// end of a pattern matches the rest of the path. This reading is written
// apart from internal/serve's, so that the tests compare two of them.
func NetlifyHeadersFor(t testing.TB, urlPath string) http.Header {
	t.Helper()
	file := filepath.Join(Root(t), "netlify.toml")
	var conf struct {
		Headers []struct {
			For    string            `toml:"for"`
			Values map[string]string `toml:"values"`
		} `toml:"headers"`
	}
	if _, err := os.Stat(file); err != nil {
		t.Fatal("netlify.toml is missing: its [[headers]] for \"/*\" must set the Content-Security-Policy that the browser tests run under")
	}
	if _, err := toml.DecodeFile(file, &conf); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	h := http.Header{}
	for _, hs := range conf.Headers {
		if netlifyMatch(hs.For, urlPath) {
			for k, v := range hs.Values {
				h.Set(k, strings.Join(strings.Fields(v), " "))
			}
		}
	}
	return h
}

// CSPDirectives splits a policy into its directives: name → sources.
func CSPDirectives(policy string) map[string][]string {
	out := map[string][]string{}
	for _, d := range strings.Split(policy, ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[strings.ToLower(f[0])] = f[1:]
		}
	}
	return out
}

func netlifyMatch(pattern, urlPath string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(urlPath, prefix)
	}
	return pattern == urlPath || pattern+"/" == urlPath || pattern == urlPath+"index.html"
}
