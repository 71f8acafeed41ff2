package venue

import (
	"os"
	"path/filepath"
	"testing"

	"labo/internal/diag"
)

// BenchmarkParse parses data/lieux.csv of the site in LABO_BENCH_SITE (a
// folder written by `labo gen`), or skips.
func BenchmarkParse(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	data, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		var problems diag.List
		if vs := Parse(FileName, data, &problems); problems.Len() > 0 || len(vs) == 0 {
			b.Fatal(problems.Err())
		}
	}
}
