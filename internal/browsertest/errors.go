package browsertest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A recorder keeps what pages reported that a test must not ignore: Content
// Security Policy violations and uncaught JavaScript exceptions. Browser
// installs one in every tab and fails the test at its end when it holds
// anything; PageErrors reads and clears it (tests that expect errors).
type recorder struct {
	mu     sync.Mutex
	errors []string
}

type recorderKey struct{}

func (r *recorder) add(s string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !slices.Contains(r.errors, s) {
		r.errors = append(r.errors, s)
	}
}

// cspListener reports every securitypolicyviolation event of every document
// of the tab to Go. It runs before the page's own scripts.
const cspListener = `document.addEventListener("securitypolicyviolation", function (e) {
  window.__laboCSPViolation({directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample, document: e.documentURI});
});`

type cspViolation struct {
	Directive string `json:"directive"`
	Blocked   string `json:"blocked"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Sample    string `json:"sample"`
	Document  string `json:"document"`
}

func (r *recorder) watch(ctx context.Context) error {
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			switch {
			case m.IsException():
				r.add(fmt.Sprintf("uncaught exception at %s:%d: %s", m.URL, m.Line+1, m.Text))
			case strings.Contains(m.Text, "Content Security Policy"):
				r.add("CSP: " + m.Text)
			}
		}
	}()
	return chromedp.Do(ctx,
		chromedp.ExposeFunc("__laboCSPViolation", func(_ context.Context, v cspViolation) (chromedp.Void, error) {
			r.add(fmt.Sprintf("CSP violation on %s: %s blocked %q (%s:%d) %s", v.Document, v.Directive, v.Blocked, v.Source, v.Line, v.Sample))
			return chromedp.Void{}, nil
		}),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspListener})
			return err
		}),
	)
}

// PageErrors returns and clears the CSP violations and uncaught exceptions
// the pages of the tab reported so far.
func PageErrors(ctx context.Context) []string {
	r, _ := ctx.Value(recorderKey{}).(*recorder)
	if r == nil {
		return nil
	}
	// Violation events and console messages arrive asynchronously: give the
	// page a moment, then a round trip, before reading.
	_ = chromedp.Do(ctx, chromedp.Sleep(100*time.Millisecond), chromedp.Evaluate[chromedp.Void](`void 0`))
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.errors
	r.errors = nil
	return out
}
