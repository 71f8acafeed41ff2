package build

import (
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"
	"time"
)

// BenchmarkLoad measures `labo check` on the site in LABO_BENCH_SITE (a
// folder written by `labo gen`), or skips.
func BenchmarkLoad(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
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
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
	guides, _ := filepath.Glob(filepath.Join(dir, "content/guides/*.md"))
	if len(guides) == 0 {
		b.Skip("no guides")
	}
	guide := guides[len(guides)/2]
	rel, _ := filepath.Rel(dir, guide)
	orig, _ := os.ReadFile(guide)
	defer os.WriteFile(guide, orig, 0o644)
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
	for i := 0; b.Loop(); i++ {
		os.WriteFile(guide, []byte(strings.Replace(string(orig), "\n\n", "\n\nÉdition "+strings.Repeat("I", i%5+1)+".\n\n", 1)), 0o644)
		build := s.Build
		if os.Getenv("LABO_BENCH_QUICK") != "" { // the dev server's first round
			build = s.BuildQuick
		}
		res, err := build([]string{filepath.ToSlash(rel)})
		if err != nil {
			b.Fatal(err)
		}
		for _, st := range res.Stages {
			stages[st.Name] += st.Duration
		}
		b.ReportMetric(float64(res.Rendered), "rendered")
	}
	for name, d := range stages {
		b.Logf("%-30s %s per round", name, d/time.Duration(b.N))
	}
}

// BenchmarkBuild measures a full build in memory (no writing) of the site
// in LABO_BENCH_SITE, and reports each stage's share.
func BenchmarkBuild(b *testing.B) {
	dir := os.Getenv("LABO_BENCH_SITE")
	if dir == "" {
		b.Skip("set LABO_BENCH_SITE to a site folder (labo gen -o DIR)")
	}
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
