// Package output holds the built site in memory and publishes it to a
// folder: whole through a staging folder the first time, then in place,
// writing only the files whose bytes changed. Nothing is published unless
// the whole site was rendered, so a failed build leaves public/ as it was.
package output

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Tree is a set of files keyed by slash-separated path relative to the site
// root ("lieux/index.html"). It is safe for concurrent use.
type Tree struct {
	mu       sync.Mutex
	files    map[string][]byte
	sorted   []string // cache of Paths, nil when a path was added or removed
	recorded []string
	record   bool
}

// NewTree returns an empty tree.
func NewTree() *Tree { return &Tree{files: map[string][]byte{}} }

// Add stores a file. Adding the same path twice is an error: two pages that
// claim one address are a bug to report, not to resolve silently.
func (t *Tree) Add(p string, data []byte) error {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") || path.Clean(p) != p || strings.HasPrefix(p, "../") {
		return fmt.Errorf("invalid output path %q", p)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, dup := t.files[p]; dup {
		return fmt.Errorf("two outputs claim %s", p)
	}
	t.files[p] = data
	t.sorted = nil
	if t.record {
		t.recorded = append(t.recorded, p)
	}
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
// the bytes changed (or the file is new).
func (t *Tree) Put(p string, data []byte) (changed bool, err error) {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.HasSuffix(p, "/") || path.Clean(p) != p || strings.HasPrefix(p, "../") {
		return false, fmt.Errorf("invalid output path %q", p)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	old, ok := t.files[p]
	t.files[p] = data
	if !ok {
		t.sorted = nil
	}
	return !ok || !bytes.Equal(old, data), nil
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
	}
	return ok
}

// Clone returns a tree with the same files (the bytes are shared: files are
// never modified in place, only replaced).
func (t *Tree) Clone() *Tree {
	t.mu.Lock()
	defer t.mu.Unlock()
	c := &Tree{files: make(map[string][]byte, len(t.files)), sorted: t.sorted}
	for p, b := range t.files {
		c.files[p] = b
	}
	return c
}

// Get returns a file's content.
func (t *Tree) Get(p string) ([]byte, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b, ok := t.files[strings.TrimPrefix(p, "/")]
	return b, ok
}

// Paths returns every path, sorted. The slice is shared: do not modify it.
func (t *Tree) Paths() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.sorted == nil {
		t.sorted = make([]string, 0, len(t.files))
		for p := range t.files {
			t.sorted = append(t.sorted, p)
		}
		slices.Sort(t.sorted)
	}
	return t.sorted
}

// PathSum is a hash of the set of paths, whatever their order: two trees
// with the same paths have the same sum.
func (t *Tree) PathSum() uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	var sum uint64
	for p := range t.files {
		h := uint64(14695981039346656037) // FNV-1a, inlined: no allocation per path
		for i := 0; i < len(p); i++ {
			h = (h ^ uint64(p[i])) * 1099511628211
		}
		sum += h
	}
	return sum
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
	for _, b := range t.files {
		n += int64(len(b))
	}
	return n
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
// kept and removed.
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
// file whole, some old and some new; the next build completes it. Nothing is
// published at all unless the whole site was rendered first.
func (t *Tree) PublishStats(dir string) (Stats, error) {
	dir = filepath.Clean(dir)
	for _, p := range []string{dir + ".tmp-new", dir + ".tmp-old"} { // left by an interrupted publish
		if err := os.RemoveAll(p); err != nil {
			return Stats{}, fmt.Errorf("cannot clear %s: %w", p, err)
		}
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
	return t.publishInPlace(dir)
}

// publishFresh writes the whole tree into a staging folder, then renames it.
func (t *Tree) publishFresh(dir string) (Stats, error) {
	staging := dir + ".tmp-new"
	paths := t.Paths()
	if err := makeDirs(staging, paths, nil); err != nil {
		os.RemoveAll(staging)
		return Stats{}, err
	}
	err := parallel(paths, func(p string) error {
		data, _ := t.Get(p)
		dst := filepath.Join(staging, filepath.FromSlash(p))
		if err := os.WriteFile(dst, data, 0o644); err != nil {
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

func (t *Tree) publishInPlace(dir string) (Stats, error) {
	var st Stats
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
		return st, err
	}
	if len(oldFiles) > 0 && !oldFiles["index.html"] {
		return st, fmt.Errorf("%s has files but no index.html: it does not look like a site built by labo; choose another output folder or empty it", dir)
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
		_, keep := t.Get(p)
		leftover := strings.HasSuffix(p, tmpSuffix)
		if keep && !leftover {
			continue
		}
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil {
			return st, fmt.Errorf("cannot remove %s: %w", p, err)
		}
		delete(oldFiles, p)
		if !leftover {
			st.Removed++
		}
	}
	slices.SortFunc(oldDirs, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") }) // deepest first
	existing := map[string]bool{}
	for _, d := range oldDirs {
		if wanted[d] {
			existing[d] = true
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(d))); err != nil {
			return st, fmt.Errorf("cannot remove %s: %w", d, err)
		}
	}
	if err := makeDirs(dir, paths, existing); err != nil {
		return st, err
	}
	var mu sync.Mutex
	err = parallel(paths, func(p string) error {
		data, _ := t.Get(p)
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if oldFiles[p] && sameContent(dst, data) {
			mu.Lock()
			st.Unchanged++
			mu.Unlock()
			return nil
		}
		tmp := dst + tmpSuffix
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			return fmt.Errorf("cannot write %s: %w", dst, err)
		}
		if err := os.Rename(tmp, dst); err != nil {
			os.Remove(tmp)
			return fmt.Errorf("cannot write %s: %w", dst, err)
		}
		mu.Lock()
		st.Written++
		mu.Unlock()
		return nil
	})
	return st, err
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

// parallel runs do on every path with a few workers (file systems overlap
// I/O well) and joins the errors.
func parallel(paths []string, do func(string) error) error {
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		work = make(chan string, 256)
	)
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				if err := do(p); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
				}
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	return errors.Join(errs...)
}

// sameContent reports whether file holds exactly data.
func sameContent(file string, data []byte) bool {
	f, err := os.Open(file)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() != int64(len(data)) {
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
