package content_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"labo/internal/content"
	"labo/internal/diag"
	"labo/internal/nationalsite"
)

// BenchmarkLoadCache loads the content of LABO_BENCH_SITE on every
// processor: parsing everything ("none"), or reading every body from a
// warm parse cache in a temporary folder ("warm": the cache opened and
// read each time, as `labo check` does). cpu-ms/op is the CPU time.
func BenchmarkLoadCache(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	fsys := os.DirFS(dir)
	cacheDir := b.TempDir()
	warm := content.OpenCache(cacheDir)
	var problems diag.List
	content.LoadCached(fsys, time.UTC, warm, &problems)
	if err := warm.Save(); err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"none", "warm"} {
		b.Run(name, func(b *testing.B) {
			nationalsite.Bench(b, func() error {
				var c *content.Cache
				if name == "warm" {
					c = content.OpenCache(cacheDir)
				}
				var problems diag.List
				content.LoadCached(fsys, time.UTC, c, &problems)
				if st := c.Stats(); name == "warm" && st.Misses > 0 {
					return fmt.Errorf("%d misses", st.Misses)
				}
				return nil
			})
		})
	}
}
