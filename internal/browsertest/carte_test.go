package browsertest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/paulmach/orb"

	"labo/internal/build"
	"labo/internal/geo"
	"labo/internal/referential"
	"labo/internal/serve"
	"labo/internal/site"
	"labo/internal/synth"
	"labo/internal/venue"
)

// demoSite loads the demo's model, to compute what the map must show.
func demoSite(t *testing.T) *site.Site {
	t.Helper()
	s, problems := site.Load(os.DirFS(Root(t)), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

// noTiles builds the demo with tiles disabled: the map must then work with
// no request leaving 127.0.0.1.
func noTiles(t *testing.T) string {
	return BuildVariant(t, func(dir string) error {
		p := filepath.Join(dir, "site.toml")
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines := strings.Split(string(b), "\n")
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), "tiles") {
				lines[i] = `tiles = ""`
			}
		}
		return os.WriteFile(p, []byte(strings.Join(lines, "\n")), 0o644)
	})
}

const ready = `document.documentElement.dataset.carte === "pret" && document.getElementById("carte-app").dataset.etat === "pret"`

func openMap(t *testing.T, ctx context.Context, u string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx)
}

func waitReady(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](ready, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the map did not become ready: %v", err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

func sorted(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// choose sets a filter the way a person does: a new value, then "change".
func choose(t *testing.T, ctx context.Context, id, value string) {
	t.Helper()
	eval[chromedp.Void](t, ctx, `(() => { const s = document.getElementById(`+jsString(id)+`);
		s.value = `+jsString(value)+`; s.dispatchEvent(new Event("change", {bubbles: true})); })()`)
	waitReady(t, ctx)
}

func jsString(s string) string { b, _ := json.Marshal(s); return string(b) }

// TestMapFilterPermalinkDownload: a filter changes the markers and the list
// identically, the permalink restores them, the downloads hold exactly the
// filtered venues.
func TestMapFilterPermalinkDownload(t *testing.T) {
	s := demoSite(t)
	base := Serve(t, noTiles(t))
	ctx := Browser(t)
	openMap(t, ctx, base+"/carte/")

	var located, unlocated []string
	for _, v := range s.Venues {
		if v.HasPoint {
			located = append(located, v.ID)
		} else {
			unlocated = append(unlocated, v.ID)
		}
	}
	markers := eval[[]string](t, ctx, `laboCarte.markerIds()`)
	if !slices.Equal(sorted(markers), sorted(located)) {
		t.Fatalf("without filters the map has %d markers, want the %d venues with a position", len(markers), len(located))
	}
	off := eval[[]string](t, ctx, `[...document.querySelectorAll("#liste-hors-carte .lieu")].map(li => li.dataset.id)`)
	if !slices.Equal(sorted(off), sorted(unlocated)) {
		t.Errorf("venues without a position listed apart = %v, want %v", off, unlocated)
	}

	// Filter: qualified for DEM-01 (urgent procedure done for you) and accepting the Pass.
	choose(t, ctx, "f-service", "DEM-01")
	eval[chromedp.Void](t, ctx, `document.getElementById("f-pass").click()`)
	waitReady(t, ctx)
	var want []string
	for _, v := range s.Venues {
		if v.HasPoint && v.QualifiedFor("DEM-01") && v.Pass {
			want = append(want, v.ID)
		}
	}
	if len(want) == 0 || len(want) == len(located) {
		t.Fatalf("the demo should have some but not all venues for this filter, found %d", len(want))
	}
	markers = eval[[]string](t, ctx, `laboCarte.markerIds()`)
	list := eval[[]string](t, ctx, `[...document.querySelectorAll("#liste .lieu")].map(li => li.dataset.id)`)
	if !slices.Equal(sorted(markers), sorted(want)) || !slices.Equal(sorted(list), sorted(want)) {
		t.Fatalf("after filtering:\nmarkers %v\nlist    %v\nwant    %v", sorted(markers), sorted(list), sorted(want))
	}
	count := eval[string](t, ctx, `document.getElementById("liste-compte").textContent`)
	if !strings.HasPrefix(count, itoa(len(want))+" lieux") {
		t.Errorf("count says %q, want %d venues", count, len(want))
	}

	// Downloads: capture the Blobs the page saves.
	eval[chromedp.Void](t, ctx, `(() => { window.__blobs = []; const o = URL.createObjectURL;
		URL.createObjectURL = (b) => { window.__blobs.push(b); return o.call(URL, b); }; })()`)
	eval[chromedp.Void](t, ctx, `document.getElementById("telecharger-csv").click()`)
	csvText := eval[string](t, ctx, `new Promise(r => { const w = () => window.__blobs.length ? r(window.__blobs[0].text()) : setTimeout(w, 50); w(); })`)
	rows, err := csv.NewReader(strings.NewReader(csvText)).ReadAll()
	if err != nil {
		t.Fatalf("downloaded CSV: %v", err)
	}
	if !slices.Equal(rows[0], venue.Columns) {
		t.Errorf("CSV header = %v, want the national standard's columns", rows[0])
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0])
		if v := s.Venue(r[0]); v == nil || r[2] != v.Nom || r[14] != v.Horaires {
			t.Errorf("CSV row %s does not match data/lieux.csv", r[0])
		}
	}
	if !slices.Equal(sorted(got), sorted(want)) {
		t.Errorf("CSV holds %v, want %v", sorted(got), sorted(want))
	}
	eval[chromedp.Void](t, ctx, `document.getElementById("telecharger-geojson").click()`)
	gjText := eval[string](t, ctx, `new Promise(r => { const w = () => window.__blobs.length > 1 ? r(window.__blobs[1].text()) : setTimeout(w, 50); w(); })`)
	var fc struct {
		Type     string
		Features []struct {
			ID       string
			Geometry struct{ Coordinates []float64 }
		}
	}
	if err := json.Unmarshal([]byte(gjText), &fc); err != nil || fc.Type != "FeatureCollection" {
		t.Fatalf("downloaded GeoJSON: %v (type %q)", err, fc.Type)
	}
	got = got[:0]
	for _, f := range fc.Features {
		got = append(got, f.ID)
		v := s.Venue(f.ID)
		if v == nil || len(f.Geometry.Coordinates) != 2 || f.Geometry.Coordinates[0] != round5(v.Point.Lon()) {
			t.Errorf("GeoJSON feature %s: coordinates %v, want longitude first %v", f.ID, f.Geometry.Coordinates, v.Point)
		}
	}
	if !slices.Equal(sorted(got), sorted(want)) {
		t.Errorf("GeoJSON holds %v, want %v", sorted(got), sorted(want))
	}

	// Permalink: the URL now holds the filters and the view; a new visit restores both.
	link := eval[string](t, ctx, `location.href`)
	u, _ := url.Parse(link)
	if u.Query().Get("service") != "DEM-01" || u.Query().Get("pass") != "1" || u.Query().Get("vue") == "" {
		t.Fatalf("permalink %s lacks the filters or the view", link)
	}
	ctx2 := Browser(t)
	openMap(t, ctx2, link)
	markers = eval[[]string](t, ctx2, `laboCarte.markerIds()`)
	if !slices.Equal(sorted(markers), sorted(want)) {
		t.Errorf("the permalink restored %v, want %v", sorted(markers), sorted(want))
	}
	if v := eval[string](t, ctx2, `document.getElementById("f-service").value + "|" + document.getElementById("f-pass").checked`); v != "DEM-01|true" {
		t.Errorf("the permalink restored the form as %q", v)
	}
	if again := eval[string](t, ctx2, `location.href`); again != link {
		t.Errorf("the restored view moved: %s, want %s", again, link)
	}

	// Clearing the filters brings every venue back.
	eval[chromedp.Void](t, ctx2, `document.getElementById("effacer").click()`)
	waitReady(t, ctx2)
	if n := len(eval[[]string](t, ctx2, `laboCarte.markerIds()`)); n != len(located) {
		t.Errorf("after clearing, %d markers, want %d", n, len(located))
	}
}

