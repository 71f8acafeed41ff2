package browsertest

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"

	"labo/internal/build"
)

// PageKind is one template of the site and the demo page that stands for it
// in the accessibility, keyboard and no-JavaScript tests.
type PageKind struct {
	Kind string // layout kind of the page's render.Job ("lieux/single")
	Path string // URL path of a demo page of that kind, with much content
	// Essential is a CSS selector of what must be there without JavaScript
	// (the page's main content, not its enhancements).
	Essential string
}

// Pages lists one page of every template. Adding a page kind is one line
// here; TestPageKindsCovered fails when the build renders a kind that is not
// listed, or when a listed page is missing from the build.
var Pages = []PageKind{
	{"index", "/", "main h1, main .pill-list a[href^='/lieux/']"},
	{"referentiel/list", "/referentiel/", "main h1, main a[href='/referentiel/dem-01/']"},
	{"referentiel/family", "/referentiel/dem/", "main h1, main a[href='/referentiel/dem-01/']"},
	{"referentiel/single", "/referentiel/dem-01/", "main h1, main a[href^='/lieux/']"},
	{"lieux/list", "/lieux/", "main h1, main a[href='/lieux/63-clermont-france-services-gare/']"},
	{"lieux/region", "/lieux/auvergne-rhone-alpes/", "main h1, main a[href^='/lieux/']"},
	{"lieux/departement", "/lieux/63-puy-de-dome/", "main h1, main a[href='/lieux/63-clermont-france-services-gare/']"},
	{"lieux/single", "/lieux/63-clermont-france-services-gare/", "main h1, main a[href^='tel:'], main .hours"},
	{"guides/list", "/guides/", "main h1, main a[href='/guides/faire-a-la-place-d-abord/']"},
	{"guides/term", "/guides/themes/urgence/", "main h1, main a[href='/guides/faire-a-la-place-d-abord/']"},
	{"guides/single", "/guides/faire-a-la-place-d-abord/", "main h1, main h2"},
	{"_default/single", "/accessibilite/", "main h1, main p"},
	{"actions/list", "/actions/", "main h1, main a[href='/actions/creuse-tiers-lieux/']"},
	{"actions/single", "/actions/creuse-tiers-lieux/", "main h1, main table.data-table td"},
	{"actions/infographie", "/actions/creuse-tiers-lieux/infographie/", "main h1, main .key-figures strong, main svg.chart"},
	{"indicateurs/list", "/indicateurs/", "main h1, main table.data-table td"},
	{"indicateurs/methode", "/indicateurs/methode/", "main h1, main .method-item"},
	{"donnees/list", "/donnees/", "main h1, main a[href='/donnees/lieux.csv']"},
	{"donnees/changements", "/donnees/changements/", "main h1, main table.changes td"},
	{"carte/list", "/carte/", "main h1, main .svgmap, main .liste-compacte a[href^='/lieux/']"},
	{"carte/list", "/carte/embed/", "main h1, main .svgmap"}, // the bare page other sites frame
	{"orienter/index", "/orienter/", "main h1, main .tiles a[href^='/orienter/']"},
	{"orienter/need", "/orienter/demarche-urgente/", "main h1, main a[href='/orienter/demarche-urgente/63-puy-de-dome/']"},
	{"orienter/dept", "/orienter/demarche-urgente/63-puy-de-dome/", "main h1, main .orient-card__why li, main .orient-card__fiche a"},
	{"orienter/fiche", "/orienter/fiche/demarche-urgente/63-clermont-france-services-gare/", "main h1, main .checklist li"},
	{"recherche/list", "/recherche/", "main h1, main form[role=search] label, main .az-list a"},
	{"404", "/404.html", "main h1, main a[href='/']"},
}

var (
	kindsOnce sync.Once
	kinds     map[string]string
	kindsErr  error
)

// DemoKinds maps every page of the demo site (URL path) to its layout kind,
// by running the build's generators on the demo site; pages made by a
// finisher map to "" (their kind is not known outside the finisher).
func DemoKinds(t testing.TB) map[string]string {
	t.Helper()
	kindsOnce.Do(func() {
		s, err := build.Load(build.Options{Dir: Root(t)})
		if err != nil {
			kindsErr = err
			return
		}
		kinds = map[string]string{}
		gens := slices.Clone(build.Generators)
		for _, part := range build.Parts {
			gens = append(gens, part.Gen)
		}
		for _, g := range gens {
			jobs, _ := g(s)
			for _, j := range jobs {
				if !j.IsPage() {
					continue
				}
				p := "/" + strings.TrimSuffix(j.Path, "index.html")
				kinds[p] = j.Kind
			}
		}
		// Pages a finisher renders (the data catalogue) have no job: they
		// are known by their path only. Redirects of old addresses are not
		// pages.
		tree := DemoResult(t).Tree
		for _, p := range tree.Paths() {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			url := "/" + strings.TrimSuffix(p, "index.html")
			if _, ok := kinds[url]; ok {
				continue
			}
			if b, _ := tree.Get(p); !bytes.Contains(b, []byte(`http-equiv="refresh"`)) {
				kinds[url] = ""
			}
		}
	})
	if kindsErr != nil {
		t.Fatalf("loading the demo site: %v", kindsErr)
	}
	return kinds
}

// UncoveredKinds describes the layout kinds the build renders that pages
// does not list (with one of their pages), and the finisher pages it does
// not list by path, sorted.
func UncoveredKinds(kinds map[string]string, pages []PageKind) []string {
	example := map[string]string{}
	var out []string
	for p, k := range kinds {
		if k == "" {
			if !slices.ContainsFunc(pages, func(pk PageKind) bool { return pk.Path == p }) {
				out = append(out, "the page "+p+" (made by a finisher)")
			}
			continue
		}
		if e, ok := example[k]; !ok || p < e {
			example[k] = p
		}
	}
	for k, p := range example {
		if !slices.ContainsFunc(pages, func(pk PageKind) bool { return pk.Kind == k }) {
			out = append(out, "page kind "+k+" (for example "+p+")")
		}
	}
	slices.Sort(out)
	return out
}
