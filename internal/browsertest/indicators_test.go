package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestIndicatorPages loads the dashboard, the methodology, an action and its
// infographic on a phone-sized screen: every chart is an image named by its
// own title, has a data table, and nothing is wider than the screen.
func TestIndicatorPages(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(375, 812)); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/indicateurs/", "/indicateurs/methode/", "/actions/", "/actions/illettrisme-puy-de-dome/", "/actions/dix-heures-de-culture-numerique/infographie/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
			t.Fatal(err)
		}
		bad, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
			const out = [];
			for (const svg of document.querySelectorAll('svg.chart')) {
				const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
				const named = ids.length === 2 && ids.every(id => { const e = document.getElementById(id); return e && svg.contains(e) && e.textContent.trim() !== ''; });
				if (svg.getAttribute('role') !== 'img' || !named) out.push('chart ' + svg.id + ' is not a named image');
				const fig = svg.closest('figure');
				if (!fig || !fig.querySelector('table')) out.push('chart ' + svg.id + ' has no data table');
			}
			if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('page wider than the screen: ' + document.documentElement.scrollWidth + 'px');
			return out;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			t.Errorf("%s: %s", path, b)
		}
	}
}
