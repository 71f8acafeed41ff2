package content

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"labo/internal/diag"
)

// cacheFiles are content files whose bodies exercise what the cache keeps:
// links with and without anchors, broken ones, links in image
// descriptions and tables, footnotes, repeated headings, and the same body
// under front matter of other lengths (its link lines differ).
var cacheFiles = map[string]string{
	"content/guides/x.md": "+++\ntitle = \"X\"\ndate = 2025-01-02\n+++\n\n## Ancre\n\nUne note[^1].\n\n[^1]: La note.\n",
	"content/guides/liens.md": "+++\ntitle = \"Liens\"\ndate = 2025-01-02\n+++\n\n# Titre\n\n## Titre\n\n" +
		"Voir [le guide](@/guides/x.md) et [l'ancre](@/guides/x.md#ancre), [absent](@/guides/absent.md),\n" +
		"[mauvaise ancre](@/guides/x.md#non), [note](@/guides/x.md#fn:1).\n\n" +
		"![une image avec [un lien](@/guides/x.md)](/img.png)\n\n| a | b |\n|---|---|\n| [cellule](@/guides/x.md#ancre) | « citée » |\n\n" +
		"Terme\n: définition avec [lien](@/guides/x.md \"Un titre\")\n",
	"content/guides/meme-corps.md": "+++\ntitle = \"Même corps\"\ndate = 2025-01-02\nsummary = \"Le corps de liens.md sous une autre en-tête.\"\nthemes = [\"a\", \"b\"]\n+++\n\n# Titre\n\n## Titre\n\n" +
		"Voir [le guide](@/guides/x.md) et [l'ancre](@/guides/x.md#ancre), [absent](@/guides/absent.md),\n" +
		"[mauvaise ancre](@/guides/x.md#non), [note](@/guides/x.md#fn:1).\n\n" +
		"![une image avec [un lien](@/guides/x.md)](/img.png)\n\n| a | b |\n|---|---|\n| [cellule](@/guides/x.md#ancre) | « citée » |\n\n" +
		"Terme\n: définition avec [lien](@/guides/x.md \"Un titre\")\n",
	"content/guides/crlf.md":        "\ufeff+++\r\ntitle = \"CRLF\"\r\ndate = 2025-01-02\r\n+++\r\n\r\nLigne [un](@/guides/x.md)\r\nligne deux <b>brut</b>\r\n",
	"content/guides/vide.md":        "+++\ntitle = \"Vide\"\ndate = 2025-01-02\n+++\n",
	"content/guides/mauvais.md":     "+++\ntitle = \"\"\nfoo = 1\n+++\n\n[cassé](@/guides/nulle-part.md#x)\n",
	"content/guides/sans-entete.md": "pas de front matter\n",
	"content/page.md":               "+++\ntitle = \"Page\"\n+++\n\n## Étape 1\n\n[Retour](@/guides/liens.md#titre-2)\n",
}

