package pages_test

import (
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"labo/internal/browsertest"
	"labo/internal/content"
	"labo/internal/pages"
	"labo/internal/site"
)

func demo(t *testing.T) (*site.Site, string) {
	t.Helper()
	s, problems := site.Load(os.DirFS(browsertest.Root(t)), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return s, browsertest.BuildDemo(t)
}

func page(t *testing.T, dir, urlPath string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(urlPath, "/")), "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func href(url string) string { return `href="` + url + `"` }

// TestGuidesAndServicesBothWays: a guide lists the referential services it
// concerns, and each of those service pages lists the guide.
func TestGuidesAndServicesBothWays(t *testing.T) {
	s, dir := demo(t)
	withServices := 0
	for _, g := range s.Guides {
		gp := page(t, dir, g.URL)
		if len(g.Services) > 0 {
			withServices++
			if !strings.Contains(gp, "Services du référentiel concernés") {
				t.Errorf("%s has services but no « Services du référentiel concernés »", g.URL)
			}
		}
		for _, code := range g.Services {
			svc := s.Ref.Service(code)
			if !strings.Contains(gp, href(pages.ServiceURL(svc))) {
				t.Errorf("%s does not link to its service %s", g.URL, code)
			}
			if sp := page(t, dir, pages.ServiceURL(svc)); !strings.Contains(sp, href(g.URL)) {
				t.Errorf("the page of %s does not list the guide %s", code, g.URL)
			}
		}
	}
	if withServices < len(s.Guides)*3/4 {
		t.Errorf("only %d of %d demo guides name referential services", withServices, len(s.Guides))
	}
	// and the other way: a service page lists only guides that name it
	for _, svc := range s.Ref.Services {
		sp := page(t, dir, pages.ServiceURL(svc))
		for _, g := range s.Guides {
			listed := strings.Contains(sp, href(g.URL))
			names := strings.Contains(strings.Join(g.Services, " "), svc.Code)
			if listed && !names {
				t.Errorf("the page of %s lists %s, which does not name it", svc.Code, g.URL)
			}
		}
	}
}

// TestGuideKeypointsFirst: the « À retenir » box comes first, before the
// table of contents and the text, with every key point.
func TestGuideKeypointsFirst(t *testing.T) {
	s, dir := demo(t)
	for _, g := range s.Guides {
		if len(g.Keypoints) == 0 {
			t.Errorf("%s has no key points (« À retenir »)", g.File)
			continue
		}
		gp := page(t, dir, g.URL)
		box := strings.Index(gp, `<aside class="keypoints"`)
		prose := strings.Index(gp, `<div class="prose">`)
		toc := strings.Index(gp, `<nav class="toc"`)
		if box < 0 || prose < 0 || box > prose || (toc >= 0 && box > toc) {
			t.Errorf("%s: « À retenir » at %d, table of contents at %d, text at %d", g.URL, box, toc, prose)
			continue
		}
		for _, k := range g.Keypoints {
			if !strings.Contains(gp[box:prose], "<li>"+html.EscapeString(k)+"</li>") {
				t.Errorf("%s: key point %q missing from the box", g.URL, k)
			}
		}
	}
}

// TestGuidesByAudienceAndTheme: the social workers' audiences have their
// page, and every audience and theme page lists exactly its guides.
func TestGuidesByAudienceAndTheme(t *testing.T) {
	s, dir := demo(t)
	have := map[string]bool{}
	for _, a := range s.Audiences {
		have[a.Slug] = true
	}
	for _, slug := range []string{"travailleurs-sociaux", "mediateurs", "commanditaires", "aiguilleurs"} {
		if !have[slug] {
			t.Errorf("no guide for the audience %s", slug)
		}
	}
	check := func(terms []*site.Term, of func(*content.Page) []string) {
		for _, term := range terms {
			tp := page(t, dir, term.URL)
			for _, g := range s.Guides {
				in := strings.Contains(strings.Join(of(g), " ")+" ", term.Slug+" ")
				if listed := strings.Contains(tp, href(g.URL)); listed != in {
					t.Errorf("%s lists %s: %v, but the guide is of that term: %v", term.URL, g.URL, listed, in)
				}
			}
		}
	}
	check(s.Audiences, func(g *content.Page) []string { return g.Audiences })
	check(s.Themes, func(g *content.Page) []string { return g.Themes })
	index := page(t, dir, "/guides/")
	for _, term := range append(append([]*site.Term{}, s.Audiences...), s.Themes...) {
		if !strings.Contains(index, href(term.URL)) {
			t.Errorf("/guides/ does not link to %s", term.URL)
		}
	}
}

// TestGuidePager: previous and next follow the order of the guide's first
// theme.
func TestGuidePager(t *testing.T) {
	s, dir := demo(t)
	linked := 0
	for _, th := range s.Themes {
		for i, g := range th.Guides {
			if len(g.Themes) == 0 || g.Themes[0] != th.Slug {
				continue
			}
			gp := page(t, dir, g.URL)
			if i > 0 {
				linked++
				if !strings.Contains(gp, `<a rel="prev" href="`+th.Guides[i-1].URL+`">`) {
					t.Errorf("%s: no link to the previous guide of %s, %s", g.URL, th.Slug, th.Guides[i-1].URL)
				}
			} else if strings.Contains(gp, `rel="prev"`) {
				t.Errorf("%s is first in %s but has a previous guide", g.URL, th.Slug)
			}
			if i+1 < len(th.Guides) && !strings.Contains(gp, `<a rel="next" href="`+th.Guides[i+1].URL+`">`) {
				t.Errorf("%s: no link to the next guide of %s, %s", g.URL, th.Slug, th.Guides[i+1].URL)
			}
		}
	}
	if linked == 0 {
		t.Error("no guide of the demo has a previous guide in its theme")
	}
}
