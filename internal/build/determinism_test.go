package build_test

import (
	"bytes"
	"runtime"
	"testing"

	"labo/internal/browsertest"
	"labo/internal/build"
	"labo/internal/output"
)

// TestDeterministic builds the demo site several times, with one worker and
// with many: the trees must be byte-identical.
func TestDeterministic(t *testing.T) {
	dir := browsertest.Root(t)
	buildWith := func(procs int) *output.Tree {
		t.Helper()
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		res, err := build.Build(build.Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		return res.Tree
	}
	ref := buildWith(runtime.GOMAXPROCS(0))
	for _, procs := range []int{runtime.GOMAXPROCS(0), 1, 8} {
		tree := buildWith(procs)
		if tree.Hash() == ref.Hash() {
			continue
		}
		t.Errorf("GOMAXPROCS=%d: the tree differs from the first build", procs)
		for _, d := range diff(ref, tree) {
			t.Errorf("  %s", d)
		}
	}
}

// TestDeterministicProves makes sure TestDeterministic can fail: trees that
// differ in one byte have different hashes and diff names the file.
func TestDeterministicProves(t *testing.T) {
	a, b := output.NewTree(), output.NewTree()
	a.Add("x/index.html", []byte("<p>1</p>"))
	b.Add("x/index.html", []byte("<p>2</p>"))
	if a.Hash() == b.Hash() {
		t.Fatal("different trees have the same hash")
	}
	if d := diff(a, b); len(d) != 1 || d[0] != "x/index.html: content differs" {
		t.Errorf("diff = %q", d)
	}
}

// diff lists the paths that differ between two trees.
func diff(a, b *output.Tree) []string {
	var out []string
	pa, pb := a.Paths(), b.Paths()
	in := func(ps []string) map[string]bool {
		m := map[string]bool{}
		for _, p := range ps {
			m[p] = true
		}
		return m
	}
	ma, mb := in(pa), in(pb)
	for _, p := range pa {
		if !mb[p] {
			out = append(out, p+": only in the first tree")
			continue
		}
		x, _ := a.Get(p)
		y, _ := b.Get(p)
		if !bytes.Equal(x, y) {
			out = append(out, p+": content differs")
		}
	}
	for _, p := range pb {
		if !ma[p] {
			out = append(out, p+": only in the second tree")
		}
	}
	return out
}
