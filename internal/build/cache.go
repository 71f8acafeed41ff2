package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"labo/internal/dataset"
	"labo/internal/exehash"
	"labo/internal/output"
	"labo/internal/render"
)

// A render cache lets `labo build` into an existing output folder skip the
// pages whose inputs did not change since the build that wrote them.
//
// A job may carry a Key (render.Job.Key): a digest of everything its output
// depends on beyond the site-wide inputs; a job without one gets the digest
// of the files its part and itself declare they read (see inputKeys). The
// site-wide inputs are hashed into one global key: the labo executable
// itself (its code makes the views), every layout and static file,
// site.toml, the data files other than lieux.csv and qualifications.csv,
// the plain pages of content/ (in every footer) and SOURCE_DATE_EPOCH. After a publish, the build writes a
// manifest beside the output folder (.labo-cache/<folder>.manifest) with
// the global key and, for every keyed page, its key and size. The next
// build renders a keyed page only when the global key changed, its key
// changed, or the published file is missing or has another size; otherwise
// the file is kept as it is.
//
// The manifest also records, for each part (Part), the digest of the files
// it reads (Reads and Scope) and which files it made. A part without
// datasets whose digest is unchanged is not run again at all: its files are
// kept as they are, which is what its jobs' keys would decide one by one,
// without making the jobs (the dev server trusts the same declarations).
//
// The manifest is removed before a build streams anything into the folder
// and written once its publish has ended, so a failed or interrupted build
// makes the next one walk the folder and render everything. A published
// file is trusted on its size: one edited by hand to the same size is kept
// (delete .labo-cache/ to render everything).

// manifest is what the previous publish recorded.
type manifest struct {
	global string
	files  map[string]cached
	parts  map[string]partRecord
	byPart map[string][]string // read: the files of each part
}

type cached struct {
	key    string
	size   int
	sha256 string // of a dataset, "-" for a page
	rows   int    // of a dataset
	page   bool   // a page (counted as one), not a file
	part   string // the part that made it, "" if unknown
}

// partRecord is what a part read and made in the build that published.
type partRecord struct {
	key      string // digest of the files matched by its Reads and Scope
	files    int    // its outputs, each recorded with its part
	datasets bool   // a part with datasets always runs (the catalogue needs them)
}

// manifestPath is where the manifest of the output folder out lives.
func manifestPath(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), ".labo-cache", filepath.Base(out)+".manifest")
}

const manifestHeader = "labo render manifest 3"

// readManifest returns the manifest of out, or nil when there is none or it
// cannot be read (then everything is rendered).
func readManifest(out string) *manifest {
	b, err := os.ReadFile(manifestPath(out))
	if err != nil {
		return nil
	}
	// One string for the whole file: the fields are slices of it, not
	// 350,000 small strings for a national site.
	rest := string(b)
	line := func() (string, bool) {
		l, r, ok := strings.Cut(rest, "\n")
		if !ok {
			return "", false // a manifest ends with a newline
		}
		rest = r
		return l, true
	}
	if h, ok := line(); !ok || h != manifestHeader {
		return nil
	}
	global, ok := line()
	if !ok {
		return nil
	}
	m := &manifest{global: global, files: map[string]cached{}, parts: map[string]partRecord{}, byPart: map[string][]string{}}
	var f [7]string
	// Parts and files come in ascending order, as write puts them: a
	// manifest out of order, listing something twice or a name empty was
	// not written by this code.
	var lastPart, lastFile string
	for rest != "" {
		l, ok := line()
		if !ok {
			return nil
		}
		if r, ok := strings.CutPrefix(l, "part\t"); ok {
			if !splitTabs(r, f[:4]) {
				return nil
			}
			n, err := strconv.Atoi(f[1])
			if err != nil || f[3] <= lastPart {
				return nil
			}
			lastPart = f[3]
			m.parts[f[3]] = partRecord{key: f[0], files: n, datasets: f[2] == "datasets"}
			continue
		}
		if !splitTabs(l, f[:]) {
			return nil
		}
		size, err1 := strconv.Atoi(f[1])
		rows, err2 := strconv.Atoi(f[3])
		if err1 != nil || err2 != nil {
			return nil
		}
		part := f[5]
		if part == "-" {
			part = ""
		}
		if f[6] <= lastFile {
			return nil
		}
		lastFile = f[6]
		m.files[f[6]] = cached{key: f[0], size: size, sha256: f[2], rows: rows, page: f[4] == "page", part: part}
		if part != "" {
			m.byPart[part] = append(m.byPart[part], f[6])
		}
	}
	return m
}

