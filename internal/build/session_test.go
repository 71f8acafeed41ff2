package build

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"labo/internal/sitecopy"
)

// sameAsFull checks that the session's tree is byte for byte what a fresh
// full build of the folder gives.
func sameAsFull(t *testing.T, step string, dir string, res *Result) {
	t.Helper()
	full, err := Build(Options{Dir: dir})
	if err != nil {
		t.Fatalf("%s: full build: %v", step, err)
	}
	if res.Tree.Hash() == full.Tree.Hash() {
		return
	}
	var diffs []string
	for _, p := range full.Tree.Paths() {
		a, _ := full.Tree.Get(p)
		b, ok := res.Tree.Get(p)
		if !ok {
			diffs = append(diffs, "missing "+p)
		} else if string(a) != string(b) {
			diffs = append(diffs, "differs "+p)
		}
	}
	for _, p := range res.Tree.Paths() {
		if _, ok := full.Tree.Get(p); !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	t.Errorf("%s: incremental output differs from a full build: %s", step, strings.Join(diffs[:min(len(diffs), 20)], ", "))
}

// TestIncrementalEqualsFull runs a series of edits through one session and
// checks after each that the output is exactly a full build's, and that a
// guide edit does not re-render the venue pages.
// With the parse cache, the session starts from a warm one, and the full
// builds it is compared with do not use it.
func TestIncrementalEqualsFull(t *testing.T) {
	for _, cache := range []bool{false, true} {
		t.Run(fmt.Sprintf("ParseCache=%v", cache), func(t *testing.T) { testIncrementalEqualsFull(t, cache) })
	}
}

func testIncrementalEqualsFull(t *testing.T, cache bool) {
	dir := sitecopy.CopyDemo(t)
	if cache {
		if _, err := Load(Options{Dir: dir, ParseCache: true}); err != nil {
			t.Fatal(err)
		}
	}
	s := NewSession(Options{Dir: dir, ParseCache: cache})
	first, err := s.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	guide := "content/guides/les-six-etapes.md"
	steps := []struct {
		name    string
		edit    func()
		changed []string
		check   func(*Result)
	}{
		{"add a guide", func() {
			sitecopy.Write(t, dir, "content/guides/nouveau-guide.md", `+++
title     = "Un nouveau guide sur l'orientation"
date      = 2026-10-20
summary   = "Pour tester les rebuilds."
audiences = ["mediateurs"]
themes    = ["orientation", "methode"]
services  = ["DEM-01"]
+++

## Première partie

Voir [les six étapes](@/guides/les-six-etapes.md#vue-d-ensemble).
`)
		}, []string{"content/guides/nouveau-guide.md"}, nil},
		{"change a guide", func() {
			src := sitecopy.Read(t, dir, guide)
			src = strings.Replace(src, "Les six étapes pour accompagner", "Six étapes pour bien accompagner", 1)
			src = strings.Replace(src, "date      = 2024-06-17", "date      = 2025-03-01", 1)
			sitecopy.Write(t, dir, guide, src)
		}, []string{guide}, func(r *Result) {
			if r.Rendered >= r.Pages/2 {
				t.Errorf("a guide edit re-rendered %d of %d pages", r.Rendered, r.Pages)
			}
			for _, p := range r.Changed {
				if strings.HasPrefix(p, "lieux/") {
					t.Errorf("a guide edit changed %s", p)
				}
			}
			if !containsPath(r.Changed, "guides/les-six-etapes/index.html") {
				t.Errorf("the edited guide is not among the changed outputs %v", r.Changed)
			}
		}},
		{"delete a guide", func() {
			os.Remove(filepath.Join(dir, "content/guides/nouveau-guide.md"))
		}, []string{"content/guides/nouveau-guide.md"}, func(r *Result) {
			if !containsPath(r.Removed, "guides/nouveau-guide/index.html") {
				t.Errorf("removed outputs %v", r.Removed)
			}
		}},
		{"change a venue", func() {
			src := sitecopy.Read(t, dir, "data/lieux.csv")
			sitecopy.Write(t, dir, "data/lieux.csv", strings.Replace(src, "Médiathèque de Jaude – espace numérique", "Médiathèque de Jaude", 1))
		}, []string{"data/lieux.csv"}, func(r *Result) {
			// Venue pages have keys: only the edited venue's is rendered.
			if n := kindJobs(r, "lieux/single"); n != 1 {
				t.Errorf("a venue edit rendered %d venue pages, want 1", n)
			}
		}},
		{"change a qualification", func() {
			src := sitecopy.Read(t, dir, "data/qualifications.csv")
			sitecopy.Write(t, dir, "data/qualifications.csv", strings.Replace(src, ",expirée,2024-03-25,2026-03-25,", ",qualifiée,2026-03-25,2028-03-25,", 1))
		}, []string{"data/qualifications.csv"}, func(r *Result) {
			if n := kindJobs(r, "lieux/single"); n != 1 {
				t.Errorf("a qualification edit rendered %d venue pages, want 1", n)
			}
		}},
		{"override a template", func() {
			b, err := os.ReadFile("../../layouts/guides/single.html")
			if err != nil {
				t.Fatal(err)
			}
			sitecopy.Write(t, dir, "layouts/guides/single.html", strings.Replace(string(b), "<article", `<article data-test="override"`, 1))
		}, []string{"layouts/guides/single.html"}, func(r *Result) {
			if r.Rendered >= r.Pages/2 {
				t.Errorf("a guide template edit re-rendered %d of %d pages", r.Rendered, r.Pages)
			}
		}},
		{"change a plain page", func() {
			src := sitecopy.Read(t, dir, "content/a-propos.md")
			sitecopy.Write(t, dir, "content/a-propos.md", strings.Replace(src, "title", "title = \"Qui sommes-nous ?\"\n#", 1))
		}, []string{"content/a-propos.md"}, nil},
		{"remove the template override", func() {
			os.Remove(filepath.Join(dir, "layouts/guides/single.html"))
		}, []string{"layouts/guides/single.html"}, nil},
	}
	if first.Rendered != first.Tree.Len()-3 {
		t.Logf("first round rendered %d jobs for %d files", first.Rendered, first.Tree.Len())
	}
	for _, st := range steps {
		st.edit()
		res, err := s.Build(st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		sameAsFull(t, st.name, dir, res)
		if st.check != nil {
			st.check(res)
		}
	}
}

// TestFailedRoundKeepsChanges: a round that fails (a broken CSV row) keeps
// the last good tree, and its change is applied once the error is fixed
// with an edit elsewhere.
func TestFailedRoundKeepsChanges(t *testing.T) {
	dir := sitecopy.CopyDemo(t)
	s := NewSession(Options{Dir: dir})
	good, err := s.Build(nil)
	if err != nil {
		t.Fatal(err)
	}
	src := sitecopy.Read(t, dir, "data/lieux.csv")
	sitecopy.Write(t, dir, "data/lieux.csv", strings.Replace(src, ",45.77760,3.08250,", ",45.77760,nord,", 1))
	if _, err := s.Build([]string{"data/lieux.csv"}); err == nil || !IsInputError(err) {
		t.Fatalf("broken row accepted: %v", err)
	}
	if s.Tree() != good.Tree {
		t.Error("a failed round replaced the served tree")
	}
	guide := "content/guides/les-six-etapes.md"
	sitecopy.Write(t, dir, guide, strings.Replace(sitecopy.Read(t, dir, guide), "Vue d'ensemble", "Vue générale", 1))
	if _, err := s.Build([]string{guide}); err == nil {
		t.Fatal("still broken, but the round passed")
	}
	sitecopy.Write(t, dir, "data/lieux.csv", strings.Replace(src, "Médiathèque de Jaude – espace numérique", "Médiathèque de Jaude", 1))
	res, err := s.Build([]string{"data/lieux.csv"})
	if err != nil {
		t.Fatal(err)
	}
	sameAsFull(t, "after the fix", dir, res)
}

// kindJobs is how many outputs of a kind a round rendered.
func kindJobs(r *Result, kind string) int {
	for _, k := range r.Kinds {
		if k.Kind == kind {
			return k.Jobs
		}
	}
	return 0
}

func containsPath(list []string, p string) bool {
	for _, x := range list {
		if x == p {
			return true
		}
	}
	return false
}

// quickAfterGuideEdit builds a copy of the demo site in a session, edits
// a guide's title and runs BuildQuick, leaving the search index deferred.
func quickAfterGuideEdit(t *testing.T) (dir string, s *Session, guide string, quick *Result) {
	t.Helper()
	dir = sitecopy.CopyDemo(t)
	s = NewSession(Options{Dir: dir})
	if _, err := s.Build(nil); err != nil {
		t.Fatal(err)
	}
	guide = "content/guides/les-six-etapes.md"
	sitecopy.Edit(t, dir, guide, "Les six étapes pour accompagner", "Les six étapes expliquées pour accompagner")
	quick, err := s.BuildQuick([]string{guide})
	if err != nil {
		t.Fatal(err)
	}
	return dir, s, guide, quick
}

// TestQuickThenDeferred: BuildQuick updates the edited guide's page at once
// and leaves the search index for BuildDeferred, after which the output is
// a full build's.
func TestQuickThenDeferred(t *testing.T) {
	dir, s, guide, quick := quickAfterGuideEdit(t)
	page, _ := quick.Tree.Get("guides/les-six-etapes/index.html")
	if !strings.Contains(string(page), "Les six étapes expliquées") {
		t.Error("BuildQuick did not update the edited guide")
	}
	for _, p := range quick.Changed {
		if strings.HasPrefix(p, "recherche/") {
			t.Errorf("BuildQuick rebuilt the search index (%s)", p)
		}
	}
	if !s.Deferred() {
		t.Fatal("nothing deferred")
	}
	later, err := s.BuildDeferred(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s.Deferred() {
		t.Error("still deferred after BuildDeferred")
	}
	searchChanged := false
	for _, p := range later.Changed {
		searchChanged = searchChanged || strings.HasPrefix(p, "recherche/")
	}
	if !searchChanged {
		t.Errorf("BuildDeferred changed %v, not the search index", later.Changed)
	}
	sameAsFull(t, "after the deferred round", dir, later)

	// A full-speed round after a quick one catches the index up too.
	sitecopy.Edit(t, dir, guide, "expliquées", "détaillées")
	if _, err := s.BuildQuick([]string{guide}); err != nil {
		t.Fatal(err)
	}
	sitecopy.Edit(t, dir, guide, "Vue d'ensemble", "Vue générale")
	res, err := s.Build([]string{guide})
	if err != nil {
		t.Fatal(err)
	}
	sameAsFull(t, "quick then full", dir, res)
}

func TestCostlyFirst(t *testing.T) {
	parts := []Part{{Name: "a"}, {Name: "b", Costly: true}, {Name: "c"}, {Name: "d", Costly: true}, {Name: "e"}}
	for _, tc := range []struct{ gen, want []int }{
		{[]int{0, 1, 2, 3, 4}, []int{1, 3, 0, 2, 4}},
		{[]int{0, 2, 4}, []int{0, 2, 4}},
		{[]int{3, 0}, []int{3, 0}},
		{nil, nil},
	} {
		gen := slices.Clone(tc.gen)
		if got := costlyFirst(parts, gen); !slices.Equal(got, tc.want) {
			t.Errorf("costlyFirst(%v) = %v, want %v", tc.gen, got, tc.want)
		}
		if !slices.Equal(gen, tc.gen) {
			t.Errorf("costlyFirst changed its argument: %v", gen)
		}
	}
	costly := map[string]bool{}
	for _, p := range Parts {
		costly[p.Name] = p.Costly
	}
	if !costly["search"] || !costly["orient"] {
		t.Errorf("the search index and orientation are the costly generators of a national site: %v", costly)
	}
}

// TestDeferredAfterFailedFirstRound: when the session's first round fails
// (a dev server started on a broken site), the next quick round is a full
// one, and the deferred round that follows must keep every other page.
func TestDeferredAfterFailedFirstRound(t *testing.T) {
	dir := sitecopy.CopyDemo(t)
	guide := "content/guides/les-six-etapes.md"
	orig, err := os.ReadFile(filepath.Join(dir, guide))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, guide), []byte("+++\ntitle = \n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := NewSession(Options{Dir: dir})
	if _, err := s.Build(nil); err == nil {
		t.Fatal("a broken front matter built")
	}
	if err := os.WriteFile(filepath.Join(dir, guide), orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.BuildQuick([]string{guide}); err != nil {
		t.Fatal(err)
	}
	if !s.Deferred() {
		t.Fatal("nothing deferred")
	}
	res, err := s.BuildDeferred(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sameAsFull(t, "deferred round after a failed first round", dir, res)
}

// TestDeferredGivenUp: a deferred round whose context ends gives up with
// the context's error and leaves the session as it was: the work stays
// deferred, and the next deferred round makes a full build's output.
func TestDeferredGivenUp(t *testing.T) {
	dir, s, _, _ := quickAfterGuideEdit(t)
	tree := s.Tree()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := s.BuildDeferred(ctx); !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("BuildDeferred with an ended context = %v, %v; want nil, context.Canceled", res, err)
	}
	if !s.Deferred() || s.Tree() != tree {
		t.Fatal("a deferred round given up changed the session")
	}
	res, err := s.BuildDeferred(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sameAsFull(t, "deferred round after one given up", dir, res)
}
