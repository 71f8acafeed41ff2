// Package linkcheck crawls a built site folder and reports what a visitor or
// a browser would find broken: links to missing pages, anchors (#id) missing
// from their page, missing assets (src, srcset, href of link and script,
// url() in CSS, <use href> of SVG symbols, ids of SVG files such as the
// pictogram sprite included), site addresses in JSON files (search index,
// map data, data catalogue), javascript: links, and pages that cannot be
// reached by following links from the home page.
//
// Only internal addresses are checked: relative ones and absolute ones on the
// site's own base URL. "/x/" is the file x/index.html, as on the host.
package linkcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Problem is one broken reference, found in File (a path in the folder).
type Problem struct {
	File string
	Msg  string
}

func (p Problem) String() string { return p.File + ": " + p.Msg }

// Options tune a check.
type Options struct {
	// BaseURL is the site's public address ("https://example.org/"): absolute
	// links to it are checked like relative ones. Empty: none are.
	BaseURL string
	// Home is the page reachability starts from; "index.html" when empty.
	Home string
}

// document is what the crawl keeps of one file.
type document struct {
	ids     map[string]bool
	links   []ref // navigation: followed for reachability
	assets  []ref // must exist, not followed
	noindex bool  // 404 page, alias redirects: need not be reachable
	image   bool  // an SVG file: its ids are targets, it is not a page
}

type ref struct {
	raw  string // as written, for messages
	attr string // where it was found: "a href", "img srcset", "css url()"
	// path is the file it names (cleaned, no leading slash) and frag its
	// fragment; path is "" for an external or ignored address.
	path, frag string
	bad        string // a problem found while parsing the address itself
}

