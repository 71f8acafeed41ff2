package output

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestAddRejectsBadAndDuplicatePaths(t *testing.T) {
	tr := NewTree()
	for _, p := range []string{"", "a/", "../x", "a/../b", "a//b"} {
		if err := tr.Add(p, nil); err == nil {
			t.Errorf("Add(%q) accepted", p)
		}
	}
	if err := tr.Add("/a/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := tr.Add("a/index.html", []byte("y")); err == nil {
		t.Error("duplicate accepted")
	}
}

func tree(t *testing.T, files map[string]string) *Tree {
	t.Helper()
	tr := NewTree()
	for p, s := range files {
		if err := tr.Add(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	return tr
}

// list returns every file under dir with its content.
func list(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[filepath.ToSlash(rel)] = string(b)
		}
		return nil
	})
	return out
}

func TestPublishFreshThenInPlace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := map[string]string{
		"index.html":      "one",
		"x/y.txt":         "same",
		"gone/index.html": "bye",
		"a/b/c.txt":       "file then folder",
		"turn":            "file then folder",
	}
	st, err := tree(t, first).PublishStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !st.Fresh || st.Written != len(first) {
		t.Errorf("first publish: %+v", st)
	}
	if got := list(t, dir); !equal(got, first) {
		t.Errorf("first publish wrote %v", got)
	}
	before, _ := os.Stat(filepath.Join(dir, "x/y.txt"))

	second := map[string]string{
		"index.html":      "two",
		"x/y.txt":         "same",
		"a/b/c.txt":       "file then folder",
		"turn/index.html": "now a folder",
		"new/deep/f.txt":  "new",
	}
	st, err = tree(t, second).PublishStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := Stats{Written: 3, Unchanged: 2, Removed: 2}
	if st != want {
		t.Errorf("second publish: got %+v, want %+v", st, want)
	}
	if got := list(t, dir); !equal(got, second) {
		t.Errorf("second publish left %v, want %v", got, second)
	}
	if _, err := os.Stat(filepath.Join(dir, "gone")); !os.IsNotExist(err) {
		t.Error("empty folder of a removed page left behind")
	}
	after, _ := os.Stat(filepath.Join(dir, "x/y.txt"))
	if !os.SameFile(before, after) || !before.ModTime().Equal(after.ModTime()) {
		t.Error("unchanged file was rewritten")
	}
	for _, leftover := range []string{dir + ".tmp-new", dir + ".tmp-old"} {
		if _, err := os.Stat(leftover); !os.IsNotExist(err) {
			t.Errorf("%s left behind", leftover)
		}
	}
}

func TestPublishCleansCrashLeftovers(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	files := map[string]string{"index.html": "x"}
	if err := tree(t, files).Publish(dir); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "index.html"+tmpSuffix), []byte("half"), 0o644)
	os.MkdirAll(dir+".tmp-new/x", 0o755)
	st, err := tree(t, files).PublishStats(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Removed != 0 || st.Unchanged != 1 {
		t.Errorf("stats %+v", st)
	}
	if got := list(t, dir); !equal(got, files) {
		t.Errorf("left %v", got)
	}
	if _, err := os.Stat(dir + ".tmp-new"); !os.IsNotExist(err) {
		t.Error("staging leftover not removed")
	}
}

func TestPublishRefusesForeignFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	if err := tree(t, map[string]string{"index.html": "x"}).Publish(dir); err == nil {
		t.Fatal("published over a folder that is not a site")
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Error("foreign file touched")
	}
}

