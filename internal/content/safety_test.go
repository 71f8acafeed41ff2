package content

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"labo/internal/diag"
)

// unsafeHTML returns what in rendered Markdown could run a script or load
// something a reader did not ask for: script-like elements, event-handler
// and style attributes, and links or sources with a javascript:, vbscript:,
// data: or file: address (an unknown scheme such as "x:" runs nothing).
func unsafeHTML(out []byte) []string {
	var bad []string
	doc, err := html.Parse(bytes.NewReader(out))
	if err != nil {
		return []string{err.Error()}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "iframe", "object", "embed", "form", "input", "button", "meta", "link", "base", "svg", "math":
				bad = append(bad, "<"+n.Data+">")
			}
			for _, a := range n.Attr {
				k := strings.ToLower(a.Key)
				switch {
				case strings.HasPrefix(k, "on"), k == "style", k == "srcdoc", k == "formaction":
					bad = append(bad, n.Data+" "+k)
				case k == "href" || k == "src" || k == "action" || k == "xlink:href" || k == "poster":
					// Browsers drop tabs, newlines and leading spaces and
					// controls before reading the scheme.
					v := strings.Map(func(r rune) rune {
						if r <= ' ' {
							return -1
						}
						return r
					}, strings.ToLower(a.Val))
					for _, scheme := range []string{"javascript:", "vbscript:", "data:", "file:"} {
						if strings.HasPrefix(v, scheme) {
							bad = append(bad, n.Data+" "+k+"="+a.Val)
						}
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

var hostileMarkdown = []string{
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	"[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c]( javascript:alert(1)) [d](java\tscript:alert(1))",
	"[a](vbscript:x) [b](data:text/html;base64,PHNjcmlwdD4=) [c](file:///etc/passwd)",
	"![i](javascript:alert(1)) ![j](data:image/svg+xml,<svg onload=alert(1)>)",
	"<a href=\"javascript:alert(1)\">x</a> <iframe src=x></iframe> <style>*{}</style>",
	"[ref]\n\n[ref]: javascript:alert(1)",
	"<javascript:alert(1)> <mailto:a@b.example> <https://ok.example/>",
	"| a |\n|---|\n| <script>x</script> |",
	"Term\n: <svg/onload=alert(1)>",
	"x[^1]\n\n[^1]: <script>y</script> [z](javascript:z)",
	"# Titre {onclick=alert(1)}\n\n## T {#id style=\"color:red\"}",
	"&lt;script&gt; &#106;avascript:alert(1) [e](&#106;avascript:alert(1))",
}

// TestRenderIsSafe renders a corpus of hostile Markdown: nothing that could
// run a script comes out.
func TestRenderIsSafe(t *testing.T) {
	for _, md := range hostileMarkdown {
		var p diag.List
		pg := Parse("content/guides/x.md", []byte("+++\ntitle = \"x\"\ndate = 2025-01-01\n+++\n"+md+"\n"), time.UTC, &p)
		if pg == nil {
			t.Fatalf("%q: %v", md, p.Problems())
		}
		out := pg.Render()
		if bad := unsafeHTML(out); len(bad) > 0 {
			t.Errorf("%q renders unsafe HTML %v:\n%s", md, bad, out)
		}
	}
	// The check itself must see what it looks for.
	if bad := unsafeHTML([]byte(`<p><a href="javascript:x">a</a><img src=x onerror=y><script></script></p>`)); len(bad) != 3 {
		t.Errorf("unsafeHTML missed something: %v", bad)
	}
}

// FuzzRenderIsSafe is TestRenderIsSafe on arbitrary Markdown.
func FuzzRenderIsSafe(f *testing.F) {
	for _, md := range hostileMarkdown {
		f.Add(md)
	}
	f.Fuzz(func(t *testing.T, md string) {
		var p diag.List
		pg := Parse("content/guides/x.md", []byte("+++\ntitle = \"x\"\ndate = 2025-01-01\n+++\n"+md), time.UTC, &p)
		if pg == nil {
			return
		}
		pg.ResolveLinks(func(string) *Page { return nil }, &p)
		if bad := unsafeHTML(pg.Render()); len(bad) > 0 {
			t.Fatalf("unsafe HTML %v from %q", bad, md)
		}
	})
}
