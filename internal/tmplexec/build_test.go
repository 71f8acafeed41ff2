package tmplexec_test

import (
	"bytes"
	"testing"

	"labo/internal/build"
	"labo/internal/render"
	"labo/internal/sitecopy"
)

// TestBuildStdlibSwitch builds the demo site with the compiled executor
// and with html/template alone (LABO_STDLIB_TEMPLATES=1, the switch
// documented in docs/) and compares the two trees file by file.
func TestBuildStdlibSwitch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the demo site twice")
	}
	dir := sitecopy.Root(t)
	t.Setenv(render.StdlibEnv, "1")
	std, err := build.Build(build.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(render.StdlibEnv, "")
	fast, err := build.Build(build.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	want, got := std.Tree.Paths(), fast.Tree.Paths()
	if len(want) != len(got) {
		t.Fatalf("%d files with html/template, %d with the compiled executor", len(want), len(got))
	}
	for i, p := range want {
		if got[i] != p {
			t.Fatalf("file %d: %s with html/template, %s with the compiled executor", i, p, got[i])
		}
		a, _ := std.Tree.Get(p)
		b, _ := fast.Tree.Get(p)
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs", p)
		}
	}
	if std.Tree.Hash() != fast.Tree.Hash() {
		t.Error("tree hashes differ")
	}
}
