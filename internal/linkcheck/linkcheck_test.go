package linkcheck

import (
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"labo/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

func page(body string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(`<!DOCTYPE html><html lang="fr"><head><title>t</title><link rel="stylesheet" href="/css/site.css?v=1234"></head><body>` + body + `</body></html>`)}
}

// good is a small site with every kind of reference, all valid.
func good() fstest.MapFS {
	return fstest.MapFS{
		"index.html": page(`<main id="contenu"><a href="/lieux/">Lieux</a> <a href="lieux/a/#horaires">A</a>
			<a href="https://example.org/guides/">Guides (absolute, own site)</a>
			<a href="https://other.example/x">external</a> <a href="mailto:a@b.example">mail</a> <a href="tel:+33100000000">tel</a>
			<a href="#contenu">top</a> <a href="/donnees/lieux.csv">CSV</a>
			<img src="/img/a.png" srcset="/img/a.png 1x, /img/a@2x.png 2x" alt="">
			<svg class="picto"><use href="/img/sprite.svg?v=12ab#lieu"/></svg> <svg><use href="#local"/><symbol id="local"/></svg></main>`),
		"lieux/index.html":       page(`<a href="../">Accueil</a> <a href="a/">A</a> <a href="/lieux">self without slash</a>`),
		"lieux/a/index.html":     page(`<h2 id="horaires">Horaires</h2><a href="/lieux/">back</a>`),
		"guides/index.html":      page(`<p>Guides</p>`),
		"404.html":               &fstest.MapFile{Data: []byte(`<html><head><meta name="robots" content="noindex"></head><body><a href="/">Accueil</a></body></html>`)},
		"ancien/index.html":      &fstest.MapFile{Data: []byte(`<html><head><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=https://example.org/lieux/"></head></html>`)},
		"css/site.css":           &fstest.MapFile{Data: []byte(`@font-face { src: url("../fonts/f.woff2") format("woff2"); } .x { background: url(data:image/png;base64,AAAA) } .y { mask: url('/img/a.png') }`)},
		"fonts/f.woff2":          &fstest.MapFile{},
		"img/a.png":              &fstest.MapFile{},
		"img/a@2x.png":           &fstest.MapFile{},
		"img/sprite.svg":         &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg"><symbol id="lieu" viewBox="0 0 1 1"/><symbol data-id="x" id='carte'/></svg>`)},
		"donnees/lieux.csv":      &fstest.MapFile{},
		"donnees/catalogue.json": &fstest.MapFile{Data: []byte(`{"dataset": [{"title": "Lieux /lieux/", "@id": "https://example.org/donnees/#lieux", "downloadURL": "https://example.org/donnees/lieux.csv", "page": "/lieux/a/#horaires"}], "other": "https://other.example/x", "path": "M0 0", "n": 3}`)},
	}
}

