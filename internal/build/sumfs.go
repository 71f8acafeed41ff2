package build

import (
	"crypto/sha256"
	"io/fs"
	"strings"
	"sync"
)

// summingFS is the site folder of a build into an output folder: it notes
// the SHA-256 of every file read whole through it, so that the render
// cache's input keys (inputKeys) take the sums of the bytes the build
// read instead of reading the site's files a second time (a national
// site's lieux.csv and guides are 40 MB).
type summingFS struct {
	fs.FS
	mu   sync.Mutex
	sums map[string][sha256.Size]byte
}

func newSummingFS(fsys fs.FS) *summingFS {
	return &summingFS{FS: fsys, sums: map[string][sha256.Size]byte{}}
}

func (s *summingFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(s.FS, name)
	if err == nil && keyed(name) {
		sum := sha256.Sum256(b)
		s.mu.Lock()
		s.sums[name] = sum
		s.mu.Unlock()
	}
	return b, err
}

func (s *summingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.FS, name) }

func (s *summingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.FS, name) }

// keyed reports whether input keys may ask for name's sum (newInputKeys
// lists these files); layouts and static files go into the global key.
func keyed(name string) bool {
	return name == "site.toml" || strings.HasPrefix(name, "content/") || strings.HasPrefix(name, "data/")
}

// reset forgets every sum, at the start of a round that reads every input
// again: a sum never outlives the round that read its bytes.
func (s *summingFS) reset() {
	s.mu.Lock()
	clear(s.sums)
	s.mu.Unlock()
}

// sum returns the SHA-256 of the bytes last read from name.
func (s *summingFS) sum(name string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sum, ok := s.sums[name]
	return sum[:], ok
}
