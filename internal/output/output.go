// Package output holds the built site in memory and publishes it: every file
// is written into a staging folder beside the destination, which is then
// swapped in with renames. A failed build never leaves a half-written
// public/, and the previous site stays in place until the new one is whole.
package output

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
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
	mu    sync.Mutex
	files map[string][]byte
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
	return nil
}

// Get returns a file's content.
func (t *Tree) Get(p string) ([]byte, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	b, ok := t.files[strings.TrimPrefix(p, "/")]
	return b, ok
}

// Paths returns every path, sorted.
func (t *Tree) Paths() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	out := make([]string, 0, len(t.files))
	for p := range t.files {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
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

// Publish writes the tree to dir through a staging folder and swaps it in.
// When dir already holds a previous build, files whose content is unchanged
// are hard-linked from it instead of written again (cheaper, and their
// modification time is kept for caches). The swap is two renames; only a
// crash between them leaves dir missing, with the new site complete at
// dir+".tmp-new".
func (t *Tree) Publish(dir string) error {
	dir = filepath.Clean(dir)
	staging := dir + ".tmp-new"
	old := dir + ".tmp-old"
	for _, p := range []string{staging, old} {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("cannot clear %s: %w", p, err)
		}
	}
	if err := os.MkdirAll(staging, 0o755); err != nil {
		return fmt.Errorf("cannot create %s: %w", staging, err)
	}
	paths := t.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	dlist := make([]string, 0, len(dirs))
	for d := range dirs {
		dlist = append(dlist, d)
	}
	slices.Sort(dlist)
	for _, d := range dlist {
		if err := os.Mkdir(filepath.Join(staging, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("cannot create %s: %w", d, err)
		}
	}
	errs := parallel.Each(paths, runtime.GOMAXPROCS(0)*2, func(p string) error { return t.writeOne(dir, staging, p) })
	if len(errs) > 0 {
		os.RemoveAll(staging)
		return errors.Join(errs...)
	}
	if _, err := os.Stat(dir); err == nil {
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(staging)
			return fmt.Errorf("cannot move the previous %s aside: %w", dir, err)
		}
	}
	if err := os.Rename(staging, dir); err != nil {
		os.Rename(old, dir)
		return fmt.Errorf("cannot move the new site into %s: %w", dir, err)
	}
	return os.RemoveAll(old)
}

func (t *Tree) writeOne(prev, staging, p string) error {
	data, _ := t.Get(p)
	dst := filepath.Join(staging, filepath.FromSlash(p))
	src := filepath.Join(prev, filepath.FromSlash(p))
	if fi, err := os.Stat(src); err == nil && fi.Mode().IsRegular() && fi.Size() == int64(len(data)) {
		if same, _ := sameContent(src, data); same && os.Link(src, dst) == nil {
			return nil
		}
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", dst, err)
	}
	return nil
}

func sameContent(file string, data []byte) (bool, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return false, err
	}
	return string(b) == string(data), nil
}
