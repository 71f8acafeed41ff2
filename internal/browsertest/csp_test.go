package browsertest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"labo/internal/serve"
)

// TestCSPIsStrict reads the policy of netlify.toml: scripts and styles from
// this site only, nothing inline, no eval, no plugins, no framing.
func TestCSPIsStrict(t *testing.T) {
	for _, path := range []string{"/", "/carte/embed/", "/donnees/"} {
		policy := NetlifyHeadersFor(t, path).Get("Content-Security-Policy")
		if policy == "" {
			t.Fatalf("netlify.toml sets no Content-Security-Policy for %s", path)
		}
		for _, p := range StrictCSPProblems(policy) {
			t.Errorf("%s: %s", path, p)
		}
	}
}

func TestNetlifyMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/", true}, {"/*", "/lieux/x/", true},
		{"/carte/embed/*", "/carte/embed/", true}, {"/carte/embed/*", "/carte/", false},
		{"/*.csv", "/donnees/lieux.csv", false}, // Netlify's "*" is a splat at the end only
		{"/donnees/SHA256SUMS", "/donnees/SHA256SUMS", true}, {"/donnees/SHA256SUMS", "/donnees/", false},
	} {
		if got := netlifyMatch(c.pattern, c.path); got != c.want {
			t.Errorf("netlifyMatch(%q, %q) = %v", c.pattern, c.path, got)
		}
	}
}

// StrictCSPProblems lists what makes a policy weaker than the site needs.
func StrictCSPProblems(policy string) []string {
	d := CSPDirectives(policy)
	var out []string
	src := func(name string) []string {
		if s, ok := d[name]; ok {
			return s
		}
		return d["default-src"]
	}
	for _, name := range []string{"script-src", "style-src"} {
		s := src(name)
		if s == nil {
			out = append(out, name+" (or default-src) is not set: anything may load")
		}
		for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:", "data:"} {
			if slices.Contains(s, bad) {
				out = append(out, name+" allows "+bad)
			}
		}
	}
	if s := src("object-src"); !slices.Equal(s, []string{"'none'"}) {
		out = append(out, "object-src (or default-src) should be 'none'")
	}
	if _, ok := d["frame-ancestors"]; !ok {
		out = append(out, "frame-ancestors is not set: other sites may frame the pages")
	}
	return out
}

func TestStrictCSPProblems(t *testing.T) {
	if p := StrictCSPProblems("default-src 'self'; object-src 'none'; frame-ancestors 'none'"); len(p) != 0 {
		t.Errorf("strict policy: %q", p)
	}
	got := StrictCSPProblems("script-src 'self' 'unsafe-inline'; style-src *")
	want := []string{
		"script-src allows 'unsafe-inline'",
		"style-src allows *",
		"object-src (or default-src) should be 'none'",
		"frame-ancestors is not set: other sites may frame the pages",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestServeSendsNetlifyHeaders checks that `labo serve` (serve.Handler,
// which Serve uses) sends the headers of netlify.toml, on pages and on the
// 404 page, so the browser tests run under the production policy.
func TestServeSendsNetlifyHeaders(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	for _, path := range []string{"/", "/lieux/", "/nulle-part/", "/carte/embed/", "/donnees/lieux.csv"} {
		want := NetlifyHeadersFor(t, path)
		if path == "/nulle-part/" {
			want = NetlifyHeadersFor(t, "/404.html")
		}
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for k := range want {
			if k == "Cache-Control" {
				continue // the dev server never lets a browser cache (live reload)
			}
			if got := strings.Join(strings.Fields(resp.Header.Get(k)), " "); got != want.Get(k) {
				t.Errorf("GET %s: %s = %q, want %q (from netlify.toml)", path, k, got, want.Get(k))
			}
		}
	}
}

// TestDevServerSendsNetlifyHeaders checks the server `labo serve` runs (the
// dev server, which builds in memory and injects its reload script), not
// only the folder handler the browser tests use.
func TestDevServerSendsNetlifyHeaders(t *testing.T) {
	dev := serve.NewDev(Root(t), io.Discard)
	if r := dev.Build(nil); len(r.Problems) > 0 {
		t.Fatalf("dev build: %v", r.Problems)
	}
	srv := httptest.NewServer(dev)
	t.Cleanup(srv.Close)
	for _, path := range []string{"/", "/guides/", "/carte/embed/", "/nulle-part/"} {
		want := NetlifyHeadersFor(t, path)
		if path == "/nulle-part/" {
			want = NetlifyHeadersFor(t, "/404.html")
		}
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		for _, k := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
			if got := resp.Header.Get(k); got != want.Get(k) || got == "" {
				t.Errorf("labo serve, GET %s: %s = %q, want %q (from netlify.toml)", path, k, got, want.Get(k))
			}
		}
	}
}

// TestPagesUnderCSP loads one page of every template with scripts on, under
// the policy the server sends: no violation and no script error (Browser
// fails the test on either).
func TestPagesUnderCSP(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	for _, p := range Pages {
		resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(base+p.Path))
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		for k, v := range resp.Headers {
			if strings.EqualFold(k, "Content-Security-Policy") {
				got, _ = v.(string)
			}
		}
		if policy := NetlifyHeadersFor(t, p.Path).Get("Content-Security-Policy"); strings.Join(strings.Fields(got), " ") != policy {
			t.Errorf("%s served with Content-Security-Policy %q, want the policy of netlify.toml", p.Path, got)
		}
		for _, e := range PageErrors(ctx) {
			t.Errorf("%s: %s", p.Path, e)
		}
	}
}
