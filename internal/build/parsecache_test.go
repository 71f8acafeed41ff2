package build_test

import (
	"os"
	"path/filepath"
	"testing"

	"labo/internal/build"
	"labo/internal/content"
	"labo/internal/output"
	"labo/internal/sitecopy"
)

// TestParseCacheSameOutput: a build with the parse cache, cold then warm,
// gives the tree of a build without it; a warm build reads every body from
// the cache (the file is not written again), and a site folder where the
// cache cannot be written or holds garbage builds the same.
func TestParseCacheSameOutput(t *testing.T) {
	dir := sitecopy.CopyDemo(t)
	buildWith := func(cache bool) *output.Tree {
		t.Helper()
		res, err := build.Build(build.Options{Dir: dir, ParseCache: cache})
		if err != nil {
			t.Fatal(err)
		}
		return res.Tree
	}
	ref := buildWith(false)
	cacheFile := filepath.Join(dir, filepath.FromSlash(content.CacheFile))
	if _, err := os.Stat(cacheFile); !os.IsNotExist(err) {
		t.Fatalf("a build without the cache made %s (%v)", content.CacheFile, err)
	}
	same := func(what string, tree *output.Tree) {
		t.Helper()
		if tree.Hash() != ref.Hash() {
			t.Errorf("%s: the tree differs from a build without the cache", what)
			for _, d := range diff(ref, tree) {
				t.Errorf("  %s", d)
			}
		}
	}
	same("cold cache", buildWith(true))
	cold, err := os.Stat(cacheFile)
	if err != nil {
		t.Fatal(err)
	}
	same("warm cache", buildWith(true))
	if _, err := build.Load(build.Options{Dir: dir, ParseCache: true}); err != nil {
		t.Fatal(err)
	}
	if warm, err := os.Stat(cacheFile); err != nil || !os.SameFile(cold, warm) {
		t.Errorf("the cache was written again by warm runs (a body was parsed): %v", err)
	}

	if err := os.WriteFile(cacheFile, []byte("labo parse cache\nabîmé"), 0o644); err != nil {
		t.Fatal(err)
	}
	same("corrupt cache", buildWith(true))

	if err := os.RemoveAll(filepath.Dir(cacheFile)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Dir(cacheFile), []byte("pas un dossier"), 0o644); err != nil {
		t.Fatal(err)
	}
	same("unwritable cache", buildWith(true))
	if _, err := build.Load(build.Options{Dir: dir, ParseCache: true}); err != nil {
		t.Errorf("check with an unwritable cache: %v", err)
	}
}
