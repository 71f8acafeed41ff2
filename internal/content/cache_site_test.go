package content_test

import (
	"os"
	"path/filepath"
	"testing"

	"labo/internal/content"
	"labo/internal/gen"
)

// TestCacheSameAsParseSites: the demo site's content and a generated
// site's load from a cold and from a warm cache exactly as they parse:
// every field of every page, the HTML once links are resolved, and every
// problem.
func TestCacheSameAsParseSites(t *testing.T) {
	root := filepath.Join("..", "..")
	ref, err := os.ReadFile(filepath.Join(root, "data", "referentiel.toml"))
	if err != nil {
		t.Fatal(err)
	}
	generated := t.TempDir()
	if _, err := gen.Write(generated, gen.Options{Venues: 20, Guides: 150, Seed: 7, Referential: ref}); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{"demo": root, "generated": generated} {
		t.Run(name, func(t *testing.T) {
			fsys := os.DirFS(dir)
			want := content.LoadResolved(t, fsys, nil)
			if len(want.Pages()) < 10 {
				t.Fatalf("only %d pages", len(want.Pages()))
			}
			cacheDir := t.TempDir()
			cold := content.OpenCache(cacheDir)
			content.SameLoaded(t, "cold cache", content.LoadResolved(t, fsys, cold), want)
			if err := cold.Save(); err != nil {
				t.Fatal(err)
			}
			warm := content.OpenCache(cacheDir)
			content.SameLoaded(t, "warm cache", content.LoadResolved(t, fsys, warm), want)
			if st := warm.Stats(); st.Misses != 0 || st.Hits != len(want.Pages()) {
				t.Errorf("warm cache: %+v for %d pages", st, len(want.Pages()))
			}
		})
	}
}
