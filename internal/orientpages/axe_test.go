package orientpages_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"labo/internal/browsertest"
)

// TestAxe runs axe-core (node_modules, installed by npm ci) on the
// assistant's pages, with results shown, and requires no WCAG 2.1 A or AA
// violation.
func TestAxe(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(browsertest.Root(t), "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("axe-core is missing: run npm ci (scripts/install-test-deps.sh)")
		}
		t.Skip("axe-core is missing: run npm ci")
	}
	ctx, base := open(t, "/orienter/")
	run := func(label string) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
			t.Fatal(err)
		}
		out := eval[string](t, ctx, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
			.then((r) => JSON.stringify(r.passes.length < 10 ? [{id: "too-few-checks", help: r.passes.length + " rules passed", nodes: []}] :
				r.violations.map((v) => ({id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5)}))))`)
		var violations []map[string]any
		if err := json.Unmarshal([]byte(out), &violations); err != nil {
			t.Fatal(err)
		}
		for _, v := range violations {
			t.Errorf("%s: %v: %v %v", label, v["id"], v["help"], v["nodes"])
		}
	}
	waitFor(t, ctx, `!document.getElementById("orienter").hidden`)
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`button[data-value="emploi"]`)),
		chromedp.Click(chromedp.CSS(`input[value="Illettrisme"]`)),
		chromedp.SendKeys(chromedp.CSS("#lieu-recherche"), "Chinon"),
	); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!!document.querySelector("#lieu-suggestions button")`)
	run("/orienter/ with suggestions")
	eval[chromedp.Void](t, ctx, `document.querySelector("#lieu-suggestions button").click()`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#orienter button[type="submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ctx, `!document.getElementById("resultats").hidden`)
	run("/orienter/ with results")
	for _, p := range []string{"/orienter/emploi/", "/orienter/emploi/37-indre-et-loire/", "/orienter/fiche/emploi/37-chinon-france-services/#depuis=Chinon&lat=47.167&lon=0.2428",
		"/guides/orienter-vers-le-bon-lieu/"} {
		if err := chromedp.Do(ctx, chromedp.Navigate(base+p)); err != nil {
			t.Fatal(err)
		}
		run(p)
	}
}