// appendLine appends fields separated by tabs, and a newline.
func appendLine(b []byte, fields ...string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, '\t')
		}
		b = append(b, f...)
	}
	return append(b, '\n')
}

// splitTabs splits s at its tabs into exactly len(into) fields (the last
// one takes the rest, tabs included), and reports whether it had enough.
func splitTabs(s string, into []string) bool {
	for i := range len(into) - 1 {
		var ok bool
		if into[i], s, ok = strings.Cut(s, "\t"); !ok {
			return false
		}
	}
	into[len(into)-1] = s
	return true
}

// write saves the manifest atomically.
func (m *manifest) write(out string) error {
	name := manifestPath(out)
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	b := make([]byte, 0, 128*len(m.files)+64*len(m.parts))
	b = append(b, manifestHeader+"\n"...)
	b = append(b, m.global...)
	b = append(b, '\n')
	for _, name := range slices.Sorted(maps.Keys(m.parts)) {
		r := m.parts[name]
		ds := "-"
		if r.datasets {
			ds = "datasets"
		}
		b = appendLine(b, "part", r.key, strconv.Itoa(r.files), ds, name)
	}
	for _, p := range slices.Sorted(maps.Keys(m.files)) {
		c := m.files[p]
		kind, part := "-", c.part
		if c.page {
			kind = "page"
		}
		if part == "" {
			part = "-"
		}
		b = appendLine(b, c.key, strconv.Itoa(c.size), c.sha256, strconv.Itoa(c.rows), kind, part, p)
	}
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// inputKeys gives jobs the keys the dev server's rules imply: an output
// depends on the site-wide inputs, on the files its part reads
// (Part.Reads) and on the files its job reads (render.Job.Reads). Those
// declarations are what incremental rebuilds already trust (and test
// against full builds); here they make a key from the contents of the
// files they match. Paths are matched against the files of data/ and
// content/ (and site.toml); each file is read and hashed once.
type inputKeys struct {
	site  fs.FS
	files []string          // data/**, content/** and site.toml, sorted
	sums  map[string][]byte // file → SHA-256
	keys  map[string]string // pattern list → key
}

func newInputKeys(site fs.FS) *inputKeys {
	k := &inputKeys{site: site, sums: map[string][]byte{}, keys: map[string]string{}}
	for _, root := range []string{"content", "data"} {
		_ = fs.WalkDir(site, root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				k.files = append(k.files, p)
			}
			return nil
		})
	}
	k.files = append(k.files, "site.toml")
	slices.Sort(k.files)
	return k
}

