package content

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark/ast"

	"labo/internal/diag"
)

// renderResolved is the plain definition of a page's HTML after
// ResolveLinks: the syntax tree's "@/" links pointed at their page, or
// replaced by their children when the page or anchor is missing, then the
// tree rendered.
func renderResolved(body []byte, resolve Resolver) []byte {
	doc := parseMarkdown(body)
	var links []*ast.Link
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && bytes.HasPrefix(l.Destination, []byte("@/")) {
			links = append(links, l)
		}
		return ast.WalkContinue, nil
	})
	for _, l := range links {
		target, anchor, _ := strings.Cut(strings.TrimPrefix(string(l.Destination), "@/"), "#")
		if p := resolve(target); p != nil && (anchor == "" || p.HasAnchor(anchor)) {
			l.Destination = []byte(p.URL)
			if anchor != "" {
				l.Destination = append(l.Destination, "#"+anchor...)
			}
			continue
		}
		parent := l.Parent()
		for c := l.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, l, c)
			c = next
		}
		parent.RemoveChild(parent, l)
	}
	var b bytes.Buffer
	_ = md.Renderer().Render(&b, body, doc)
	return b.Bytes()
}

// testResolver knows guides/x.md (with heading "ancre" and footnote 1).
func testResolver(target string) *Page {
	if target == "guides/x.md" {
		return &Page{URL: "/guides/x/", Headings: []Heading{{Level: 2, ID: "ancre"}}, source: []byte("note[^1]")}
	}
	return nil
}

var linkBodies = []string{
	"Voir [le guide](@/guides/x.md) et [l'ancre](@/guides/x.md#ancre).",
	"[absent](@/guides/absent.md), [mauvaise ancre](@/guides/x.md#non), [note](@/guides/x.md#fn:1)",
	"[avec *emphase* et `code`](@/guides/x.md \"Un titre\") puis [vide]()",
	"![image [lien](@/guides/absent.md) dedans](a.png) et [![image](b.png)](@/guides/absent.md)",
	"Texte[^n] [lien](@/guides/x.md)\n\n[^n]: Note avec [un lien](@/guides/absent.md) et [un autre](@/guides/x.md#ancre).\n",
	"| a | b |\n|---|---|\n| [x](@/guides/x.md) | [y](@/guides/y.md) |\n",
	"[réf][r] et [r]\n\n[r]: @/guides/x.md#ancre \"titre\"\n",
	"[é & < >](@/guides/x.md#ancre%20\"q\") [espace](<@/guides/x.md#a b>)",
	"Pas un lien : @/guides/x.md, `[code](@/guides/x.md)`, <@/guides/x.md>",
}

func TestResolveLinksMatchesTree(t *testing.T) {
	for _, b := range linkBodies {
		checkResolveLinks(t, b)
	}
}

func checkResolveLinks(t *testing.T, body string) {
	t.Helper()
	var problems diag.List
	p := Parse("content/guides/t.md", []byte("+++\ntitle = \"T\"\ndate = 2025-01-01\n+++\n"+body), time.UTC, &problems)
	if p == nil {
		return
	}
	p.ResolveLinks(testResolver, &problems)
	if got, want := p.Render(), renderResolved(p.source[p.bodyStart:], testResolver); !bytes.Equal(got, want) {
		t.Errorf("body %q:\ngot  %s\nwant %s", body, got, want)
	}
}

func FuzzResolveLinks(f *testing.F) {
	for _, b := range linkBodies {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) {
		checkResolveLinks(t, body)
	})
}