func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

func itoa(n int) string { return strconv.Itoa(n) }

// TestMapCommuneSearch: typing a commune proposes it, choosing it sorts the
// list by distance from it.
func TestMapCommuneSearch(t *testing.T) {
	s := demoSite(t)
	base := Serve(t, noTiles(t))
	ctx := Browser(t)
	openMap(t, ctx, base+"/carte/")

	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "gue")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`[...document.querySelectorAll("#q-suggestions [role=option]")].some(li => li.textContent.startsWith("Guéret (23000)"))`,
		chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("typing \"gue\" did not propose Guéret: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
		t.Fatal(err)
	}
	// Pick Guéret with the keyboard (it may not be the first proposal).
	for i := 0; i < 8; i++ {
		active := eval[string](t, ctx, `(document.getElementById(document.getElementById("q").getAttribute("aria-activedescendant")) || {}).textContent || ""`)
		if strings.HasPrefix(active, "Guéret") {
			break
		}
		chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown))
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("recherche-etat").textContent.includes("Guéret")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("choosing Guéret did not sort the list: %v", err)
	}
	waitReady(t, ctx)

	var gueret *geo.Commune
	for _, c := range geo.Communes() {
		if c.Nom == "Guéret" {
			gueret = c
		}
	}
	ids := eval[[]string](t, ctx, `[...document.querySelectorAll("#liste .lieu")].map(li => li.dataset.id)`)
	if len(ids) < 3 {
		t.Fatalf("list has %d venues", len(ids))
	}
	prev := -1.0
	for _, id := range ids {
		d := geo.DistanceKm(gueret.Point, s.Venue(id).Point)
		if d+0.01 < prev {
			t.Fatalf("list is not sorted by distance from Guéret: %s at %.1f km after %.1f km", id, d, prev)
		}
		prev = d
	}
	first := s.Venue(ids[0])
	if first.Commune != "Guéret" {
		t.Errorf("nearest venue to Guéret is %s in %s", first.ID, first.Commune)
	}
	dist := eval[string](t, ctx, `document.querySelector("#liste .lieu .lieu__distance").textContent`)
	if !strings.Contains(dist, "km") {
		t.Errorf("first item shows distance %q", dist)
	}
	if q := eval[string](t, ctx, `new URL(location.href).searchParams.get("q")`); q != "Guéret (23000)" {
		t.Errorf("permalink q = %q", q)
	}

	// A postcode typed and submitted with Enter works the same.
	eval[chromedp.Void](t, ctx, `document.getElementById("q").value = ""`)
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("q"), "63000"+kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("recherche-etat").textContent.includes("Clermont-Ferrand (63000)")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("postcode 63000 did not find Clermont-Ferrand: %v", err)
	}
	waitReady(t, ctx)
	if c := s.Venue(eval[string](t, ctx, `document.querySelector("#liste .lieu").dataset.id`)).Commune; c != "Clermont-Ferrand" && c != "Chamalières" {
		t.Errorf("nearest venue to 63000 is in %s", c)
	}
}

