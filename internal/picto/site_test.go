package picto_test

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"labo/internal/picto"
	"labo/internal/sitetest"
)

// A site's own static/vendor/pictos/ overrides a built-in pictogram and adds
// new ones: the built sprite holds them, and pages refer to it at the URL of
// its content.
func TestSiteOverridesAndExtends(t *testing.T) {
	files := sitetest.Site()
	files["static/vendor/pictos/lieu.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" fill="currentColor"><circle cx="5" cy="5" r="4"/></svg>`
	files["static/vendor/pictos/zz-nouveau.svg"] = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>`
	res, err := files.Build(t)
	if err != nil {
		t.Fatal(err)
	}
	b, ok := res.Tree.Get(picto.Path)
	if !ok {
		t.Fatalf("no %s in the built site", picto.Path)
	}
	s := string(b)
	for _, want := range []string{
		`<symbol id="lieu" viewBox="0 0 10 10" fill="currentColor"><circle cx="5" cy="5" r="4"/></symbol>`,
		`<symbol id="zz-nouveau" viewBox="0 0 8 8"><rect width="8" height="8"/></symbol>`,
		`<symbol id="horloge" viewBox="0 0 24 24" fill="none" stroke="currentColor"`, // built-in, kept
	} {
		if !strings.Contains(s, want) {
			t.Errorf("sprite lacks %s", want)
		}
	}
	if strings.Count(s, `<symbol id="lieu"`) != 1 {
		t.Error("the overridden pictogram is in the sprite twice")
	}
	if _, ok := res.Tree.Get("vendor/pictos/zz-nouveau.svg"); !ok {
		t.Error("the site's pictogram file is not copied as before")
	}
	page, ok := res.Tree.Get("index.html")
	if !ok {
		t.Fatal("no home page")
	}
	// The page's reference carries the version of this sprite, not of the
	// built-in one.
	sum := sha256.Sum256(b)
	want := `<use href="/vendor/pictos.svg?v=` + hex.EncodeToString(sum[:4]) + `#lieu"/>`
	if !strings.Contains(string(page), want) {
		t.Errorf("home page lacks %s", want)
	}
}
