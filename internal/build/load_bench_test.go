package build

import (
	"os"
	"testing"
)

// BenchmarkLoad measures `labo check` on the site in LABO_BENCH_SITE (a
// folder written by `labo gen`), or skips.
func BenchmarkLoad(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	for b.Loop() {
		if _, err := Load(Options{Dir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
