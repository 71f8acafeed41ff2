package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"labo/internal/search"
)

// resultsJS lists the shown results: group headings and, per hit, its
// group, link and visible text.
const resultsJS = `(() => {
  const out = {status: document.getElementById("recherche-statut").textContent, groups: [], hits: []};
  for (const sec of document.querySelectorAll("#recherche-resultats .search-group")) {
    out.groups.push(sec.querySelector("h2").textContent);
    for (const a of sec.querySelectorAll("a.search-hit")) {
      out.hits.push({group: sec.querySelector("h2").id, href: a.getAttribute("href"), text: a.textContent,
        marks: [...a.querySelectorAll("mark")].map(m => m.textContent)});
    }
  }
  return out;
})()`

type shown struct {
	Status string
	Groups []string
	Hits   []struct {
		Group, Href, Text string
		Marks             []string
	}
}

func results(t *testing.T, ctx context.Context) shown {
	t.Helper()
	// The status is written last, once the results are in the page.
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`document.getElementById("recherche-statut").textContent.includes("résultat")`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("no results announced: %v", err)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](resultsJS))
	if err != nil {
		t.Fatal(err)
	}
	var s shown
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSearchQueries opens /recherche/?q=… for what people type and checks
// the expected page is among the results, in its group.
func TestSearchQueries(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	tests := []struct {
		q, group, want string // want: a link, or text of a result
	}{
		{"demarche", "resultats-service", "Faire les démarches de la famille"},
		{"ordinateurs", "resultats-service", "/referentiel/out-01/"},
		{"ordinateurs", "resultats-guide", "/guides/bien-choisir-son-ordinateur/"},
		{"Guéret", "resultats-venue", "Guéret"},
		{"gueret", "resultats-venue", "Guéret"},
		{"ordinatuer", "resultats-service", "/referentiel/out-01/"},
		{"smartfone", "resultats-service", "/referentiel/out-02/"},
		{"DEM-01", "resultats-service", "/referentiel/dem-01/"},
		{"pronote", "resultats-service", "/referentiel/fam-01/"},
	}
	for _, tc := range tests {
		t.Run(tc.q, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/recherche/?q="+url.QueryEscape(tc.q))); err != nil {
				t.Fatal(err)
			}
			s := results(t, ctx)
			ok := slices.ContainsFunc(s.Hits, func(h struct {
				Group, Href, Text string
				Marks             []string
			}) bool {
				return h.Group == tc.group && (h.Href == tc.want || strings.Contains(h.Text, tc.want))
			})
			if !ok {
				t.Errorf("%q: want %q in %s; status %q, hits %+v", tc.q, tc.want, tc.group, s.Status, s.Hits)
			}
		})
	}
}

// TestSearchTypingAndKeyboard types in the field like a person, sees the
// results grouped and announced, then follows one with the keyboard only.
func TestSearchTypingAndKeyboard(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/recherche/"),
		chromedp.Focus(chromedp.ID("recherche-q")),
		chromedp.KeyEvent("ordi"),
	); err != nil {
		t.Fatal(err)
	}
	s := results(t, ctx)
	if len(s.Groups) < 2 || !strings.HasPrefix(s.Groups[0], "Services (") || !strings.HasPrefix(s.Groups[1], "Guides (") {
		t.Errorf("groups %q, want Services then Guides", s.Groups)
	}
	if !strings.Contains(s.Status, "résultats pour « ordi »") {
		t.Errorf("status %q", s.Status)
	}
	if len(s.Hits) == 0 || !slices.ContainsFunc(s.Hits[0].Marks, func(m string) bool { return strings.HasPrefix(strings.ToLower(m), "ordi") }) {
		t.Errorf("first hit %+v: want the typed prefix highlighted", s.Hits)
	}
	live, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("recherche-statut").getAttribute("aria-live")`))
	if err != nil || live != "polite" {
		t.Errorf("status aria-live = %q, %v", live, err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.HasSuffix(loc, "/recherche/?q=ordi") {
		t.Errorf("location %q: want the query in the address, to share or reload", loc)
	}

	// Keyboard: Tab from the field to the first result, then Enter.
	var href string
	for range 4 {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		href, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.matches("a.search-hit") ? document.activeElement.getAttribute("href") : ""`))
		if href != "" {
			break
		}
	}
	if href != s.Hits[0].Href {
		t.Fatalf("Tab reached %q, want the first result %q", href, s.Hits[0].Href)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		t.Fatal(err)
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || loc != base+href {
		t.Errorf("Enter on the first result opened %q (%v), want %s", loc, err, base+href)
	}
}

