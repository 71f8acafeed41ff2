package parsecache

import (
	"bytes"
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func key(s string) Key { return Key(sha256.Sum256([]byte(s))) }

var sample = map[Key][]byte{key("a"): []byte("résultat a"), key("b"): {}, key("c"): bytes.Repeat([]byte{0, 1, 2}, 300)}

func TestEncodeDecode(t *testing.T) {
	b := Encode(sample, "v1")
	got, err := Decode(b, "v1")
	if err != nil || !maps.EqualFunc(got, sample, bytes.Equal) {
		t.Fatalf("Decode(Encode) = %v, %v", got, err)
	}
	if !bytes.Equal(Encode(got, "v1"), b) {
		t.Error("encoding is not stable")
	}
	// The values are capped slices of the file: appending copies.
	_ = append(got[key("a")], 'x')
	if again, err := Decode(b, "v1"); err != nil || !maps.EqualFunc(again, sample, bytes.Equal) {
		t.Error("appending to a value wrote into the file's bytes")
	}
	for name, bad := range map[string][]byte{
		"other version": Encode(sample, "v2"),
		"truncated":     b[:len(b)-10],
		"one bit":       flip(b, len(b)/2),
		"checksum":      flip(b, len(b)-1),
		"empty":         nil,
		"not a cache":   []byte("labo render manifest 2\n"),
	} {
		if m, err := Decode(bad, "v1"); err == nil || m != nil {
			t.Errorf("%s: decoded %d entries", name, len(m))
		}
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x10
	return c
}

// TestSave: Save keeps the entries used or added, drops the others, and
// rewrites the file only when that changes it.
func TestSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".labo-cache", "content.cache")
	c := Open(path, "v1") // no file yet
	for k, v := range sample {
		if _, ok := c.Get(k); ok {
			t.Fatal("hit in an empty cache")
		}
		c.Put(k, v)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	c = Open(path, "v1")
	if !maps.EqualFunc(c.Entries(), sample, bytes.Equal) {
		t.Fatalf("reopened: %v", c.Entries())
	}
	before := stat(t, path)
	for k := range sample {
		if _, ok := c.Get(k); !ok {
			t.Fatal("miss after reopening")
		}
	}
	if st := c.Stats(); st != (Stats{Hits: 3, Misses: 0}) {
		t.Errorf("stats %+v", st)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, stat(t, path)) {
		t.Error("a cache used as it was was written again")
	}
	// Only "a" is used, "d" is new: "b" and "c" (files deleted or edited)
	// are dropped.
	// A temporary file left by a killed writer an hour ago goes with the
	// next write; a recent one may be another writer's and stays.
	old, recent := path+".1.tmp", path+".2.tmp"
	for _, p := range []string{old, recent} {
		if err := os.WriteFile(p, []byte("labo parse cache\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chtimes(old, time.Time{}, time.Now().Add(-2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	c = Open(path, "v1")
	c.Get(key("a"))
	c.Put(key("d"), []byte("d"))
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	want := map[Key][]byte{key("a"): sample[key("a")], key("d"): []byte("d")}
	if got := Open(path, "v1").Entries(); !maps.EqualFunc(got, want, bytes.Equal) {
		t.Errorf("after dropping: %d entries", len(got))
	}
	// Another version sees nothing.
	if got := Open(path, "v2").Entries(); len(got) != 0 {
		t.Errorf("version v2 read %d entries of v1", len(got))
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*.tmp")); len(tmp) != 1 || tmp[0] != recent {
		t.Errorf("temporary files left: %v, want only %s", tmp, recent)
	}
}

// TestSaveFails: a cache that cannot be written reports it and leaves no
// temporary file; one that cannot be read is empty.
func TestSaveFails(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".labo-cache"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := Open(filepath.Join(dir, ".labo-cache", "content.cache"), "v1")
	c.Put(key("a"), []byte("a"))
	if c.Save() == nil {
		t.Error("no error writing under a file")
	}
	// A folder where the file should be: nothing read, the rename fails.
	path := filepath.Join(dir, "cache")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	c = Open(path, "v1")
	if len(c.Entries()) != 0 {
		t.Error("entries read from a folder")
	}
	c.Put(key("a"), []byte("a"))
	if c.Save() == nil {
		t.Error("no error replacing a folder")
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

func stat(t *testing.T, path string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}

// FuzzDecode: any bytes after the checksum test (fuzzing whole files
// would stop at the checksum) are refused or decode to entries that encode
// back to a file decoding to the same entries.
func FuzzDecode(f *testing.F) {
	for _, m := range []map[Key][]byte{sample, nil} {
		b := Encode(m, "v1")
		f.Add(b[len(magic) : len(b)-4])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeEntries(b, "v1")
		if err != nil {
			return
		}
		again, err := Decode(Encode(m, "v1"), "v1")
		if err != nil || !maps.EqualFunc(again, m, bytes.Equal) {
			t.Fatalf("round trip of %d entries: %v", len(m), err)
		}
	})
}
