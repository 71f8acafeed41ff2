// Package output holds the built site and publishes it to a folder: whole
// through a staging folder the first time, then in place, writing only the
// files whose bytes changed. Nothing is published unless the whole site was
// rendered, so a failed build leaves public/ as it was.
//
// A tree made with NewTree keeps every file in memory (the dev server
// serves from it). A tree made with NewDirectTree(dir) streams files to disk
// as they are rendered, beside the files they will replace, and keeps only
// their sizes: a national site's gigabyte of pages and datasets never sits
// in memory, and writing overlaps rendering. Publish then swaps them in; Discard removes
// them when the build fails.
package output

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"labo/internal/parallel"
)

// Tree is a set of files keyed by slash-separated path relative to the site
// root ("lieux/index.html"). It is safe for concurrent use.
type Tree struct {
	mu       sync.Mutex
	files    map[string]*entry
	sorted   []string // cache of Paths, nil when it must be made again
	inserted int      // paths inserted into sorted since it was made
	recorded []string
	record   bool
	direct   *direct // nil: everything in memory
	pathSum  uint64  // PathSum, kept up to date as paths come and go
}

// entry is one file: its bytes in memory, or where it was streamed.
type entry struct {
	data  []byte // nil when on disk
	size  int
	state state
}

type state uint8

const (
	inMemory  state = iota
	staged          // written at its staging path (direct trees)
	unchanged       // the destination already holds these bytes (direct trees)
)

// direct says where a direct tree streams its files.
type direct struct {
	dir     string // destination
	fresh   bool   // dir did not exist: files go to dir.tmp-new
	staging string
	dirs    sync.Map // folders known to exist under the write root
}

// NewTree returns an empty in-memory tree.
func NewTree() *Tree { return &Tree{files: map[string]*entry{}} }

// NewDirectTree returns an empty tree that streams files to disk for a
// later Publish(dir): into dir.tmp-new when dir does not exist yet, else
// beside each changed file of dir (as name.labo-tmp; unchanged files are not
// written at all). It refuses a folder that is not a site built by labo.
func NewDirectTree(dir string) (*Tree, error) {
	dir = filepath.Clean(dir)
	if err := clearLeftovers(dir); err != nil {
		return nil, err
	}
	d := &direct{dir: dir}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.fresh, d.staging = true, dir+".tmp-new"
		if err := os.MkdirAll(d.staging, 0o755); err != nil {
			return nil, err
		}
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%s exists and is not a folder", dir)
	default:
		d.staging = dir
		if err := checkSiteFolder(dir); err != nil {
			return nil, err
		}
	}
	return &Tree{files: map[string]*entry{}, direct: d}, nil
}

func clearLeftovers(dir string) error {
	for _, p := range []string{dir + ".tmp-new", dir + ".tmp-old"} { // left by an interrupted publish
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("cannot clear %s: %w", p, err)
		}
	}
	return nil
}

// checkSiteFolder refuses to publish over a folder with files but no
// index.html: most likely a wrong -out, whose files would be removed.
func checkSiteFolder(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return fmt.Errorf("%s has files but no index.html: it does not look like a site built by labo; choose another output folder or empty it", dir)
	}
	return nil
}

func validPath(p string) (string, error) {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") || path.Clean(p) != p || strings.HasPrefix(p, "../") {
		return "", fmt.Errorf("invalid output path %q", p)
	}
	return p, nil
}

// Add stores a file. Adding the same path twice is an error: two pages that
// claim one address are a bug to report, not to resolve silently.
func (t *Tree) Add(p string, data []byte) error {
	p, err := validPath(p)
	if err != nil {
		return err
	}
	t.mu.Lock()
	_, dup := t.files[p]
	if !dup {
		t.files[p] = &entry{data: data, size: len(data)} // claimed now, streamed below
		t.added(p)
		t.pathSum += pathHash(p)
		if t.record {
			t.recorded = append(t.recorded, p)
		}
	}
	t.mu.Unlock()
	if dup {
		return fmt.Errorf("two outputs claim %s", p)
	}
	return t.stream(p, data)
}