// key digests the files matched by patterns, "" when one cannot be read.
func (k *inputKeys) key(patterns []string) string {
	id := strings.Join(patterns, "\x00")
	if key, ok := k.keys[id]; ok {
		return key
	}
	// Plain paths are looked up; only patterns scan the file list.
	var matched []string
	for _, pat := range patterns {
		if !strings.ContainsAny(pat, `*?[\`) {
			if _, ok := slices.BinarySearch(k.files, pat); ok {
				matched = append(matched, pat)
			}
			continue
		}
		for _, f := range k.files {
			if Match(pat, f) {
				matched = append(matched, f)
			}
		}
	}
	slices.Sort(matched)
	h := sha256.New()
	for _, f := range slices.Compact(matched) {
		sum, err := k.sum(f)
		if err != nil {
			k.keys[id] = ""
			return ""
		}
		fmt.Fprintf(h, "%s\x00", f)
		h.Write(sum)
	}
	key := hex.EncodeToString(h.Sum(nil)[:16])
	k.keys[id] = key
	return key
}

// sum is the SHA-256 of a site file, read once per build.
func (k *inputKeys) sum(f string) ([]byte, error) {
	if sum, ok := k.sums[f]; ok {
		return sum, nil
	}
	if read, ok := k.site.(*summingFS); ok {
		if sum, ok := read.sum(f); ok {
			k.sums[f] = sum
			return sum, nil
		}
	}
	b, err := fs.ReadFile(k.site, f)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	k.sums[f] = sum[:]
	return sum[:], nil
}

// assign sets the key of the part's jobs and datasets that have none of
// their own.
func (k *inputKeys) assign(p Part, jobs []render.Job, datasets []*dataset.Dataset) {
	part := k.key(p.Reads)
	if part == "" {
		return
	}
	for _, d := range datasets {
		if d.Key == "" {
			d.Key = part
		}
	}
	for i := range jobs {
		if jobs[i].Key != "" {
			continue
		}
		if len(jobs[i].Reads) == 0 {
			jobs[i].Key = part
		} else if own := k.key(jobs[i].Reads); own != "" {
			jobs[i].Key = part + own
		}
	}
}

// renderCache is the manifest of the previous publish, when its pages may
// be reused, and the one this build records.
type renderCache struct {
	prev *manifest // nil: render everything
	mu   sync.Mutex
	next *manifest
	kept int
	// outputs of the parts that ran, path → part and whether it is a page
	made map[string]madeBy
}

type madeBy struct {
	part string
	page bool
}

// partKey digests the files a part reads, "" when one cannot be read.
func partKey(keys *inputKeys, p Part) string {
	return keys.key(slices.Concat(p.Reads, p.Scope))
}

// skippable reports whether the part need not run: it has no datasets, and
// the files it reads and the site-wide inputs are those of the last publish.
func (c *renderCache) skippable(p Part, key string) bool {
	if c == nil || c.prev == nil || key == "" {
		return false
	}
	r, ok := c.prev.parts[p.Name]
	return ok && !r.datasets && r.key == key
}

// keepPart claims every file the part made in the last publish, as they
// are, and records them for the next. It claims nothing and reports false
// when one of them is missing or changed size (the part must run).
func (c *renderCache) keepPart(tree *output.Tree, name string) (files map[string]cached, ok bool) {
	want := c.prev.parts[name].files
	files = make(map[string]cached, want)
	for _, p := range c.prev.byPart[name] {
		files[p] = c.prev.files[p]
	}
	if len(files) != want || want == 0 {
		return nil, false // the manifest does not list the part's files
	}
	var kept []string
	for p, e := range files {
		if e.key == "-" || !tree.Keep(p, e.size) {
			for _, k := range kept {
				tree.Remove(k)
			}
			return nil, false
		}
		kept = append(kept, p)
	}
	c.mu.Lock()
	maps.Copy(c.next.files, files)
	c.next.parts[name] = c.prev.parts[name]
	c.kept += len(files)
	c.mu.Unlock()
	return files, true
}

// reuse keeps the published file of a keyed job whose key and size are
// those recorded, and reports whether it did. A kept dataset is filled
// from the manifest (size, hash, rows) and the beginning of the file.
func (c *renderCache) reuse(tree *output.Tree, p, key string, d *dataset.Dataset) bool {
	if c == nil || c.prev == nil || key == "" {
		return false
	}
	old, ok := c.prev.files[p]
	if !ok || old.key == "-" || old.key != key || d != nil && old.sha256 == "-" {
		return false
	}
	var head []byte
	if d != nil {
		var err error
		if head, err = tree.Head(p, dataset.HeadSize); err != nil {
			return false
		}
	}
	if !tree.Keep(p, old.size) {
		return false
	}
	if d != nil {
		d.Bytes, d.SHA256, d.Rows, d.Head = old.size, old.sha256, old.rows, head
	}
	c.mu.Lock()
	m := c.made[p]
	old.part, old.page = m.part, m.page
	c.next.files[p] = old
	c.kept++
	c.mu.Unlock()
	return true
}

// record notes what a keyed job made, for the next build.
func (c *renderCache) record(p, key string, size int, d *dataset.Dataset) {
	if c == nil || key == "" {
		return
	}
	e := cached{key: key, size: size, sha256: "-"}
	if d != nil {
		e.sha256, e.rows = d.SHA256, d.Rows
	}
	c.mu.Lock()
	m := c.made[p]
	e.part, e.page = m.part, m.page
	c.next.files[p] = e
	c.mu.Unlock()
}

// Publish writes the result to its output folder (see output.Tree.Publish)
// and records the render manifest of the next build.
func (r *Result) Publish(dir string) (output.Stats, error) {
	if err := os.Remove(manifestPath(dir)); err != nil && !os.IsNotExist(err) {
		return output.Stats{}, err
	}
	st, err := r.Tree.PublishOver(dir, r.previous)
	if err != nil || r.manifest == nil {
		return st, err
	}
	// Every published file is listed, with a key only when it has one: the
	// next publish knows the folder's files without walking it.
	for _, p := range r.Tree.Paths() {
		if _, ok := r.manifest.files[p]; !ok {
			r.manifest.files[p] = cached{key: "-", size: -1, sha256: "-"}
		}
	}
	return st, r.manifest.write(dir)
}

// globalKey hashes the site-wide inputs (see the comment at the top). It
// returns "" when one cannot be read: then nothing is reused.
func globalKey(keys *inputKeys, trees []fs.FS, sourceDateEpoch string) string {
	exe := exehash.Sum()
	if exe == "" {
		return ""
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", exe, sourceDateEpoch)
	add := func(fsys fs.FS, p string) error {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
		return nil
	}
	walk := func(fsys fs.FS, root string) error {
		err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			return add(fsys, p)
		})
		if os.IsNotExist(err) {
			return nil
		}
		return err
	}
	for i, t := range trees { // embedded layouts and static files
		fmt.Fprintf(h, "tree %d\x00", i)
		if err := walk(t, "."); err != nil {
			return ""
		}
	}
	for _, root := range []string{"layouts", "static"} { // the site's own
		if err := walk(keys.site, root); err != nil {
			return ""
		}
	}
	// site.toml, the data files other than the venue files, and the plain
	// pages (not the guides), with the sums the input keys share.
	for _, f := range keys.files {
		if !inGlobalKey(f) {
			continue
		}
		sum, err := keys.sum(f)
		if err != nil {
			return ""
		}
		fmt.Fprintf(h, "%s\x00", f)
		h.Write(sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// inGlobalKey reports whether a site file is among the inputs of the
// global key (globalKey): site.toml, the site's layouts and static files
// (which globalKey walks), the plain pages and the data files but the
// venue files (lieux.csv, qualifications.csv). Outputs' own keys cover the
// venue files; no keyed output shows the guides or the actions.
func inGlobalKey(f string) bool {
	switch {
	case f == "site.toml", path.Dir(f) == "content", strings.HasPrefix(f, "layouts/"), strings.HasPrefix(f, "static/"):
		return true
	case strings.HasPrefix(f, "data/"):
		return f != "data/lieux.csv" && f != "data/qualifications.csv"
	}
	return false
}

// note records which part makes each of its outputs, and what the part read
// (key), so that the next build may keep them without running it. A part
// with an output without a key is not recorded: it always runs.
func (c *renderCache) note(part, key string, jobs []render.Job, ds []*dataset.Dataset) {
	for _, j := range jobs {
		if j.Key == "" {
			key = ""
		}
		c.made[j.Path] = madeBy{part: part, page: j.IsPage()}
	}
	for _, d := range ds {
		if d.Key == "" {
			key = ""
		}
		c.made[d.Path] = madeBy{part: part}
	}
	if key != "" {
		c.next.parts[part] = partRecord{key: key, files: len(jobs) + len(ds), datasets: len(ds) > 0}
	}
}
