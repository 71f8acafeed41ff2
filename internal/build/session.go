package build

import (
	"context"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"os"
	"path"
	"slices"
	"strings"
	"time"

	"labo/internal/config"
	"labo/internal/content"
	"labo/internal/dataset"
	"labo/internal/diag"
	"labo/internal/output"
	"labo/internal/pages"
	"labo/internal/parallel"
	"labo/internal/qualification"
	"labo/internal/referential"
	"labo/internal/render"
	"labo/internal/site"
	"labo/internal/venue"
	"labo/layouts"
	"labo/static"
)

// Session keeps what a build parsed and produced, so that the build after an
// edit parses again only the files that changed and re-renders only the
// outputs they affect (see Part). Build(nil) is a full build; the dev server
// calls Build with the paths its watcher saw change.
//
// A failed round changes nothing that is served: the previous tree stays,
// and the failed round's changes are carried over to the next one.
type Session struct {
	opts Options
	fsys fs.FS

	// Parsed inputs, with the problems each one had.
	cfg                *config.Site
	ref                *referential.Referential
	venues             []*venue.Venue
	quals              []*qualification.Qualification
	pages              map[string]*pageEntry // "content/guides/x.md" → page
	inputProblems      map[string][]diag.Problem
	pending            []string // changes of failed rounds, not yet built
	pendingAll, loaded bool
	deferred           []string // changes the deferred parts have not seen yet
	deferredAll        bool
	reparseAll         bool
	parseCache         *content.Cache // with Options.ParseCache, opened by the first round

	r        *render.Renderer
	parts    []partState
	finished []string // paths added by the finishers, nil before they ran
	tree     *output.Tree
	model    *site.Site // of the last good round

	sitemapKey   uint64
	sitemapCfg   *config.Site
	sitemapBytes []byte
}

type pageEntry struct {
	page     *content.Page
	problems []diag.Problem
	targets  []string // content files it links to
}

// partState is what a part produced last time.
type partState struct {
	jobs     map[string]render.Job
	datasets []*dataset.Dataset
	kept     map[string]cached // a part not run: the files kept (labo build only)
}

// paths are the outputs of the part.
func (ps partState) paths() iter.Seq[string] {
	return func(yield func(string) bool) {
		for p := range ps.jobs {
			if !yield(p) {
				return
			}
		}
		for p := range ps.kept {
			if !yield(p) {
				return
			}
		}
	}
}

// NewSession prepares a session on the site folder of opts.
func NewSession(opts Options) *Session {
	var fsys fs.FS = os.DirFS(opts.Dir)
	if opts.Out != "" {
		fsys = newSummingFS(fsys) // for the render cache's keys
	}
	return &Session{opts: opts, fsys: fsys, pages: map[string]*pageEntry{}, inputProblems: map[string][]diag.Problem{}}
}

// UseParseCache sets Options.ParseCache for the rounds to come: the dev
// server makes its session itself.
func (s *Session) UseParseCache(on bool) { s.opts.ParseCache = on }

// Tree is the output of the last successful round, or nil.
func (s *Session) Tree() *output.Tree { return s.tree }

// isGlobal reports whether a change to p changes every page: the
// configuration, the base template and partials, static files (their
// versioned URLs are in every page) and plain pages (listed in every footer).
func isGlobal(p string) bool {
	return p == "site.toml" || strings.HasPrefix(p, "static/") || p == "layouts/_default/baseof.html" ||
		strings.HasPrefix(p, "layouts/partials/") || (strings.HasPrefix(p, "content/") && strings.Count(p, "/") == 1)
}

