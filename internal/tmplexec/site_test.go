package tmplexec_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"labo/internal/build"
	"labo/internal/gen"
	"labo/internal/pages"
	"labo/internal/render"
	"labo/internal/site"
	"labo/internal/sitecopy"
	"labo/layouts"
	"labo/static"
)

// TestDemoSiteSameBytes renders every page of the demo site with
// html/template alone and with the compiled executor, and compares the
// bytes; every layout and partial the site executes must compile.
func TestDemoSiteSameBytes(t *testing.T) {
	root := sitecopy.Root(t)
	compareSite(t, sitecopy.DemoSite(t), root, true)
}

// TestGeneratedSiteSameBytes does the same for a small generated national
// site (labo gen): other data, the same layouts.
func TestGeneratedSiteSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a site")
	}
	root := sitecopy.Root(t)
	opts := gen.Options{Venues: 400, Guides: 40, Seed: 7}
	for p, dst := range map[string]*[]byte{"referentiel.toml": &opts.Referential, "indicateurs.toml": &opts.Indicators, "besoins.toml": &opts.Needs} {
		b, err := os.ReadFile(filepath.Join(root, "data", p))
		if err != nil {
			t.Fatal(err)
		}
		*dst = b
	}
	dir := t.TempDir()
	if _, err := gen.Write(dir, opts); err != nil {
		t.Fatal(err)
	}
	s, problems := site.Load(os.DirFS(dir), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	compareSite(t, s, dir, false)
}

func compareSite(t *testing.T, s *site.Site, dir string, requireAll bool) {
	t.Helper()
	newRenderer := func() *render.Renderer {
		r, err := render.New(layouts.FS, os.DirFS(dir), static.FS, &render.SiteData{Config: s.Config, Nav: pages.Nav(), Footer: pages.Footer(s)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	std, fast := newRenderer(), newRenderer()
	std.SetStdlib(true)
	fast.SetStdlib(false)
	var jobs []render.Job
	for _, p := range build.Parts {
		all, _ := p.Gen(s)
		for _, j := range all {
			if j.IsPage() {
				jobs = append(jobs, j)
			}
		}
	}
	if len(jobs) < 50 {
		t.Fatalf("%d pages only", len(jobs))
	}
	want := make([][]byte, len(jobs))
	for i, j := range jobs {
		b, err := std.Run(j)
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		want[i] = b
	}
	// Twice: the first page of each layout is html/template's (it escapes
	// the templates), the second pass is all compiled.
	for pass := range 2 {
		for i, j := range jobs {
			got, err := fast.Run(j)
			if err != nil {
				t.Fatalf("pass %d: %s: %v", pass, j.Path, err)
			}
			if !bytes.Equal(got, want[i]) {
				n := 0
				for n < len(got) && n < len(want[i]) && got[n] == want[i][n] {
					n++
				}
				lo := max(0, n-80)
				t.Fatalf("pass %d: %s (%s) differs at byte %d:\nhtml/template: %q\ncompiled:      %q", pass, j.Path, j.Kind, n,
					want[i][lo:min(len(want[i]), n+80)], got[lo:min(len(got), n+80)])
			}
		}
	}
	status := fast.Compiled()
	var names []string
	for n := range status {
		names = append(names, n)
	}
	sort.Strings(names)
	compiled := 0
	for _, n := range names {
		if err := status[n]; err != nil {
			if requireAll {
				t.Errorf("%s: not compiled: %v", n, err)
			} else {
				t.Logf("%s: not compiled: %v", n, err)
			}
			continue
		}
		compiled++
	}
	t.Logf("%d pages, %d templates compiled of %d executed", len(jobs), compiled, len(names))
}
