// Package sitecopy gives tests the demo site: loaded, or a private,
// editable copy of its folder.
package sitecopy

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"labo/internal/site"
)

// Root is the repository root (the demo site folder).
func Root(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// DemoSite loads the demo site as it is in the repository (not a copy:
// do not edit it). Tests of packages under site use it; site's own tests
// cannot (site would import itself).
func DemoSite(t testing.TB) *site.Site {
	t.Helper()
	s, problems := site.Load(os.DirFS(Root(t)), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

// CopyDemo copies the demo site's inputs (site.toml, netlify.toml, data/,
// content/ and seeds/, which holds the previous open-data release) into a
// temporary folder and returns it. Layouts and
// static files come from the binary unless a test writes its own.
func CopyDemo(t testing.TB) string {
	t.Helper()
	root, dst := Root(t), t.TempDir()
	for _, top := range []string{"site.toml", "netlify.toml", "data", "content", "seeds"} {
		err := filepath.WalkDir(filepath.Join(root, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if os.IsNotExist(err) && (top == "netlify.toml" || top == "seeds") {
					return nil
				}
				return err
			}
			rel, _ := filepath.Rel(root, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(dst, rel), 0o755)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// Write writes a file of the site (slash-separated path), creating folders.
func Write(t testing.TB, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Read reads a file of the site.
func Read(t testing.TB, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Edit replaces the first old by new in a file of the site, and fails the
// test when old is not there.
func Edit(t testing.TB, dir, rel, old, new string) {
	t.Helper()
	s := Read(t, dir, rel)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", rel, old)
	}
	Write(t, dir, rel, strings.Replace(s, old, new, 1))
}
