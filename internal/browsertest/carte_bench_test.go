package browsertest

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"labo/internal/build"
	"labo/internal/synth"
)

// BenchmarkMapTimeToInteractive loads /carte/ of a site of 25,000 synthetic
// venues (tiles disabled, HTTP cache off: a first visit) in headless
// Chromium and reports, from navigation start:
//
//   - ms/tti: the map, its controls and the list of venues are usable (the
//     page sets data-carte-interactive); from then on the main thread runs
//     no task longer than about 50 ms (markers are clustered in 40 ms slices);
//   - ms/markers: every marker is clustered on the map (data-carte-ms).
//
// Results are recorded in docs/benchmarks.md, section "Map".
//
//	go test ./internal/browsertest -run '^$' -bench MapTimeToInteractive -benchtime 5x
func BenchmarkMapTimeToInteractive(b *testing.B) {
	venues := 25000
	if n, err := strconv.Atoi(os.Getenv("LABO_BENCH_VENUES")); err == nil {
		venues = n
	}
	src := b.TempDir()
	if err := synth.Site(Root(b), src, venues, true); err != nil {
		b.Fatal(err)
	}
	res, err := build.Build(build.Options{Dir: src})
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	if err := res.Tree.Publish(out); err != nil {
		b.Fatal(err)
	}
	base := Serve(b, out)
	ctx := Browser(b)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		b.Fatal(err)
	}
	var tti, all float64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := chromedp.Do(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(base+"/carte/")); err != nil {
			b.Fatal(err)
		}
		ms, err := chromedp.Run(ctx, chromedp.Poll[[]string](`document.documentElement.dataset.carteMs && [document.documentElement.dataset.carteInteractive, document.documentElement.dataset.carteMs]`,
			chromedp.WithPollingTimeout(60*time.Second)))
		if err != nil {
			b.Fatal(err)
		}
		v, _ := strconv.ParseFloat(ms[0], 64)
		w, _ := strconv.ParseFloat(ms[1], 64)
		tti += v
		all += w
	}
	b.StopTimer()
	b.ReportMetric(tti/float64(b.N), "ms/tti")
	b.ReportMetric(all/float64(b.N), "ms/markers")
	b.ReportMetric(float64(venues), "venues")
}
