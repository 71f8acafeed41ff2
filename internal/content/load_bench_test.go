package content

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"labo/internal/diag"
)

// benchGuides reads the guides of the site in LABO_BENCH_SITE, or skips.
func benchGuides(b *testing.B) (names []string, data [][]byte) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	files, _ := filepath.Glob(filepath.Join(dir, Dir, "guides", "*.md"))
	if len(files) == 0 {
		b.Skip("no guides")
	}
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		names = append(names, Dir+"/guides/"+filepath.Base(f))
		data = append(data, d)
	}
	return names, data
}

// BenchmarkParse parses (and renders) every guide of LABO_BENCH_SITE on one
// goroutine.
func BenchmarkParse(b *testing.B) {
	names, data := benchGuides(b)
	b.ReportAllocs()
	for b.Loop() {
		var problems diag.List
		for i := range names {
			Parse(names[i], data[i], time.UTC, &problems)
		}
		if problems.Len() > 0 {
			b.Fatal(problems.Err())
		}
	}
}
