package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestWithoutJavaScript loads one page of every template with scripts
// disabled: the essential content must be there and visible.
func TestWithoutJavaScript(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	if err := SetJavaScript(ctx, false); err != nil {
		t.Fatal(err)
	}
	for _, p := range Pages {
		t.Run(p.Kind, func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p.Path)); err != nil {
				t.Fatal(err)
			}
			missing, err := MissingEssentials(ctx, p.Essential)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range missing {
				t.Errorf("%s without JavaScript: nothing visible matches %s", p.Path, m)
			}
		})
	}
}
