// Package render turns page views into HTML with html/template.
//
// Layout lookup (Hugo-like, resolved once when the Renderer is built, never
// per page): a page of kind "guides/single" uses layouts/guides/single.html,
// or layouts/_default/single.html when the section has none. Every page
// template is executed inside layouts/_default/baseof.html, which calls
// {{block "main" .}}; all files of layouts/partials/ are available to every
// template by their file name ({{template "venue-card.html" .}}).
//
// Templates come from the defaults embedded in the binary (package layouts),
// overridden file by file by the site's own layouts/ folder.
//
// Template data is a *Page: Site (name, base URL, build date, navigation),
// Path, Title, Description, Section (for the current navigation entry),
// Crumbs, JSONLD (schema.org data, escaped as JSON), Scripts, Modules, Styles,
// Bare (an embeddable page without the site's header and footer) and Data
// (the kind-specific view). Functions: date, monthYear, int, decimal, plural,
// abs, asset, picto, slug, join, add, sub, percent, safeHTML (for HTML that
// Labo itself rendered from Markdown, never for input text), weekday,
// partialCached "name.html" data key (a partial rendered once per key and
// build, for cards listed on many pages).
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"labo/internal/appendenc"
	"labo/internal/config"
	"labo/internal/frtext"
	"labo/internal/licence"
	"labo/internal/picto"
)

// Page is the data every template receives.
type Page struct {
	Site        *SiteData
	Path        string // URL path, "/guides/x/"
	Title       string
	Description string
	Section     string // "lieux", "guides"… for the current navigation entry
	Crumbs      []Crumb
	JSONLD      any
	Scripts     []string // page scripts, site paths, loaded with defer after labo.js
	Modules     []string // page ES modules, site paths, loaded after Scripts (type="module")
	Styles      []string // extra style sheets, site paths, after labo.css
	NoIndex     bool
	Bare        bool // embeddable page (iframe): no header, navigation, breadcrumbs or footer
	Data        any
	Frame       Frame // set by Render
}

// Frame is what the frame of a page (baseof.html) needs beyond the page's
// fields, made by Render before the template runs: a field costs the
// template far less than a method, which it looks up by name every time.
type Frame struct {
	// Title is the <title>: the page's title and the site's, or the
	// site's alone on the home page.
	Title string
	// Keys of the parts many pages share, rendered once per key and build
	// (partialCached): the header depends on the section and whether the
	// page is the home page; the other parts on the lists they show.
	HeaderKey, StylesKey, ScriptsKey, CrumbsKey string
}

func (p *Page) frame() Frame {
	f := Frame{
		Title:      p.Title + " · " + p.Site.Config.Title,
		HeaderKey:  p.Section,
		StylesKey:  strings.Join(p.Styles, " "),
		ScriptsKey: strings.Join(p.Scripts, " ") + "|" + strings.Join(p.Modules, " "),
	}
	if p.Path == "/" {
		f.Title, f.HeaderKey = p.Site.Config.Title, p.Section+"|home"
	}
	var b strings.Builder
	for _, c := range p.Crumbs {
		b.WriteString(c.URL)
		b.WriteByte(0)
		b.WriteString(c.Name)
		b.WriteByte(0)
	}
	f.CrumbsKey = b.String()
	return f
}

// Crumb is one step of the breadcrumb trail.
type Crumb struct{ Name, URL string }

// SiteData is the part of the view shared by every page.
type SiteData struct {
	Config *config.Site
	Nav    []NavItem
	Footer []NavItem
}

// NavItem is a navigation entry.
type NavItem struct {
	Name, URL, Section, Picto string
}

// Renderer holds the parsed templates.
type Renderer struct {
	sets   map[string]*template.Template // kind → template set
	assets map[string]string             // site path → path with a content version
	pictos map[string]template.HTML
	site   *SiteData
	bufs   sync.Pool
	root   *template.Template // baseof and partials, for partialCached
	cache  sync.Map           // partialCached: name + key → template.HTML
	fast   *fastExec          // compiled executor (fast.go)
}

