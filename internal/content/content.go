// Package content reads content/**/*.md: TOML front matter between "+++"
// lines, then Markdown rendered by one shared goldmark instance.
//
// Front-matter keys (unknown keys are errors):
//
//	title     string   required
//	date      date     required for guides and actions (YYYY-MM-DD)
//	updated   date     optional
//	summary   string   one sentence, shown in lists and meta description
//	audiences []string travailleurs-sociaux | mediateurs | commanditaires | aiguilleurs | grand-public
//	themes    []string slugs (lowercase ascii and -)
//	services  []string referential codes (checked by the site package)
//	keypoints []string the "À retenir" box, plain sentences
//	draft     bool     drafts are not published
//	aliases   []string old paths that redirect here
//	weight    int      manual order within a list (lower first), then date
//	[action]  table    pilot-action fields, decoded by the indicator package
//
// Paths: content/<section>/<slug>.md → /<section>/<slug>/, content/<slug>.md →
// /<slug>/. Markdown features: tables, footnotes, definition lists, French
// typography, heading ids folded to ASCII ("Démarches en ligne" →
// demarches-en-ligne), raw HTML dropped, dangerous link schemes dropped.
// Links to other content are written by source path,
// [texte](@/guides/autre.md#ancre), and resolved and checked at render time.
package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"hash/maphash"
	"html"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/yuin/goldmark/ast"

	"labo/internal/diag"
	"labo/internal/frtext"
	"labo/internal/parsecache"
	"labo/internal/tomlpos"
)

// Dir is the content folder in the site root.
const Dir = "content"

// Audiences is the closed list of audiences, with their French labels.
var Audiences = []Label{
	{"travailleurs-sociaux", "Travailleurs sociaux"},
	{"mediateurs", "Médiateurs numériques"},
	{"aiguilleurs", "Aiguilleurs"},
	{"commanditaires", "Commanditaires"},
	{"grand-public", "Grand public"},
}

// Label pairs a slug with its French label.
type Label struct{ Slug, Name string }

// AudienceName returns the label of an audience slug.
func AudienceName(slug string) string {
	for _, a := range Audiences {
		if a.Slug == slug {
			return a.Name
		}
	}
	return slug
}

// FrontMatter is the decoded TOML header.
type FrontMatter struct {
	Title     string          `toml:"title"`
	Date      time.Time       `toml:"date"`    // midnight in the site's time zone
	Updated   time.Time       `toml:"updated"` // zero when absent
	Summary   string          `toml:"summary"`
	Audiences []string        `toml:"audiences"`
	Themes    []string        `toml:"themes"`
	Services  []string        `toml:"services"`
	Keypoints []string        `toml:"keypoints"`
	Draft     bool            `toml:"draft"`
	Aliases   []string        `toml:"aliases"`
	Weight    int             `toml:"weight"`
	Action    *toml.Primitive `toml:"action"`
}

// Page is one content file.
type Page struct {
	FrontMatter
	File    string // "content/guides/x.md"
	Section string // "guides", "actions" or "" for plain pages
	Slug    string
	URL     string // "/guides/x/"

	Headings []Heading // every heading, in order, with its id
	Words    int
	Text     string // plain text of the body, for search and summaries
	Links    []Link // links to other content, by source path

	meta      toml.MetaData
	fmIndex   *tomlpos.Index
	source    []byte
	bodyStart int           // byte offset of the body in the file
	bodyLine  int           // line number of the first body line
	html      []byte        // rendered while parsing; links rewritten by the first Render
	pending   *pendingLinks // links resolved by ResolveLinks, not yet in html
	cacheKey  string
}

// Heading is a heading of the body.
type Heading struct {
	Level int
	ID    string
	Text  string
}

// Link is a link written by source path ("@/guides/x.md#ancre").
type Link struct {
	Target string // "guides/x.md"
	Anchor string
	Line   int
	node   *ast.Link // until the body is rendered
	span   linkSpan  // where the link is in the HTML
}

