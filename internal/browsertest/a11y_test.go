package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestPageKindsCovered keeps Pages complete: every layout kind the demo
// build renders has a line there, and every listed page exists with the kind
// it claims.
func TestPageKindsCovered(t *testing.T) {
	kinds := DemoKinds(t)
	for _, k := range UncoveredKinds(kinds, Pages) {
		t.Errorf("%s has no accessibility, keyboard or no-JavaScript check: add a line to browsertest.Pages", k)
	}
	for _, p := range Pages {
		got, ok := kinds[p.Path]
		switch {
		case !ok:
			t.Errorf("browsertest.Pages lists %s (%s) but the demo build has no such page: is the %s template missing?", p.Path, p.Kind, p.Kind)
		case got != p.Kind && got != "":
			t.Errorf("browsertest.Pages lists %s as %s, but the build renders it with %s", p.Path, p.Kind, got)
		}
	}
}

// TestAccessibility runs axe-core on one page of every template: no
// violation of WCAG 2.0/2.1 A and AA or of axe's best practices.
func TestAccessibility(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	for _, p := range Pages {
		t.Run(p.Kind, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p.Path)); err != nil {
				t.Fatal(err)
			}
			vs, err := Axe(t, ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range vs {
				t.Errorf("%s: %s", p.Path, v)
			}
		})
	}
}

// TestUncoveredKinds proves TestPageKindsCovered can fail: a kind the
// build renders and Pages does not list is reported with an example page.
func TestUncoveredKinds(t *testing.T) {
	kinds := map[string]string{"/": "index", "/carte/": "carte/list", "/carte/23-creuse/": "carte/list", "/lieux/a/": "lieux/single",
		"/donnees/": "", "/donnees/x/": ""}
	got := UncoveredKinds(kinds, []PageKind{{Kind: "index", Path: "/"}, {Kind: "donnees/list", Path: "/donnees/x/"}})
	want := []string{"page kind carte/list (for example /carte/)", "page kind lieux/single (for example /lieux/a/)", "the page /donnees/ (made by a finisher)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("UncoveredKinds = %q, want %q", got, want)
	}
}
