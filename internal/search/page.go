// Package search builds the site's search: a static index written by the
// build, split in small JSON files that static/js/search.js loads only as a
// query needs them, and the /recherche/ page, whose A–Z index of services
// and guides and links to venues by département work without JavaScript.
//
// Files, under /recherche/index/<version>/ (version: a hash of the
// content, so a new build never mixes with cached shards of an old one):
//
//	meta.json     stop words, term-shard keys, id ranges per kind, first id
//	              of each document shard, endings removed by stemming
//	t/<key>.json  the words starting with key (1 to 3 letters): their
//	              folded surface forms, stems and postings (TermShard)
//	d/<n>.json    documents: title, URL, excerpt, badge, other excerpts
//
// The normalisation shared with the browser is described in normalize.go;
// the query algorithm in query.go, which the JavaScript mirrors.
package search

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"labo/internal/content"
	"labo/internal/dataset"
	"labo/internal/frtext"
	"labo/internal/pages"
	"labo/internal/render"
	"labo/internal/site"
)

// URL is the search page; IndexDir the folder of the index files.
const (
	URL      = "/recherche/"
	IndexDir = "recherche/index/"
)

// PageView is the data of layouts/recherche/list.html.
type PageView struct {
	IndexURL                 string // folder of the index files, with a trailing slash
	Letters                  []*Letter
	Depts                    []*site.Dept
	Services, Guides, Venues int
}

// Letter is one letter of the A–Z index.
type Letter struct {
	Letter, ID string
	Entries    []Entry
}

// Entry is a service or a guide in the A–Z index.
type Entry struct {
	Title, URL, Kind, Code string
}

// Generate is the build generator: the index files and the search page.
func Generate(s *site.Site) ([]render.Job, []*dataset.Dataset) {
	return GenerateContext(context.Background(), s)
}

// GenerateContext is Generate that gives up once ctx ends, returning
// nothing: the caller looks at ctx.Err().
func GenerateContext(ctx context.Context, s *site.Site) ([]render.Job, []*dataset.Dataset) {
	docs, err := docsContext(ctx, s)
	if err != nil {
		return nil, nil
	}
	idx, err := BuildContext(ctx, docs, DefaultOptions)
	if ctx.Err() != nil {
		return nil, nil
	}
	if err != nil {
		return []render.Job{{Path: "recherche/index.html", Make: func() ([]byte, error) { return nil, err }}}, nil
	}
	dir := IndexDir + idx.Version + "/"
	var jobs []render.Job
	for name, b := range idx.Files {
		jobs = append(jobs, render.Job{Path: dir + name, Make: func() ([]byte, error) { return b, nil }})
	}
	view := &PageView{IndexURL: "/" + dir, Letters: letters(s), Depts: s.Depts,
		Services: len(s.Ref.Services), Guides: len(s.Guides), Venues: len(s.Venues)}
	p := &render.Page{
		Path:        URL,
		Title:       "Rechercher",
		Description: "Chercher un service, un guide ou un lieu de médiation numérique, ou parcourir l'index de A à Z.",
		Section:     "recherche",
		Crumbs:      []render.Crumb{{Name: "Accueil", URL: "/"}},
		Scripts:     []string{"/js/search.js"},
		Styles:      []string{"/css/search.css"},
		Data:        view,
	}
	jobs = append(jobs, render.Job{Path: "recherche/index.html", Kind: "recherche/list", Page: p})
	return jobs, nil
}

// letters groups services and guides by the first letter of their title,
// in French order ("Échanger" under E).
func letters(s *site.Site) []*Letter {
	var entries []Entry
	for _, svc := range s.Ref.Services {
		entries = append(entries, Entry{Title: svc.Title, URL: pages.ServiceURL(svc), Kind: "Service", Code: svc.Code})
	}
	for _, g := range s.Guides {
		entries = append(entries, guideEntry(g))
	}
	keys := map[string][]byte{}
	for _, e := range entries {
		keys[e.URL] = s.Collator.Key(e.Title)
	}
	sortEntries(entries, keys)
	var out []*Letter
	for _, e := range entries {
		l := initial(e.Title)
		if len(out) == 0 || out[len(out)-1].Letter != l {
			id := strings.ToLower(l)
			if l == "0–9" {
				id = "chiffres"
			}
			out = append(out, &Letter{Letter: l, ID: "lettre-" + id})
		}
		out[len(out)-1].Entries = append(out[len(out)-1].Entries, e)
	}
	return out
}

func sortEntries(entries []Entry, keys map[string][]byte) {
	slices.SortFunc(entries, func(a, b Entry) int {
		if c := bytes.Compare(keys[a.URL], keys[b.URL]); c != 0 {
			return c
		}
		return strings.Compare(a.URL, b.URL)
	})
}

func guideEntry(g *content.Page) Entry { return Entry{Title: g.Title, URL: g.URL, Kind: "Guide"} }

// initial is the capital letter a title is filed under, accents folded;
// titles starting with anything else are filed under "0–9".
func initial(title string) string {
	for _, r := range strings.ToUpper(frtext.Fold(title)) {
		switch {
		case r >= 'A' && r <= 'Z':
			return string(r)
		case r >= '0' && r <= '9':
			return "0–9"
		}
	}
	return "0–9"
}

// String describes the index in one line, for benchmarks and logs.
func (st Stats) String() string {
	return fmt.Sprintf("%d documents, %d stems, %d term shards, %d document shards, %d bytes", st.Docs, st.Terms, st.TermShards, st.DocShards, st.Bytes)
}