// CacheKey identifies this version of the page: its file and a hash of its
// bytes. Cards rendered once per key stay right when the page is edited.
// The hash is seeded once per process: keys are compared within a process
// only, never written.
func (p *Page) CacheKey() string { return p.cacheKey }

// ReadingMinutes is the reading time at 200 words a minute, at least 1.
func (p *Page) ReadingMinutes() int { return max(1, (p.Words+199)/200) }

// TOCEntry is a level-2 heading with its level-3 headings.
type TOCEntry struct {
	Heading
	Children []Heading
}

// TOC returns the level-2 headings with their level-3 headings nested; a
// level-3 heading before any level-2 one stands on its own.
func (p *Page) TOC() []TOCEntry {
	var out []TOCEntry
	for _, h := range p.Headings {
		switch {
		case h.Level == 2 || (h.Level == 3 && len(out) == 0):
			out = append(out, TOCEntry{Heading: h})
		case h.Level == 3:
			out[len(out)-1].Children = append(out[len(out)-1].Children, h)
		}
	}
	return out
}

// HasAnchor reports whether the page has a heading or footnote with that id.
func (p *Page) HasAnchor(id string) bool {
	return slices.ContainsFunc(p.Headings, func(h Heading) bool { return h.ID == id }) ||
		(strings.HasPrefix(id, "fn:") || strings.HasPrefix(id, "fnref:")) && bytes.Contains(p.source, []byte("[^"+strings.SplitN(id, ":", 2)[1]+"]"))
}

// DecodeAction decodes the [action] table into v, reporting unknown keys and
// type errors with their line.
func (p *Page) DecodeAction(v any, problems *diag.List) bool {
	if p.Action == nil {
		return false
	}
	if err := p.meta.PrimitiveDecode(*p.Action, v); err != nil {
		problems.Add(diag.Problem{File: p.File, Line: p.fmIndex.Line(toml.Key{"action"}), Field: "action", Msg: err.Error()})
		return false
	}
	for _, k := range p.meta.Undecoded() {
		if len(k) > 1 && k[0] == "action" {
			problems.Add(diag.Problem{File: p.File, Line: p.fmIndex.Line(k), Field: k.String(), Msg: "unknown key"})
		}
	}
	return true
}

// Parse reads one content file. file is its path from the site root
// ("content/guides/x.md"). loc gives dates their time zone.
func Parse(file string, data []byte, loc *time.Location, problems *diag.List) *Page {
	return parse(file, data, loc, nil, problems)
}

