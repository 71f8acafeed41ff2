// Package build runs the pipeline: load → validate → assemble → render pages
// and datasets in parallel → publish. Nothing is written unless every input
// is valid and every output was produced.
package build

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"labo/internal/actions"
	"labo/internal/carte"
	"labo/internal/content"
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
	"labo/internal/picto"
	"labo/internal/render"
	"labo/internal/search"
	"labo/internal/site"
)

// Options configure a build.
type Options struct {
	Dir             string // site folder
	SourceDateEpoch string // value of SOURCE_DATE_EPOCH, "" if unset
	// Progress, if set, is called as the stages go: stage names the step,
	// done and total count its jobs (0, 0 when it has none).
	Progress func(stage string, done, total int)
	// Out, if set, is the folder the result will be published to: pages
	// are streamed there as they are rendered (see output.NewDirectTree)
	// instead of being kept in memory. Publish with Result.Tree.Publish(Out).
	Out string
	// ParseCache keeps parsed content bodies between runs in
	// .labo-cache/content.cache in Dir (content.Cache): `labo` sets it
	// unless LABO_NO_CACHE is set; tests leave it off.
	ParseCache bool
	// NoRenderCache renders every page of a build into Out, as into an
	// empty folder, and leaves no render manifest (the next build renders
	// everything too): `labo` sets it with LABO_NO_CACHE.
	NoRenderCache bool
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
	Rendered int        // jobs run this round (all of them on a full build)
	Changed  []string   // output paths whose bytes changed or appeared this round
	Removed  []string   // output paths that disappeared this round
	Kinds    []KindCost // rendering cost per kind of output, costliest first
	Reused   int        // pages kept from the previous publish (see cache.go)
	// PartsKept names the parts whose files were all kept without running
	// them: nothing they read changed since the previous publish.
	PartsKept []string

	manifest *manifest // what Publish records for the next build
	previous []string  // the files of the output folder, from the last manifest; nil if unknown
}

// KindCost is what rendering one kind of output cost this round: a layout
// kind ("lieux/single") or, for files made by a function, "file:" and the
// first folder of their path ("file:donnees"). CPU is the time jobs spent
// in their worker, summed over workers.
type KindCost struct {
	Kind  string
	Jobs  int
	CPU   time.Duration
	Bytes int64
}

// Generator produces the jobs of one part of the site, and the datasets it
// publishes (rendered like jobs, then listed by the catalogue).
type Generator func(s *site.Site) ([]render.Job, []*dataset.Dataset)

// Generators are the parts of the site, in order. Each feature package adds
// its own here; a generator registered here is re-run by the dev server
// after any change. Register a Part instead to say what it reads.
var Generators []Generator

// Feature packages that own inputs register their loader with the site, so
// that `labo check` and the build validate them with everything else.
func init() {
	site.Loaders = append(site.Loaders,
		site.Loader{Name: indicator.LoaderName, Load: func(s *site.Site, p *diag.List) any { return indicator.Load(s, p) },
			Reads: []string{"site.toml", "data/**", "content/actions/**"}},
		site.Loader{Name: need.LoaderName, Load: func(s *site.Site, p *diag.List) any { return need.Load(s.FS, s.Ref, p) },
			Reads: []string{"data/**"}},
	)
}

// Part is a generator with the inputs it reads, so that the dev server
// re-runs and re-renders only what an edit affects.
//
// Inputs are site-relative paths or patterns: path.Match patterns, and "dir/**"
// for everything under dir. A change to site.toml, layouts/, static/ or a
// plain page (content/*.md, listed in every footer) re-renders everything.
// Otherwise, after a change to file f:
//   - when f matches Reads, the part is re-run and all its jobs re-rendered;
//   - when f matches Scope, the part is re-run, and only the jobs whose
//     Job.Reads (this round's or the previous round's) match f, or whose
//     path is new, are re-rendered; the others keep their bytes;
//   - otherwise the part is not re-run at all.
//
// Datasets of a re-run part are always re-rendered.
//
// A Deferred part (an index over the whole site, slow to make and not what
// an author looks at after an edit) is brought up to date by the dev server
// just after it reloads the edited pages (Session.BuildQuick, then
// BuildDeferred).
type Part struct {
	Name         string
	Reads, Scope []string
	Gen          Generator
	// GenContext, when set, is Gen that returns early once ctx ends, for
	// the rounds a caller may give up (Session.BuildDeferred); the session
	// then uses it instead of Gen.
	GenContext func(ctx context.Context, s *site.Site) ([]render.Job, []*dataset.Dataset)
	Deferred   bool
	// Costly generators (hundreds of milliseconds on a national site) are
	// started first: the parts' generators run in parallel before any
	// page renders, and the longest one started last would leave the
	// other processors idle while it ends.
	Costly bool
}

// Parts are the parts of the site with declared inputs.
var Parts = coreParts()

