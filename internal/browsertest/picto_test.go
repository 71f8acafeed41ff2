package browsertest

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// unresolvedPictos lists the displayed pictograms of the page whose <use>
// draws nothing (sprite not loaded, blocked by the policy, unknown symbol),
// and counts the displayed ones. A <use> of an external symbol has an empty
// box until the sprite is there (and so has a hidden one: the no-JavaScript
// parts a script hides are left out).
const unresolvedPictos = `(() => {
  const all = [...document.querySelectorAll("svg.picto")].filter(s => s.checkVisibility());
  const bad = all.filter(s => { const u = s.querySelector("use"); return !u || u.getBBox().width <= 0; })
    .map(s => s.querySelector("use") ? s.querySelector("use").getAttribute("href") : s.outerHTML);
  return {count: all.length, bad, imgs: document.querySelectorAll("img.picto").length};
})()`

type pictoState struct {
	Count int      `json:"count"`
	Bad   []string `json:"bad"`
	Imgs  int      `json:"imgs"`
}

// TestPictogramsDisplay loads one page of every template from the server
// with the site's headers (Content-Security-Policy, nosniff) and checks that
// every pictogram's <use> resolves to its symbol in the sprite.
func TestPictogramsDisplay(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	total := 0
	for _, p := range Pages {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p.Path)); err != nil {
			t.Fatal(err)
		}
		// The sprite may arrive after the load event: wait for it, then
		// read the state (a page whose icons never resolve is reported).
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		_, _ = chromedp.Run(pctx, chromedp.Poll[bool](`(() => { const s = `+unresolvedPictos+`; return s.bad.length === 0; })()`, chromedp.WithPollingInterval(50*time.Millisecond)))
		cancel()
		st, err := chromedp.Run(ctx, chromedp.Evaluate[pictoState](unresolvedPictos))
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range st.Bad {
			t.Errorf("%s: pictogram %s draws nothing", p.Path, h)
		}
		if st.Imgs > 0 {
			t.Errorf("%s: %d <img class=picto>: pictograms are <svg><use>, in the text colour", p.Path, st.Imgs)
		}
		if st.Count == 0 && !strings.Contains(p.Path, "/embed/") && p.Path != "/accessibilite/" {
			t.Errorf("%s: no pictogram at all (the header's search button has one)", p.Path)
		}
		total += st.Count
	}
	if total < 100 {
		t.Errorf("%d pictograms over the pages, expected hundreds", total)
	}
}

// inkOf counts the pixels of a PNG close to colour c (within tol per
// channel).
func inkOf(t *testing.T, b []byte, c [3]int, tol int) (n, all int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	r := img.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if near(int(cr>>8), c[0], tol) && near(int(cg>>8), c[1], tol) && near(int(cb>>8), c[2], tol) {
				n++
			}
			all++
		}
	}
	return n, all
}

func near(a, b, tol int) bool { return a-b <= tol && b-a <= tol }

// colorOf returns the computed colour of the first element matching sel, as
// RGB.
func colorOf(t *testing.T, ctx context.Context, sel string) [3]int {
	t.Helper()
	rgb, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](`getComputedStyle(document.querySelector(`+jsString(sel)+`)).color.match(/\d+/g).slice(0, 3).map(Number)`))
	if err != nil || len(rgb) != 3 {
		t.Fatalf("colour of %s: %v %v", sel, rgb, err)
	}
	return [3]int{rgb[0], rgb[1], rgb[2]}
}

// TestPictogramsDrawInTextColour takes screenshots of pictograms: a
// navigation icon and a fiche heading icon are drawn with their text's
// colour (stroke="currentColor" through the sprite). In forced-colors mode
// (Windows high contrast), emulated with a dark scheme, the fiche's icons
// take the system's light text colour: they were black <img> before.
func TestPictogramsDrawInTextColour(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	check := func(page, sel string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+page)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`(() => { const u = document.querySelector(`+jsString(sel+" use")+`); return !!u && u.getBBox().width > 0; })()`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Fatalf("%s %s: sprite not loaded: %v", page, sel, err)
		}
		c := colorOf(t, ctx, sel)
		shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		if err != nil {
			t.Fatal(err)
		}
		n, all := inkOf(t, shot, c, 40)
		// A Lucide icon's strokes cover about 10 to 30 % of its box.
		if n*100 < 5*all {
			t.Errorf("%s %s: %d of %d pixels in the text colour %v: the icon is not drawn in it", page, sel, n, all, c)
		}
	}
	check("/lieux/63-clermont-france-services-gare/", "header nav a svg.picto")
	check("/lieux/63-clermont-france-services-gare/", "main h2 svg.picto")
	fiche := "/orienter/fiche/demarche-urgente/63-clermont-france-services-gare/"
	check(fiche, "#fiche-adresse svg.picto")

	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{
		{Name: "forced-colors", Value: "active"}, {Name: "prefers-color-scheme", Value: "dark"},
	}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}) })
	check(fiche, "#fiche-adresse svg.picto")
	if c := colorOf(t, ctx, "#fiche-adresse"); c[0]+c[1]+c[2] < 3*128 {
		t.Errorf("forced colours with a dark scheme: heading colour %v, expected a light system colour (emulation not applied?)", c)
	}
}
