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

// reload is a reload event as the page receives it.
type reload struct {
	at    time.Time
	index bool // the search index's round (a deferred part), not the edit's
}

// benchDev serves the site in LABO_BENCH_SITE (written by `labo gen`) with
// the dev server, watching it, and returns one of its guides (restored
// afterwards), its text and the reload events of the event stream.
func benchDev(b *testing.B) (guide, orig string, reloads <-chan reload) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	guides, _ := filepath.Glob(filepath.Join(dir, "content/guides/*.md"))
	if len(guides) == 0 {
		b.Skip("no guides")
	}
	guide = guides[len(guides)/2]
	text, err := os.ReadFile(guide)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(guide, text, 0o644) })

	dev := serve.NewDev(dir, io.Discard)
	if r := dev.Build(nil); r.Problems != nil {
		b.Fatal(r.Problems)
	}
	srv := httptest.NewServer(dev)
	ctx, cancel := context.WithCancel(context.Background())
	watching := make(chan error, 1)
	go func() { watching <- dev.Watch(ctx) }()
	b.Cleanup(func() {
		cancel()
		srv.CloseClientConnections()
		srv.Close()
		<-watching // no round outlives the benchmark
	})
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/_labo/reload", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	ch := make(chan reload, 8)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			if data, ok := strings.CutPrefix(line, "data: "); ok && event == "reload" {
				// The index round changes thousands of files on a
				// national site: its event says "*".
				ch <- reload{time.Now(), strings.Contains(data, "/recherche/index/") || strings.Contains(data, `"*"`)}
			}
			if name, ok := strings.CutPrefix(line, "event: "); ok {
				event = name
			}
		}
	}()
	time.Sleep(100 * time.Millisecond)
	return guide, string(text), ch
}

// save writes the i-th edit of the guide.
func save(b *testing.B, guide, orig string, i int) time.Time {
	text := strings.Replace(orig, "\n\n", "\n\nÉdition numéro "+strings.Repeat("I", i%7+1)+".\n\n", 1)
	t0 := time.Now()
	if err := os.WriteFile(guide, []byte(text), 0o644); err != nil {
		b.Fatal(err)
	}
	return t0
}

func nextReload(b *testing.B, reloads <-chan reload) reload {
	select {
	case r := <-reloads:
		return r
	case <-time.After(60 * time.Second):
		b.Fatal("no reload event")
		return reload{}
	}
}

func median(d []time.Duration) float64 {
	slices.Sort(d)
	return float64(d[len(d)/2].Microseconds()) / 1000
}

// BenchmarkSaveToReload measures the time from writing a guide to the
// reload event reaching a page through the event stream: watcher, rebuild
// and broadcast. Reported: median and max per save of the first reload
// event (the guide's page), and the median of the second (the search
// index, a deferred part).
func BenchmarkSaveToReload(b *testing.B) {
	guide, orig, reloads := benchDev(b)
	var lat, all []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		t0 := save(b, guide, orig, i)
		if r := nextReload(b, reloads); r.index {
			b.Fatal("the index came before the edited page")
		} else {
			lat = append(lat, r.at.Sub(t0))
		}
		if r := nextReload(b, reloads); !r.index {
			b.Fatal("a second reload event that is not the index's")
		} else {
			all = append(all, r.at.Sub(t0))
		}
	}
	b.ReportMetric(median(lat), "ms-reload-median")
	b.ReportMetric(float64(slices.Max(lat).Microseconds())/1000, "ms-reload-max")
	b.ReportMetric(median(all), "ms-index-median")
}

// BenchmarkSaveDuringIndex measures an author saving twice in a row: the
// second save comes as soon as the first one's page reloaded, while the
// search index of the first is being rebuilt. The dev server gives that
// index round up, so the second save's reload does not wait for it.
// Reported: median and max from the second save to its reload event.
func BenchmarkSaveDuringIndex(b *testing.B) {
	guide, orig, reloads := benchDev(b)
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		save(b, guide, orig, 2*i)
		if r := nextReload(b, reloads); r.index {
			b.Fatal("the index came before the edited page")
		}
		t0 := save(b, guide, orig, 2*i+1)
		r := nextReload(b, reloads)
		if r.index { // the first save's index was done before the second save
			r = nextReload(b, reloads)
		}
		lat = append(lat, r.at.Sub(t0))
		for r := nextReload(b, reloads); !r.index; r = nextReload(b, reloads) {
		}
	}
	b.ReportMetric(median(lat), "ms-reload-median")
	b.ReportMetric(float64(slices.Max(lat).Microseconds())/1000, "ms-reload-max")
}