// TestSearchMore: a group with more hits than shown gets a button that
// shows more and moves the focus to the first new one.
func TestSearchMore(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/recherche/?q=numerique")); err != nil {
		t.Fatal(err)
	}
	results(t, ctx)
	// The first group with more hits than shown.
	const group = `document.querySelector("#recherche-resultats .search-more").closest("section")`
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`(window.moreGroup = `+group+`).querySelectorAll("a.search-hit").length`))
	if err != nil {
		t.Fatalf("no button to show more results: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#recherche-resultats .search-more"))); err != nil {
		t.Fatal(err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Poll[string](`document.activeElement.matches("a.search-hit") && document.activeElement.getAttribute("href")`,
		chromedp.WithPollingTimeout(5*time.Second)))
	if err != nil {
		t.Fatal(err)
	}
	after, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...window.moreGroup.querySelectorAll("a.search-hit")].map(a => a.getAttribute("href"))`))
	if err != nil {
		t.Fatal(err)
	}
	if len(after) <= n || after[n] != focused {
		t.Errorf("%d hits then %q, focus on %q; want more hits and the focus on the first new one", n, after, focused)
	}
}

// TestSearchNormalisationMatchesIndex runs the browser's normalisation on
// tricky text and compares it with the Go normalisation the index was
// built with.
func TestSearchNormalisationMatchesIndex(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/recherche/")); err != nil {
		t.Fatal(err)
	}
	inputs := []string{"Démarches en ligne", "GUÉRET 23000", "DEM-01, out-2", "l’œuvre d'Ærø", "Straße", "Clermont-Ferrand",
		"ÉCOLE À l'Île", "naïve façade", "x--1 a-1-b-2", "İstanbul ﬁn", "Ǆemal", "١٢٣ 一二", "ça coûte 10 €", "Œ Æ ß ẞ"}
	js, _ := json.Marshal(inputs)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[][]string](fmt.Sprintf(`%s.map(s => window.LaboSearch.words(s))`, js)))
	if err != nil {
		t.Fatal(err)
	}
	for i, in := range inputs {
		if want := search.Words(in); !slices.Equal(got[i], want) && !(len(got[i]) == 0 && len(want) == 0) {
			t.Errorf("%q: browser %q, index %q", in, got[i], want)
		}
	}
}

// TestSearchWithoutJavaScript: the header form leads to /recherche/, which
// offers the A–Z index and the venues by département.
func TestSearchWithoutJavaScript(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Navigate(base+"/guides/"),
		chromedp.SendKeys(chromedp.ID("site-q"), "gueret"),
		chromedp.Submit(chromedp.ID("site-q")),
		chromedp.WaitVisible(chromedp.ID("titre-az")),
	); err != nil {
		t.Fatal(err)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(loc, "/recherche/?q=gueret") {
		t.Errorf("location %q", loc)
	}
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[[]byte](`({
	  az: document.querySelectorAll(".az-list a").length,
	  letters: document.querySelectorAll(".az-letters a").length,
	  depts: [...document.querySelectorAll("a[href^='/lieux/']")].map(a => a.textContent),
	  hidden: document.getElementById("recherche-resultats").hidden,
	})`))
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		AZ, Letters int
		Depts       []string
		Hidden      bool
	}
	if err := json.Unmarshal(raw, &page); err != nil {
		t.Fatal(err)
	}
	if page.AZ < 30 || page.Letters < 5 || !slices.Contains(page.Depts, "Creuse (23)") || !page.Hidden {
		t.Errorf("page without JS: %+v; want the A–Z index, départements, no empty results box", page)
	}
}
