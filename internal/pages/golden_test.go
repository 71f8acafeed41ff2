package pages_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"labo/internal/sitetest"
)

var assetVersion = regexp.MustCompile(`\?v=[0-9a-f]{8}\b`)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// TestGolden renders the pages people use most from the small test site and
// compares them byte for byte with testdata/*.golden. After an intended
// change, run `go test ./internal/pages -run Golden -update` and review the
// diff of the golden files.
func TestGolden(t *testing.T) {
	res, err := sitetest.Site().Build(t)
	if err != nil {
		t.Fatal(err)
	}
	for golden, page := range map[string]string{
		"home.golden":    "index.html",
		"venue.golden":   "lieux/clermont-gare/index.html",
		"service.golden": "referentiel/dem-01/index.html",
		"guide.golden":   "guides/urgence/index.html",
	} {
		t.Run(golden, func(t *testing.T) {
			got, ok := res.Tree.Get(page)
			if !ok {
				t.Fatalf("%s was not built", page)
			}
			// Asset versions change with every edit of a CSS or JS file,
			// which is not a change of the page.
			got = assetVersion.ReplaceAll(got, []byte("?v=VERSION"))
			file := filepath.Join("testdata", golden)
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/pages -run Golden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s at line %d:\n got: %s\nwant: %s\n(if the change is intended: go test ./internal/pages -run Golden -update, then review the diff)",
					page, file, diffLine(got, want), line(got, diffLine(got, want)), line(want, diffLine(got, want)))
			}
		})
	}
}

// diffLine returns the first line (1-based) where a and b differ.
func diffLine(a, b []byte) int {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := range min(len(la), len(lb)) {
		if !bytes.Equal(la[i], lb[i]) {
			return i + 1
		}
	}
	return min(len(la), len(lb)) + 1
}

func line(b []byte, n int) string {
	ls := bytes.Split(b, []byte("\n"))
	if n-1 < len(ls) {
		return string(ls[n-1])
	}
	return "(end of file)"
}
