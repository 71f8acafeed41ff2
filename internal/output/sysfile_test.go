package output

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestSysFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"small", []byte("<p>bonjour</p>\n")},
		{"larger than a read", make([]byte, 200<<10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := filepath.Join(dir, tc.name)
			if err := os.WriteFile(name, []byte("previous, longer content to be truncated"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := writeFile(name, tc.data); err != nil {
				t.Fatal(err)
			}
			f, err := openFile(name)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if size, ok := f.regularSize(); !ok || size != int64(len(tc.data)) {
				t.Errorf("regularSize = %d, %v; want %d, true", size, ok, len(tc.data))
			}
			got, err := io.ReadAll(f)
			if err != nil || string(got) != string(tc.data) {
				t.Errorf("read back %d bytes (%v), want %d", len(got), err, len(tc.data))
			}
			if fi, err := os.Stat(name); err != nil || fi.Mode().Perm() != 0o644&^umask(t) {
				t.Errorf("mode %v (%v), want %v", fi.Mode().Perm(), err, os.FileMode(0o644&^umask(t)))
			}
			if size, ok := statRegular(name); !ok || size != int64(len(tc.data)) {
				t.Errorf("statRegular = %d, %v; want %d, true", size, ok, len(tc.data))
			}
			if !sameContent(name, tc.data) || sameContent(name, append(tc.data, 'x')) {
				t.Error("sameContent disagrees with the bytes written")
			}
		})
	}
	if _, err := openFile(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("opening a missing file: %v, want fs.ErrNotExist", err)
	}
	if err := writeFile(filepath.Join(dir, "no", "folder"), []byte("x")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("writing into a missing folder: %v, want fs.ErrNotExist", err)
	}
	if _, ok := statRegular(dir); ok {
		t.Error("statRegular of a folder reports a regular file")
	}
	if _, ok := statRegular(filepath.Join(dir, "missing")); ok {
		t.Error("statRegular of a missing file reports a regular file")
	}
	d, err := openFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, ok := d.regularSize(); ok {
		t.Error("a folder has a regular size")
	}
}

// umask is the process's file mode creation mask, as os.WriteFile sees it.
func umask(t *testing.T) os.FileMode {
	name := filepath.Join(t.TempDir(), "probe")
	if err := os.WriteFile(name, nil, 0o777); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	return 0o777 &^ fi.Mode().Perm()
}