// parse is Parse with a cache of bodies (nil: none).
func parse(file string, data []byte, loc *time.Location, c *Cache, problems *diag.List) *Page {
	bad := func(line int, field, format string, args ...any) {
		problems.Add(diag.Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		bad(1, "", "expected UTF-8 text, found invalid bytes (save the file as UTF-8)")
		return nil
	}
	if bytes.Contains(data, []byte("\r\n")) {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	}
	p := &Page{File: file, source: data}
	p.cacheKey = file + "@" + strconv.FormatUint(maphash.Bytes(cacheSeed, data), 36)
	rel := strings.TrimPrefix(file, Dir+"/")
	p.Section, p.Slug = path.Split(strings.TrimSuffix(rel, ".md"))
	p.Section = strings.TrimSuffix(p.Section, "/")
	if strings.Contains(p.Section, "/") {
		bad(0, "", "expected content/<section>/<slug>.md or content/<slug>.md, found a deeper folder")
		return nil
	}
	if !frtext.IsSlug(p.Slug) {
		bad(0, "", "expected a file name of lowercase letters, digits and dashes (it becomes the page address), found %q", p.Slug+".md")
		return nil
	}
	if p.Section == "" {
		p.URL = "/" + p.Slug + "/"
	} else {
		p.URL = "/" + p.Section + "/" + p.Slug + "/"
	}

	fm, body, bodyLine, ok := splitFrontMatter(data)
	if !ok {
		bad(1, "", "expected the file to start with a \"+++\" line, then TOML front matter, then a closing \"+++\" line")
		return nil
	}
	p.bodyStart = len(data) - len(body)
	p.bodyLine = bodyLine
	// Key lines are needed only for problems and the [action] table.
	var index *tomlpos.Index
	frontIndex := func() *tomlpos.Index {
		if index == nil {
			index = tomlpos.New(string(fm), 1)
		}
		return index
	}
	if !decodeSimple(fm, &p.FrontMatter) {
		p.FrontMatter = FrontMatter{}
		md, err := toml.Decode(string(fm), &p.FrontMatter)
		if err != nil {
			problems.Add(tomlpos.DecodeProblem(file, err, 1))
			return nil
		}
		for _, k := range md.Undecoded() {
			if k[0] == "action" {
				continue // decoded later by DecodeAction
			}
			bad(frontIndex().Line(k), k.String(), "unknown front-matter key (expected title, date, updated, summary, audiences, themes, services, keypoints, draft, aliases, weight or [action])")
		}
		if p.Action != nil { // kept for DecodeAction
			p.meta, p.fmIndex = md, frontIndex()
		}
	}
	line := func(k string) int { return frontIndex().Line(toml.Key{k}) }
	if strings.TrimSpace(p.Title) == "" {
		bad(2, "title", "expected a title, found nothing")
	}
	p.Date = day(p.Date, loc)
	p.Updated = day(p.Updated, loc)
	if p.Date.IsZero() && p.Section != "" {
		bad(2, "date", "expected a publication date such as 2025-03-14, found nothing")
	}
	if !p.Updated.IsZero() && p.Updated.Before(p.Date) {
		bad(line("updated"), "updated", "expected a date on or after date %s, found %s", p.Date.Format(time.DateOnly), p.Updated.Format(time.DateOnly))
	}
	for _, a := range p.Audiences {
		if AudienceName(a) == a {
			bad(line("audiences"), "audiences", "expected one of travailleurs-sociaux, mediateurs, aiguilleurs, commanditaires, grand-public, found %q", a)
		}
	}
	for _, th := range p.Themes {
		if !frtext.IsSlug(th) {
			bad(line("themes"), "themes", "expected a theme slug of lowercase letters, digits and dashes, found %q", th)
		}
	}
	for _, a := range p.Aliases {
		if !strings.HasPrefix(a, "/") || !strings.HasSuffix(a, "/") || strings.Contains(a, "..") {
			bad(line("aliases"), "aliases", "expected a site path starting and ending with /, found %q", a)
		}
	}
	p.source = p.source[:len(p.source):len(p.source)]
	store := c.store()
	if store == nil {
		p.parseBody(body)
		return p
	}
	// The body's results depend on its bytes only (link lines are kept
	// relative to its first line): unchanged bodies come from the cache.
	key := parsecache.Key(sha256.Sum256(body))
	if b, ok := store.Get(key); ok && p.decodeBody(b) {
		return p
	}
	p.parseBody(body)
	store.Put(key, p.encodeBody())
	return p
}

// day keeps the calendar date of t at midnight in loc (TOML local dates carry
// no zone).
func day(t time.Time, loc *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// splitFrontMatter returns the TOML between the "+++" lines, the body, and
// the line number where the body starts.
func splitFrontMatter(data []byte) (fm, body []byte, bodyLine int, ok bool) {
	first, rest, found := bytes.Cut(data, []byte("\n"))
	if !found || strings.TrimSpace(string(first)) != "+++" {
		return nil, nil, 0, false
	}
	line := 2
	off := 0
	for off <= len(rest) {
		end := bytes.IndexByte(rest[off:], '\n')
		var l []byte
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if strings.TrimSpace(string(l)) == "+++" {
			if end < 0 {
				return rest[:off], nil, line + 1, true
			}
			return rest[:off], rest[off+end+1:], line + 1, true
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return nil, nil, 0, false
}

func (p *Page) lineOf(offset int) int {
	return p.bodyLine + bytes.Count(p.source[p.bodyStart:p.bodyStart+offset], []byte("\n"))
}

// cacheSeed seeds the hash in CacheKey (maphash: ten times faster than
// FNV on the national site's 19 MB of guides).
var cacheSeed = maphash.MakeSeed()

// textBufs holds scratch buffers for the plain text of bodies: the text is
// gathered there, squeezed in place, and copied once into Page.Text.
var textBufs = sync.Pool{New: func() any { return new([]byte) }}

// parseBody sets the fields that come from the body: Headings, Words, Text,
// Links and the HTML. They must depend on the body's bytes only, since
// they are cached by them (see cache.go); it reports no problems (broken
// links are reported by ResolveLinks).
func (p *Page) parseBody(body []byte) {
	doc := parseMarkdown(body)
	// Words are counted per text node (two nodes that touch, as in
	// "mot*s*", count as two), and Text is their concatenation with runs of
	// spaces squeezed. Both come from one pass over the concatenation: its
	// runs of non-space, plus the places where two nodes touch.
	var joins int
	split := false // a node that starts inside a character (never seen): count node by node
	buf := textBufs.Get().(*[]byte)
	txt := (*buf)[:0]
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			idb, _ := id.([]byte)
			p.Headings = append(p.Headings, Heading{Level: n.Level, ID: string(idb), Text: plainText(n, body)})
		case *ast.Text:
			if seg := n.Segment.Value(body); len(seg) > 0 {
				split = split || !utf8.RuneStart(seg[0])
				if len(txt) > 0 && !isSpaceAt(txt, len(txt)-1) && !isSpaceAt(seg, 0) {
					joins++
				}
				txt = append(txt, seg...)
			}
			if n.SoftLineBreak() || n.HardLineBreak() {
				txt = append(txt, ' ')
			}
		case *ast.Paragraph, *ast.ListItem:
			if len(txt) > 0 {
				txt = append(txt, ' ')
			}
		case *ast.Link:
			dest := string(n.Destination)
			if strings.HasPrefix(dest, "@/") {
				target, anchor, _ := strings.Cut(strings.TrimPrefix(dest, "@/"), "#")
				p.Links = append(p.Links, Link{Target: target, Anchor: anchor, Line: p.lineOf(firstOffset(n)), node: n})
			}
		}
		return ast.WalkContinue, nil
	})
	txt, words := squeezeSpace(txt)
	p.Words = words + joins
	if split {
		p.Words = 0
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if t, ok := n.(*ast.Text); ok && entering {
				p.Words += countWords(t.Segment.Value(body))
			}
			return ast.WalkContinue, nil
		})
	}
	p.Text = string(txt)
	if cap(txt) <= 1<<20 { // keep ordinary buffers, not a huge one-off
		*buf = txt[:0]
		textBufs.Put(buf)
	}
	p.render(body, doc)
}