func TestSameContent(t *testing.T) {
	f := filepath.Join(t.TempDir(), "f")
	big := make([]byte, 200<<10)
	for i := range big {
		big[i] = byte(i)
	}
	os.WriteFile(f, big, 0o644)
	changed := slices.Clone(big)
	changed[150<<10] ^= 1
	for _, c := range []struct {
		data []byte
		want bool
	}{{big, true}, {changed, false}, {big[:len(big)-1], false}, {append(slices.Clone(big), 0), false}} {
		if got := sameContent(f, c.data); got != c.want {
			t.Errorf("sameContent(len %d) = %v, want %v", len(c.data), got, c.want)
		}
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestHashDiffers(t *testing.T) {
	a := tree(t, map[string]string{"index.html": "one"})
	b := tree(t, map[string]string{"index.html": "two"})
	if a.Hash() == b.Hash() {
		t.Error("different trees, same hash")
	}
}

// TestDirectTree streams pages to disk while building, then publishes: the
// result is the same as an in-memory tree's, unchanged pages are not
// rewritten, and a discarded build leaves the folder as it was.
// TestDirectTree streams files to disk with Add and with AddStream (bytes
// arriving in pieces), publishes a fresh folder, then updates it in place.
func TestDirectTree(t *testing.T) {
	for _, streamed := range []bool{false, true} {
		for _, known := range []bool{false, true} {
			t.Run(fmt.Sprintf("streamed=%v,known=%v", streamed, known), func(t *testing.T) { testDirectTree(t, streamed, known) })
		}
	}
}

// testDirectTree builds a site twice into one folder; known publishes the
// second time with the files of the first one given (PublishOver), as
// labo build does with its manifest, instead of walking the folder.
func testDirectTree(t *testing.T, streamed, known bool) {
	add := func(d *Tree, p, s string) error {
		if !streamed {
			return d.Add(p, []byte(s))
		}
		n, _, err := d.AddStream(p, func(w io.Writer) error {
			if _, err := io.WriteString(w, s[:len(s)/2]); err != nil {
				return err
			}
			_, err := io.WriteString(w, s[len(s)/2:])
			return err
		})
		if err == nil && n != len(s) {
			t.Errorf("AddStream(%s) = %d bytes, want %d", p, n, len(s))
		}
		return err
	}
	dir := filepath.Join(t.TempDir(), "public")
	first := map[string]string{
		"index.html":     "one",
		"a/index.html":   "same",
		"b/index.html":   "gone soon",
		"data.csv":       "x,y",
		"turn":           "file then folder",
		"f/g/index.html": "deep, gone soon",
		"f/h.txt":        "stays",
	}
	d, err := NewDirectTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, s := range first {
		if err := add(d, p, s); err != nil {
			t.Fatal(err)
		}
	}
	if b, ok := d.Get("a/index.html"); !ok || string(b) != "same" {
		t.Errorf("streamed page read back as %q", b)
	}
	if d.Bytes() != int64(len("one")+len("same")+len("gone soon")+len("x,y")+len("file then folder")+len("deep, gone soon")+len("stays")) {
		t.Errorf("Bytes = %d", d.Bytes())
	}
	if st, err := d.PublishStats(dir); err != nil || !st.Fresh {
		t.Fatalf("%+v %v", st, err)
	}
	if got := list(t, dir); !equal(got, first) {
		t.Errorf("first publish wrote %v", got)
	}
	before, _ := os.Stat(filepath.Join(dir, "a/index.html"))

	second := map[string]string{
		"index.html":      "two",
		"a/index.html":    "same",
		"data.csv":        "x,y",
		"turn/index.html": "now a folder",
		"c/d/index.html":  "new",
		"f/h.txt":         "stays",
	}
	d, err = NewDirectTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	for p, s := range second {
		if err := add(d, p, s); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(got) != "one" {
		t.Errorf("the live site changed before publishing: %q", got)
	}
	var st Stats
	if known {
		st, err = d.PublishOver(dir, slices.Collect(maps.Keys(first)))
	} else {
		st, err = d.PublishStats(dir)
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"b", "f/g"} {
		if _, err := os.Stat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("the folder %s of removed files is still there (%v)", gone, err)
		}
	}
	if want := (Stats{Written: 3, Unchanged: 3, Removed: 3}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	if got := list(t, dir); !equal(got, second) {
		t.Errorf("second publish left %v, want %v", got, second)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, "*", "*"+tmpSuffix)); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
	after, _ := os.Stat(filepath.Join(dir, "a/index.html"))
	if !os.SameFile(before, after) {
		t.Error("unchanged page rewritten")
	}

	d, err = NewDirectTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	add(d, "index.html", "three")
	add(d, "e/index.html", "new")
	d.Discard()
	if got := list(t, dir); !equal(got, second) {
		t.Errorf("a discarded build changed the site: %v", got)
	}
}

func TestDirectTreeDiscardFresh(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	d, err := NewDirectTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	d.Add("index.html", []byte("x"))
	d.Discard()
	for _, p := range []string{dir, dir + ".tmp-new"} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s exists after a discarded first build", p)
		}
	}
}

