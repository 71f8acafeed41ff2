package htmlcheck

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"labo/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// tools returns java and vnu.jar, or skips (fails under CI) without them.
func tools(t *testing.T) (string, string) {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		browsertest.Missing(t, "java is not installed: the Nu HTML Checker cannot run")
	}
	jar := filepath.Join(browsertest.Root(t), JarPath)
	if _, err := os.Stat(jar); err != nil {
		browsertest.Missing(t, "vnu.jar is not installed ("+JarPath+")")
	}
	return java, jar
}

// TestDemoSite validates every page of the demo site: no error.
func TestDemoSite(t *testing.T) {
	java, jar := tools(t)
	msgs, err := Check(java, jar, browsertest.BuildDemo(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		t.Error(m)
	}
}

// TestReportsInvalidHTML proves the check fails on invalid pages, with the
// file and line of each error, and ignores files that are not HTML.
func TestReportsInvalidHTML(t *testing.T) {
	java, jar := tools(t)
	dir := t.TempDir()
	head := "<!DOCTYPE html>\n<html lang=\"fr\">\n<head><meta charset=\"utf-8\"><title>t</title></head>\n<body>\n"
	files := map[string]string{
		"ok.html":             head + "<main><p>Bon</p></main>\n</body></html>\n",
		"lieux/a/index.html":  head + "<span id=\"x\"></span>\n<span id=\"x\"></span>\n</body></html>\n",
		"guides/b/index.html": head + "<ul><div>pas une liste</div></ul>\n</body></html>\n",
		"donnees/x.csv":       "a,b\n<ul><div>,\n",
	}
	for p, c := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(c), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	msgs, err := Check(java, jar, dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range msgs {
		got = append(got, m.File+":"+strconv.Itoa(m.Line)+": "+m.Msg)
	}
	want := []string{
		"guides/b/index.html:5: Element “div” not allowed as child of element “ul” in this context. (Suppressing further errors from this subtree.)",
		"lieux/a/index.html:6: Duplicate ID “x”.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("messages:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