// AddStream adds a new file whose bytes write makes, and returns its size
// and, as Put, whether it changed.
// A direct tree writes them to disk as they come (a file of a hundred
// megabytes is never held in memory); when updating a folder in place, a
// file that comes out identical to the published one is not replaced.
// Other trees hold the bytes.
func (t *Tree) AddStream(p string, write func(io.Writer) error) (size int, changed bool, err error) {
	d := t.direct
	if d == nil {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return 0, false, err
		}
		changed, err := t.Put(p, buf.Bytes())
		return buf.Len(), changed, err
	}
	size, same, err := t.streamFile(p, d, write)
	return size, err == nil && !same, err
}

// streamFile writes the file and reports whether it came out identical to
// the published one.
func (t *Tree) streamFile(p string, d *direct, write func(io.Writer) error) (int, bool, error) {
	p, err := validPath(p)
	if err != nil {
		return 0, false, err
	}
	t.mu.Lock()
	_, dup := t.files[p]
	if !dup {
		t.files[p] = &entry{state: staged} // claimed now, size known below
		t.added(p)
		t.pathSum += pathHash(p)
		if t.record {
			t.recorded = append(t.recorded, p)
		}
	}
	t.mu.Unlock()
	if dup {
		return 0, false, fmt.Errorf("two outputs claim %s", p)
	}
	if err := d.mkdirAll(path.Dir(p)); err != nil {
		// A file of the published site stands where the folder goes: the
		// bytes wait in memory until Publish removes it.
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return 0, false, err
		}
		t.mu.Lock()
		if e := t.files[p]; e != nil {
			e.data, e.size, e.state = buf.Bytes(), buf.Len(), inMemory
		}
		t.mu.Unlock()
		return buf.Len(), false, nil
	}
	dst := filepath.Join(d.staging, filepath.FromSlash(p))
	name := dst
	var same *sameWriter
	if !d.fresh {
		name += tmpSuffix
		if old, err := openFile(dst); err == nil {
			defer old.Close()
			if _, regular := old.regularSize(); regular { // not a folder in the way
				same = &sameWriter{old: old, same: true}
			}
		}
	}
	f, err := createFile(name)
	if err != nil {
		return 0, false, fmt.Errorf("cannot write %s: %w", name, err)
	}
	closed := false
	defer func() {
		if !closed { // write panicked
			f.Close()
			os.Remove(name)
		}
	}()
	cw := &countWriter{w: f}
	var w io.Writer = cw
	if same != nil {
		w = io.MultiWriter(cw, same)
	}
	err = write(w)
	closed = true
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("cannot write %s: %w", name, cerr)
	}
	if err != nil {
		os.Remove(name)
		return 0, false, err
	}
	st := staged
	if same != nil && same.done() {
		st = unchanged
		os.Remove(name)
	}
	t.mu.Lock()
	if e := t.files[p]; e != nil {
		e.size, e.state = cw.n, st
	}
	t.mu.Unlock()
	return cw.n, st == unchanged, nil
}

type countWriter struct {
	w io.Writer
	n int
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += n
	return n, err
}

// sameWriter compares what is written with the bytes of old.
type sameWriter struct {
	old  *sysFile
	same bool
	buf  []byte
}

func (s *sameWriter) Write(p []byte) (int, error) {
	if !s.same {
		return len(p), nil
	}
	if cap(s.buf) < len(p) {
		s.buf = make([]byte, len(p))
	}
	n, err := io.ReadFull(s.old, s.buf[:len(p)])
	if err != nil || !bytes.Equal(s.buf[:n], p) {
		s.same = false
	}
	return len(p), nil
}

// done reports whether old held exactly the bytes written.
func (s *sameWriter) done() bool {
	if !s.same {
		return false
	}
	var one [1]byte
	n, err := s.old.Read(one[:])
	return n == 0 && err == io.EOF
}

// Keep claims p for the file of that size already in the destination of a
// direct tree, without its bytes: the caller knows they did not change (a
// page whose inputs did not change since it was published). It reports
// false, claiming nothing, when the tree is not a direct tree updating a
// folder in place or the file is missing or has another size.
func (t *Tree) Keep(p string, size int) bool {
	d := t.direct
	if d == nil || d.fresh {
		return false
	}
	p, err := validPath(p)
	if err != nil {
		return false
	}
	if n, ok := statRegular(filepath.Join(d.dir, filepath.FromSlash(p))); !ok || n != int64(size) {
		return false
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.files[p]; dup {
		return false
	}
	t.files[p] = &entry{size: size, state: unchanged}
	t.added(p)
	t.pathSum += pathHash(p)
	if t.record {
		t.recorded = append(t.recorded, p)
	}
	return true
}

// Head returns the first n bytes (fewer if it is shorter) of the file at p
// in the destination of a direct tree, for a file about to be kept.
func (t *Tree) Head(p string, n int) ([]byte, error) {
	if t.direct == nil {
		return nil, fmt.Errorf("%s: not a tree on disk", p)
	}
	f, err := openFile(filepath.Join(t.direct.dir, filepath.FromSlash(p)))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	m, err := io.ReadFull(f, b)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, err
	}
	return b[:m], nil
}