func coreParts() []Part {
	var out []Part
	for _, p := range pages.Parts() {
		out = append(out, Part{Name: "pages/" + p.Name, Reads: p.Reads, Scope: p.Scope, Gen: p.Gen})
	}
	return append(out,
		// The search index holds services, venues and guides.
		Part{Name: "search", Reads: []string{"data/referentiel.toml", "data/lieux.csv", "data/qualifications.csv", "content/guides/**"}, Gen: search.Generate, GenContext: search.GenerateContext, Deferred: true, Costly: true},
		// Actions and indicators read the indicator loader's data (usage
		// records, definitions, venues, referential) and the action pages.
		Part{Name: "actions", Reads: []string{"data/**", "content/actions/**"}, Gen: actions.Generate},
		// The orientation assistant reads the needs, venues, referential and
		// the embedded commune table; open data, the data files.
		Part{Name: "orient", Reads: []string{"data/**"}, Gen: orientpages.Generate, Costly: true},
		Part{Name: "opendata", Reads: []string{"data/**"}, Gen: opendata.Generate},
		// The map: venue data, département outlines, commune index, GeoJSON,
		// and the /carte/ pages (which also read the tile settings).
		Part{Name: "mapdata", Reads: []string{"data/**"}, Gen: mapdata.Generate},
		Part{Name: "carte", Reads: []string{"data/**", "site.toml"}, Gen: carte.Generate},
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
	var cache *content.Cache
	if opts.ParseCache {
		cache = content.OpenCache(opts.Dir)
	}
	s, problems := site.LoadCached(os.DirFS(opts.Dir), opts.SourceDateEpoch, cache)
	_ = cache.Save() // best effort, like the session's
	if err := problems.Err(); err != nil {
		return nil, err
	}
	return s, nil
}

// Build loads the site and renders every output in memory. It is the first
// round of a Session, the path the dev server takes for every rebuild, so
// that a full build and a series of incremental ones cannot drift apart.
func Build(opts Options) (*Result, error) {
	return NewSession(opts).Build(nil)
}

// run executes jobs on the worker pool, puts their output in tree
// (replacing what was there) and collects every error. It returns the paths
// whose bytes changed. The bytes of a job that makes one of datasets fill
// it (size, hash, rows) before they go to the tree, which may stream them
// to disk. progress, if set, is told how many jobs are done now and then.
func run(r *render.Renderer, jobs []render.Job, datasets map[string]*dataset.Dataset, cache *renderCache, tree *output.Tree, progress func(done, total int)) (changed []string, kinds []KindCost, err error) {
	var (
		mu   sync.Mutex
		done int
		cost = map[string]*KindCost{}
	)
	errs := parallel.Each(jobs, 0, func(j render.Job) error {
		d := datasets[j.Path]
		if cache.reuse(tree, j.Path, j.Key, d) {
			mu.Lock()
			done++
			mu.Unlock()
			return nil
		}
		start := time.Now()
		var (
			b    []byte
			size int
			diff bool
			err  error
		)
		if j.Stream != nil {
			// Written to the tree as it is made; a dataset described on
			// the way.
			var fill *dataset.Filler
			size, diff, err = tree.AddStream(j.Path, func(w io.Writer) error {
				if d != nil {
					fill = d.Filler()
					w = io.MultiWriter(w, fill)
				}
				return j.Stream(w)
			})
			if err == nil && fill != nil {
				fill.Done()
			}
		} else {
			b, err = r.Run(j)
			size = len(b)
			if d != nil && err == nil {
				d.Fill(b)
			}
		}
		spent := time.Since(start)

		if err == nil {
			cache.record(j.Path, j.Key, size, d)
		}
		if err == nil && j.Stream == nil {
			diff, err = tree.Put(j.Path, b)
		}
		mu.Lock()
		defer mu.Unlock()
		if diff {
			changed = append(changed, j.Path)
		}
		kind := j.Kind
		if !j.IsPage() {
			dir, _, _ := strings.Cut(j.Path, "/")
			kind = "file:" + dir
		}
		c := cost[kind]
		if c == nil {
			c = &KindCost{Kind: kind}
			cost[kind] = c
		}
		c.Jobs++
		c.CPU += spent
		c.Bytes += int64(size)
		if done++; progress != nil && done%256 == 0 {
			progress(done, len(jobs))
		}
		if err != nil {
			return fmt.Errorf("%s: %w", j.Path, err)
		}
		return nil
	})
	if progress != nil {
		progress(len(jobs), len(jobs))
	}
	if len(errs) > 50 {
		errs = append(errs[:50], fmt.Errorf("… and %d more", len(errs)-50))
	}
	for _, c := range cost {
		kinds = append(kinds, *c)
	}
	slices.SortFunc(kinds, func(a, b KindCost) int { return cmp.Or(cmp.Compare(b.CPU, a.CPU), strings.Compare(a.Kind, b.Kind)) })
	return changed, kinds, errors.Join(errs...)
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

// staticJobs copies the static tree to the site root, and writes the
// pictogram sprite made from its vendor/pictos/ (package picto). Go sources
// of the embedding package are not site files.
func staticJobs(fsys fs.FS) []render.Job {
	var jobs []render.Job
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) == ".go" {
			return err
		}
		jobs = append(jobs, render.Job{Path: p, Make: func() ([]byte, error) { return fs.ReadFile(fsys, p) }})
		return nil
	})
	return append(jobs, render.Job{Path: picto.Path, Make: func() ([]byte, error) { return picto.File(fsys) }})
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