// TestMapKeyboard: with the keyboard alone, reach a cluster, open it, reach a
// venue, open it, close it with Escape, open it again and follow its link.
func TestMapKeyboard(t *testing.T) {
	base := Serve(t, noTiles(t))
	ctx := Browser(t)
	openMap(t, ctx, base+"/carte/")
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.ID("carte-leaflet"))); err != nil {
		t.Fatal(err)
	}
	focused := func() string {
		return eval[string](t, ctx, `(() => { const a = document.activeElement;
			if (!a) return "";
			if (a.classList.contains("lieu-groupe")) return "groupe:" + a.textContent;
			if (a.dataset && a.dataset.id) return "lieu:" + a.dataset.id;
			if (a.closest(".lieu-popup")) return "popup:" + a.getAttribute("href");
			return a.tagName + "." + a.className; })()`)
	}
	tab := func() {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
	}
	key := func(k string) {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k)); err != nil {
			t.Fatal(err)
		}
	}
	tab()
	f := focused()
	if !strings.HasPrefix(f, "groupe:") && !strings.HasPrefix(f, "lieu:") {
		t.Fatalf("Tab from the map reached %q, want a group or a venue", f)
	}
	if strings.HasPrefix(f, "groupe:") {
		label := eval[string](t, ctx, `document.activeElement.textContent`)
		if !strings.Contains(label, "Groupe de") || !strings.Contains(label, "lieux") {
			t.Errorf("a group's accessible text is %q, want its count announced", label)
		}
	}
	for i := 0; strings.HasPrefix(f, "groupe:"); i++ {
		if i > 8 {
			t.Fatalf("still on a group after %d Enter presses: %s", i, f)
		}
		key(kb.Enter)
		chromedp.Run(ctx, chromedp.Poll[bool](`document.activeElement && (document.activeElement.dataset.id || document.activeElement.classList.contains("lieu-groupe")) && document.activeElement.isConnected`,
			chromedp.WithPollingTimeout(5*time.Second)))
		time.Sleep(400 * time.Millisecond) // let the zoom animation settle
		f = focused()
	}
	if !strings.HasPrefix(f, "lieu:") {
		t.Fatalf("focus is on %q, want a venue marker", f)
	}
	id := strings.TrimPrefix(f, "lieu:")
	key(kb.Enter)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.activeElement && !!document.activeElement.closest(".lieu-popup")`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("Enter on a venue did not open it with the focus inside: %s", focused())
	}
	if sel := eval[string](t, ctx, `(document.querySelector("#liste .lieu--choisi") || {dataset: {}}).dataset.id || ""`); sel != id {
		t.Errorf("the list highlights %q, want the opened venue %q", sel, id)
	}
	key(kb.Escape)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!document.querySelector(".leaflet-popup") && document.activeElement.dataset.id === `+jsString(id), chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("Escape did not close the venue and give the focus back to its marker: %s", focused())
	}
	key(kb.Enter)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.activeElement && !!document.activeElement.closest(".lieu-popup")`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatal("Enter did not open the venue again")
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.KeyEvent(kb.Enter))); err != nil {
		t.Fatalf("Enter on the venue's link: %v", err)
	}
	if p := eval[string](t, ctx, `location.pathname`); p != "/lieux/"+id+"/" {
		t.Fatalf("Enter on the venue's link opened %s, want /lieux/%s/", p, id)
	}
}

// TestMapListToMap: "Voir sur la carte" in the list opens the venue on the map.
func TestMapListToMap(t *testing.T) {
	base := Serve(t, noTiles(t))
	ctx := Browser(t)
	openMap(t, ctx, base+"/carte/")
	id := eval[string](t, ctx, `document.querySelector("#liste .lieu").dataset.id`)
	eval[chromedp.Void](t, ctx, `document.querySelector("#liste .lieu .lieu__voir").click()`)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".leaflet-popup .lieu-popup")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatal("the venue did not open on the map")
	}
	href := eval[string](t, ctx, `document.querySelector(".leaflet-popup .lieu-popup a").getAttribute("href")`)
	if href != "/lieux/"+id+"/" {
		t.Errorf("the map opened %s, want /lieux/%s/", href, id)
	}
	if m := eval[string](t, ctx, `(document.querySelector(".lieu-marqueur--choisi") || {dataset: {}}).dataset.id || ""`); m != id {
		t.Errorf("the highlighted marker is %q, want %q", m, id)
	}
	if q := eval[string](t, ctx, `new URL(location.href).searchParams.get("lieu")`); q != id {
		t.Errorf("permalink lieu = %q, want %q", q, id)
	}
}

// TestMapOffline: with tiles disabled, no request leaves 127.0.0.1; the
// embeddable map keeps the filters of its URL.
func TestMapOffline(t *testing.T) {
	base := Serve(t, noTiles(t))
	ctx := Browser(t)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	requests := chromedp.Events(ctx, network.RequestWillBeSent)
	var urls []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ev, err := range requests {
			if err != nil {
				return
			}
			urls = append(urls, ev.Request.URL)
		}
	}()
	openMap(t, ctx, base+"/carte/?service=DEM&quand=lundi")
	openMap(t, ctx, base+"/carte/embed/?service=DEM-02")
	// The embed keeps its filter and has no site header.
	if v := eval[string](t, ctx, `document.getElementById("f-service").value`); v != "DEM-02" {
		t.Errorf("embed filter = %q, want DEM-02", v)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll(".site-header, .site-footer").length`); n != 0 {
		t.Errorf("the embeddable map shows the site's header or footer")
	}
	time.Sleep(500 * time.Millisecond)
	if len(urls) < 5 {
		t.Fatalf("only %d requests recorded: the recorder is not working", len(urls))
	}
	for _, u := range urls {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("request left the site: %s", u)
		}
	}
	if !slices.ContainsFunc(urls, func(u string) bool { return strings.HasSuffix(u, "/carte/donnees/contours.json") }) {
		t.Error("without tiles the map should load the département outlines")
	}
}

