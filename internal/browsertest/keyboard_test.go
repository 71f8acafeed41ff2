package browsertest

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestKeyboard walks one page of every template with Tab only: skip link
// first and working, every interactive element reached, in view and with a
// visible focus indicator.
func TestKeyboard(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	for _, p := range Pages {
		t.Run(p.Kind, func(t *testing.T) {
			CheckKeyboard(t, ctx, base+p.Path)
		})
	}
}

// TestKeyboardJourney finds a venue from the home page with the keyboard
// only: Tab to a link, Enter, on each page of the way.
func TestKeyboardJourney(t *testing.T) {
	base := Serve(t, BuildDemo(t))
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct{ link, wantPath string }{
		{`nav a[href="/lieux/"]`, "/lieux/"},
		{`main a[href="/lieux/63-puy-de-dome/"]`, "/lieux/63-puy-de-dome/"},
		{`main a[href="/lieux/63-clermont-france-services-gare/"]`, "/lieux/63-clermont-france-services-gare/"},
		{`main a[href^="/referentiel/"]`, "/referentiel/"},
	} {
		if _, err := TabTo(ctx, step.link, 400); err != nil {
			t.Fatalf("from %s: %v", step.wantPath, err)
		}
		if err := Press(ctx, kb.Enter); err != nil {
			t.Fatal(err)
		}
		if err := WaitPath(ctx, step.wantPath, 5*time.Second); err != nil {
			t.Fatalf("Enter on %s: %v", step.link, err)
		}
	}
}
