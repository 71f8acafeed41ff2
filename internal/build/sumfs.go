package build

import (
	"crypto/sha256"
	"io/fs"
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
	if err == nil {
		sum := sha256.Sum256(b)
		s.mu.Lock()
		s.sums[name] = sum
		s.mu.Unlock()
	}
	return b, err
}

func (s *summingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.FS, name) }

func (s *summingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.FS, name) }

// sum returns the SHA-256 of the bytes last read from name.
func (s *summingFS) sum(name string) ([]byte, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sum, ok := s.sums[name]
	return sum[:], ok
}
