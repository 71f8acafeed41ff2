package cspcheck

import (
	"os"
	"strings"
	"testing"

	"labo/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

func TestCheckPage(t *testing.T) {
	page := `<!DOCTYPE html>
<html><head>
<link rel="stylesheet" href="/css/labo.css?v=1">
<link rel="stylesheet" href="https://cdn.example/leaflet.css">
<link rel="canonical" href="https://labo.example/">
<script type="application/ld+json">{"@type":"Place"}</script>
<script src="/js/labo.js" defer></script>
<script src="//cdn.example/x.js"></script>
<style>h1{color:red}</style>
</head>
<body>
<h1 style="color: red">Titre</h1>
<button onclick="go()">Go</button>
<script>
  document.title = "x";
</script>
<svg><path d="M0 0"/></svg>
</body></html>`
	var got []string
	for _, p := range CheckPage("x.html", []byte(page)) {
		got = append(got, p.String())
	}
	want := []string{
		`x.html:4: <link rel=stylesheet href="https://cdn.example/leaflet.css">: style sheet from another host (style-src allows this site only: vendor it)`,
		`x.html:8: <script src="//cdn.example/x.js">: script from another host (script-src allows this site only: vendor it under static/vendor)`,
		`x.html:9: <style> element: inline style (style-src forbids it: move it to static/css/)`,
		`x.html:12: <h1 style="color: red">: style attribute (style-src forbids it: use a class in a CSS file)`,
		`x.html:13: <button onclick>: inline event handler (script-src forbids it: add a listener in a script file)`,
		`x.html:14: <script> without src: inline script (script-src forbids it: move it to static/js/)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDemoSite checks every page of the demo site.
func TestDemoSite(t *testing.T) {
	ps, err := Check(os.DirFS(browsertest.BuildDemo(t)))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Error(p)
	}
}