// TestMapWithoutJavaScript: /carte/ shows the static SVG map, each
// département a link to its list, and the full list.
func TestMapWithoutJavaScript(t *testing.T) {
	s := demoSite(t)
	dir := BuildDemo(t)
	b, err := os.ReadFile(filepath.Join(dir, "carte", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	static := html[strings.Index(html, `id="carte-statique"`):]
	for _, d := range s.Depts {
		if !strings.Contains(static, `<a class="svgmap__lien" href="`+d.URL+`"`) {
			t.Errorf("the SVG map has no link to %s", d.URL)
		}
	}
	for _, v := range s.Venues {
		if !strings.Contains(static, `<a href="`+v.URL+`">`) {
			t.Errorf("the static list lacks %s", v.ID)
		}
	}
	if !bytes.Contains(b, []byte(`id="carte-app" hidden`)) {
		t.Error("the interactive part must be hidden until its script runs")
	}
}

// TestHomeSearchOpensTheMap: the home page's form sends the commune to the
// map, which sorts the venues from it; without JavaScript the same address
// shows the static map whose départements are links to their lists.
func TestHomeSearchOpensTheMap(t *testing.T) {
	s := demoSite(t)
	base := Serve(t, noTiles(t))
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(page.LoadEventFired, nil, chromedp.SendKeys(chromedp.ID("accueil-q"), "Guéret"+kb.Enter))); err != nil {
		t.Fatal(err)
	}
	waitReady(t, ctx)
	if p := eval[string](t, ctx, `location.pathname + "?" + new URL(location.href).searchParams.get("q")`); !strings.HasPrefix(p, "/carte/?Guéret") {
		t.Errorf("the form led to %s", p)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("recherche-etat").textContent.includes("Guéret (23000)")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("the map did not sort from Guéret: %q", eval[string](t, ctx, `document.getElementById("recherche-etat").textContent`))
	}
	if c := s.Venue(eval[string](t, ctx, `document.querySelector("#liste .lieu").dataset.id`)).Commune; c != "Guéret" {
		t.Errorf("nearest venue is in %s", c)
	}

	// Without JavaScript.
	nojs := Browser(t)
	if _, err := chromedp.Call(nojs, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(nojs, chromedp.Navigate(base+"/carte/?q=Gu%C3%A9ret")); err != nil {
		t.Fatal(err)
	}
	state := eval[string](t, nojs, `[document.getElementById("carte-app").hidden, !!document.getElementById("carte-statique").offsetParent,
		document.querySelectorAll("#carte-statique svg a.svgmap__lien").length, document.querySelectorAll("#carte-statique .liste-compacte li").length].join(" ")`)
	if want := "true true " + itoa(len(s.Depts)) + " " + itoa(len(s.Venues)); state != want {
		t.Errorf("without JavaScript: hidden app, visible static map, département links, listed venues = %q, want %q", state, want)
	}
}

// TestMapFiltersDuringLoad: on a large site the markers are clustered in
// slices; filters changed meanwhile still end with the markers, the list
// and the count in agreement.
func TestMapFiltersDuringLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site of 4,000 venues")
	}
	src := t.TempDir()
	if err := synth.Site(Root(t), src, 4000, true); err != nil {
		t.Fatal(err)
	}
	res, err := build.Build(build.Options{Dir: src})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := res.Tree.Publish(out); err != nil {
		t.Fatal(err)
	}
	s := res.Site
	base := Serve(t, out)
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/carte/")); err != nil {
		t.Fatal(err)
	}
	// As soon as the list shows, before the markers are all in: two changes in a row.
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.documentElement.dataset.carteInteractive`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
		t.Fatal(err)
	}
	eval[chromedp.Void](t, ctx, `(() => { const s = document.getElementById("f-service"); s.value = "DEM";
		s.dispatchEvent(new Event("change", {bubbles: true}));
		const q = document.getElementById("f-qualifie"); q.click(); })()`)
	waitReady(t, ctx)
	var want []string
	for _, v := range s.Venues {
		if v.HasPoint && slices.ContainsFunc(v.Qualified, func(x *referential.Service) bool { return x.FamilyRef.Code == "DEM" }) {
			want = append(want, v.ID)
		}
	}
	markers := eval[[]string](t, ctx, `laboCarte.markerIds()`)
	if !slices.Equal(sorted(markers), sorted(want)) {
		t.Fatalf("%d markers after filtering during the load, want %d", len(markers), len(want))
	}
	total := 0
	for _, v := range s.Venues {
		if slices.ContainsFunc(v.Qualified, func(x *referential.Service) bool { return x.FamilyRef.Code == "DEM" }) {
			total++
		}
	}
	if n := eval[int](t, ctx, `laboCarte.filteredIds().length`); n != total {
		t.Errorf("list holds %d venues, want %d", n, total)
	}
	count := strings.ReplaceAll(eval[string](t, ctx, `document.getElementById("liste-compte").textContent`), "\u202f", "")
	if !strings.HasPrefix(count, strconv.Itoa(total)+" lieux correspondent") {
		t.Errorf("count says %q, want %d venues", count, total)
	}
}

// TestMapAroundMe: "Autour de moi" sorts the venues from the browser's
// position, which never goes into the address.
func TestMapAroundMe(t *testing.T) {
	s := demoSite(t)
	base := Serve(t, noTiles(t))
	ctx := Browser(t)
	if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
		Permission: &browser.PermissionDescriptor{Name: "geolocation"}, Setting: "granted", Origin: base}); err != nil {
		t.Fatal(err)
	}
	lat, lon, acc := 45.7797, 3.0863, 50.0 // Clermont-Ferrand
	if _, err := chromedp.Call(ctx, emulation.SetGeolocationOverride, emulation.SetGeolocationOverrideParams{Latitude: &lat, Longitude: &lon, Accuracy: &acc}); err != nil {
		t.Fatal(err)
	}
	openMap(t, ctx, base+"/carte/")
	eval[chromedp.Void](t, ctx, `document.getElementById("autour").click()`)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById("recherche-etat").textContent.includes("votre position")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("status: %q", eval[string](t, ctx, `document.getElementById("recherche-etat").textContent`))
	}
	waitReady(t, ctx)
	ids := eval[[]string](t, ctx, `[...document.querySelectorAll("#liste .lieu")].map(li => li.dataset.id)`)
	here := orb.Point{lon, lat}
	prev := -1.0
	for _, id := range ids {
		d := geo.DistanceKm(here, s.Venue(id).Point)
		if d+0.01 < prev {
			t.Fatalf("not sorted by distance from the position: %s at %.1f km after %.1f km", id, d, prev)
		}
		prev = d
	}
	// The address keeps the view of the map, not the position itself.
	if q := eval[string](t, ctx, `[...new URL(location.href).searchParams.keys()].join(",")`); q != "vue" {
		t.Errorf("after \"autour de moi\" the address holds %q, want only the view", q)
	}
}

// TestMapUnderCSP serves the site with the Content Security Policy of
// netlify.toml (no inline script or style) and uses the map: no violation,
// no script error.
func TestMapUnderCSP(t *testing.T) {
	conf, err := os.ReadFile(filepath.Join(Root(t), "netlify.toml"))
	if err != nil {
		t.Skip("no netlify.toml")
	}
	m := regexp.MustCompile(`Content-Security-Policy = "([^"]+)"`).FindSubmatch(conf)
	if m == nil {
		t.Fatal("netlify.toml has no Content-Security-Policy")
	}
	csp := string(m[1])
	files := serve.Handler(noTiles(t))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ctx := Browser(t)
	if _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	entries := chromedp.Events(ctx, cdplog.EntryAdded)
	exceptions := chromedp.Events(ctx, runtime.ExceptionThrown)
	var problems []string
	var mu sync.Mutex
	go func() {
		for ev, err := range entries {
			if err != nil {
				return
			}
			if strings.HasSuffix(ev.Entry.URL, "/favicon.ico") {
				continue // the site has no icon yet: not the map's concern
			}
			if ev.Entry.Level == "error" || strings.Contains(ev.Entry.Text, "Content Security Policy") {
				mu.Lock()
				problems = append(problems, string(ev.Entry.Source)+": "+ev.Entry.Text+" "+ev.Entry.URL)
				mu.Unlock()
			}
		}
	}()
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			mu.Lock()
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
			mu.Unlock()
		}
	}()
	openMap(t, ctx, srv.URL+"/carte/?service=DEM")
	eval[chromedp.Void](t, ctx, `document.querySelector("#liste .lieu .lieu__voir").click()`)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`!!document.querySelector(".leaflet-popup .lieu-popup")`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Error("the venue did not open on the map")
	}
	for _, u := range []string{"/lieux/63-puy-de-dome/", "/lieux/63-clermont-mediatheque-jaude/", "/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+u)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(300 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
}

