package pages_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"labo/internal/browsertest"
)

// TestGuidePrint checks the print rules of a guide in Chromium: black on
// white, no navigation, the address of every link, the guide's own address,
// then prints it to PDF and reads the text back.
func TestGuidePrint(t *testing.T) {
	s, dir := demo(t)
	base := browsertest.Serve(t, dir)
	ctx := browsertest.Browser(t)
	const path = "/guides/orienter-vers-le-bon-lieu/"
	if err := chromedp.Do(ctx, chromedp.Navigate(base+path)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	res, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(() => {
		const d = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e).display : "missing"; };
		const after = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e, "::after").content : "missing"; };
		const colour = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e).color : "missing"; };
		const bg = (sel) => { const e = document.querySelector(sel); return e ? getComputedStyle(e).backgroundColor : "missing"; };
		return {
			nav: d(".main-nav"), crumbs: d(".crumbs"), footer: d(".site-footer"), pager: d(".pager"), toc: d(".toc"), skip: d(".skip-link"),
			url: d(".guide__url"), urlText: document.querySelector(".guide__url").textContent,
			internal: after('.prose a[href="/orienter/"]'), inGuide: after('.prose a[href^="/guides/"]'), service: after('.related a[href^="/referentiel/"]'),
			link: colour(".prose a"), text: colour(".prose p"), keypoints: bg(".keypoints"), keypointsText: colour(".keypoints li"),
		};
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"nav", "crumbs", "footer", "pager", "toc", "skip"} {
		if res[k] != "none" {
			t.Errorf("%s is printed (display %s)", k, res[k])
		}
	}
	if res["url"] == "none" || !strings.Contains(res["urlText"], s.Config.Abs(path)) {
		t.Errorf("the printed guide does not give its address: display %s, %q", res["url"], res["urlText"])
	}
	for k, want := range map[string]string{"internal": `(/orienter/)`, "service": `(/referentiel/`, "inGuide": `(/guides/`} {
		if !strings.Contains(res[k], want) {
			t.Errorf("the address of a %s link is not printed: content %s", k, res[k])
		}
	}
	for _, k := range []string{"link", "text", "keypointsText"} {
		if res[k] != "rgb(0, 0, 0)" {
			t.Errorf("%s prints in %s, not black", k, res[k])
		}
	}
	if res["keypoints"] != "rgba(0, 0, 0, 0)" && res["keypoints"] != "rgb(255, 255, 255)" {
		t.Errorf("the « À retenir » box prints on %s, not white", res["keypoints"])
	}

	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing (scripts/install-test-deps.sh installs poppler-utils)")
		}
		t.Skip("pdftotext is missing: PDF text not checked")
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "guide.pdf")
	if err := os.WriteFile(file, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{"À retenir", "Orienter une personne vers le bon lieu", "(/orienter/)", "Ce guide en ligne : " + s.Config.Abs("/guides/")} { // the rest of the address may be cut at a line end
		if !strings.Contains(text, want) {
			t.Errorf("the printed guide lacks %q:\n%s", want, text)
		}
	}
	for _, never := range []string{"Fil d'Ariane", "Guide suivant", "Guide précédent", "Sommaire", "Aller au contenu", "Mentions légales"} {
		if strings.Contains(text, never) {
			t.Errorf("the printed guide shows %q", never)
		}
	}
	if strings.Index(text, "À retenir") > strings.Index(text, "Une mauvaise orientation coûte cher") {
		t.Error("« À retenir » is not printed before the text")
	}
}
