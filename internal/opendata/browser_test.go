package opendata_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"labo/internal/browsertest"
)

// TestCataloguePage loads /donnees/ in Chromium: every file is listed, the
// schema opens from the keyboard (a native <details>, no script), and the
// download links serve the files.
func TestCataloguePage(t *testing.T) {
	res := buildDemo(t)
	base := browsertest.Serve(t, browsertest.BuildDemo(t))
	ctx := browsertest.Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/donnees/")); err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	current, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(`.main-nav a[aria-current]`)))
	if err != nil {
		t.Fatal(err)
	}
	if h1 != "Données ouvertes" || current != "Données" {
		t.Errorf("h1 = %q, current navigation entry = %q", h1, current)
	}
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('.datasets tbody tr').length`))
	if err != nil {
		t.Fatal(err)
	}
	if rows != len(res.Datasets) {
		t.Errorf("the summary lists %d files, the build made %d", rows, len(res.Datasets))
	}
	const summary = `#lieux-csv details:first-of-type > summary`
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS(summary)), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	fields, err := chromedp.Run(ctx, chromedp.Poll[int](`document.querySelector('#lieux-csv details[open] table.schema') ? document.querySelectorAll('#lieux-csv details[open] table.schema tbody tr').length : 0`))
	if err != nil {
		t.Fatal(err)
	}
	if fields != 32 {
		t.Errorf("the opened schema shows %d fields, want 32", fields)
	}
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.datasets a[download]')].map(a => a.getAttribute('href'))`))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hrefs {
		resp, err := http.Get(base + h)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(body) == 0 {
			t.Errorf("%s: status %d, %d bytes", h, resp.StatusCode, len(body))
		}
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/donnees/changements/")); err != nil {
		t.Fatal(err)
	}
	lead, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("p.lead")))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(lead, "Du 1er mai 2026 au 1er novembre 2026 :") {
		t.Errorf("change log lead = %q", lead)
	}
	sections, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('main h2')].map(h => h.textContent)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(sections) != 6 {
		t.Errorf("sections = %q, want one per kind of change in the demo", sections)
	}
}
