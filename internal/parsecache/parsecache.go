// Package parsecache keeps the results of parsing between runs of labo: a
// map from a key (the SHA-256 of what was parsed) to bytes (the result, in
// the caller's encoding), in one file read once.
//
// The cache is best effort. A missing, unreadable, truncated or corrupt file
// (its CRC-32C does not match), or one written for another version (the
// caller's version string: the executable's hash and a format name), gives
// an empty cache: everything is parsed again. A failed write is reported to
// the caller, who ignores it. Writes go to a temporary file renamed over the
// cache, so a process never reads a half-written file, whatever other labo
// processes do at the same time (the last one to save wins).
//
// Layout (integers are unsigned varints unless said otherwise):
//
//	"labo parse cache\n"
//	len(version) version
//	count
//	count × { key (32 bytes), len(value), value }
//	CRC-32C of everything before (4 bytes, little endian)
package parsecache

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// Key identifies a cached result: the SHA-256 of what was parsed.
type Key [32]byte

// Cache is the set of results of one file. It is safe for concurrent use.
type Cache struct {
	path, version string

	mu   sync.Mutex
	read map[Key][]byte // entries of the file as read or last saved
	keep map[Key][]byte // entries got or put since then: the next Save writes these
	put  int            // entries put that were not in read
	st   Stats
}

// Stats counts the lookups of a cache.
type Stats struct{ Hits, Misses int }

const magic = "labo parse cache\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Open reads the cache file at path if it was written for version. It never
// fails: whatever cannot be used is ignored.
func Open(path, version string) *Cache {
	c := &Cache{path: path, version: version, keep: map[Key][]byte{}}
	if b, err := os.ReadFile(path); err == nil {
		c.read, _ = Decode(b, version)
	}
	if c.read == nil {
		c.read = map[Key][]byte{}
	}
	return c
}

// Get returns the result cached for key. The bytes must not be modified.
func (c *Cache) Get(key Key) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.keep[key]
	if !ok {
		if v, ok = c.read[key]; ok {
			c.keep[key] = v
		}
	}
	if ok {
		c.st.Hits++
	} else {
		c.st.Misses++
	}
	return v, ok
}

// Stats returns the counts of lookups since Open.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.st
}

// Entries returns the entries of the file as read or last saved.
func (c *Cache) Entries() map[Key][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return maps.Clone(c.read)
}

// Put records the result of parsing key (the cache keeps value: it must not
// be modified afterwards).
func (c *Cache) Put(key Key, value []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.keep[key]; ok {
		return
	}
	if _, ok := c.read[key]; !ok {
		c.put++
	}
	c.keep[key] = value
}

// Save writes the entries got or put since Open or the last Save, dropping
// the others (those of files deleted or edited since), when they differ
// from the file's. It writes nothing when every entry of the file was used
// and none was added.
func (c *Cache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.put == 0 && len(c.keep) == len(c.read) {
		c.keep = map[Key][]byte{}
		return nil
	}
	if err := writeAtomic(c.path, Encode(c.keep, c.version)); err != nil {
		return err
	}
	c.read, c.keep, c.put = c.keep, map[Key][]byte{}, 0
	return nil
}

// Encode returns the file holding entries, in key order.
func Encode(entries map[Key][]byte, version string) []byte {
	keys := make([]Key, 0, len(entries))
	size := len(magic) + 2*binary.MaxVarintLen64 + len(version) + 4
	for k, v := range entries {
		keys = append(keys, k)
		size += len(k) + binary.MaxVarintLen64 + len(v)
	}
	slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	b := make([]byte, 0, size)
	b = append(b, magic...)
	b = binary.AppendUvarint(b, uint64(len(version)))
	b = append(b, version...)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(len(entries[k])))
		b = append(b, entries[k]...)
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

var errBad = errors.New("parsecache: not a cache file of this version")

// Decode reads a file made by Encode for version. The values are slices of
// b (capped: appending to one copies it).
func Decode(b []byte, version string) (map[Key][]byte, error) {
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return nil, errBad
	}
	body := b[:len(b)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(b[len(body):]) {
		return nil, errBad
	}
	return decodeEntries(body[len(magic):], version)
}

// decodeEntries reads what follows the magic string, up to the checksum.
func decodeEntries(r []byte, version string) (map[Key][]byte, error) {
	next := func() (uint64, bool) {
		n, k := binary.Uvarint(r)
		if k <= 0 {
			return 0, false
		}
		r = r[k:]
		return n, true
	}
	n, ok := next()
	if !ok || n != uint64(len(version)) || uint64(len(r)) < n || string(r[:n]) != version {
		return nil, errBad
	}
	r = r[n:]
	count, ok := next()
	if !ok || count > uint64(len(r)/(len(Key{})+1)) {
		return nil, errBad
	}
	out := make(map[Key][]byte, count)
	for range count {
		if len(r) < len(Key{}) {
			return nil, errBad
		}
		k := Key(r[:len(Key{})])
		r = r[len(Key{}):]
		n, ok := next()
		if !ok || n > uint64(len(r)) {
			return nil, errBad
		}
		out[k] = r[:n:n]
		r = r[n:]
	}
	if len(r) != 0 {
		return nil, errBad
	}
	return out, nil
}

// writeAtomic writes b to a temporary file beside name, then renames it
// over name.
func writeAtomic(name string, b []byte) error {
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Chmod(0o644) // CreateTemp makes it private; the cache is no secret
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
		return err
	}
	removeStale(name)
	return nil
}

// removeStale removes the temporary files of writes that a killed process
// left beside name (each is as large as the cache). Those younger than an
// hour may be another process's, still being written.
func removeStale(name string) {
	stale, _ := filepath.Glob(name + ".*.tmp")
	for _, p := range stale {
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(p)
		}
	}
}
