package browsertest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The tests of this file prove that every browser check fails on a page
// that breaks its rule: a check that cannot fail proves nothing.

// htmlPage is a minimal valid page around body, with a stylesheet and scripts.
func htmlPage(head, body string) string {
	return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Test</title>` + head +
		`</head><body>` + body + `</body></html>`
}

const goodPage = `<a class="skip-link" href="#contenu">Aller au contenu</a>
<header><nav aria-label="Menu"><a href="/a/">Un lien</a></nav></header>
<main id="contenu" tabindex="-1"><h1>Titre</h1><p>Texte <a href="/b/">un autre lien</a>.</p></main>`

func TestAxeReportsUnlabeledInput(t *testing.T) {
	base := ServeFiles(t, map[string]string{
		"index.html": htmlPage("", `<main><h1>Recherche</h1><form action="/"><input type="text" name="q"><button>Chercher</button></form></main>`),
	})
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	vs, err := Axe(t, ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	if !slices.Contains(ids, "label") {
		t.Errorf("axe violations = %v, want the rule \"label\" for the unlabeled input", ids)
	}
}

func TestKeyboardReportsBrokenPages(t *testing.T) {
	base := ServeFiles(t, map[string]string{
		"good/index.html": htmlPage(`<link rel="stylesheet" href="/focus.css">`, goodPage),
		"noskip/index.html": htmlPage(`<link rel="stylesheet" href="/focus.css">`,
			`<main id="contenu"><h1>Titre</h1><a href="/a/">Lien</a></main>`),
		"nofocus/index.html": htmlPage(`<link rel="stylesheet" href="/focus.css"><link rel="stylesheet" href="/nofocus.css">`, goodPage),
		"trap/index.html":    htmlPage(`<link rel="stylesheet" href="/focus.css"><script src="/trap.js" defer></script>`, goodPage),
		"focus.css":          `a:focus-visible, main:focus-visible { outline: 3px solid black; } .skip-link { position: absolute; top: -100px; } .skip-link:focus { top: 0; }`,
		"nofocus.css":        `a[href="/b/"]:focus-visible { outline: none; }`,
		// A widget that swallows Tab: nothing after it can be reached.
		"trap.js": `document.querySelector('a[href="/a/"]').addEventListener("keydown", function (e) { if (e.key === "Tab") e.preventDefault(); });`,
	})
	ctx := Browser(t)
	problems := func(path string) string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
			t.Fatal(err)
		}
		ps, err := KeyboardProblems(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(ps, "\n")
	}
	if got := problems("/good/"); got != "" {
		t.Errorf("good page: unexpected problems:\n%s", got)
	}
	for _, c := range []struct{ path, want string }{
		{"/noskip/", "the first Tab should focus the skip link, found <a href=/a/> Lien"},
		{"/nofocus/", "focused without a visible focus indicator: <a href=/b/> un autre lien"},
		{"/trap/", "interactive element never reached with Tab: main#contenu > p:nth-child(2) > a:nth-child(1)"},
	} {
		if got := problems(c.path); !strings.Contains(got, c.want) {
			t.Errorf("%s: problems =\n%s\nwant a line containing %q", c.path, got, c.want)
		}
	}
}

func TestWithoutJavaScriptReportsScriptedContent(t *testing.T) {
	base := ServeFiles(t, map[string]string{
		"index.html": htmlPage(`<script src="/fill.js" defer></script>`, `<main><h1>Lieux</h1><ul id="liste"></ul></main>`),
		"fill.js":    `document.getElementById("liste").innerHTML = '<li><a href="/lieux/x/">Lieu X</a></li>';`,
	})
	ctx := Browser(t)
	check := func() []string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			t.Fatal(err)
		}
		m, err := MissingEssentials(ctx, "main h1, #liste a")
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	if m := check(); len(m) != 0 {
		t.Fatalf("with JavaScript: missing %v, want nothing (the fixture is wrong)", m)
	}
	if err := SetJavaScript(ctx, false); err != nil {
		t.Fatal(err)
	}
	if m := check(); !slices.Equal(m, []string{"#liste a"}) {
		t.Errorf("without JavaScript: missing %v, want [#liste a]", m)
	}
}

func TestPageErrorsReportsCSPViolationsAndExceptions(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"index.html": htmlPage(`<link rel="stylesheet" href="/ok.css">`,
			`<main><h1 style="color: red">Titre</h1><script>document.title = "inline";</script></main>`),
		"ok.css":     `h1 { color: black; }`,
		"throw.html": htmlPage(`<script src="/throw.js"></script>`, `<main><h1>Titre</h1></main>`),
		"throw.js":   `throw new Error("boum");`,
	}
	for p, c := range files {
		if err := os.WriteFile(filepath.Join(dir, p), []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fs := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", "default-src 'self'")
		fs.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(PageErrors(ctx), "\n")
	for _, want := range []string{`script-src-elem blocked "inline"`, `style-src-attr blocked "inline"`} {
		if !strings.Contains(got, want) {
			t.Errorf("page errors:\n%s\nwant a line containing %q", got, want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/throw.html")); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(PageErrors(ctx), "\n"); !strings.Contains(got, "uncaught exception") || !strings.Contains(got, "boum") {
		t.Errorf("page errors:\n%s\nwant the uncaught exception", got)
	}
}

func TestSmallScreenChecksReportBrokenPages(t *testing.T) {
	base := ServeFiles(t, map[string]string{
		"index.html": htmlPage(`<link rel="stylesheet" href="/s.css">`,
			`<main><h1>Titre</h1><div class="wide">Large</div><div class="scroll"><div class="wide">Tableau</div></div>
			<button class="small">OK</button> <p>Un <a href="/x/">lien dans le texte</a> peut être petit.</p>
			<p>https://labo.example/un/chemin/sans/espace/plus/large/que/un/petit/ecran/</p>
			<span class="vh">https://labo.example/un/chemin/cache/aux/yeux/plus/large/que/l/ecran/</span></main>`),
		"s.css": `.wide { width: 500px; } .scroll { overflow-x: auto; } .small { height: 30px; padding: 0; }
			.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }`,
	})
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640), chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	reflow, err := ReflowProblems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"the page scrolls horizontally: 508 px wide for a 320 px viewport",
		"wider than the viewport: body > main:nth-child(1) > div:nth-child(2) (right edge at 508 px)",
		"text wider than the viewport in body > main:nth-child(1) > p:nth-child(6) (right edge at 481 px): https://labo.example/un/chemin/sans/espace/plus/large/que/un",
	}
	if strings.Join(reflow, "\n") != strings.Join(want, "\n") {
		t.Errorf("reflow problems:\n%s\nwant:\n%s", strings.Join(reflow, "\n"), strings.Join(want, "\n"))
	}
	small, err := SmallTargets(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(small) != 1 || !strings.HasPrefix(small[0], "body > main:nth-child(1) > button:nth-child(4) is ") || !strings.HasSuffix(small[0], "×30 px: OK") {
		t.Errorf("small targets = %q, want only the 30 px button", small)
	}
}
