package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Focused describes the element that has the keyboard focus, as a keyboard
// user would meet it.
type Focused struct {
	Path      string // unique CSS path, "body > header > nav > ul > li:nth-child(2) > a"
	Tag       string // lowercase tag name
	ID        string
	Class     string
	Text      string // accessible text, trimmed and shortened
	Href      string // the href attribute as written, for links
	InView    bool   // has a box of at least 1×1 px inside the viewport
	Indicator bool   // shows a focus indicator: an outline or a box-shadow
	Body      bool   // nothing is focused (focus is on the body)
}

func (f Focused) String() string {
	s := "<" + f.Tag
	if f.ID != "" {
		s += " id=" + f.ID
	}
	if f.Href != "" {
		s += " href=" + f.Href
	}
	s += ">"
	if f.Text != "" {
		s += " " + f.Text
	}
	return s + " (" + f.Path + ")"
}

// kbHelpers defines window.__laboKb once per document: the same CSS path
// function serves the focused element and the list of focusable elements, so
// the two can be compared.
const kbHelpers = `window.__laboKb = window.__laboKb || (function () {
  function path(el) {
    if (!el || el === document.body || el === document.documentElement) return "body";
    var parts = [];
    for (; el && el.nodeType === 1 && el !== document.body; el = el.parentElement) {
      var p = el.localName;
      if (el.id) { parts.unshift(p + "#" + CSS.escape(el.id)); break; }
      var n = 1, s = el;
      while ((s = s.previousElementSibling)) n++;
      parts.unshift(p + ":nth-child(" + n + ")");
    }
    if (el === document.body) parts.unshift("body");
    return parts.join(" > ");
  }
  function info(el) {
    if (!el || el === document.body || el === document.documentElement) return {Body: true, Path: "body", Tag: "body"};
    var r = el.getBoundingClientRect();
    var cs = getComputedStyle(el);
    var outline = cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0 && cs.outlineColor !== "rgba(0, 0, 0, 0)";
    var shadow = cs.boxShadow && cs.boxShadow !== "none";
    var text = (el.getAttribute("aria-label") || el.innerText || el.value || el.getAttribute("title") || "").replace(/\s+/g, " ").trim();
    return {
      Path: path(el), Tag: el.localName, ID: el.id || "", Class: el.getAttribute("class") || "",
      Text: text.length > 60 ? text.slice(0, 57) + "…" : text,
      Href: el.getAttribute("href") || "",
      InView: r.width >= 1 && r.height >= 1 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
      Indicator: !!(outline || shadow)
    };
  }
  var selector = "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [tabindex], [contenteditable=true]";
  function focusables() {
    return Array.prototype.filter.call(document.querySelectorAll(selector), function (el) {
      if (el.disabled || el.closest("[inert]")) return false;
      if (el.hasAttribute("tabindex") && el.tabIndex < 0) return false;
      return el.checkVisibility({visibilityProperty: true}) && el.getClientRects().length > 0;
    }).map(path);
  }
  return {path: path, info: info, focusables: focusables};
})();`

// ActiveElement describes the element that has the focus now.
func ActiveElement(ctx context.Context) (Focused, error) {
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](kbHelpers+`;JSON.stringify(__laboKb.info(document.activeElement))`))
	if err != nil {
		return Focused{}, err
	}
	var f Focused
	err = json.Unmarshal([]byte(raw), &f)
	return f, err
}

// Press sends keys (kb.Tab, kb.Enter, " ", "abc"…) to the focused element.
func Press(ctx context.Context, keys string, opts ...chromedp.KeyOption) error {
	return chromedp.Do(ctx, chromedp.KeyEvent(keys, opts...))
}

// Tab presses Tab and returns the newly focused element.
func Tab(ctx context.Context) (Focused, error) {
	if err := Press(ctx, kb.Tab); err != nil {
		return Focused{}, err
	}
	return ActiveElement(ctx)
}

// ShiftTab presses Shift+Tab and returns the newly focused element.
func ShiftTab(ctx context.Context) (Focused, error) {
	if err := Press(ctx, kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)); err != nil {
		return Focused{}, err
	}
	return ActiveElement(ctx)
}

// TabTo presses Tab until an element matching the CSS selector has the
// focus, at most limit times, and returns it.
func TabTo(ctx context.Context, selector string, limit int) (Focused, error) {
	sel, _ := json.Marshal(selector)
	for range limit {
		f, err := Tab(ctx)
		if err != nil {
			return f, err
		}
		match, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(document.activeElement && document.activeElement.matches(`+string(sel)+`))`))
		if err != nil {
			return f, err
		}
		if match {
			return f, nil
		}
	}
	return Focused{}, fmt.Errorf("%s not reached after %d presses of Tab", selector, limit)
}

// Focusables lists the CSS paths of every visible element a keyboard user
// must be able to reach, in document order.
func Focusables(ctx context.Context) ([]string, error) {
	return chromedp.Run(ctx, chromedp.Evaluate[[]string](kbHelpers+`;__laboKb.focusables()`))
}

// Restart moves the focus back to the start of the page, as after it loaded:
// the next Tab focuses the first focusable element.
func Restart(ctx context.Context) error {
	// Blurring is not enough: the browser keeps the last focused element as
	// the starting point of the next Tab. Focusing a temporary element at the
	// very start of the body, then removing it, moves that point to the top.
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(function () {
  var m = document.createElement("span");
  m.tabIndex = -1;
  document.body.insertBefore(m, document.body.firstChild);
  m.focus();
  m.remove();
  window.scrollTo(0, 0);
})()`))
}