func cacheFS() (fstest.MapFS, []string) {
	fsys := fstest.MapFS{}
	for name, src := range cacheFiles {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	return fsys, slices.Sorted(func(yield func(string) bool) {
		for name := range cacheFiles {
			if !yield(name) {
				return
			}
		}
	})
}

// loaded is what loading and resolving links gave.
type loaded struct {
	pages    []*Page        // as parsed, before ResolveLinks
	problems []diag.Problem // of parsing, then of ResolveLinks
	html     [][]byte       // after ResolveLinks
}

// loadResolved loads fsys with c, keeps a copy of the pages as parsed,
// then resolves their links against each other.
func loadResolved(t *testing.T, fsys fs.FS, c *Cache) loaded {
	t.Helper()
	var l diag.List
	pages := LoadCached(fsys, time.UTC, c, &l)
	var out loaded
	byFile := map[string]*Page{}
	for _, p := range pages {
		cp := *p
		cp.Links = slices.Clone(p.Links)
		out.pages = append(out.pages, &cp)
		byFile[p.File] = p
	}
	for _, p := range pages {
		p.ResolveLinks(func(target string) *Page { return byFile[Dir+"/"+target] }, &l)
		out.html = append(out.html, p.Render())
	}
	out.problems = l.Problems()
	return out
}

// pageDiff names the fields of a and b that differ, or returns nil.
func pageDiff(a, b *Page) []string {
	if reflect.DeepEqual(a, b) {
		return nil
	}
	var out []string
	for name, eq := range map[string]bool{
		"FrontMatter": reflect.DeepEqual(a.FrontMatter, b.FrontMatter),
		"File":        a.File == b.File && a.Section == b.Section && a.Slug == b.Slug && a.URL == b.URL,
		"Headings":    reflect.DeepEqual(a.Headings, b.Headings),
		"Words":       a.Words == b.Words,
		"Text":        a.Text == b.Text,
		"Links":       reflect.DeepEqual(a.Links, b.Links),
		"html":        bytes.Equal(a.html, b.html),
		"source":      bytes.Equal(a.source, b.source) && a.bodyStart == b.bodyStart && a.bodyLine == b.bodyLine,
		"meta":        reflect.DeepEqual(a.meta, b.meta) && reflect.DeepEqual(a.fmIndex, b.fmIndex),
		"cacheKey":    a.cacheKey == b.cacheKey,
	} {
		if !eq {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	if out == nil {
		out = []string{"another field"}
	}
	return out
}

func sameLoaded(t *testing.T, what string, got, want loaded) {
	t.Helper()
	if len(got.pages) != len(want.pages) {
		t.Fatalf("%s: %d pages, want %d", what, len(got.pages), len(want.pages))
	}
	for i := range want.pages {
		if d := pageDiff(got.pages[i], want.pages[i]); d != nil {
			t.Errorf("%s: %s differs from a fresh parse in %v", what, want.pages[i].File, d)
		}
		if !bytes.Equal(got.html[i], want.html[i]) {
			t.Errorf("%s: %s: resolved HTML differs:\n got %s\nwant %s", what, want.pages[i].File, got.html[i], want.html[i])
		}
	}
	if !reflect.DeepEqual(got.problems, want.problems) {
		t.Errorf("%s: problems differ:\n got %v\nwant %v", what, got.problems, want.problems)
	}
}

// TestCacheSameAsParse: pages from a cold cache (parsed, then stored) and
// from a warm one (read back from its file) are those of a plain parse,
// problems included.
func TestCacheSameAsParse(t *testing.T) {
	fsys, _ := cacheFS()
	want := loadResolved(t, fsys, nil)
	if len(want.problems) < 5 {
		t.Fatalf("the files should have problems (broken links, front matter), found %v", want.problems)
	}
	dir := t.TempDir()
	cold := OpenCache(dir)
	if cold.store() == nil {
		t.Fatal("no cache: the test binary cannot be hashed")
	}
	sameLoaded(t, "cold cache", loadResolved(t, fsys, cold), want)
	if err := cold.Save(); err != nil {
		t.Fatal(err)
	}
	warm := OpenCache(dir)
	if n := len(warm.store().Entries()); n < 5 {
		t.Fatalf("the saved cache has %d entries", n)
	}
	sameLoaded(t, "warm cache", loadResolved(t, fsys, warm), want)
	if st := warm.Stats(); st.Hits == 0 || st.Misses != 0 {
		t.Errorf("warm cache: %+v, want only hits", st)
	}
}

// TestCacheIgnoresBadEntries: an entry that does not decode is parsed
// again, never used.
func TestCacheIgnoresBadEntries(t *testing.T) {
	fsys, _ := cacheFS()
	want := loadResolved(t, fsys, nil)
	dir := t.TempDir()
	c := OpenCache(dir)
	loadResolved(t, fsys, c)
	_ = c.Save()
	c = OpenCache(dir)
	for k, v := range c.store().Entries() {
		c.store().Put(k, v[:len(v)/2]) // truncated entries
	}
	sameLoaded(t, "truncated entries", loadResolved(t, fsys, c), want)
}

// TestCacheBestEffort: a site folder where the cache cannot be written
// (.labo-cache is a file) still loads, with the same pages.
func TestCacheBestEffort(t *testing.T) {
	fsys, _ := cacheFS()
	want := loadResolved(t, fsys, nil)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ".labo-cache"), []byte("pas un dossier"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := OpenCache(dir)
	sameLoaded(t, "unwritable cache", loadResolved(t, fsys, c), want)
	if c.Save() == nil {
		t.Error("Save into a file's place reported no error")
	}
	var nilCache *Cache
	if nilCache.Save() != nil {
		t.Error("a nil cache cannot fail")
	}
}

// bodyPage parses body as a page whose body starts on line bodyLine.
func bodyPage(body string, bodyLine int) *Page {
	p := &Page{File: "content/guides/f.md", source: []byte(body), bodyLine: bodyLine}
	p.parseBody([]byte(body))
	return p
}

// FuzzCacheRoundTrip: a parsed body encoded then decoded (under another
// front matter length too) is the parsed body.
func FuzzCacheRoundTrip(f *testing.F) {
	for _, src := range cacheFiles {
		f.Add(src, 5)
	}
	for _, b := range append(slices.Clone(bodies), linkBodies...) {
		f.Add(b, 1)
	}
	f.Fuzz(func(t *testing.T, body string, bodyLine int) {
		if !utf8.ValidString(body) {
			t.Skip("Parse refuses invalid UTF-8 before the body is parsed")
		}
		bodyLine = 1 + bodyLine&0xffff
		want := bodyPage(body, bodyLine)
		b := want.encodeBody()
		got := &Page{File: want.File, source: want.source, bodyLine: bodyLine}
		if !got.decodeBody(b) {
			t.Fatalf("the encoding of %q does not decode", body)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("body %q:\n got %+v\nwant %+v", body, got, want)
		}
		if again := got.encodeBody(); !bytes.Equal(again, b) {
			t.Fatalf("body %q: encoding again differs", body)
		}
		// Under a longer front matter, the same entry gives the lines of a
		// fresh parse there.
		moved := &Page{File: want.File, source: want.source, bodyLine: bodyLine + 7}
		if !moved.decodeBody(b) || !reflect.DeepEqual(moved, bodyPage(body, bodyLine+7)) {
			t.Fatalf("body %q: the entry does not move with the body", body)
		}
	})
}

// FuzzDecodeBody: any bytes either decode into a page whose links
// ResolveLinks and Render can rewrite (and that encodes back to bytes decoding to the
// same page), or are refused, leaving the page as it was.
func FuzzDecodeBody(f *testing.F) {
	for _, b := range append(slices.Clone(bodies), linkBodies...) {
		f.Add(bodyPage(b, 3).encodeBody())
	}
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		p := &Page{bodyLine: 3, Words: -1}
		if !p.decodeBody(b) {
			if !reflect.DeepEqual(p, &Page{bodyLine: 3, Words: -1}) {
				t.Fatalf("a refused entry changed the page: %+v", p)
			}
			return
		}
		q := &Page{bodyLine: 3}
		if !q.decodeBody(p.encodeBody()) || !reflect.DeepEqual(p, q) {
			t.Fatalf("decode(encode(decode(b))) differs from decode(b)")
		}
		var l diag.List
		p.ResolveLinks(testResolver, &l)
		q.ResolveLinks(func(string) *Page { return nil }, &l)
		p.Render()
		q.Render()
	})
}