// stream writes a file of a direct tree to disk and drops its bytes from
// memory (Get reads it back). A file whose folder cannot be made yet (a
// file of the previous build is in the way) stays in memory for Publish.
func (t *Tree) stream(p string, data []byte) error {
	d := t.direct
	if d == nil {
		return nil
	}
	dst := filepath.Join(d.staging, filepath.FromSlash(p))
	st := staged
	if !d.fresh && sameContent(dst, data) {
		st = unchanged
	} else {
		if err := d.mkdirAll(path.Dir(p)); err != nil {
			return nil // left in memory
		}
		name := dst
		if !d.fresh {
			name += tmpSuffix
		}
		if err := writeFile(name, data); err != nil {
			return fmt.Errorf("cannot write %s: %w", name, err)
		}
	}
	t.mu.Lock()
	if e := t.files[p]; e != nil {
		e.data, e.state = nil, st
	}
	t.mu.Unlock()
	return nil
}

func (d *direct) mkdirAll(dir string) error {
	if dir == "." {
		return nil
	}
	if _, ok := d.dirs.Load(dir); ok {
		return nil
	}
	full := filepath.Join(d.staging, filepath.FromSlash(dir))
	// A folder of a published site usually exists; in a fresh one, none
	// does, and asking first would double the system calls.
	if !d.fresh {
		if fi, err := os.Stat(full); err == nil && fi.IsDir() {
			d.dirs.Store(dir, true)
			return nil
		}
	}
	if err := d.mkdirAll(path.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(full, 0o755); err != nil {
		if fi, serr := os.Stat(full); !errors.Is(err, fs.ErrExist) || serr != nil || !fi.IsDir() {
			return err // a file of the previous build is in the way
		}
	}
	d.dirs.Store(dir, true)
	return nil
}

// Record starts noting the paths added from now on; the returned function
// stops and returns them. The build uses it to know which files the
// finishers made, to make them again next round.
func (t *Tree) Record() (stop func() []string) {
	t.mu.Lock()
	t.record, t.recorded = true, nil
	t.mu.Unlock()
	return func() []string {
		t.mu.Lock()
		defer t.mu.Unlock()
		t.record = false
		return t.recorded
	}
}

// Put stores a file, replacing any previous content, and reports whether
// the bytes changed (or the file is new). Only in-memory trees replace.
func (t *Tree) Put(p string, data []byte) (changed bool, err error) {
	if t.direct != nil {
		return true, t.Add(p, data)
	}
	p, err = validPath(p)
	if err != nil {
		return false, err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	old, ok := t.files[p]
	t.files[p] = &entry{data: data, size: len(data)}
	if !ok {
		t.added(p)
		t.pathSum += pathHash(p)
	}
	return !ok || !bytes.Equal(old.data, data), nil
}

// Remove deletes a file and reports whether it was there.
func (t *Tree) Remove(p string) bool {
	p = strings.TrimPrefix(p, "/")
	t.mu.Lock()
	defer t.mu.Unlock()
	_, ok := t.files[p]
	if ok {
		delete(t.files, p)
		t.sorted = nil
		t.pathSum -= pathHash(p)
	}
	return ok
}

// Clone returns an in-memory tree with the same files (the bytes are
// shared: files are never modified in place, only replaced).
func (t *Tree) Clone() *Tree {
	t.mu.Lock()
	defer t.mu.Unlock()
	return &Tree{files: maps.Clone(t.files), sorted: t.sorted, pathSum: t.pathSum}
}

// Get returns a file's content (read back from disk for a streamed page).
func (t *Tree) Get(p string) ([]byte, bool) {
	p = strings.TrimPrefix(p, "/")
	t.mu.Lock()
	e, ok := t.files[p]
	t.mu.Unlock()
	if !ok {
		return nil, false
	}
	if e.state == inMemory {
		return e.data, true
	}
	name := filepath.Join(t.direct.staging, filepath.FromSlash(p))
	if e.state == staged && !t.direct.fresh {
		name += tmpSuffix
	}
	b, err := os.ReadFile(name)
	return b, err == nil
}

// Paths returns every path, sorted. The slice is shared: do not modify it.
func (t *Tree) Paths() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.sorted == nil {
		t.inserted = 0
		t.sorted = make([]string, 0, len(t.files))
		for p := range t.files {
			t.sorted = append(t.sorted, p)
		}
		slices.Sort(t.sorted)
	}
	return t.sorted
}

// added keeps the cache of Paths after p was added, t.mu held: the few
// files made after the pages were listed (sitemap, feed) are inserted in
// their place, in a new array (callers may hold the old one); more than a
// few and the list is sorted again when asked for.
func (t *Tree) added(p string) {
	if t.sorted == nil {
		return
	}
	if t.inserted++; t.inserted > 16 {
		t.sorted = nil
		return
	}
	i, _ := slices.BinarySearch(t.sorted, p)
	t.sorted = slices.Insert(slices.Clip(t.sorted), i, p)
}

// PathSum is a hash of the set of paths, whatever their order: two trees
// with the same paths have the same sum.
func (t *Tree) PathSum() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.pathSum
}