// Match reports whether the site-relative path p matches pattern: a
// path.Match pattern, or "dir/**" for everything under dir ("**" alone
// matches everything).
func Match(pattern, p string) bool {
	if pattern == p {
		return true
	}
	if pattern == "**" {
		return true
	}
	if dir, ok := strings.CutSuffix(pattern, "/**"); ok {
		return strings.HasPrefix(p, dir+"/")
	}
	if !strings.ContainsAny(pattern, `*?[\`) {
		return false // a plain path, already compared
	}
	ok, _ := path.Match(pattern, p)
	return ok
}

func matchAny(patterns, paths []string) bool {
	for _, p := range paths {
		for _, pat := range patterns {
			if Match(pat, p) {
				return true
			}
		}
	}
	return false
}

// allParts lists the declared parts, the generators registered without
// declared inputs (re-run after any change) and the static files.
func (s *Session) allParts(staticFS fs.FS) []Part {
	out := slices.Clone(Parts)
	for i, g := range Generators {
		out = append(out, Part{Name: fmt.Sprintf("generator %d", i), Reads: []string{"**"}, Gen: g})
	}
	return append(out, Part{Name: "static", Reads: []string{"static/**"}, Gen: func(*site.Site) ([]render.Job, []*dataset.Dataset) {
		return staticJobs(staticFS), nil
	}})
}

// Build runs one round. changed lists the site-relative paths (slash
// separated) that changed since the last round; nil means everything.
func (s *Session) Build(changed []string) (*Result, error) {
	return s.round(changed, everything)
}

// BuildQuick is Build without the parts marked Deferred (indexes over the
// whole site, such as search): their update waits for BuildDeferred. The dev
// server reloads pages between the two.
func (s *Session) BuildQuick(changed []string) (*Result, error) {
	return s.round(changed, skipDeferred)
}

// Deferred reports whether BuildQuick left work for BuildDeferred.
func (s *Session) Deferred() bool { return len(s.deferred) > 0 || s.deferredAll }

// BuildDeferred brings the deferred parts up to date after BuildQuick, on
// the model of the last good round. It returns nil, nil when there is
// nothing to do. Once ctx ends it gives up with ctx's error and leaves the
// session as it was: the work stays deferred.
func (s *Session) BuildDeferred(ctx context.Context) (*Result, error) {
	if !s.Deferred() || s.tree == nil {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Only the deferred parts run, over the last round's tree and parts,
	// even when the changes they catch up with came from a full round.
	return s.build(ctx, false, s.deferred, onlyDeferred)
}

type mode int

const (
	everything mode = iota
	skipDeferred
	onlyDeferred
)

func (s *Session) round(changed []string, m mode) (*Result, error) {
	full := changed == nil || s.pendingAll || s.tree == nil
	changed = slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(changed), s.pending...))))
	if m == everything { // deferred parts catch up too
		full = full || s.deferredAll
		changed = slices.Compact(slices.Sorted(slices.Values(append(changed, s.deferred...))))
	}
	res, err := s.build(context.Background(), full, changed, m)
	if err != nil {
		s.pending, s.pendingAll = changed, full
		return nil, err
	}
	s.pending, s.pendingAll = nil, false
	return res, nil
}

func (s *Session) build(ctx context.Context, full bool, changed []string, m mode) (*Result, error) {
	start := time.Now()
	res := &Result{}
	progress := func(stage string, done, total int) {
		if s.opts.Progress != nil {
			s.opts.Progress(stage, done, total)
		}
	}
	t0 := time.Now()
	stage := func(name string) {
		res.Stages = append(res.Stages, Stage{name, time.Since(t0)})
		t0 = time.Now()
	}

	// The previous build's manifest is read while the site loads.
	var prevManifest chan *manifest
	if full && s.opts.Out != "" && !s.opts.NoRenderCache {
		prevManifest = make(chan *manifest, 1)
		go func() { prevManifest <- readManifest(s.opts.Out) }()
	}

	progress("load and validate", 0, 0)
	if sums, ok := s.fsys.(*summingFS); ok && full {
		sums.reset() // a full round reads every input again
	}
	st := s.model
	if m != onlyDeferred {
		var err error
		if st, err = s.assemble(full, changed); err != nil {
			return nil, err
		}
	}
	res.Site = st
	stage("load and validate")

	global := full || slices.ContainsFunc(changed, isGlobal)
	var layoutChanges []string
	for _, c := range changed {
		if strings.HasPrefix(c, "layouts/") {
			layoutChanges = append(layoutChanges, c)
		}
	}
	dataChanged := matchAny([]string{"data/**"}, changed)
	siteFS := s.fsys
	staticFS := overlay{base: static.FS, top: subOrNil(siteFS, "static")}
	r, old := s.r, s.r
	if m != onlyDeferred && (r == nil || global || len(layoutChanges) > 0 || dataChanged) {
		sd := &render.SiteData{Config: st.Config, Nav: pages.Nav(), Footer: pages.Footer(st)}
		var err error
		if r, err = render.New(layouts.FS, siteFS, staticFS, sd); err != nil {
			return nil, err
		}
	}
	// A changed layout re-renders the jobs of the kinds it serves, in every
	// part, before or after the change (a new file may take a kind over).
	layoutHit := func(j render.Job) bool {
		if !j.IsPage() || len(layoutChanges) == 0 {
			return false
		}
		return slices.Contains(layoutChanges, r.LayoutFile(j.Kind)) || old != nil && slices.Contains(layoutChanges, old.LayoutFile(j.Kind))
	}

	tree := output.NewTree()
	switch {
	case !full:
		tree = s.tree.Clone()
	case s.opts.Out != "":
		var err error
		if tree, err = output.NewDirectTree(s.opts.Out); err != nil {
			return nil, err
		}
		defer func() {
			if tree != s.tree {
				tree.Discard() // the round failed: remove what it streamed
			}
		}()
	}
	parts := s.allParts(staticFS)
	states := make([]partState, len(parts))
	var todo []render.Job
	var datasets, fresh []*dataset.Dataset
	deferred, deferredAll := s.deferred, s.deferredAll
	if m != skipDeferred {
		deferred, deferredAll = nil, false
	}
	// Decide which parts run again, then run their generators in parallel:
	// they only read the model.
	type plan struct {
		prev       partState
		all, rerun bool
		jobs       []render.Job
		ds         []*dataset.Dataset
		key        string            // of the files the part reads, with a render cache
		skipped    bool              // its files were kept without running it
		kept       map[string]cached // those files
	}
	plans := make([]plan, len(parts))
	var gen []int
	for i, p := range parts {
		var prev partState
		if !full && i < len(s.parts) {
			prev = s.parts[i]
		}
		all := global || matchAny(p.Reads, changed)
		rerun := all || matchAny(p.Scope, changed)
		switch {
		case m == skipDeferred && p.Deferred && rerun:
			// Catch up in BuildDeferred, with these changes.
			deferred = append(deferred, changed...)
			deferredAll = deferredAll || full
			rerun = false
		case m == onlyDeferred:
			rerun, all = p.Deferred, p.Deferred
		}
		plans[i] = plan{prev: prev, all: all, rerun: rerun}
		if rerun {
			gen = append(gen, i)
		}
	}
	// labo build into an existing folder keeps the outputs whose inputs did
	// not change since the last publish (see cache.go), and does not even
	// run the parts whose inputs did not change.
	var cache *renderCache
	var keys *inputKeys
	if full && s.opts.Out != "" {
		var prev *manifest
		if !s.opts.NoRenderCache {
			keys = newInputKeys(siteFS)
			g := globalKey(keys, []fs.FS{layouts.FS, staticFS}, s.opts.SourceDateEpoch)
			cache = &renderCache{next: &manifest{global: g, files: map[string]cached{}, parts: map[string]partRecord{}}, made: map[string]madeBy{}}
			if prev = <-prevManifest; g != "" && prev != nil && prev.global == g {
				cache.prev = prev
			}
			for _, i := range gen {
				plans[i].key = partKey(keys, parts[i])
			}
		}
		// From here on the folder may get files the manifest does not
		// list (streamed pages): a build interrupted before it publishes
		// must leave no manifest, so that the next one walks the folder
		// and clears them (and without the render cache, none describes
		// the folder any more).
		if err := os.Remove(manifestPath(s.opts.Out)); err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		if prev != nil {
			res.previous = slices.Collect(maps.Keys(prev.files))
		}
	}
	parallel.Each(costlyFirst(parts, gen), 0, func(i int) error {
		if cache.skippable(parts[i], plans[i].key) {
			if plans[i].kept, plans[i].skipped = cache.keepPart(tree, parts[i].Name); plans[i].skipped {
				return nil
			}
		}
		if parts[i].GenContext != nil {
			plans[i].jobs, plans[i].ds = parts[i].GenContext(ctx, st)
		} else {
			plans[i].jobs, plans[i].ds = parts[i].Gen(st)
		}
		return nil
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if cache != nil {
		for _, i := range gen {
			if plans[i].skipped {
				res.PartsKept = append(res.PartsKept, parts[i].Name)
			} else {
				keys.assign(parts[i], plans[i].jobs, plans[i].ds)
				cache.note(parts[i].Name, plans[i].key, plans[i].jobs, plans[i].ds)
			}
		}
	}
	// An output with a key (render.Job.Key: a digest of its own inputs,
	// which with the inputs of the global key make all it shows) keeps its
	// bytes when its key is the same and no global input changed: a venue
	// edit re-renders that venue's page and its département's, not every
	// venue's.
	keyed := !full && !slices.ContainsFunc(changed, inGlobalKey)
	for i, p := range parts {
		prev, all, rerun := plans[i].prev, plans[i].all, plans[i].rerun
		if !rerun {
			states[i] = prev
			datasets = append(datasets, prev.datasets...)
			if len(layoutChanges) > 0 {
				for _, path := range slices.Sorted(maps.Keys(prev.jobs)) {
					if j := prev.jobs[path]; layoutHit(j) {
						todo = append(todo, j)
					}
				}
			}
			continue
		}
		if plans[i].skipped {
			states[i] = partState{kept: plans[i].kept}
			continue
		}
		jobs, ds := plans[i].jobs, plans[i].ds
		for _, d := range ds {
			jobs = append(jobs, render.Job{Path: d.Path, Make: d.Make, Stream: d.Stream, Key: d.Key})
		}
		state := partState{jobs: make(map[string]render.Job, len(jobs)), datasets: ds}
		isDataset := map[string]bool{}
		for _, d := range ds {
			isDataset[d.Path] = true
		}
		for _, j := range jobs {
			if _, dup := state.jobs[j.Path]; dup {
				return nil, fmt.Errorf("%s: two outputs claim %s", p.Name, j.Path)
			}
			state.jobs[j.Path] = j
			pj, existed := prev.jobs[j.Path]
			sameKey := keyed && existed && j.Key != "" && j.Key == pj.Key
			if all && !sameKey || !existed || isDataset[j.Path] || layoutHit(j) ||
				matchAny(j.Reads, changed) || matchAny(pj.Reads, changed) {
				todo = append(todo, j)
			}
		}
		for path := range prev.jobs {
			if _, ok := state.jobs[path]; !ok && tree.Remove(path) {
				res.Removed = append(res.Removed, path)
			}
		}
		states[i] = state
		datasets = append(datasets, ds...)
		fresh = append(fresh, ds...)
	}
	// Two parts must not claim one path.
	owner := map[string]string{}
	for i, st := range states {
		for p := range st.paths() {
			if o, dup := owner[p]; dup {
				return nil, fmt.Errorf("two outputs claim %s (%s and %s)", p, o, parts[i].Name)
			}
			owner[p] = parts[i].Name
		}
	}
	stage("prepare templates and jobs")

	filled := make(map[string]*dataset.Dataset, len(fresh))
	for _, d := range fresh {
		filled[d.Path] = d
	}
	changes, kinds, err := run(r, todo, filled, cache, tree, func(done, total int) { progress("render pages and datasets", done, total) })
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Rendered = len(todo)
	res.Changed = changes
	res.Kinds = kinds
	if cache != nil && cache.next.global != "" {
		res.manifest, res.Reused = cache.next, cache.kept
	}
	stage("render pages and datasets")

	// Outputs that list the others: the finishers' (catalogue of datasets)
	// are made again when a dataset, a layout or a global input changed;
	// the sitemap, feed and robots.txt every round.
	progress("catalogue, sitemap and feed", 0, 0)
	finish := full || global || len(layoutChanges) > 0 || len(fresh) > 0 || s.finished == nil
	before := map[string][]byte{}
	drop := []string{"sitemap.xml", "feed.xml", "robots.txt"}
	if finish {
		drop = append(drop, s.finished...)
	}
	for _, p := range drop {
		if b, ok := tree.Get(p); ok {
			before[p] = b
			tree.Remove(p)
		}
	}
	finished := s.finished
	if finish {
		stop := tree.Record()
		for _, f := range Finishers {
			if err := f(st, r, tree, datasets); err != nil {
				stop()
				return nil, err
			}
		}
		if finished = stop(); finished == nil {
			finished = []string{} // not nil: the finishers ran
		}
	}
	extra := slices.Clone(finished)
	if !finish {
		extra = nil
	}
	for _, p := range []string{"sitemap.xml", "feed.xml", "robots.txt"} {
		var b []byte
		switch p {
		case "sitemap.xml":
			b = s.sitemap(st, tree)
		case "feed.xml":
			b = pages.Feed(st)
		default:
			b = pages.Robots(st)
		}
		if err := tree.Add(p, b); err != nil {
			return nil, err
		}
		extra = append(extra, p)
	}
	for _, p := range extra {
		if b, _ := tree.Get(p); before[p] == nil || string(before[p]) != string(b) {
			res.Changed = append(res.Changed, p)
		}
		delete(before, p)
	}
	for p := range before {
		res.Removed = append(res.Removed, p)
	}
	stage("catalogue, sitemap and feed")

	for _, v := range st.Venues {
		if !v.HasPoint {
			res.Warnings = append(res.Warnings, fmt.Sprintf("%s:%d: %s has no coordinates: listed everywhere but on the map", venue.FileName, v.Line, v.ID))
		}
	}
	for _, ps := range states {
		for _, j := range ps.jobs {
			if j.IsPage() {
				res.Pages++
			}
		}
		for _, c := range ps.kept {
			if c.page {
				res.Pages++
			}
		}
	}
	slices.Sort(res.Changed)
	slices.Sort(res.Removed)
	res.Tree = tree
	res.Datasets = datasets
	res.Duration = time.Since(start)

	s.r, s.parts, s.finished, s.tree, s.model = r, states, finished, tree, st
	s.deferred, s.deferredAll = slices.Compact(slices.Sorted(slices.Values(deferred))), deferredAll
	return res, nil
}

// sitemap lists the tree's pages. It is made again only when the set of
// paths or the configuration changed (an edit rarely adds a page), known by
// an order-independent sum of the paths' hashes: no sort, no escaping.
func (s *Session) sitemap(st *site.Site, tree *output.Tree) []byte {
	key := tree.PathSum() ^ uint64(len(st.Config.BaseURL))
	if s.sitemapBytes != nil && key == s.sitemapKey && st.Config == s.sitemapCfg {
		return s.sitemapBytes
	}
	s.sitemapKey, s.sitemapCfg, s.sitemapBytes = key, st.Config, pages.Sitemap(st, tree.Paths())
	return s.sitemapBytes
}

// assemble parses what changed and assembles the model.
func (s *Session) assemble(full bool, changed []string) (*site.Site, error) {
	problems := s.parse(full, changed)
	in := site.Inputs{Config: s.cfg, Ref: s.ref, Venues: s.venues, Quals: s.quals,
		RefUnread:    s.ref != nil && len(s.ref.Services) == 0 && len(s.inputProblems[referential.FileName]) > 0,
		VenuesUnread: len(s.venues) == 0 && len(s.inputProblems[venue.FileName]) > 0}
	if !full && !slices.ContainsFunc(changed, func(c string) bool {
		return c == config.FileName || c == referential.FileName || c == venue.FileName || c == qualification.FileName
	}) {
		in.Previous = s.model // the venue side did not change
	}
	if !full && s.model != nil {
		in.Reuse = map[string]any{}
		for _, l := range site.Loaders {
			if len(l.Reads) > 0 && !matchAny(l.Reads, changed) {
				in.Reuse[l.Name] = s.model.Loaded[l.Name]
			}
		}
	}
	for _, f := range slices.Sorted(maps.Keys(s.pages)) {
		if e := s.pages[f]; e.page != nil {
			in.Pages = append(in.Pages, e.page)
		}
	}
	st := site.Assemble(s.fsys, in, problems)
	if err := problems.Err(); err != nil {
		// Links are resolved once per parse, and this round resolved them:
		// parse every page again next round so that their problems are
		// found again until they are fixed.
		s.reparseAll = true
		return nil, err
	}
	return st, nil
}

// parse reads again the inputs that changed and returns every input
// problem. Content files are parsed again when they changed, when they link
// to a file that changed (links are resolved against their targets) and
// when they had problems.
func (s *Session) parse(full bool, changed []string) *diag.List {
	problems := &diag.List{}
	touched := func(name string) bool { return full || slices.Contains(changed, name) }
	sde := s.opts.SourceDateEpoch
	if touched(config.FileName) || s.cfg == nil {
		l := &diag.List{}
		s.cfg = config.Load(s.fsys, sde, l)
		s.inputProblems[config.FileName] = l.Problems()
	}
	load := func(name string, f func(l *diag.List)) {
		if touched(name) || !s.loaded {
			l := &diag.List{}
			f(l)
			s.inputProblems[name] = l.Problems()
		}
	}
	// The data files are read while the guides are parsed.
	dataDone := make(chan struct{})
	go func() {
		defer close(dataDone)
		load(referential.FileName, func(l *diag.List) { s.ref = referential.Load(s.fsys, l) })
		load(venue.FileName, func(l *diag.List) { s.venues = venue.Load(s.fsys, l) })
		load(qualification.FileName, func(l *diag.List) { s.quals = qualification.Load(s.fsys, l) })
	}()

	var reparse []string
	all := full || s.reparseAll || touched(config.FileName) // the time zone of dates comes from site.toml
	if all {
		s.reparseAll = false
		s.pages = map[string]*pageEntry{}
		_ = fs.WalkDir(s.fsys, content.Dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				reparse = append(reparse, p)
			}
			return nil
		})
	} else {
		for f, e := range s.pages {
			if len(e.problems) > 0 || slices.Contains(changed, f) || slices.ContainsFunc(e.targets, func(t string) bool { return slices.Contains(changed, t) }) {
				reparse = append(reparse, f)
			}
		}
		for _, c := range changed {
			if strings.HasPrefix(c, content.Dir+"/") && strings.HasSuffix(c, ".md") {
				reparse = append(reparse, c)
			}
		}
		reparse = slices.Compact(slices.Sorted(slices.Values(reparse)))
	}
	if s.opts.ParseCache && s.parseCache == nil {
		s.parseCache = content.OpenCache(s.opts.Dir)
	}
	parsed := content.ParseFilesCached(s.fsys, reparse, s.cfg.Location, s.parseCache) // on every processor
	if all {
		// Saved when every file was parsed (then entries of deleted files
		// are dropped), not after each edit. Best effort: a read-only site
		// folder is not a problem of the site.
		_ = s.parseCache.Save()
	}
	<-dataDone
	s.loaded = true
	for i, f := range reparse {
		delete(s.pages, f)
		if err := parsed[i].ReadErr; err != nil {
			if !os.IsNotExist(err) {
				s.pages[f] = &pageEntry{problems: []diag.Problem{{File: f, Msg: "cannot read: " + err.Error()}}}
			}
			continue
		}
		e := &pageEntry{page: parsed[i].Page, problems: parsed[i].Problems}
		if e.page != nil {
			for _, ln := range e.page.Links {
				e.targets = append(e.targets, content.Dir+"/"+ln.Target)
			}
		}
		s.pages[f] = e
	}
	for _, ps := range s.inputProblems {
		for _, p := range ps {
			problems.Add(p)
		}
	}
	for _, e := range s.pages {
		for _, p := range e.problems {
			problems.Add(p)
		}
	}
	return problems
}

// costlyFirst orders the indexes gen of parts to run: costly parts first,
// each group in its order.
func costlyFirst(parts []Part, gen []int) []int {
	order := slices.Clone(gen)
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case parts[a].Costly == parts[b].Costly:
			return 0
		case parts[a].Costly:
			return -1
		}
		return 1
	})
	return order
}
