package build

import (
	"cmp"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkLoad measures `labo check` on the site in LABO_BENCH_SITE (a
// folder written by `labo gen`), or skips.
func BenchmarkLoad(b *testing.B) {
	dir := benchSite(b)
	for b.Loop() {
		if _, err := Load(Options{Dir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGuideEdit measures one incremental round after a guide edit on
// the site in LABO_BENCH_SITE, with the search index (Build), or without it
// when LABO_BENCH_QUICK is set (BuildQuick: what the dev server does between
// the save and the first reload event). The guide is restored afterwards.
func BenchmarkGuideEdit(b *testing.B) {
	dir := benchSite(b)
	guides, _ := filepath.Glob(filepath.Join(dir, "content/guides/*.md"))
	if len(guides) == 0 {
		b.Skip("no guides")
	}
	rel, _ := filepath.Rel(dir, guides[len(guides)/2])
	benchEdit(b, dir, filepath.ToSlash(rel), func(orig string, i int) string {
		return strings.Replace(orig, "\n\n", "\n\nÉdition "+strings.Repeat("I", i%5+1)+".\n\n", 1)
	})
}

// BenchmarkVenueEdit is BenchmarkGuideEdit for a venue: the phone number of
// the venue in the middle of data/lieux.csv changes at each round.
func BenchmarkVenueEdit(b *testing.B) {
	dir := benchSite(b)
	benchEdit(b, dir, "data/lieux.csv", func(orig string, i int) string {
		at := strings.Index(orig[len(orig)/2:], ",+33")
		if at < 0 {
			b.Fatal("no phone number in the second half of lieux.csv")
		}
		at += len(orig) / 2
		return orig[:at] + ",+331" + strconv.Itoa(100000000 + i%5)[1:] + orig[at+len(",+33")+9:]
	})
}

func benchSite(b *testing.B) string {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	return dir
}

// benchEdit builds the site in a session, then measures a round after each
// edit of the file rel (edit gives its i-th text); the file is restored
// afterwards.
func benchEdit(b *testing.B, dir, rel string, edit func(orig string, i int) string) {
	file := filepath.Join(dir, rel)
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	defer os.WriteFile(file, orig, 0o644)
	// LABO_BENCH_PARSECACHE=1: with the parse cache, as `labo serve` runs.
	s := NewSession(Options{Dir: dir, ParseCache: os.Getenv("LABO_BENCH_PARSECACHE") != ""})
	if _, err := s.Build(nil); err != nil {
		b.Fatal(err)
	}
	if f := os.Getenv("LABO_BENCH_ROUNDPROF"); f != "" { // profile the rounds, not the first build
		out, _ := os.Create(f)
		pprof.StartCPUProfile(out)
		defer pprof.StopCPUProfile()
	}
	stages := map[string]time.Duration{}
	var last *Result
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(file, []byte(edit(string(orig), i)), 0o644); err != nil {
			b.Fatal(err)
		}
		build := s.Build
		if os.Getenv("LABO_BENCH_QUICK") != "" { // the dev server's first round
			build = s.BuildQuick
		}
		res, err := build([]string{rel})
		if err != nil {
			b.Fatal(err)
		}
		for _, st := range res.Stages {
			stages[st.Name] += st.Duration
		}
		b.ReportMetric(float64(res.Rendered), "rendered")
		last = res
	}
	for name, d := range stages {
		b.Logf("%-30s %s per round", name, d/time.Duration(b.N))
	}
	kinds := slices.SortedFunc(slices.Values(last.Kinds), func(a, b KindCost) int { return cmp.Compare(b.CPU, a.CPU) })
	for _, k := range kinds[:min(len(kinds), 6)] {
		b.Logf("last round: %-28s %6d outputs, %s CPU", k.Kind, k.Jobs, k.CPU.Round(time.Millisecond))
	}
}

// BenchmarkBuild measures a full build in memory (no writing) of the site
// in LABO_BENCH_SITE, and reports each stage's share.
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b)
	stages := map[string]time.Duration{}
	var order []string
	for b.Loop() {
		res, err := Build(Options{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		for _, st := range res.Stages {
			if _, ok := stages[st.Name]; !ok {
				order = append(order, st.Name)
			}
			stages[st.Name] += st.Duration
		}
		b.ReportMetric(float64(res.Tree.Len()), "files")
	}
	for _, name := range order {
		b.Logf("%-30s %s per build", name, stages[name]/time.Duration(b.N))
	}
}
