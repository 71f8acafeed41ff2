package browsertest

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"labo/internal/sitetest"
)

// xss is markup that must stay text: if a script inserts it as HTML, an
// element with data-xss appears in the page (with or without a CSP).
const xss = `<b data-xss="1">gras</b><img src="/x.png" data-xss="2">`

// TestHostileSiteInBrowser builds a site whose venue, service and guide
// names hold markup, loads every page with scripts on, and runs a search
// that finds them: the markup never becomes elements.
func TestHostileSiteInBrowser(t *testing.T) {
	f := sitetest.Site()
	rows := sitetest.Venues()
	rows[0].Nom = "Espace Gare " + xss
	rows[0].PresentationResume = "Résumé " + xss
	f["data/lieux.csv"] = sitetest.Lieux(rows...)
	f["data/referentiel.toml"] = sitetest.Replace(t, f["data/referentiel.toml"], `titre = "Reconnaître les arnaques"`, `titre = "Reconnaître les arnaques `+strings.ReplaceAll(xss, `"`, `\"`)+`"`)
	f["content/guides/arnaques.md"] = sitetest.Replace(t, f["content/guides/arnaques.md"], `title = "Repérer les arnaques"`, `title = "Repérer les arnaques `+strings.ReplaceAll(xss, `"`, `\"`)+`"`)
	res, err := f.Build(t)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	if err := res.Tree.Publish(dir); err != nil {
		t.Fatal(err)
	}
	base := Serve(t, dir)
	ctx := Browser(t)
	injected := func(where string) {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[data-xss]").length`))
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			t.Errorf("%s: markup from the inputs became %d element(s)", where, n)
		}
	}
	pages := 0
	for _, p := range res.Tree.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		url := "/" + strings.TrimSuffix(p, "index.html")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+url), chromedp.Sleep(20*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		injected(url)
		pages++
	}
	if pages < 10 {
		t.Fatalf("only %d pages visited", pages)
	}
	// The search shows names from its JSON index.
	for _, q := range []string{"gare", "arnaques"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/recherche/?q="+q)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelectorAll(".search-hit").length > 0`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("search %q: no result shown: %v", q, err)
		}
		injected("/recherche/?q=" + q)
		text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#recherche-resultats")))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(text, `<b data-xss="1">`) {
			t.Errorf("search %q: the markup should show as text, results:\n%s", q, text)
		}
	}
}