// TestMapEmbedFilters: the embeddable map folds its filters behind a button
// that says how many are active, and keeps working after "Effacer".
func TestMapEmbedFilters(t *testing.T) {
	base := Serve(t, noTiles(t))
	ctx := Browser(t)
	openMap(t, ctx, base+"/carte/embed/?service=DEM&pass=1")
	state := func() string {
		return eval[string](t, ctx, `[document.getElementById("filtres").hidden, document.getElementById("filtres-bascule").getAttribute("aria-expanded"),
			document.getElementById("filtres-bascule").textContent].join("|")`)
	}
	if s := state(); s != "true|false|Filtrer les lieux (2 filtres actifs)" {
		t.Fatalf("folded embed filters: %q", s)
	}
	eval[chromedp.Void](t, ctx, `document.getElementById("filtres-bascule").click()`)
	if s := state(); !strings.HasPrefix(s, "false|true|") {
		t.Fatalf("after opening: %q", s)
	}
	eval[chromedp.Void](t, ctx, `document.getElementById("effacer").click()`)
	waitReady(t, ctx)
	if s := state(); s != "false|true|Filtrer les lieux" {
		t.Errorf("after clearing: %q", s)
	}
	eval[chromedp.Void](t, ctx, `document.getElementById("filtres-bascule").click()`)
	if s := state(); !strings.HasPrefix(s, "true|false|") {
		t.Errorf("after closing: %q (one click must close, whatever happened before)", s)
	}
	if href := eval[string](t, ctx, `document.getElementById("ouvrir-site").getAttribute("href")`); !strings.HasPrefix(href, "/carte/?vue=") {
		t.Errorf("the link to the full map is %q, want the same view without filters", href)
	}
}
