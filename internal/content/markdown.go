package content

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

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
	goldmark.WithRendererOptions(html.WithXHTML(),
		renderer.WithNodeRenderers(util.Prioritized(tableWrapper{}, 100))), // before the table extension's (500)
)

// tableWrapper puts each table in a focusable scroll container so wide
// tables scroll on small screens without breaking the page, and keyboard
// users can scroll them (WCAG 2.1.1). The table itself is rendered by the
// table extension.
type tableWrapper struct{}

var tableRenderer = func() renderer.NodeRendererFunc {
	var f captureFuncs
	extension.NewTableHTMLRenderer().RegisterFuncs(&f)
	return f[east.KindTable]
}()

func (tableWrapper) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(east.KindTable, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			// What the table renderer writes ("</table>\n"), with the
			// container closed before the line break.
			_, _ = w.WriteString("</table></div>\n")
			return ast.WalkContinue, nil
		}
		_, _ = w.WriteString(`<div class="table-wrap" tabindex="0" role="region" aria-label="Tableau défilant">`)
		return tableRenderer(w, source, n, entering)
	})
}

// captureFuncs records the functions a node renderer registers.
type captureFuncs map[ast.NodeKind]renderer.NodeRendererFunc

func (c *captureFuncs) Register(k ast.NodeKind, f renderer.NodeRendererFunc) {
	if *c == nil {
		*c = captureFuncs{}
	}
	(*c)[k] = f
}

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
		body := p.source[p.bodyStart:]
		// The HTML is a little longer than the Markdown: one allocation.
		w := bufWriter{bytes.NewBuffer(make([]byte, 0, len(body)+len(body)/2+256))}
		// The AST is complete and the renderer writes to memory: Render cannot fail.
		_ = md.Renderer().Render(w, body, p.doc)
		p.html = w.Bytes()
		// The syntax tree weighs ten times the text: once the HTML exists it
		// is not needed any more (links are resolved before Render).
		p.doc = nil
	})
	return p.html
}

// bufWriter lets goldmark write straight into a bytes.Buffer (it wraps
// other writers in a bufio.Writer, one more copy and allocation).
type bufWriter struct{ *bytes.Buffer }

func (bufWriter) Available() int  { return 1 << 30 }
func (bufWriter) Flush() error    { return nil }
func (w bufWriter) Buffered() int { return w.Len() }

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
