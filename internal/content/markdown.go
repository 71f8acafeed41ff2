package content

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"labo/internal/diag"
	"labo/internal/frtext"
)

// md is built once: goldmark instances are safe for concurrent use, and
// configuring one per page would dominate the cost of small pages.
var md = goldmark.New(
	goldmark.WithExtensions(
		extension.Table,
		extension.Strikethrough,
		extension.DefinitionList,
		extension.NewFootnote(
			extension.WithFootnoteBacklinkTitle("Revenir au texte"),
			extension.WithFootnoteLinkTitle("Voir la note"),
		),
		// French typography: guillemets with no-break spaces, curly apostrophe.
		extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
			extension.LeftDoubleQuote:  "«&#160;",
			extension.RightDoubleQuote: "&#160;»",
			extension.LeftSingleQuote:  "&#8216;",
			extension.RightSingleQuote: "&#8217;",
			extension.Apostrophe:       "&#8217;",
		})),
	),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	// Raw HTML stays off (the default): Markdown comes from many hands and
	// is not trusted. Dangerous URL schemes (javascript:, vbscript:, data:
	// other than images) are dropped by the renderer in this mode too.
	goldmark.WithRendererOptions(html.WithXHTML()),
)

// headingIDs folds accents to ASCII (goldmark's default drops accented
// letters: "Étape" → "tape") and de-duplicates with -2, -3… suffixes.
type headingIDs struct{ used map[string]bool }

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]bool{}} }

func (ids *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := frtext.Slug(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	for n := 2; ids.used[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	ids.used[id] = true
	return []byte(id)
}

func (ids *headingIDs) Put(value []byte) { ids.used[string(value)] = true }

func parse(body []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	return md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
}

// Resolver maps a source path ("guides/x.md") to its page, or nil.
type Resolver func(target string) *Page

// ResolveLinks rewrites "@/path.md#anchor" links to page URLs. Links to
// missing pages or anchors are reported and turned into plain text, so that
// a broken link never ships. Call it once, before Render.
func (p *Page) ResolveLinks(resolve Resolver, problems *diag.List) {
	for _, l := range p.Links {
		target := resolve(l.Target)
		switch {
		case target == nil:
			problems.Add(diag.Problem{File: p.File, Line: l.Line, Field: "link", Msg: fmt.Sprintf("expected a link to an existing content file such as @/guides/slug.md, found %q", "@/"+l.Target)})
			unlink(l.node)
		case l.Anchor != "" && !target.HasAnchor(l.Anchor):
			problems.Add(diag.Problem{File: p.File, Line: l.Line, Field: "link", Msg: fmt.Sprintf("expected an anchor of %s (one of its headings), found #%s", target.File, l.Anchor)})
			unlink(l.node)
		default:
			dest := target.URL
			if l.Anchor != "" {
				dest += "#" + l.Anchor
			}
			l.node.Destination = []byte(dest)
		}
	}
	p.Links = nil
}

// Render renders the body to HTML. It is safe for concurrent use once
// ResolveLinks has run.
// The HTML is rendered once per page and kept: a guide listed or shown by
// several views, or kept by the dev server between rebuilds, is not
// rendered again.
func (p *Page) Render() []byte {
	p.htmlOnce.Do(func() {
		var b bytes.Buffer
		// The AST is complete and the renderer writes to memory: Render cannot fail.
		_ = md.Renderer().Render(&b, p.source[p.bodyStart:], p.doc)
		p.html = wrapTables(b.Bytes())
		// The syntax tree weighs ten times the text: once the HTML exists it
		// is not needed any more (links are resolved before Render).
		p.doc = nil
	})
	return p.html
}

// unlink replaces a link node by its children.
func unlink(n *ast.Link) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// wrapTables puts each table in a focusable scroll container so wide tables
// scroll on small screens without breaking the page, and keyboard users can
// scroll them (WCAG 2.1.1). Raw HTML is disabled, so every "<table>" here
// comes from a Markdown table.
func wrapTables(h []byte) []byte {
	if !bytes.Contains(h, []byte("<table>")) {
		return h
	}
	s := strings.ReplaceAll(string(h), "<table>", `<div class="table-wrap" tabindex="0" role="region" aria-label="Tableau défilant">`+"<table>")
	s = strings.ReplaceAll(s, "</table>", "</table></div>")
	return []byte(s)
}
