package output

import (
	"os"
	"path/filepath"
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

func TestPublishSwapsAndReuses(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	a := NewTree()
	a.Add("index.html", []byte("one"))
	a.Add("x/y.txt", []byte("same"))
	if err := a.Publish(dir); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(filepath.Join(dir, "x/y.txt"))
	b := NewTree()
	b.Add("index.html", []byte("two"))
	b.Add("x/y.txt", []byte("same"))
	if err := b.Publish(dir); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	if string(got) != "two" {
		t.Errorf("index = %q", got)
	}
	after, _ := os.Stat(filepath.Join(dir, "x/y.txt"))
	if !os.SameFile(before, after) {
		t.Error("unchanged file was rewritten instead of linked")
	}
	for _, leftover := range []string{dir + ".tmp-new", dir + ".tmp-old"} {
		if _, err := os.Stat(leftover); !os.IsNotExist(err) {
			t.Errorf("%s left behind", leftover)
		}
	}
	if a.Hash() == b.Hash() {
		t.Error("different trees, same hash")
	}
}
