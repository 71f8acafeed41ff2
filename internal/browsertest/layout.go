package browsertest

import (
	"context"

	"github.com/chromedp/chromedp"
)

// ReflowProblems reports what overflows the viewport horizontally on the
// current page (WCAG 1.4.10: usable at 320 CSS pixels wide without
// scrolling in two directions). Content inside a scrollable box (a data
// table in .table-wrap) is allowed. Set the viewport first, for example
// chromedp.EmulateViewport(320, 640).
func ReflowProblems(ctx context.Context) ([]string, error) {
	if err := Settle(ctx); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](kbHelpers+`;(function () {
  var out = [], w = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > w + 1) {
    out.push("the page scrolls horizontally: " + document.documentElement.scrollWidth + " px wide for a " + w + " px viewport");
  }
  // Inside a box that scrolls or clips (a data table in .table-wrap, a
  // visually hidden caption), content may be wider.
  var clipped = function (el) {
    for (var p = el; p; p = p.parentElement) {
      var cs = getComputedStyle(p);
      if (cs.overflowX === "auto" || cs.overflowX === "scroll" || cs.overflowX === "hidden" || cs.overflowX === "clip" || cs.clipPath !== "none") return true;
    }
    return false;
  };
  var scrolls = function (el) { return !!el.parentElement && clipped(el.parentElement); };
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1 && !scrolls(el) && el.checkVisibility()) {
      out.push("wider than the viewport: " + __laboKb.path(el) + " (right edge at " + Math.round(r.right) + " px)");
    }
  });
  // Text can overflow a box that fits (a long address without spaces).
  var tw = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), n, range = document.createRange();
  while ((n = tw.nextNode())) {
    if (!n.textContent.trim() || !n.parentElement || !n.parentElement.checkVisibility() || clipped(n.parentElement)) continue;
    range.selectNodeContents(n);
    var r = range.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 1) {
      out.push("text wider than the viewport in " + __laboKb.path(n.parentElement) + " (right edge at " + Math.round(r.right) + " px): " + n.textContent.trim().slice(0, 60));
    }
  }
  return out.slice(0, 10);
})()`))
}

// SmallTargets reports the controls smaller than 44×44 CSS pixels (the
// project's minimum for people with tremor or poor sight): buttons, form
// fields, navigation links and links styled as buttons. Links inside a
// sentence are exempt, as in WCAG 2.5.5.
func SmallTargets(ctx context.Context) ([]string, error) {
	if err := Settle(ctx); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](kbHelpers+`;(function () {
  var sel = "button, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, summary, nav a, a.button, .tile, label:has(input[type=checkbox]), label:has(input[type=radio])";
  var out = [];
  document.querySelectorAll(sel).forEach(function (el) {
    if (!el.checkVisibility() || el.getClientRects().length === 0) return;
    var r = el.getBoundingClientRect();
    if (r.height < 44 || r.width < 44) {
      out.push(__laboKb.path(el) + " is " + Math.round(r.width) + "×" + Math.round(r.height) + " px: " + (el.innerText || el.value || "").trim().slice(0, 40));
    }
  });
  return out;
})()`))
}