// Walk presses Tab from the start of the current page until the focus comes
// back to an element already seen or leaves the page, at most limit times,
// and returns the elements in the order they were focused.
func Walk(ctx context.Context, limit int) ([]Focused, error) {
	if err := Restart(ctx); err != nil {
		return nil, err
	}
	var out []Focused
	seen := map[string]bool{}
	for range limit {
		f, err := Tab(ctx)
		if err != nil {
			return out, err
		}
		if f.Body || seen[f.Path] {
			return out, nil
		}
		seen[f.Path] = true
		out = append(out, f)
	}
	return out, fmt.Errorf("the focus did not leave the page after %d presses of Tab", limit)
}

// Settle waits until the page's DOM has not changed for 100 ms (at most
// 3 s): scripts that fetch data then show or hide parts of the page run
// after the load event that Navigate waits for.
func Settle(ctx context.Context) error {
	return chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`new Promise(function (done) {
  var timer, stop = setTimeout(finish, 3000);
  var mo = new MutationObserver(function () { clearTimeout(timer); timer = setTimeout(finish, 100); });
  function finish() { mo.disconnect(); clearTimeout(stop); clearTimeout(timer); done(); }
  mo.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  timer = setTimeout(finish, 100);
})`, chromedp.EvalAwaitPromise))
}

// KeyboardProblems walks the current page with Tab and returns what a
// keyboard-only user would miss: the skip link must come first, be visible
// when focused and move the focus to the main content; every interactive
// element must be reached, in view and with a visible focus indicator.
// Feature tests (map, orientation assistant) call it on their own pages,
// then drive their widgets with Tab, Press and ActiveElement.
func KeyboardProblems(ctx context.Context) ([]string, error) {
	var problems []string
	if err := Settle(ctx); err != nil {
		return nil, err
	}
	want, err := Focusables(ctx)
	if err != nil {
		return nil, err
	}
	walk, err := Walk(ctx, 3*len(want)+10)
	if err != nil {
		problems = append(problems, err.Error())
	}
	reached := map[string]bool{}
	for _, f := range walk {
		reached[f.Path] = true
		if !f.InView {
			problems = append(problems, "focused but not in view: "+f.String())
		}
		if !f.Indicator {
			problems = append(problems, "focused without a visible focus indicator: "+f.String())
		}
	}
	for _, p := range want {
		if !reached[p] {
			problems = append(problems, "interactive element never reached with Tab: "+p)
		}
	}
	if len(walk) == 0 || !strings.Contains(" "+walk[0].Class+" ", " skip-link ") {
		first := "nothing"
		if len(walk) > 0 {
			first = walk[0].String()
		}
		problems = append(problems, "the first Tab should focus the skip link, found "+first)
		return problems, nil
	}
	// The skip link: first Tab, then Enter, lands in <main>.
	if err := Restart(ctx); err != nil {
		return nil, err
	}
	if _, err := Tab(ctx); err != nil {
		return nil, err
	}
	if err := Press(ctx, kb.Enter); err != nil {
		return nil, err
	}
	target := strings.TrimPrefix(walk[0].Href, "#")
	// Following an in-page link is asynchronous: wait for the new fragment.
	hash, _ := json.Marshal("#" + target)
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`location.hash === `+string(hash), chromedp.WithPollingTimeout(2*time.Second))); err != nil {
		problems = append(problems, "Enter on the skip link did not go to "+walk[0].Href)
	}
	f, err := ActiveElement(ctx)
	if err != nil {
		return nil, err
	}
	if f.ID != target || f.Tag != "main" {
		problems = append(problems, fmt.Sprintf("Enter on the skip link should move the focus to <main id=%s>, found %s", target, f))
	}
	next, err := Tab(ctx)
	if err != nil {
		return nil, err
	}
	inMain, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!(document.activeElement && document.activeElement.closest("main"))`))
	if err != nil {
		return nil, err
	}
	mainFocusables, err := chromedp.Run(ctx, chromedp.Evaluate[int](kbHelpers+`;__laboKb.focusables().filter(p => document.querySelector(p) && document.querySelector(p).closest("main")).length`))
	if err != nil {
		return nil, err
	}
	if mainFocusables > 0 && !inMain {
		problems = append(problems, "after the skip link, Tab should reach the first link of the main content, found "+next.String())
	}
	return slices.Compact(problems), nil
}

// CheckKeyboard loads url and fails t with every keyboard problem of the page.
func CheckKeyboard(t testing.TB, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	problems, err := KeyboardProblems(ctx)
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	for _, p := range problems {
		t.Errorf("%s: %s", url, p)
	}
}

// WaitPath waits until the tab shows a loaded page whose path starts with
// prefix (after a link was followed with Enter), at most timeout.
func WaitPath(ctx context.Context, prefix string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	last := ""
	for time.Now().Before(deadline) {
		// Evaluations fail while the old document goes away: try again.
		path, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.pathname : ""`))
		if err == nil && path != "" {
			last = path
			if strings.HasPrefix(path, prefix) {
				return nil
			}
		}
		if err := chromedp.Do(ctx, chromedp.Sleep(50*time.Millisecond)); err != nil {
			return err
		}
	}
	return fmt.Errorf("at %s after %s, want a page under %s", last, timeout, prefix)
}
