package build

import (
	"labo/internal/output"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"labo/internal/sitecopy"
)

// publish builds dir into out like `labo build`, with the render cache.
func publish(t *testing.T, dir, out string) *Result {
	t.Helper()
	res, err := Build(Options{Dir: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := res.Publish(out); err != nil {
		t.Fatal(err)
	}
	return res
}

// sameFolder checks that out holds exactly what a fresh build of dir gives.
func sameFolder(t *testing.T, step, dir, out string) {
	t.Helper()
	full, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var diffs []string
	got := map[string]bool{}
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(out, p)
			got[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	for _, p := range full.Tree.Paths() {
		want, _ := full.Tree.Get(p)
		b, err := os.ReadFile(filepath.Join(out, p))
		switch {
		case err != nil:
			diffs = append(diffs, "missing "+p)
		case string(b) != string(want):
			diffs = append(diffs, "differs "+p)
		}
		delete(got, p)
	}
	for p := range got {
		diffs = append(diffs, "extra "+p)
	}
	if len(diffs) > 0 {
		t.Errorf("%s: the published folder differs from a full build: %s", step, strings.Join(diffs[:min(len(diffs), 20)], ", "))
	}
}

// TestRenderCache: a second build into the same folder keeps the outputs
// whose inputs did not change, and after each kind of edit the folder
// is exactly what a fresh build gives.
func TestRenderCache(t *testing.T) {
	dir := sitecopy.CopyDemo(t)
	out := filepath.Join(t.TempDir(), "public")
	first := publish(t, dir, out)
	if first.Reused != 0 {
		t.Errorf("the first build reused %d pages", first.Reused)
	}
	// Venue and département pages have keys of their own; the outputs of
	// parts that read data files only are keyed by the venue files.
	all := 0 // outputs kept when nothing changed
	page := filepath.Join(out, "lieux/63-clermont-mediatheque-jaude/index.html")
	// Parts that read nothing that changed are not run at all (actions and
	// opendata have datasets: they always run).
	everyPart := []string{"carte", "mapdata", "orient", "pages/guides", "pages/home", "pages/lieux",
		"pages/pages", "pages/referentiel", "pages/venues", "search", "static"}
	steps := []struct {
		name       string
		edit       func()
		wantReused func(n int) bool
		check      func()
		partsKept  []string
	}{
		{"nothing changed", func() {}, func(n int) bool { all = n; return n > len(first.Site.Venues) }, nil, everyPart},
		{"nothing changed again", func() {}, func(n int) bool { return n == all }, nil, everyPart},
		{"change a venue", func() {
			sitecopy.Edit(t, dir, "data/lieux.csv", "Médiathèque de Jaude – espace numérique", "Médiathèque de Jaude")
		}, func(n int) bool { return n >= len(first.Site.Venues)-1 && n < all }, func() {
			if b, _ := os.ReadFile(page); !strings.Contains(string(b), "<h1>Médiathèque de Jaude</h1>") {
				t.Errorf("the edited venue's page was not rendered again")
			}
		}, []string{"pages/pages", "static"}},
		{"change a guide", func() {
			sitecopy.Edit(t, dir, "content/guides/les-six-etapes.md", "Les six étapes pour accompagner", "Six étapes pour bien accompagner")
		}, func(n int) bool { return n > len(first.Site.Venues) && n < all }, func() {
			if b, _ := os.ReadFile(filepath.Join(out, "guides/les-six-etapes/index.html")); !strings.Contains(string(b), "Six étapes pour bien accompagner") {
				t.Errorf("the edited guide's page was not rendered again")
			}
		}, []string{"carte", "mapdata", "orient", "pages/lieux", "pages/venues", "static"}},
		{"change a qualification", func() {
			sitecopy.Edit(t, dir, "data/qualifications.csv", ",expirée,2024-03-25,2026-03-25,", ",qualifiée,2026-03-25,2028-03-25,")
		}, func(n int) bool { return n >= len(first.Site.Venues)-1 && n < all }, nil, []string{"pages/pages", "static"}},
		{"change a template", func() {
			b, err := os.ReadFile("../../layouts/lieux/single.html")
			if err != nil {
				t.Fatal(err)
			}
			sitecopy.Write(t, dir, "layouts/lieux/single.html", strings.Replace(string(b), `<article class="venue"`, `<article class="venue" data-test="override"`, 1))
		}, func(n int) bool { return n == 0 }, func() {
			if b, _ := os.ReadFile(page); !strings.Contains(string(b), `data-test="override"`) {
				t.Errorf("a template edit did not render the venue pages again")
			}
		}, []string{}},
		{"change the referential", func() {
			sitecopy.Edit(t, dir, "data/referentiel.toml", "Faire une démarche", "Réaliser une démarche")
		}, func(n int) bool { return n == 0 }, nil, []string{}},
		{"nothing changed after the edits", func() {}, func(n int) bool { all = n; return n > len(first.Site.Venues) }, nil, everyPart},
		{"a published page was deleted", func() {
			os.Remove(page)
		}, func(n int) bool { return n == all-1 }, nil, slices.DeleteFunc(slices.Clone(everyPart), func(p string) bool { return p == "pages/venues" })},
	}
	for _, st := range steps {
		st.edit()
		res := publish(t, dir, out)
		if !st.wantReused(res.Reused) {
			t.Errorf("%s: %d outputs kept (%d when nothing changes)", st.name, res.Reused, all)
		}
		if st.partsKept != nil && !slices.Equal(slices.Sorted(slices.Values(res.PartsKept)), st.partsKept) {
			t.Errorf("%s: parts kept without running %q, want %q", st.name, res.PartsKept, st.partsKept)
		}
		sameFolder(t, st.name, dir, out)
		if st.check != nil {
			st.check()
		}
	}
}

// TestRenderCacheNeedsAManifest: without the manifest of the last publish
// (removed when a publish starts, written when it ends), everything is
// rendered.
func TestRenderCacheNeedsAManifest(t *testing.T) {
	dir := sitecopy.CopyDemo(t)
	out := filepath.Join(t.TempDir(), "public")
	publish(t, dir, out)
	if _, err := os.Stat(manifestPath(out)); err != nil {
		t.Fatalf("no manifest after a publish: %v", err)
	}
	if err := os.Remove(manifestPath(out)); err != nil {
		t.Fatal(err)
	}
	if res := publish(t, dir, out); res.Reused != 0 {
		t.Errorf("%d pages kept without a manifest", res.Reused)
	}
}

// TestInterruptedBuild: a build that streamed pages and stopped before it
// published leaves no manifest, so the next build renders everything and
// clears the files the interrupted one left.
func TestInterruptedBuild(t *testing.T) {
	dir := sitecopy.CopyDemo(t)
	out := filepath.Join(t.TempDir(), "public")
	publish(t, dir, out)
	sitecopy.Edit(t, dir, "data/lieux.csv", "Médiathèque de Jaude – espace numérique", "Médiathèque de Jaude")
	if _, err := Build(Options{Dir: dir, Out: out}); err != nil { // neither published nor discarded
		t.Fatal(err)
	}
	if _, err := os.Stat(manifestPath(out)); !os.IsNotExist(err) {
		t.Fatalf("an unpublished build left the manifest: %v", err)
	}
	leftovers := func() (n int) {
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.HasSuffix(p, ".labo-tmp") {
				n++
			}
			return nil
		})
		return n
	}
	if leftovers() == 0 {
		t.Fatal("the interrupted build streamed nothing: the test proves nothing")
	}
	if res := publish(t, dir, out); res.Reused != 0 {
		t.Errorf("%d outputs kept after an interrupted build", res.Reused)
	}
	if n := leftovers(); n > 0 {
		t.Errorf("%d files of the interrupted build left in the folder", n)
	}
	sameFolder(t, "after an interrupted build", dir, out)
}

// TestKeepPartNeedsItsFiles: a part whose files the manifest does not list
// (a damaged manifest) is run, not skipped with nothing kept.
func TestKeepPartNeedsItsFiles(t *testing.T) {
	c := &renderCache{
		prev: &manifest{parts: map[string]partRecord{"x": {key: "k", files: 2}}, files: map[string]cached{}, byPart: map[string][]string{}},
		next: &manifest{parts: map[string]partRecord{}, files: map[string]cached{}},
	}
	if !c.skippable(Part{Name: "x"}, "k") {
		t.Fatal("the part should look skippable")
	}
	if _, ok := c.keepPart(output.NewTree(), "x"); ok {
		t.Error("keepPart kept a part whose files are not listed")
	}
}
