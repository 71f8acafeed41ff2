package orientpages_test

import (
	"os"
	"runtime"
	"sort"
	"syscall"
	"testing"
	"time"

	"labo/internal/orientpages"
	"labo/internal/pages"
	"labo/internal/render"
	"labo/internal/site"
	"labo/layouts"
	"labo/static"
)

func cpuTime() time.Duration { return rusage(syscall.RUSAGE_SELF) }

// threadTime is the CPU time of the calling thread (the benchmark locks
// its goroutine to it): per-kind figures that other processes on a shared
// machine do not inflate.
func threadTime() time.Duration { return rusage(1) } // RUSAGE_THREAD

func rusage(who int) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(who, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkNational measures the whole assistant on the site in
// LABO_BENCH_SITE (a folder written by `labo gen`), or skips: Generate,
// then every job rendered one after the other. It reports the process CPU
// per round (GC included), the CPU time of the rendering thread for
// Generate and each kind (GC assists included, background GC not), the
// bytes of each kind, and the heap that Generate's jobs hold before any of
// them runs.
//
//	LABO_BENCH_SITE=/tmp/nat0 go test ./internal/orientpages -run '^$' -bench National -benchtime 3x
func BenchmarkNational(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	s, problems := site.Load(os.DirFS(dir), "")
	if err := problems.Err(); err != nil {
		b.Fatal(err)
	}
	r, err := render.New(layouts.FS, nil, static.FS, &render.SiteData{Config: s.Config, Nav: pages.Nav(), Footer: pages.Footer(s)})
	if err != nil {
		b.Fatal(err)
	}

	// the heap that the jobs keep alive until they run
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	jobs, _ := orientpages.Generate(s)
	runtime.GC()
	runtime.ReadMemStats(&m1)
	held := float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc)) / 1e6
	runtime.KeepAlive(jobs)
	jobs = nil

	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	kinds := map[string]time.Duration{}
	bytes := map[string]int{}
	count := map[string]int{}
	var gen time.Duration
	cpu := cpuTime()
	for b.Loop() {
		t0 := threadTime()
		jobs, _ := orientpages.Generate(s)
		gen += threadTime() - t0
		for i, j := range jobs {
			t := threadTime()
			out, err := r.Run(j)
			if err != nil {
				b.Fatal(err)
			}
			k := j.Kind
			if k == "" {
				k = "data"
			}
			kinds[k] += threadTime() - t
			bytes[k] += len(out)
			count[k]++
			jobs[i] = render.Job{} // as the build's workers do: the job is done with
		}
	}
	b.ReportMetric(held, "MB-held")
	b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
	b.ReportMetric(float64(gen.Microseconds())/1e3/float64(b.N), "generate-cpu-ms/op")
	var names []string
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		b.Logf("%-16s %6d files %8.1f ms %7.1f MB %6.0f B/file", k, count[k]/b.N, float64(kinds[k].Microseconds())/1e3/float64(b.N),
			float64(bytes[k])/1e6/float64(b.N), float64(bytes[k])/float64(count[k]))
	}
}
