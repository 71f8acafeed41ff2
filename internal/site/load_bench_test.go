package site

import (
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
)

// BenchmarkLoad measures Load (without the feature loaders the build
// package registers) on the site folder in LABO_BENCH_SITE (written by
// `labo gen`), or skips. It reports the heap the model retains
// ("retained-MB", after a collection); LABO_BENCH_HEAPPROF names a file to
// write the heap profile of what is retained to.
func BenchmarkLoad(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	var s *Site
	for b.Loop() {
		var problems interface{ Len() int }
		s, problems = Load(os.DirFS(dir), "")
		if problems.Len() > 0 {
			b.Fatalf("%d problems", problems.Len())
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "retained-MB")
	if f := os.Getenv("LABO_BENCH_HEAPPROF"); f != "" {
		out, err := os.Create(f)
		if err != nil {
			b.Fatal(err)
		}
		pprof.Lookup("heap").WriteTo(out, 0)
		out.Close()
	}
	runtime.KeepAlive(s)
}
