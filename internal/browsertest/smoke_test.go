package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestHomeRenders loads the demo home page in Chromium and checks the main
// heading and the skip link, which every page must have.
func TestHomeRenders(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1")))
	if err != nil {
		t.Fatal(err)
	}
	skip, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(".skip-link"), "href"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h1, "Trouver un lieu") || skip.Value != "#contenu" {
		t.Errorf("h1 = %q, skip link = %+v", h1, skip)
	}
}
