package build

import (
	"os"
	"testing"

	"labo/internal/pages"
	"labo/internal/render"
	"labo/internal/site"
	"labo/layouts"
	"labo/static"
)

// BenchmarkRenderKind renders, one after the other, up to 2,000 outputs of
// one kind (LABO_BENCH_KIND, "lieux/single" by default) of the site in
// LABO_BENCH_SITE: the cost of a page kind without the rest of the build.
//
//	LABO_BENCH_SITE=/tmp/nat0 go test ./internal/build -run '^$' -bench RenderKind -benchmem -cpuprofile cpu.prof
func BenchmarkRenderKind(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	kind := os.Getenv("LABO_BENCH_KIND")
	if kind == "" {
		kind = "lieux/single"
	}
	st, problems := site.Load(os.DirFS(dir), "")
	if err := problems.Err(); err != nil {
		b.Fatal(err)
	}
	r, err := render.New(layouts.FS, os.DirFS(dir), static.FS, &render.SiteData{Config: st.Config, Nav: pages.Nav(), Footer: pages.Footer(st)})
	if err != nil {
		b.Fatal(err)
	}
	var jobs []render.Job
	for _, p := range Parts {
		all, _ := p.Gen(st)
		for _, j := range all {
			if j.Kind == kind && len(jobs) < 2000 {
				jobs = append(jobs, j)
			}
		}
	}
	if len(jobs) == 0 {
		b.Fatalf("no output of kind %q", kind)
	}
	b.ResetTimer()
	var bytes int
	for b.Loop() {
		bytes = 0
		for _, j := range jobs {
			out, err := r.Run(j)
			if err != nil {
				b.Fatal(err)
			}
			bytes += len(out)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(jobs)), "µs/page")
	b.ReportMetric(float64(bytes)/float64(len(jobs)), "B/page")
}