// Check crawls every HTML and CSS file of fsys and returns the problems,
// sorted by file then message.
func Check(fsys fs.FS, opts Options) ([]Problem, error) {
	if opts.Home == "" {
		opts.Home = "index.html"
	}
	var base *url.URL
	if opts.BaseURL != "" {
		u, err := url.Parse(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("base URL %q: %w", opts.BaseURL, err)
		}
		base = u
	}
	files := map[string]bool{}
	docs := map[string]*document{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files[p] = true
		switch path.Ext(p) {
		case ".html", ".css", ".json", ".geojson", ".jsonld", ".svg":
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			switch path.Ext(p) {
			case ".html":
				docs[p] = parseHTML(p, b, base)
			case ".css":
				docs[p] = &document{assets: cssRefs(p, b, "css url()", base)}
			case ".svg":
				docs[p] = &document{ids: svgIDs(b), image: true}
			default:
				docs[p] = &document{assets: jsonRefs(p, b, base)}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	var problems []Problem
	report := func(file, format string, args ...any) {
		problems = append(problems, Problem{file, fmt.Sprintf(format, args...)})
	}
	resolve := func(p string) string {
		switch {
		case p == "" || strings.HasSuffix(p, "/"):
			return p + "index.html"
		case files[p]:
			return p
		case files[p+"/index.html"]:
			return p + "/index.html"
		}
		return p
	}
	check := func(file string, r ref, navigation bool) {
		if r.bad != "" {
			report(file, "%s %q: %s", r.attr, r.raw, r.bad)
			return
		}
		if r.path == "-" { // external or not a file
			return
		}
		target := resolve(r.path)
		if !files[target] {
			what := "missing file"
			if navigation {
				what = "broken link"
			}
			report(file, "%s %q: %s (no %s)", r.attr, r.raw, what, target)
			return
		}
		if r.frag != "" {
			if d := docs[target]; d != nil && d.ids != nil && !d.ids[r.frag] {
				report(file, "%s %q: missing anchor (no id %q in %s)", r.attr, r.raw, r.frag, target)
			}
		}
	}
	names := make([]string, 0, len(docs))
	for p := range docs {
		names = append(names, p)
	}
	slices.Sort(names)
	for _, p := range names {
		for _, r := range docs[p].links {
			check(p, r, true)
		}
		for _, r := range docs[p].assets {
			check(p, r, false)
		}
	}

	// Reachability: breadth-first from the home page along links.
	if docs[opts.Home] == nil {
		report(opts.Home, "missing home page")
	} else {
		seen := map[string]bool{opts.Home: true}
		queue := []string{opts.Home}
		for len(queue) > 0 {
			d := docs[queue[0]]
			queue = queue[1:]
			for _, r := range d.links {
				if r.path == "-" || r.bad != "" {
					continue
				}
				t := resolve(r.path)
				if docs[t] != nil && docs[t].ids != nil && !docs[t].image && !seen[t] {
					seen[t] = true
					queue = append(queue, t)
				}
			}
		}
		for _, p := range names {
			if d := docs[p]; d.ids != nil && !d.image && !d.noindex && !seen[p] {
				report(p, "page not reachable by following links from %s", opts.Home)
			}
		}
	}
	slices.SortFunc(problems, func(a, b Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		return strings.Compare(a.Msg, b.Msg)
	})
	return slices.Compact(problems), nil
}

// parseHTML collects the ids, links and assets of a page.
func parseHTML(file string, b []byte, base *url.URL) *document {
	d := &document{ids: map[string]bool{}}
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil { // html.Parse only fails on read errors
		return d
	}
	add := func(list *[]ref, attr, raw string) { *list = append(*list, parseRef(file, attr, raw, base)) }
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			tag := n.Data
			get := func(k string) (string, bool) {
				for _, a := range n.Attr {
					if a.Key == k && a.Namespace == "" {
						return a.Val, true
					}
				}
				return "", false
			}
			if id, ok := get("id"); ok {
				d.ids[id] = true
			}
			if name, ok := get("name"); ok && tag == "a" {
				d.ids[name] = true
			}
			switch tag {
			case "a", "area":
				if v, ok := get("href"); ok {
					add(&d.links, tag+" href", v)
				}
			case "link":
				if v, ok := get("href"); ok {
					rel, _ := get("rel")
					if slices.Contains(strings.Fields(rel), "canonical") || slices.Contains(strings.Fields(rel), "alternate") {
						add(&d.links, "link href", v)
					} else {
						add(&d.assets, "link href", v)
					}
				}
			case "script", "img", "iframe", "audio", "video", "source", "track", "embed", "input":
				if v, ok := get("src"); ok {
					add(&d.assets, tag+" src", v)
				}
			case "object":
				if v, ok := get("data"); ok {
					add(&d.assets, "object data", v)
				}
			case "use", "image":
				if v, ok := get("href"); ok && !strings.HasPrefix(v, "#") {
					add(&d.assets, tag+" href", v)
				}
			case "form":
				if v, ok := get("action"); ok {
					add(&d.links, "form action", v)
				}
			case "meta":
				if eq, _ := get("http-equiv"); strings.EqualFold(eq, "refresh") {
					c, _ := get("content")
					if _, u, ok := strings.Cut(c, "url="); ok {
						add(&d.links, "meta refresh", strings.TrimSpace(u))
					}
				}
				if name, _ := get("name"); name == "robots" {
					c, _ := get("content")
					d.noindex = strings.Contains(c, "noindex")
				}
			case "style":
				if n.FirstChild != nil {
					d.assets = append(d.assets, cssRefs(file, []byte(n.FirstChild.Data), "style url()", base)...)
				}
			}
			if tag == "video" {
				if v, ok := get("poster"); ok {
					add(&d.assets, "video poster", v)
				}
			}
			if v, ok := get("srcset"); ok {
				for _, cand := range strings.Split(v, ",") {
					if f := strings.Fields(cand); len(f) > 0 {
						add(&d.assets, tag+" srcset", f[0])
					}
				}
			}
			if v, ok := get("style"); ok {
				d.assets = append(d.assets, cssRefs(file, []byte(v), "style url()", base)...)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return d
}

var svgID = regexp.MustCompile(`\sid\s*=\s*(?:"([^"]*)"|'([^']*)')`)

// svgIDs collects the id attributes of an SVG file (the symbols of a
// sprite, which <use href="sprite.svg#id"> names).
func svgIDs(b []byte) map[string]bool {
	ids := map[string]bool{}
	for _, m := range svgID.FindAllSubmatch(b, -1) {
		ids[html.UnescapeString(string(m[1])+string(m[2]))] = true
	}
	return ids
}

// jsonRefs finds the site addresses in a JSON file's string values (search
// index entries, map data, the data catalogue's download URLs): a value
// that starts with "/" (not "//") or with the site's base URL. Values with
// spaces are text, not addresses. A file that is not JSON has none.
func jsonRefs(file string, b []byte, base *url.URL) []ref {
	var v any
	if json.Unmarshal(b, &v) != nil {
		return nil
	}
	var out []ref
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			for _, k := range keys {
				if k == "@id" {
					continue // a JSON-LD identifier names a thing, it need not be a page or anchor
				}
				walk(x[k])
			}
		case []any:
			for _, e := range x {
				walk(e)
			}
		case string:
			if strings.ContainsAny(x, " \t\n") {
				return
			}
			if strings.HasPrefix(x, "/") && !strings.HasPrefix(x, "//") || base != nil && strings.HasPrefix(x, base.String()) {
				out = append(out, parseRef(file, "json", x, base))
			}
		}
	}
	walk(v)
	return out
}

var cssURL = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')`)

// cssRefs finds url() and @import references in a style sheet.
func cssRefs(file string, b []byte, attr string, base *url.URL) []ref {
	var out []ref
	for _, m := range cssURL.FindAllSubmatch(b, -1) {
		raw := string(bytes.Join(m[1:], nil))
		if raw == "" || strings.HasPrefix(raw, "#") {
			continue
		}
		out = append(out, parseRef(file, attr, raw, base))
	}
	return out
}

// parseRef resolves an address written in file.
func parseRef(file, attr, raw string, base *url.URL) ref {
	r := ref{raw: raw, attr: attr, path: "-"}
	s := strings.TrimSpace(raw)
	if strings.HasPrefix(strings.ToLower(strings.Join(strings.Fields(s), "")), "javascript:") {
		r.bad = "javascript: address"
		return r
	}
	u, err := url.Parse(s)
	if err != nil {
		r.bad = "invalid address: " + err.Error()
		return r
	}
	switch {
	case u.Scheme == "" && u.Host == "":
	case base != nil && (u.Scheme == base.Scheme || u.Scheme == "") && u.Host == base.Host && strings.HasPrefix(u.Path, base.Path):
		u.Path = "/" + strings.TrimPrefix(u.Path, base.Path)
	default:
		return r // external: mailto:, tel:, data:, other sites
	}
	r.frag = u.Fragment
	p := u.Path
	switch {
	case p == "": // "#id" or "?q": this very file
		r.path = file
		return r
	case !strings.HasPrefix(p, "/"):
		p = "/" + path.Join(path.Dir(file), p)
		if strings.HasSuffix(u.Path, "/") {
			p += "/"
		}
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	r.path = strings.TrimPrefix(clean, "/")
	return r
}