// isSpaceAt reports whether the character that starts at b[i], or ends
// there when b[i] continues one, is a space.
func isSpaceAt(b []byte, i int) bool {
	if c := b[i]; c < utf8.RuneSelf {
		return asciiSpace[c]
	}
	var r rune
	if utf8.RuneStart(b[i]) {
		r, _ = utf8.DecodeRune(b[i:])
	} else {
		r, _ = utf8.DecodeLastRune(b[:i+1])
	}
	return unicode.IsSpace(r)
}

// countWords counts runs of non-space characters, like len(strings.Fields).
func countWords(b []byte) int {
	n, in := 0, false
	for i := 0; i < len(b); {
		c := b[i]
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
			i++
		} else {
			r, size := utf8.DecodeRune(b[i:])
			space = unicode.IsSpace(r)
			i += size
		}
		if space {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// asciiSpace is unicode.IsSpace for ASCII bytes.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// squeezeSpace is strings.Join(strings.Fields(s), " ") done in place in b
// (the result is never longer); it also returns the number of fields.
func squeezeSpace(b []byte) ([]byte, int) {
	w, fields := 0, 0
	for i := 0; i < len(b); {
		if byteClass[b[i]] != 0 {
			if n := spaceLen(b, i); n > 0 {
				i += n
				continue
			}
		}
		// A field starts at i: find its end, then move it if need be.
		if fields > 0 {
			b[w] = ' '
			w++
		}
		fields++
		j := i + 1
		for j < len(b) && (byteClass[b[j]] == 0 || spaceLen(b, j) == 0) {
			j++
		}
		if w != i { // in text with single spaces nothing moves
			copy(b[w:], b[i:j])
		}
		w += j - i
		i = j
	}
	return b[:w], fields
}

// byteClass sorts bytes for squeezeSpace: 1 for ASCII spaces, 2 for the
// first bytes of the other spaces (U+0085, U+00A0, U+1680, U+2000–U+205F,
// U+3000), 0 for the rest. A byte of class 0 is never part of a space,
// and a byte of class 2 never continues another character: text can be
// scanned byte by byte, decoding only at class 2.
var byteClass = func() (t [256]uint8) {
	for c, sp := range asciiSpace {
		if sp {
			t[c] = 1
		}
	}
	t[0xc2], t[0xe1], t[0xe2], t[0xe3] = 2, 2, 2, 2
	return t
}()

// spaceLen returns the length of the space character at b[i], or 0.
func spaceLen(b []byte, i int) int {
	switch byteClass[b[i]] {
	case 0:
		return 0
	case 1:
		return 1
	}
	if r, n := utf8.DecodeRune(b[i:]); unicode.IsSpace(r) {
		return n
	}
	return 0
}

// firstOffset finds a byte offset in the body for a node, for line numbers.
func firstOffset(n ast.Node) int {
	for c := n; c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	for c := n.Parent(); c != nil; c = c.Parent() {
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := c.(type) {
			case *ast.Text:
				b.Write(t.Segment.Value(src))
			case *ast.String:
				// Typographer output is HTML ("&#8217;"): keep plain text.
				b.WriteString(html.UnescapeString(string(t.Value)))
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// Load reads every content file under content/. Files are returned in path
// order; drafts are included (the site leaves them out). Files are parsed in
// parallel: a national site has thousands of guides.
func Load(fsys fs.FS, loc *time.Location, problems *diag.List) []*Page {
	return LoadCached(fsys, loc, nil, problems)
}

// LoadCached is Load with a cache of parsed bodies (nil: none).
func LoadCached(fsys fs.FS, loc *time.Location, c *Cache, problems *diag.List) []*Page {
	var files []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == Dir {
				return fs.SkipDir
			}
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		problems.Add(diag.Problem{File: Dir, Msg: err.Error()})
	}
	parsed := ParseFilesCached(fsys, files, loc, c)
	pages := make([]*Page, 0, len(parsed))
	for i, r := range parsed {
		if r.ReadErr != nil {
			problems.Add(diag.Problem{File: files[i], Msg: "cannot read: " + r.ReadErr.Error()})
		}
		for _, p := range r.Problems {
			problems.Add(p)
		}
		if r.Page != nil {
			pages = append(pages, r.Page)
		}
	}
	return pages
}

// Parsed is the result of parsing one file with ParseFiles.
type Parsed struct {
	Page     *Page          // nil when the file could not be read or parsed
	Problems []diag.Problem // the file's problems
	ReadErr  error          // why the file could not be read
}

// ParseFiles reads and parses files (paths from the site root) on every
// processor: parsing and rendering thousands of guides is most of loading a
// national site. Results are in the order of files.
func ParseFiles(fsys fs.FS, files []string, loc *time.Location) []Parsed {
	return ParseFilesCached(fsys, files, loc, nil)
}

// ParseFilesCached is ParseFiles with a cache of parsed bodies (nil: none).
func ParseFilesCached(fsys fs.FS, files []string, loc *time.Location, c *Cache) []Parsed {
	out := make([]Parsed, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(files); i = int(next.Add(1) - 1) {
				data, err := fs.ReadFile(fsys, files[i])
				if err != nil {
					out[i].ReadErr = err
					continue
				}
				var l diag.List
				out[i].Page = parse(files[i], data, loc, c, &l)
				out[i].Problems = l.Problems()
			}
		})
	}
	wg.Wait()
	return out
}
