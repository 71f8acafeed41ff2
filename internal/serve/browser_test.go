package serve_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"labo/internal/browsertest"
	"labo/internal/sitecopy"
)

// TestBrowserReloadAndOverlay opens a guide in Chromium through the dev
// server, under the site's Content-Security-Policy: an edit reloads the
// page with the new title, a broken CSV row shows the overlay with file and
// line over the last good page, and the fix takes it away.
func TestBrowserReloadAndOverlay(t *testing.T) {
	ctx := browsertest.Browser(t)
	dir, base, _ := startDev(t)
	guide := "content/guides/les-six-etapes.md"
	// wait polls expr until it is true; a reload in the middle of a poll
	// ends it with an error, so errors only count at the deadline.
	wait := func(what, expr string) {
		t.Helper()
		deadline := time.Now().Add(15 * time.Second)
		for {
			ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
			if err == nil && ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("waiting for %s: %v", what, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/guides/les-six-etapes/")); err != nil {
		t.Fatal(err)
	}
	// The event stream is open once the script ran; mark the page to see
	// that it really reloads.
	wait("the reload script", `document.querySelector('script[src="/_labo/live.js"]') !== null`)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.laboMark = 1`)); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond)

	sitecopy.Edit(t, dir, guide, "Les six étapes pour accompagner", "Six étapes en pratique pour accompagner")
	wait("the new title", `document.querySelector("h1") && document.querySelector("h1").textContent.includes("Six étapes en pratique") && window.laboMark === undefined`)

	csv := sitecopy.Read(t, dir, "data/lieux.csv")
	sitecopy.Edit(t, dir, "data/lieux.csv", ",45.77760,3.08250,", ",45.77760,est,")
	wait("the overlay", `document.getElementById("labo-overlay") !== null`)
	text, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("#labo-overlay")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "data/lieux.csv:2") || !strings.Contains(text, "longitude") {
		t.Errorf("overlay says %q, want file, line and field", text)
	}
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){var o=document.getElementById("labo-overlay");var s=getComputedStyle(o);return s.position==="fixed"&&o.getBoundingClientRect().height>0})()`))
	if err != nil || !visible {
		t.Errorf("overlay not styled as a fixed panel (live.css blocked by the CSP?): %v", err)
	}
	title, _ := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if !strings.Contains(title, "Six étapes en pratique") {
		t.Errorf("last good page not kept under the overlay: %q", title)
	}

	sitecopy.Write(t, dir, "data/lieux.csv", csv)
	wait("the overlay to go", `document.readyState === "complete" && document.getElementById("labo-overlay") === null && document.querySelector("h1") !== null`)
}
