package content

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"sync"

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
		// Before the table extension's (500) and the HTML renderer's (1000).
		renderer.WithNodeRenderers(util.Prioritized(tableWrapper{}, 100), util.Prioritized(linkRecorder{}, 100))),
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

// linkRecorder renders links like goldmark and, when rendering a page
// (into a renderBuf), notes where each "@/" link lands in the HTML, so
// that ResolveLinks can rewrite or drop its tags afterwards: the page is
// rendered once, while it is parsed, and its syntax tree, ten times the
// size of the text, is not kept.
type linkRecorder struct{}

var linkRenderer = func() renderer.NodeRendererFunc {
	var f captureFuncs
	html.NewRenderer(html.WithXHTML()).RegisterFuncs(&f)
	return f[ast.KindLink]
}()

func (linkRecorder) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(ast.KindLink, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		rb, ok := w.(*renderBuf)
		if !ok || !bytes.HasPrefix(n.(*ast.Link).Destination, []byte("@/")) {
			return linkRenderer(w, source, n, entering)
		}
		start := rb.Len()
		st, err := linkRenderer(w, source, n, entering)
		if entering {
			rb.spans = append(rb.spans, linkSpan{node: n.(*ast.Link), open: [2]int{start, rb.Len()}})
		} else {
			for i := len(rb.spans) - 1; i >= 0; i-- { // links do not nest: the last one open
				if rb.spans[i].node == n {
					rb.spans[i].close = [2]int{start, rb.Len()}
					break
				}
			}
		}
		return st, err
	})
}

// renderBuf is the buffer a page renders into: goldmark writes straight
// into it (other writers get wrapped in a bufio.Writer, one more copy),
// and linkRecorder notes the "@/" links in it.
type renderBuf struct {
	bytes.Buffer
	spans []linkSpan
}

// linkSpan is where a link's opening and closing tags are in the HTML.
type linkSpan struct {
	node        *ast.Link
	open, close [2]int
}

func (*renderBuf) Available() int  { return 1 << 30 }
func (*renderBuf) Flush() error    { return nil }
func (b *renderBuf) Buffered() int { return b.Len() }

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

func parseMarkdown(body []byte) ast.Node {
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	return md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
}

// Resolver maps a source path ("guides/x.md") to its page, or nil.
type Resolver func(target string) *Page

// ResolveLinks resolves "@/path.md#anchor" links to page URLs. Links to
// missing pages or anchors are reported and turned into plain text, so that
// a broken link never ships. Call it once, before Render. The HTML itself
// is rewritten by the first Render: `labo check` never needs it.
func (p *Page) ResolveLinks(resolve Resolver, problems *diag.List) {
	if len(p.Links) == 0 {
		return
	}
	r := &pendingLinks{}
	for _, l := range p.Links {
		target := resolve(l.Target)
		dest := "" // drops the link, keeping its text
		switch {
		case target == nil:
			problems.Add(diag.Problem{File: p.File, Line: l.Line, Field: "link", Msg: fmt.Sprintf("expected a link to an existing content file such as @/guides/slug.md, found %q", "@/"+l.Target)})
		case l.Anchor != "" && !target.HasAnchor(l.Anchor):
			problems.Add(diag.Problem{File: p.File, Line: l.Line, Field: "link", Msg: fmt.Sprintf("expected an anchor of %s (one of its headings), found #%s", target.File, l.Anchor)})
		default:
			dest = target.URL
			if l.Anchor != "" {
				dest += "#" + l.Anchor
			}
		}
		if l.span.open[1] > 0 { // not in the HTML when inside an image's description
			r.links = append(r.links, resolvedLink{span: l.span, dest: dest})
		}
	}
	slices.SortFunc(r.links, func(a, b resolvedLink) int { return a.span.open[0] - b.span.open[0] })
	if len(r.links) > 0 {
		p.pending = r
	}
	p.Links = nil
}

// pendingLinks are the resolved links of a page, in the order of its HTML,
// not yet written into it.
type pendingLinks struct {
	once  sync.Once
	links []resolvedLink
}

type resolvedLink struct {
	span linkSpan
	dest string // "" drops the link, keeping its text
}

// rewrite returns the HTML b with the links pointed at their pages.
func (r *pendingLinks) rewrite(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/8)
	done := 0 // bytes of b copied to out
	for _, l := range r.links {
		sp := l.span
		out = append(out, b[done:sp.open[0]]...)
		if l.dest == "" {
			out = append(out, b[sp.open[1]:sp.close[0]]...)
		} else { // the opening tag as goldmark writes it, with the page's address
			const prefix = `<a href="`
			href := sp.open[0] + len(prefix)
			out = append(out, prefix...)
			if d := util.URLEscape([]byte(l.dest), true); !html.IsDangerousURL(d) {
				out = append(out, util.EscapeHTML(d)...)
			}
			out = append(out, b[href+bytes.IndexByte(b[href:], '"'):sp.close[1]]...)
		}
		done = sp.close[1]
	}
	return append(out, b[done:]...)
}

// Render returns the body's HTML, rendered when the page was parsed, with
// the links resolved by ResolveLinks. It is safe for concurrent use once
// ResolveLinks has run.
func (p *Page) Render() []byte {
	if r := p.pending; r != nil {
		r.once.Do(func() { p.html = r.rewrite(p.html) })
	}
	return p.html
}

// render renders the parsed body and notes where its "@/" links are.
func (p *Page) render(body []byte, doc ast.Node) {
	// The HTML is a little longer than the Markdown (1.1 to 1.35 times
	// for the national site's guides): one allocation.
	b := &renderBuf{Buffer: *bytes.NewBuffer(make([]byte, 0, len(body)+len(body)*3/8+512))}
	// The tree is complete and the renderer writes to memory: Render cannot fail.
	_ = md.Renderer().Render(b, body, doc)
	p.html = b.Bytes()
	for i := range p.Links {
		l := &p.Links[i]
		for _, sp := range b.spans {
			if sp.node == l.node {
				l.span = sp
				break
			}
		}
		l.span.node, l.node = nil, nil // the tree is not kept
	}
}
