// Package build runs the pipeline: load → validate → assemble → render pages
// and datasets in parallel → publish. Nothing is written unless every input
// is valid and every output was produced.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"time"

	"labo/internal/actions"
	"labo/internal/carte"
	"labo/internal/dataset"
	"labo/internal/diag"
	"labo/internal/indicator"
	"labo/internal/mapdata"
	"labo/internal/need"
	"labo/internal/opendata"
	"labo/internal/orientpages"
	"labo/internal/output"
	"labo/internal/pages"
	"labo/internal/parallel"
	"labo/internal/render"
	"labo/internal/search"
	"labo/internal/site"
	"labo/layouts"
	"labo/static"
)

// Options configure a build.
type Options struct {
	Dir             string // site folder
	SourceDateEpoch string // value of SOURCE_DATE_EPOCH, "" if unset
}

// Stage is the duration of one step, for the summary and profiles.
type Stage struct {
	Name     string
	Duration time.Duration
}

// Result is a built site, in memory.
type Result struct {
	Site     *site.Site
	Tree     *output.Tree
	Pages    int
	Stages   []Stage
	Duration time.Duration
	Warnings []string // things worth knowing that do not stop the build
	Datasets []*dataset.Dataset
}

// Generator produces the jobs of one part of the site, and the datasets it
// publishes (rendered like jobs, then listed by the catalogue).
type Generator func(s *site.Site) ([]render.Job, []*dataset.Dataset)

// Generators are the parts of the site, in order. Each feature package adds
// its own here.
var Generators = []Generator{
	func(s *site.Site) ([]render.Job, []*dataset.Dataset) { return pages.Core(s), nil },
	orientpages.Generate,
	search.Generate,
	actions.Generate,
	opendata.Generate,
	mapdata.Generate,
	carte.Generate,
}

// Feature packages that own inputs register their loader with the site, so
// that `labo check` and the build validate them with everything else.
func init() {
	site.Loaders = append(site.Loaders,
		site.Loader{Name: indicator.LoaderName, Load: func(s *site.Site, p *diag.List) any { return indicator.Load(s, p) }},
		site.Loader{Name: need.LoaderName, Load: func(s *site.Site, p *diag.List) any { return need.Load(s.FS, s.Ref, p) }},
	)
}

// Finisher runs after every job and dataset exists, for outputs that list or
// summarise them (catalogue, checksums). It adds files to the tree itself.
type Finisher func(s *site.Site, r *render.Renderer, tree *output.Tree, datasets []*dataset.Dataset) error

// Finishers run in order after the parallel stage. The open-data catalogue
// lists every dataset, so it runs once they all exist.
var Finishers = []Finisher{opendata.Finish}

// Load reads and validates the site folder: `labo check`.
func Load(opts Options) (*site.Site, error) {
	s, problems := site.Load(os.DirFS(opts.Dir), opts.SourceDateEpoch)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Build loads the site and renders every output in memory.
func Build(opts Options) (*Result, error) {
	start := time.Now()
	res := &Result{}
	stage := func(name string, t0 time.Time) { res.Stages = append(res.Stages, Stage{name, time.Since(t0)}) }

	t0 := time.Now()
	s, err := Load(opts)
	if err != nil {
		return nil, err
	}
	res.Site = s
	stage("load and validate", t0)

	t0 = time.Now()
	siteFS := os.DirFS(opts.Dir)
	staticFS := overlay{base: static.FS, top: subOrNil(siteFS, "static")}
	sd := &render.SiteData{Config: s.Config, Nav: pages.Nav(), Footer: pages.Footer(s)}
	r, err := render.New(layouts.FS, siteFS, staticFS, sd)
	if err != nil {
		return nil, err
	}
	var jobs []render.Job
	var datasets []*dataset.Dataset
	for _, g := range Generators {
		js, ds := g(s)
		jobs = append(jobs, js...)
		datasets = append(datasets, ds...)
	}
	for _, d := range datasets {
		jobs = append(jobs, render.Job{Path: d.Path, Make: d.Make})
	}
	jobs = append(jobs, staticJobs(staticFS)...)
	stage("prepare templates and jobs", t0)

	t0 = time.Now()
	tree := output.NewTree()
	if err := run(r, jobs, tree); err != nil {
		return nil, err
	}
	for _, j := range jobs {
		if j.Page != nil {
			res.Pages++
		}
	}
	for _, d := range datasets {
		data, _ := tree.Get(d.Path)
		d.Fill(data)
	}
	stage("render pages and datasets", t0)

	t0 = time.Now()
	for _, f := range Finishers {
		if err := f(s, r, tree, datasets); err != nil {
			return nil, err
		}
	}
	stage("catalogue", t0)

	t0 = time.Now()
	extra := map[string][]byte{
		"sitemap.xml": pages.Sitemap(s, tree.Paths()),
		"feed.xml":    pages.Feed(s),
		"robots.txt":  pages.Robots(s),
	}
	for _, p := range []string{"sitemap.xml", "feed.xml", "robots.txt"} {
		if err := tree.Add(p, extra[p]); err != nil {
			return nil, err
		}
	}
	stage("sitemap and feed", t0)
	for _, v := range s.Venues {
		if !v.HasPoint {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s:%d: %s has no coordinates: listed everywhere but on the map", "data/lieux.csv", v.Line, v.ID))
		}
	}
	res.Tree = tree
	res.Datasets = datasets
	res.Duration = time.Since(start)
	return res, nil
}

// run executes jobs on a pool of GOMAXPROCS workers and collects every error.
func run(r *render.Renderer, jobs []render.Job, tree *output.Tree) error {
	errs := parallel.Each(jobs, 0, func(j render.Job) error {
		b, err := r.Run(j)
		if err == nil {
			err = tree.Add(j.Path, b)
		}
		if err != nil {
			return fmt.Errorf("%s: %w", j.Path, err)
		}
		return nil
	})
	if len(errs) > 50 {
		errs = append(errs[:50], fmt.Errorf("… and %d more", len(errs)-50))
	}
	return errors.Join(errs...)
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// staticJobs copies the static tree to the site root. Go sources of the
// embedding package are not site files.
func staticJobs(fsys fs.FS) []render.Job {
	var jobs []render.Job
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) == ".go" {
			return err
		}
		jobs = append(jobs, render.Job{Path: p, Make: func() ([]byte, error) { return fs.ReadFile(fsys, p) }})
		return nil
	})
	return jobs
}

func subOrNil(fsys fs.FS, dir string) fs.FS {
	if fi, err := fs.Stat(fsys, dir); err != nil || !fi.IsDir() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}

// IsInputError reports whether err lists input problems (as opposed to a
// template or I/O failure).
func IsInputError(err error) bool {
	var de *diag.Error
	return errors.As(err, &de)
}
