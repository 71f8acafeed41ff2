package browsertest

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// SetJavaScript turns the page's scripts on or off for the next navigations
// of the tab (Emulation.setScriptExecutionDisabled), to check what a visitor
// without JavaScript gets. Tests can still evaluate their own expressions.
func SetJavaScript(ctx context.Context, on bool) error {
	return chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
		return err
	}))
}

// MissingEssentials returns the parts of a comma-separated CSS selector list
// that match no visible element with text or a label on the current page,
// and "main has no text" when the main content is empty.
func MissingEssentials(ctx context.Context, selectors string) ([]string, error) {
	var parts []string
	for _, p := range strings.Split(selectors, ",") {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	arg, _ := json.Marshal(parts)
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function (sels) {
  var missing = sels.filter(function (s) {
    return !Array.prototype.some.call(document.querySelectorAll(s), function (el) {
      // SVG elements have no innerText: their text is in <title>, <text>.
      var text = ((el.innerText === undefined ? el.textContent : el.innerText) || el.getAttribute("aria-label") || el.getAttribute("alt") || "").trim();
      return el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0 && text !== "";
    });
  });
  var main = document.querySelector("main");
  if (!main || main.innerText.trim() === "") missing.push("main has no text");
  return missing;
})(`+string(arg)+`)`))
}
