package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeTags are the rule sets every page must pass: WCAG 2.0 and 2.1, levels A
// and AA, and axe's best practices (landmarks, one h1, skip link target…).
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"}

// AxeViolation is one failed axe-core rule with the elements that fail it.
type AxeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target         []any  `json:"target"`
		HTML           string `json:"html"`
		FailureSummary string `json:"failureSummary"`
	} `json:"nodes"`
}

// String prints the rule, its help text and every failing element, so that
// a test failure says what to fix and where.
func (v AxeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&b, "\n    - %v %s\n      %s", n.Target, n.HTML, strings.ReplaceAll(n.FailureSummary, "\n", "\n      "))
	}
	return b.String()
}

var (
	axeOnce sync.Once
	axeSrc  string
	axeErr  error
)

// AxeSource returns axe-core's axe.min.js from node_modules (npm package
// axe-core, MPL-2.0: the file is injected into test pages, never published).
// Without node_modules the test is skipped locally and fails under CI, like
// a missing Chromium.
func AxeSource(t testing.TB) string {
	t.Helper()
	axeOnce.Do(func() {
		var b []byte
		b, axeErr = os.ReadFile(filepath.Join(Root(t), "node_modules", "axe-core", "axe.min.js"))
		axeSrc = string(b)
	})
	if axeErr != nil {
		Missing(t, "axe-core is not installed (node_modules/axe-core/axe.min.js): "+axeErr.Error())
	}
	return axeSrc
}

// Missing skips the test locally and fails it under CI: a quality check
// must never pass because its tool is absent.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") != "" {
		t.Fatal(what + " (scripts/install-test-deps.sh installs it)")
	}
	t.Skip(what + ": test skipped (run scripts/install-test-deps.sh)")
}

// Axe injects axe-core into the current page and returns the violations of
// the rules tagged AxeTags. The page must be loaded.
func Axe(t testing.TB, ctx context.Context) ([]AxeViolation, error) {
	t.Helper()
	src := AxeSource(t)
	if err := Settle(ctx); err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](src+"\n;void 0")); err != nil {
		return nil, fmt.Errorf("injecting axe-core: %w", err)
	}
	tags, _ := json.Marshal(AxeTags)
	script := `axe.run(document, {runOnly: {type: "tag", values: ` + string(tags) + `}, resultTypes: ["violations"]})
		.then(r => JSON.stringify(r.violations))`
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](script, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("running axe-core: %w", err)
	}
	var out []AxeViolation
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		return nil, fmt.Errorf("decoding axe-core results: %w", err)
	}
	return out, nil
}
