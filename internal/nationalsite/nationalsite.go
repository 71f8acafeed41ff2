// Package nationalsite gives benchmarks the national-scale site of issue #8
// in memory: what `labo gen --venues 25000 --guides 2000 --usages 0 --seed 1`
// writes, loaded and assembled, so that the figures of a package's
// benchmarks are those of the real build's outputs of that package.
package nationalsite

import (
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"labo/internal/gen"
	"labo/internal/site"
)

// Size of the site.
const (
	Venues = 25000
	Guides = 2000
	Seed   = 1
)

var (
	once   sync.Once
	loaded *site.Site
	err    error
)

// Site returns the national site, generated and loaded once per test
// binary (about two seconds). It is shared: callers must not change it.
func Site(tb testing.TB) *site.Site {
	tb.Helper()
	once.Do(func() { loaded, err = load() })
	if err != nil {
		tb.Fatal(err)
	}
	return loaded
}

func load() (*site.Site, error) {
	_, file, _, _ := runtime.Caller(0)
	root := filepath.Join(filepath.Dir(file), "..", "..")
	opts := gen.Options{Venues: Venues, Guides: Guides, Seed: Seed}
	for p, dst := range map[string]*[]byte{"referentiel.toml": &opts.Referential, "indicateurs.toml": &opts.Indicators, "besoins.toml": &opts.Needs} {
		b, err := os.ReadFile(filepath.Join(root, "data", p))
		if err != nil {
			return nil, err
		}
		*dst = b
	}
	dir, err := os.MkdirTemp("", "labo-national-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir) // everything the generators read is in memory once loaded
	if _, err := gen.Write(dir, opts); err != nil {
		return nil, err
	}
	s, problems := site.Load(os.DirFS(dir), "")
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Bench runs f in b's loop and reports its CPU time per operation
// ("cpu-ms/op") beside the wall time.
func Bench(b *testing.B, f func() error) {
	b.Helper()
	b.ReportAllocs()
	start := CPUTime()
	for b.Loop() {
		if err := f(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(CPUTime()-start)/1e6/float64(b.N), "cpu-ms/op")
}