// New parses the templates. defaults are the embedded layouts; site is the
// site folder (its layouts/ folder may be missing). static is the merged
// static tree, used to version asset URLs and make the pictogram sprite.
func New(defaults, site fs.FS, static fs.FS, sd *SiteData) (*Renderer, error) {
	files := map[string][]byte{}
	read := func(fsys fs.FS, root string) error {
		return fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == root {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() || !strings.HasSuffix(p, ".html") {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			files[strings.TrimPrefix(p, root+"/")] = b
			return nil
		})
	}
	if err := read(defaults, "."); err != nil {
		return nil, err
	}
	if site != nil {
		if err := read(site, "layouts"); err != nil {
			return nil, err
		}
	}
	r := &Renderer{sets: map[string]*template.Template{}, site: sd, assets: map[string]string{}, pictos: map[string]template.HTML{}}
	r.fast = newFast(r)
	if err := r.indexStatic(static); err != nil {
		return nil, err
	}
	base, ok := files["_default/baseof.html"]
	if !ok {
		return nil, fmt.Errorf("layouts/_default/baseof.html: missing")
	}
	root := template.New("baseof").Funcs(r.funcs()).Option("missingkey=error")
	if _, err := root.New("_default/baseof.html").Parse(string(base)); err != nil {
		return nil, fmt.Errorf("layouts/%v", err)
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.HasPrefix(n, "partials/") {
			if _, err := root.New(path.Base(n)).Parse(string(files[n])); err != nil {
				return nil, fmt.Errorf("layouts/%v", err)
			}
		}
	}
	for _, n := range names {
		if strings.HasPrefix(n, "partials/") || n == "_default/baseof.html" {
			continue
		}
		set, err := root.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := set.New(n).Parse(string(files[n])); err != nil {
			return nil, fmt.Errorf("layouts/%v", err)
		}
		r.sets[strings.TrimSuffix(n, ".html")] = set
	}
	r.root = root
	return r, nil
}

// lookup finds the template set of a kind such as "guides/single".
func (r *Renderer) lookup(kind string) *template.Template {
	if t, ok := r.sets[kind]; ok {
		return t
	}
	if _, file, ok := strings.Cut(kind, "/"); ok {
		return r.sets["_default/"+file]
	}
	return nil
}

// LayoutFile is the template file a kind is rendered with,
// "layouts/guides/single.html", or "" when there is none.
func (r *Renderer) LayoutFile(kind string) string {
	if _, ok := r.sets[kind]; ok {
		return "layouts/" + kind + ".html"
	}
	if _, file, ok := strings.Cut(kind, "/"); ok && r.sets["_default/"+file] != nil {
		return "layouts/_default/" + file + ".html"
	}
	return ""
}

// Has reports whether a layout exists for kind.
func (r *Renderer) Has(kind string) bool { return r.lookup(kind) != nil }