// pathHash is FNV-1a, inlined: no allocation per path.
func pathHash(p string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(p); i++ {
		h = (h ^ uint64(p[i])) * 1099511628211
	}
	return h
}

// Len is the number of files.
func (t *Tree) Len() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.files)
}

// Bytes is the total size.
func (t *Tree) Bytes() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	var n int64
	for _, e := range t.files {
		n += int64(e.size)
	}
	return n
}

// Largest returns the n largest files, largest first, with their sizes.
func (t *Tree) Largest(n int) []FileSize {
	t.mu.Lock()
	out := make([]FileSize, 0, len(t.files))
	for p, e := range t.files {
		out = append(out, FileSize{p, e.size})
	}
	t.mu.Unlock()
	slices.SortFunc(out, func(a, b FileSize) int {
		if a.Size != b.Size {
			return b.Size - a.Size
		}
		return strings.Compare(a.Path, b.Path)
	})
	return out[:min(n, len(out))]
}

// FileSize is a path and its size in bytes.
type FileSize struct {
	Path string
	Size int
}

// Hash is a SHA-256 over every path and content, in path order: two trees
// with the same hash hold the same files.
func (t *Tree) Hash() string {
	h := sha256.New()
	for _, p := range t.Paths() {
		b, _ := t.Get(p)
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// Stats say what a publish did.
type Stats struct {
	Written, Unchanged, Removed int
	Fresh                       bool // the folder did not exist: written whole and swapped in
}

// Publish writes the tree to dir. See PublishStats.
func (t *Tree) Publish(dir string) error {
	_, err := t.PublishStats(dir)
	return err
}

// PublishStats writes the tree to dir and says how many files it wrote,
// kept and removed. A direct tree publishes to the folder it was made for.
//
// A first publish (dir missing) writes every file into a staging folder
// beside dir and renames it into place, so dir appears whole or not at all.
//
// Later publishes update dir in place: a file whose bytes are unchanged is
// not touched (its modification time stays, for caches and rsync), a changed
// file is written beside its old self and renamed over it (readers see the
// old or the new file, never half of one), and files and folders the tree
// no longer has are removed. Creating and deleting tens of thousands of
// folders costs seconds on an ordinary disk; updating in place costs one
// stat and one read per unchanged file. A crash in the middle leaves every
// file whole, some old and some new; the next build completes it.
func (t *Tree) PublishStats(dir string) (Stats, error) {
	dir = filepath.Clean(dir)
	if t.direct != nil {
		if t.direct.dir != dir {
			return Stats{}, fmt.Errorf("this tree streams to %s, not %s", t.direct.dir, dir)
		}
		if t.direct.fresh {
			return t.publishFresh(dir)
		}
		return t.publishInPlace(dir)
	}
	if err := clearLeftovers(dir); err != nil {
		return Stats{}, err
	}
	fi, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return t.publishFresh(dir)
	case err != nil:
		return Stats{}, err
	case !fi.IsDir():
		return Stats{}, fmt.Errorf("%s exists and is not a folder", dir)
	}
	if err := checkSiteFolder(dir); err != nil {
		return Stats{}, err
	}
	return t.publishInPlace(dir)
}

// Discard removes what a direct tree streamed, for a build that failed.
func (t *Tree) Discard() {
	d := t.direct
	if d == nil {
		return
	}
	if d.fresh {
		os.RemoveAll(d.staging)
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	for p, e := range t.files {
		if e.state == staged {
			os.Remove(filepath.Join(d.dir, filepath.FromSlash(p)) + tmpSuffix)
		}
	}
}

// publishFresh writes the whole tree into a staging folder, then renames it.
func (t *Tree) publishFresh(dir string) (Stats, error) {
	staging := dir + ".tmp-new"
	paths := t.Paths()
	need := paths
	if t.direct != nil {
		// The folders of streamed files were made as they were written:
		// asking again would cost a failing mkdir per page.
		need = nil
		for _, p := range paths {
			if t.entry(p).state == inMemory {
				need = append(need, p)
			}
		}
	}
	if err := makeDirs(staging, need, nil); err != nil {
		os.RemoveAll(staging)
		return Stats{}, err
	}
	err := each(paths, func(p string) error {
		e := t.entry(p)
		if e.state != inMemory {
			return nil // already there
		}
		dst := filepath.Join(staging, filepath.FromSlash(p))
		if err := writeFile(dst, e.data); err != nil {
			return fmt.Errorf("cannot write %s: %w", dst, err)
		}
		return nil
	})
	if err != nil {
		os.RemoveAll(staging)
		return Stats{}, err
	}
	if err := os.Rename(staging, dir); err != nil {
		os.RemoveAll(staging)
		return Stats{}, fmt.Errorf("cannot move the new site into %s: %w", dir, err)
	}
	return Stats{Written: len(paths), Fresh: true}, nil
}

func (t *Tree) entry(p string) *entry {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.files[p]
}

// PublishOver is PublishStats for a direct tree updating dir in place when
// the files of dir are known: previous lists them (the paths the last
// publish wrote, from its manifest). It spares walking tens of thousands
// of folders to find the files to remove; a file that is in dir but not
// in previous is left alone. With previous nil, it is PublishStats.
func (t *Tree) PublishOver(dir string, previous []string) (Stats, error) {
	dir = filepath.Clean(dir)
	if previous == nil || t.direct == nil || t.direct.fresh || t.direct.dir != dir {
		return t.PublishStats(dir)
	}
	return t.publishIn(dir, previous)
}

func (t *Tree) publishInPlace(dir string) (Stats, error) { return t.publishIn(dir, nil) }

// publishIn updates dir in place. The files dir holds are those of known,
// or found by walking dir when known is nil.
func (t *Tree) publishIn(dir string, known []string) (Stats, error) {
	var st Stats
	var oldFiles map[string]bool // nil: known
	var err error
	if known != nil {
		err = t.clearKnown(dir, known, &st)
	} else {
		oldFiles, err = t.clearWalked(dir, &st)
	}
	if err != nil {
		return st, err
	}
	// Files known unchanged are counted, not visited.
	var paths []string
	t.mu.Lock()
	for p, e := range t.files {
		if e.state == unchanged {
			st.Unchanged++
		} else {
			paths = append(paths, p)
		}
	}
	t.mu.Unlock()
	slices.Sort(paths)
	var mu sync.Mutex
	count := func(n *int) {
		mu.Lock()
		*n++
		mu.Unlock()
	}
	err = each(paths, func(p string) error {
		e := t.entry(p)
		dst := filepath.Join(dir, filepath.FromSlash(p))
		switch {
		case e.state == staged:
			if err := os.Rename(dst+tmpSuffix, dst); err != nil {
				return fmt.Errorf("cannot write %s: %w", dst, err)
			}
			count(&st.Written)
			return nil
		case (oldFiles == nil || oldFiles[p]) && sameContent(dst, e.data):
			count(&st.Unchanged)
			return nil
		}
		tmp := dst + tmpSuffix
		if err := writeFile(tmp, e.data); err != nil {
			return fmt.Errorf("cannot write %s: %w", dst, err)
		}
		if err := os.Rename(tmp, dst); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("cannot write %s: %w", dst, err)
		}
		count(&st.Written)
		return nil
	})
	return st, err
}

// clearWalked walks dir and removes the files and folders the tree does
// not have, then makes the folders of its files. It returns the files
// left in dir.
func (t *Tree) clearWalked(dir string, st *Stats) (map[string]bool, error) {
	oldFiles := map[string]bool{}
	var oldDirs []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		switch {
		case rel == ".":
		case d.IsDir():
			oldDirs = append(oldDirs, rel)
		default:
			oldFiles[rel] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	paths := t.Paths()
	wanted := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !wanted[d]; d = path.Dir(d) {
			wanted[d] = true
		}
	}
	// Remove what the tree no longer has first, so that a path that turned
	// from a file into a folder (or back) is free when it is written.
	for p := range oldFiles {
		leftover := strings.HasSuffix(p, tmpSuffix)
		if e := t.entry(p); e != nil && !leftover {
			continue
		}
		if leftover {
			if e := t.entry(strings.TrimSuffix(p, tmpSuffix)); e != nil && e.state == staged {
				continue // streamed by this build
			}
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			return nil, fmt.Errorf("cannot remove %s: %w", p, err)
		}
		delete(oldFiles, p)
		if !leftover {
			st.Removed++
		}
	}
	existing := map[string]bool{}
	var stale []string
	for _, d := range oldDirs {
		if wanted[d] {
			existing[d] = true
		} else {
			stale = append(stale, d)
		}
	}
	if err := removeDirs(dir, stale); err != nil {
		return nil, err
	}
	return oldFiles, makeDirs(dir, paths, existing)
}

// clearKnown removes the files of known (the files dir holds) that the
// tree does not have, and the folders they leave without a file of the
// tree, then makes the folders of the files still in memory (those of
// streamed and kept files exist). Only the folders of removed files are
// looked at: a build that removed nothing does no work per file here.
func (t *Tree) clearKnown(dir string, known []string, st *Stats) error {
	var candidates []string
	seen := map[string]bool{}
	for _, p := range known {
		if t.entry(p) != nil {
			continue
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot remove %s: %w", p, err)
		}
		st.Removed++
		for d := path.Dir(p); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			candidates = append(candidates, d)
		}
	}
	paths := t.Paths()
	var stale []string
	for _, d := range candidates {
		// Paths are sorted: the first one after d+"/" is under d if any is.
		i, _ := slices.BinarySearch(paths, d+"/")
		if i == len(paths) || !strings.HasPrefix(paths[i], d+"/") {
			stale = append(stale, d)
		}
	}
	if err := removeDirs(dir, stale); err != nil {
		return err
	}
	var held []string
	for _, p := range paths {
		if t.entry(p).state == inMemory {
			held = append(held, p)
		}
	}
	return makeDirs(dir, held, nil)
}

