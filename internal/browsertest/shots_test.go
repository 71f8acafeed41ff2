package browsertest

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestShots takes screenshots of page sections for a person to look at:
// SHOTS="url#selector,..." go test ./internal/browsertest -run TestShots
func TestShots(t *testing.T) {
	list := os.Getenv("SHOTS")
	if list == "" {
		t.Skip("SHOTS not set")
	}
	ctx := Browser(t)
	for i, item := range strings.Split(list, ",") {
		url, sel, _ := strings.Cut(item, "|")
		if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
			t.Fatal(err)
		}
		var buf []byte
		var err error
		if sel == "" {
			buf, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		} else {
			buf, err = chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		}
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("/tmp/shot-%d.png", i)
		_ = os.WriteFile(name, buf, 0o644)
		t.Log(name, item)
	}
}