// Render executes the layout of kind with p.
func (r *Renderer) Render(kind string, p *Page) ([]byte, error) {
	t := r.lookup(kind)
	if t == nil {
		return nil, fmt.Errorf("no layout for %q (expected layouts/%s.html or layouts/_default/%s.html)", kind, kind, path.Base(kind))
	}
	if p.Site == nil {
		p.Site = r.site
	}
	p.Frame = p.frame()
	buf, _ := r.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	defer r.bufs.Put(buf)
	if err := r.execute(t, buf, "_default/baseof.html", p); err != nil {
		return nil, fmt.Errorf("%s: %w", p.Path, err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// indexStatic versions CSS and JS URLs with a hash of their content, so they
// can be cached for a year, and builds the pictogram sprite once: picto
// writes a reference to one of its symbols (see package picto).
func (r *Renderer) indexStatic(static fs.FS) error {
	if static == nil {
		return nil
	}
	err := fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := path.Ext(p); ext != ".css" && ext != ".js" {
			return nil
		}
		b, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		r.assets["/"+p] = "/" + p + "?v=" + hex.EncodeToString(sum[:4])
		return nil
	})
	if err != nil {
		return err
	}
	sprite, err := picto.Build(static)
	if err != nil {
		return err
	}
	r.assets["/"+picto.Path] = sprite.URL
	for _, name := range sprite.Names {
		r.pictos[name] = template.HTML(sprite.Markup(name)) // #nosec: escaped by Markup
	}
	return nil
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"date":      func(t time.Time) string { return frtext.Date(t) },
		"isoDate":   func(t time.Time) string { return t.Format(time.DateOnly) },
		"monthYear": frtext.MonthYear,
		"int":       frtext.Int,
		"decimal":   frtext.Decimal,
		"plural":    frtext.Plural,
		"slug":      frtext.Slug,
		"join":      strings.Join,
		"add":       func(a, b int) int { return a + b },
		"sub":       func(a, b int) int { return a - b },
		"percent": func(part, whole int) string {
			if whole == 0 {
				return "–"
			}
			return frtext.Decimal(100*float64(part)/float64(whole), 0) + " %"
		},
		"abs": func(p string) string { return r.site.Config.Abs(p) },
		"asset": func(p string) (string, error) {
			if v, ok := r.assets[p]; ok {
				return v, nil
			}
			return "", fmt.Errorf("asset %s: no such file in static/", p)
		},
		"picto": func(name string) (template.HTML, error) {
			if h, ok := r.pictos[name]; ok {
				return h, nil
			}
			return "", fmt.Errorf("picto %q: no such file static/%s/%s.svg", name, picto.Dir, name)
		},
		"safeHTML": func(b []byte) template.HTML { return template.HTML(b) }, // #nosec: Markdown rendered with raw HTML off
		"weekday":  frtext.Weekday,
		"licenceTitle": func(id string) string {
			if l := licence.Lookup(id); l != nil {
				return l.Title
			}
			return id
		},
		"partialCached": func(name string, data any, key string) (template.HTML, error) {
			return r.partialCached(name, data, key)
		},
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// partialCached renders a partial once per key and build: a venue card
// shown on its département page, the venue index and every service page is
// rendered once, not once per page. The output is what {{template}} would
// write in HTML text context, where partials are called.
func (r *Renderer) partialCached(name string, data any, key string) (template.HTML, error) {
	k := name + "\x00" + key
	if h, ok := r.cache.Load(k); ok {
		return h.(template.HTML), nil
	}
	var b bytes.Buffer
	if err := r.execute(r.root, &b, name, data); err != nil {
		return "", err
	}
	h := template.HTML(b.String()) // #nosec: output of html/template
	r.cache.Store(k, h)
	return h, nil
}

// Job is one output file: a page rendered with a layout, or bytes made by a
// function (datasets, feeds, copies of static files).
type Job struct {
	Path string // site path of the file, "lieux/index.html"
	Kind string // layout kind, when Page or Lazy is set
	Page *Page
	// Lazy, if set instead of Page, makes the page's view when the job
	// runs: kinds with a page per venue build and drop their views one at
	// a time instead of holding 25,000 of them until rendering.
	Lazy func() *Page
	Make func() ([]byte, error)
	// Stream, if set instead of Make, writes the bytes as they are made: a
	// file of tens of megabytes (an open dataset) goes to disk in pieces.
	Stream func(w io.Writer) error
	// Reads lists the input files (site-relative paths or patterns such as
	// "content/guides/*.md") this one output depends on beyond those of its
	// generator's build.Part: the dev server re-renders the job when one of
	// them changes. See build.Part.
	Reads []string
	// Key, if set, is a digest of everything the output depends on beyond
	// the site-wide inputs (code, layouts, static files, site.toml, the
	// data files other than lieux.csv and qualifications.csv, plain
	// pages): `labo build` keeps the published file of a job whose key is
	// the one it had at the previous publish instead of rendering it again
	// (see internal/build/cache.go). A key that misses an input serves a
	// stale page: leave it empty when in doubt.
	Key string
}

// IsPage reports whether the job renders a page with a layout.
func (j Job) IsPage() bool { return j.Page != nil || j.Lazy != nil }

// View returns the page the job renders (made now for a Lazy job), or nil.
func (j Job) View() *Page {
	if j.Lazy != nil {
		return j.Lazy()
	}
	return j.Page
}

// Run produces the job's bytes.
func (r *Renderer) Run(j Job) ([]byte, error) {
	if j.Make != nil {
		return j.Make()
	}
	if j.Stream != nil {
		return appendenc.Bytes(j.Stream)
	}
	return r.Render(j.Kind, j.View())
}