// removeDirs removes the folders dirs of root, deepest first.
func removeDirs(root string, dirs []string) error {
	slices.SortFunc(dirs, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	for _, d := range dirs {
		if err := os.RemoveAll(filepath.Join(root, filepath.FromSlash(d))); err != nil {
			return fmt.Errorf("cannot remove %s: %w", d, err)
		}
	}
	return nil
}

// tmpSuffix marks a file being written; one left by a crash is removed by
// the next publish.
const tmpSuffix = ".labo-tmp"

// makeDirs creates the folders of paths under root, parents first, skipping
// those in existing.
func makeDirs(root string, paths []string, existing map[string]bool) error {
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	list := make([]string, 0, len(dirs))
	for d := range dirs {
		if !existing[d] {
			list = append(list, d)
		}
	}
	slices.Sort(list) // parents sort before their children
	if err := os.MkdirAll(root, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", root, err)
	}
	for _, d := range list {
		if err := os.Mkdir(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("cannot create %s: %w", d, err)
		}
	}
	return nil
}

// each runs do on every path with twice as many workers as processors
// (file systems overlap I/O well) and joins the errors.
func each(paths []string, do func(string) error) error {
	return errors.Join(parallel.Each(paths, runtime.GOMAXPROCS(0)*2, do)...)
}

// sameContent reports whether file holds exactly data.
func sameContent(file string, data []byte) bool {
	f, err := openFile(file)
	if err != nil {
		return false
	}
	defer f.Close()
	if size, ok := f.regularSize(); !ok || size != int64(len(data)) {
		return false
	}
	bp := chunks.Get().(*[]byte)
	defer chunks.Put(bp)
	buf := *bp
	for len(data) > 0 {
		n, err := io.ReadFull(f, buf[:min(len(buf), len(data))])
		if err != nil || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	n, _ := f.Read(buf[:1])
	return n == 0
}

var chunks = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}
