package serve_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"labo/internal/serve"
)

// BenchmarkSaveToReload measures, on the site in LABO_BENCH_SITE (written by
// `labo gen`), the time from writing a guide to the reload event reaching
// a page through the event stream: watcher, rebuild and broadcast. The
// guide is restored afterwards. Reported: median and max per save of the
// first reload event (the guide's page), and the median of the second (the
// search index, a deferred part).
func BenchmarkSaveToReload(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	guides, _ := filepath.Glob(filepath.Join(dir, "content/guides/*.md"))
	if len(guides) == 0 {
		b.Skip("no guides")
	}
	guide := guides[len(guides)/2]
	orig, err := os.ReadFile(guide)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(guide, orig, 0o644)

	dev := serve.NewDev(dir, io.Discard)
	if r := dev.Build(nil); r.Problems != nil {
		b.Fatal(r.Problems)
	}
	srv := httptest.NewServer(dev)
	defer srv.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go dev.Watch(ctx)
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/_labo/reload", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	reloads := make(chan time.Time, 8)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				reloads <- time.Now()
			}
		}
	}()
	time.Sleep(100 * time.Millisecond)
	var lat, all []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		text := strings.Replace(string(orig), "\n\n", "\n\nÉdition numéro "+strings.Repeat("I", i%7+1)+".\n\n", 1)
		t0 := time.Now()
		if err := os.WriteFile(guide, []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		// The first event reloads the guide; the second follows once the
		// search index is up to date (a deferred part).
		for k := range 2 {
			select {
			case t1 := <-reloads:
				if k == 0 {
					lat = append(lat, t1.Sub(t0))
				} else {
					all = append(all, t1.Sub(t0))
				}
			case <-time.After(60 * time.Second):
				b.Fatal("no reload event")
			}
		}
	}
	median := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds()) / 1000
	}
	b.ReportMetric(median(lat), "ms-reload-median")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "ms-reload-max")
	b.ReportMetric(median(all), "ms-index-median")
}