// TestPathSum: the sum kept up to date as files come and go is the sum of
// the paths there, whatever the order they came in, and a clone keeps it.
func TestPathSum(t *testing.T) {
	sum := func(paths ...string) uint64 {
		var s uint64
		for _, p := range paths {
			s += pathHash(p)
		}
		return s
	}
	a, b := NewTree(), NewTree()
	for _, p := range []string{"a.html", "b/c.html", "d.txt"} {
		if err := a.Add(p, []byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []string{"d.txt", "a.html", "b/c.html"} {
		if _, err := b.Put(p, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	b.Put("a.html", []byte("y")) // replacing a file adds no path
	if a.PathSum() != b.PathSum() || a.PathSum() != sum("a.html", "b/c.html", "d.txt") {
		t.Errorf("sums %x and %x for the same paths", a.PathSum(), b.PathSum())
	}
	c := a.Clone()
	a.Remove("d.txt")
	a.Remove("nothing")
	if a.PathSum() != sum("a.html", "b/c.html") || c.PathSum() != b.PathSum() {
		t.Errorf("after a removal: %x (clone %x)", a.PathSum(), c.PathSum())
	}
}

// TestAddStreamReportsChange: streamed into a published folder, a file
// that comes out identical is reported unchanged and not replaced.
func TestAddStreamReportsChange(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	d, _ := NewDirectTree(dir)
	d.Add("index.html", []byte("accueil"))
	d.Add("data.csv", []byte("a,b\n"))
	if _, err := d.PublishStats(dir); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		data    string
		changed bool
	}{{"a,b\n", false}, {"a,c\n", true}} {
		d, err := NewDirectTree(dir)
		if err != nil {
			t.Fatal(err)
		}
		d.Add("index.html", []byte("accueil"))
		_, changed, err := d.AddStream("data.csv", func(w io.Writer) error {
			_, err := io.WriteString(w, tt.data)
			return err
		})
		if err != nil || changed != tt.changed {
			t.Errorf("AddStream(%q): changed %v, %v; want %v", tt.data, changed, err, tt.changed)
		}
		if _, err := d.PublishStats(dir); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "data.csv")); string(b) != tt.data {
			t.Errorf("published %q, want %q", b, tt.data)
		}
	}
}

// Paths stays the sorted list of paths as files come after it was asked
// for, and a list it returned earlier is never changed.
func TestPathsAfterLaterAdds(t *testing.T) {
	tree := NewTree()
	want := []string{}
	add := func(p string) {
		t.Helper()
		if err := tree.Add(p, []byte(p)); err != nil {
			t.Fatal(err)
		}
		want = append(want, p)
		slices.Sort(want)
	}
	for i := range 40 {
		add(fmt.Sprintf("lieux/%02d/index.html", i*2))
	}
	first := slices.Clone(tree.Paths())
	held := tree.Paths()
	var afterInsert, afterInsertCopy []string
	for i := range 30 { // past the number of insertions kept in place
		add(fmt.Sprintf("lieux/%02d/index.html", i*2+1))
		got := tree.Paths()
		if !slices.Equal(got, want) {
			t.Fatalf("after adding %d more: Paths = %v, want %v", i+1, got, want)
		}
		if i == 1 { // a list made by an insertion, with room to grow
			afterInsert, afterInsertCopy = got, slices.Clone(got)
		}
	}
	if !slices.Equal(afterInsert, afterInsertCopy) {
		t.Error("a list Paths returned after an insertion was changed by the next ones")
	}
	tree.Remove("lieux/00/index.html")
	want = want[1:]
	tree.Keep("x", 1) // not a direct tree: claims nothing
	if _, err := tree.Put("robots.txt", nil); err != nil {
		t.Fatal(err)
	}
	want = append(want, "robots.txt")
	slices.Sort(want)
	if got := tree.Paths(); !slices.Equal(got, want) {
		t.Errorf("Paths = %v, want %v", got, want)
	}
	if !slices.Equal(held, first) {
		t.Error("a list Paths returned earlier was changed")
	}
}

// A file that takes the place of a folder of the published site is
// written, even empty: the folder in its way is not "the same bytes".
func TestEmptyFileReplacesFolder(t *testing.T) {
	for _, known := range []bool{false, true} {
		t.Run(fmt.Sprintf("known=%v", known), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "public")
			publishPaths(t, dir, "index.html", "x/index.html")
			d := directTreeOf(t, dir, "index.html")
			_, changed, err := d.AddStream("x", func(io.Writer) error { return nil })
			if err != nil || !changed {
				t.Fatalf("AddStream(x) = changed %v, %v; want a change", changed, err)
			}
			if known {
				_, err = d.PublishOver(dir, []string{"index.html", "x/index.html"})
			} else {
				_, err = d.PublishStats(dir)
			}
			if err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(filepath.Join(dir, "x"))
			if err != nil || !fi.Mode().IsRegular() || fi.Size() != 0 {
				t.Errorf("x after publishing: %v, %v; want an empty file", fi, err)
			}
		})
	}
}

// A folder emptied by a publish goes, whatever its neighbours' names
// share with it ("a/b" beside "a/b.html" and "a/bc/").
func TestPublishOverRemovesEmptiedFolders(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first := []string{"index.html", "a/b/x/index.html", "a/b/y.txt", "a/bc/y/index.html", "a/b.html"}
	publishPaths(t, dir, first...)
	d := directTreeOf(t, dir, "index.html", "a/bc/y/index.html", "a/b.html")
	st, err := d.PublishOver(dir, first)
	if err != nil {
		t.Fatal(err)
	}
	if st.Removed != 2 {
		t.Errorf("removed %d files, want 2", st.Removed)
	}
	if _, err := os.Stat(filepath.Join(dir, "a", "b")); !os.IsNotExist(err) {
		t.Errorf("the emptied folder a/b is still there (%v)", err)
	}
	for _, p := range []string{"a/bc/y/index.html", "a/b.html"} {
		if b, err := os.ReadFile(filepath.Join(dir, p)); err != nil || string(b) != p {
			t.Errorf("%s: %q, %v", p, b, err)
		}
	}
}

// directTreeOf returns a direct tree for dir holding paths, each file's
// bytes its own path.
func directTreeOf(t *testing.T, dir string, paths ...string) *Tree {
	t.Helper()
	d, err := NewDirectTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range paths {
		if err := d.Add(p, []byte(p)); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// publishPaths publishes a site of paths into dir (see directTreeOf).
func publishPaths(t *testing.T, dir string, paths ...string) {
	t.Helper()
	if _, err := directTreeOf(t, dir, paths...).PublishStats(dir); err != nil {
		t.Fatal(err)
	}
}