func TestGoodSiteHasNoProblem(t *testing.T) {
	ps, err := Check(good(), Options{BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Errorf("unexpected problem: %s", p)
	}
}

// TestBrokenSites breaks the good site one way at a time and checks the
// exact problem reported.
func TestBrokenSites(t *testing.T) {
	for _, c := range []struct {
		name   string
		mutate func(fs fstest.MapFS)
		want   []string
	}{
		{"broken link", func(fs fstest.MapFS) { fs["guides/index.html"] = page(`<a href="/lieux/b/">B</a>`) },
			[]string{`guides/index.html: a href "/lieux/b/": broken link (no lieux/b/index.html)`}},
		{"broken relative link", func(fs fstest.MapFS) { fs["guides/index.html"] = page(`<a href="../lieu/a/">A</a>`) },
			[]string{`guides/index.html: a href "../lieu/a/": broken link (no lieu/a/index.html)`}},
		{"broken absolute link to the site", func(fs fstest.MapFS) {
			fs["guides/index.html"] = page(`<a href="https://example.org/nulle-part/">x</a>`)
		},
			[]string{`guides/index.html: a href "https://example.org/nulle-part/": broken link (no nulle-part/index.html)`}},
		{"missing anchor in another page", func(fs fstest.MapFS) { fs["guides/index.html"] = page(`<a href="/lieux/a/#services">A</a>`) },
			[]string{`guides/index.html: a href "/lieux/a/#services": missing anchor (no id "services" in lieux/a/index.html)`}},
		{"missing anchor in the same page", func(fs fstest.MapFS) { fs["guides/index.html"] = page(`<a href="#haut">haut</a>`) },
			[]string{`guides/index.html: a href "#haut": missing anchor (no id "haut" in guides/index.html)`}},
		{"missing image", func(fs fstest.MapFS) { delete(fs, "img/a.png") },
			[]string{
				`css/site.css: css url() "/img/a.png": missing file (no img/a.png)`,
				`index.html: img src "/img/a.png": missing file (no img/a.png)`,
				`index.html: img srcset "/img/a.png": missing file (no img/a.png)`,
			}},
		{"missing srcset candidate", func(fs fstest.MapFS) { delete(fs, "img/a@2x.png") },
			[]string{`index.html: img srcset "/img/a@2x.png": missing file (no img/a@2x.png)`}},
		{"missing style sheet", func(fs fstest.MapFS) { delete(fs, "css/site.css") },
			[]string{
				`guides/index.html: link href "/css/site.css?v=1234": missing file (no css/site.css)`,
				`index.html: link href "/css/site.css?v=1234": missing file (no css/site.css)`,
				`lieux/a/index.html: link href "/css/site.css?v=1234": missing file (no css/site.css)`,
				`lieux/index.html: link href "/css/site.css?v=1234": missing file (no css/site.css)`,
			}},
		{"missing font in CSS", func(fs fstest.MapFS) { delete(fs, "fonts/f.woff2") },
			[]string{`css/site.css: css url() "../fonts/f.woff2": missing file (no fonts/f.woff2)`}},
		{"missing script", func(fs fstest.MapFS) {
			fs["guides/index.html"] = page(`<script src="/js/app.js" defer></script>`)
		}, []string{`guides/index.html: script src "/js/app.js": missing file (no js/app.js)`}},
		{"missing dataset", func(fs fstest.MapFS) { delete(fs, "donnees/lieux.csv") },
			[]string{
				`donnees/catalogue.json: json "https://example.org/donnees/lieux.csv": missing file (no donnees/lieux.csv)`,
				`index.html: a href "/donnees/lieux.csv": broken link (no donnees/lieux.csv)`,
			}},
		{"javascript link", func(fs fstest.MapFS) { fs["guides/index.html"] = page(`<a href=" JavaScript:alert(1)">x</a>`) },
			[]string{`guides/index.html: a href " JavaScript:alert(1)": javascript: address`}},
		{"broken address in JSON", func(fs fstest.MapFS) {
			fs["recherche/index.json"] = &fstest.MapFile{Data: []byte(`[{"url": "/lieux/b/"}, {"url": "https://example.org/donnees/absent.csv"}, {"url": "/lieux/a/#tarifs"}]`)}
		}, []string{
			`recherche/index.json: json "/lieux/a/#tarifs": missing anchor (no id "tarifs" in lieux/a/index.html)`,
			`recherche/index.json: json "/lieux/b/": missing file (no lieux/b/index.html)`,
			`recherche/index.json: json "https://example.org/donnees/absent.csv": missing file (no donnees/absent.csv)`,
		}},
		{"missing symbol in a sprite", func(fs fstest.MapFS) {
			fs["guides/index.html"] = page(`<svg><use href="/img/sprite.svg?v=12ab#carte"/></svg><svg><use href="/img/sprite.svg?v=12ab#x"/></svg>`)
		}, []string{`guides/index.html: use href "/img/sprite.svg?v=12ab#x": missing anchor (no id "x" in img/sprite.svg)`}},
		{"missing sprite", func(fs fstest.MapFS) { delete(fs, "img/sprite.svg") },
			[]string{`index.html: use href "/img/sprite.svg?v=12ab#lieu": missing file (no img/sprite.svg)`}},
		{"unreachable page", func(fs fstest.MapFS) { fs["orphelin/index.html"] = page(`<a href="/">Accueil</a>`) },
			[]string{`orphelin/index.html: page not reachable by following links from index.html`}},
		{"redirect to a missing page", func(fs fstest.MapFS) {
			fs["ancien/index.html"] = &fstest.MapFile{Data: []byte(`<html><head><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=/nouveau/"></head></html>`)}
		}, []string{`ancien/index.html: meta refresh "/nouveau/": broken link (no nouveau/index.html)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			fs := good()
			c.mutate(fs)
			ps, err := Check(fs, Options{BaseURL: "https://example.org/"})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range ps {
				got = append(got, p.String())
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestMissingHome(t *testing.T) {
	fs := good()
	delete(fs, "index.html")
	ps, _ := Check(fs, Options{})
	if !slices.Contains(ps, Problem{"index.html", "missing home page"}) {
		t.Errorf("problems = %v, want index.html: missing home page", ps)
	}
}

// TestDemoSite checks the built demo site: no broken link, anchor or asset,
// every page reachable from the home page.
func TestDemoSite(t *testing.T) {
	res := browsertest.DemoResult(t)
	dir := browsertest.BuildDemo(t)
	ps, err := Check(os.DirFS(dir), Options{BaseURL: res.Site.Config.BaseURL})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Error(p)
	}
}
