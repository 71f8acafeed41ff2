package sitetest

import (
	"strings"
	"testing"
)

// TestSiteIsValid keeps the fixture usable: it loads and builds with no
// problem, so every problem a test sees comes from what the test changed.
func TestSiteIsValid(t *testing.T) {
	if _, problems := Site().Load(); len(problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problems, "\n"))
	}
	res, err := Site().Build(t)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "lieux/clermont-gare/index.html", "referentiel/dem-01/index.html", "guides/urgence/index.html", "a-propos/index.html"} {
		if _, ok := res.Tree.Get(p); !ok {
			t.Errorf("%s not built", p)
		}
	}
}
