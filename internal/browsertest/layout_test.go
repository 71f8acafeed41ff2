package browsertest

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestSmallScreens loads one page of every template 320 px wide: nothing
// overflows sideways, and every control is at least 44×44 px.
func TestSmallScreens(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	for _, width := range []int64{320, 1280} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 800)); err != nil {
			t.Fatal(err)
		}
		for _, p := range Pages {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+p.Path)); err != nil {
				t.Fatal(err)
			}
			if width == 320 {
				reflow, err := ReflowProblems(ctx)
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range reflow {
					t.Errorf("%s at %d px: %s", p.Path, width, r)
				}
			}
			small, err := SmallTargets(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range small {
				t.Errorf("%s at %d px: target smaller than 44×44 px: %s", p.Path, width, s)
			}
		}
	}
}
