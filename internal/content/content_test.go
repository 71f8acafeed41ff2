package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"labo/internal/diag"
)

const guide = `+++
title = "Démarches urgentes"
date = 2025-02-10
summary = "Pour les urgences."
audiences = ["travailleurs-sociaux"]
themes = ["urgence"]
services = ["DEM-01"]
+++
Intro with "quotes" and l'apostrophe.

## Démarches en ligne

Some text[^1].

## Étape 1 : repérer

| a | b |
|---|---|
| 1 | 2 |

Terme
: définition

## Démarches en ligne

<script>alert(1)</script>

[mauvais](javascript:alert(1)) [autre](@/guides/autre.md#etape-2) [absent](@/guides/absent.md)

[^1]: Une note.
`

func parseOne(t *testing.T, file, src string) (*Page, *diag.List) {
	t.Helper()
	var p diag.List
	return Parse(file, []byte(src), time.UTC, &p), &p
}

func TestParseGuide(t *testing.T) {
	pg, p := parseOne(t, "content/guides/urgence.md", guide)
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	if pg.URL != "/guides/urgence/" || pg.Section != "guides" || pg.Slug != "urgence" {
		t.Errorf("paths: %q %q %q", pg.URL, pg.Section, pg.Slug)
	}
	if pg.Date.Format(time.DateOnly) != "2025-02-10" {
		t.Errorf("date = %v", pg.Date)
	}
	var ids []string
	for _, h := range pg.Headings {
		ids = append(ids, h.ID)
	}
	if got := strings.Join(ids, " "); got != "demarches-en-ligne etape-1-reperer demarches-en-ligne-2" {
		t.Errorf("heading ids = %s", got)
	}
	if len(pg.Links) != 2 || pg.Links[0].Target != "guides/autre.md" || pg.Links[0].Anchor != "etape-2" || pg.Links[0].Line != 28 {
		t.Errorf("links = %+v", pg.Links)
	}
	autre, _ := parseOne(t, "content/guides/autre.md", "+++\ntitle = \"Autre\"\ndate = 2025-01-01\n+++\n## Étape 2\n")
	var rp diag.List
	pg.ResolveLinks(func(target string) *Page {
		if target == "guides/autre.md" {
			return autre
		}
		return nil
	}, &rp)
	html := string(pg.Render())
	for _, want := range []string{
		`<h2 id="demarches-en-ligne">`, `<h2 id="etape-1-reperer">`, `«&#160;quotes&#160;»`, `l&#8217;apostrophe`,
		`<div class="table-wrap" tabindex="0" role="region" aria-label="Tableau défilant"><table>`, `<dl>`, `class="footnotes"`,
		`<a href="/guides/autre/#etape-2">autre</a>`, `<!-- raw HTML omitted -->`, `<a href="">mauvais</a>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("rendered HTML lacks %s\n%s", want, html)
		}
	}
	if strings.Contains(html, "<script>") || strings.Contains(html, "javascript:") || strings.Contains(html, `href="@/`) {
		t.Errorf("unsafe or unresolved output:\n%s", html)
	}
	if err := rp.Err(); err == nil || err.Error() != `content/guides/urgence.md:28: link: expected a link to an existing content file such as @/guides/slug.md, found "@/guides/absent.md"` {
		t.Errorf("link problems = %v", err)
	}
	if pg.ReadingMinutes() != 1 || pg.Words < 20 {
		t.Errorf("words = %d", pg.Words)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ file, src, want string }{
		{"content/guides/a.md", "title = \"x\"\n", `content/guides/a.md:1: expected the file to start with a "+++" line`},
		{"content/guides/a.md", "+++\ntitle = \"x\"\n", `content/guides/a.md:1: expected the file to start with a "+++" line`},
		{"content/guides/a.md", "+++\ntitle = \"x\"\ndate = 2025-01-01\nauthor = \"y\"\n+++\n", `content/guides/a.md:4: author: unknown front-matter key`},
		{"content/guides/a.md", "+++\ntitle = \"x\"\ndate = \n+++\n", `content/guides/a.md:3:`},
		{"content/guides/a.md", "+++\ntitle = \"x\"\n+++\n", `content/guides/a.md:2: date: expected a publication date`},
		{"content/guides/a.md", "+++\ntitle = \"x\"\ndate = 2025-01-01\naudiences = [\"tous\"]\n+++\n", `content/guides/a.md:4: audiences: expected one of travailleurs-sociaux`},
		{"content/guides/a.md", "+++\ntitle = \"x\"\ndate = 2025-01-01\nthemes = [\"Urgence\"]\n+++\n", `content/guides/a.md:4: themes: expected a theme slug`},
		{"content/guides/a.md", "+++\ntitle = \"x\"\ndate = 2025-01-01\nupdated = 2024-01-01\n+++\n", `content/guides/a.md:4: updated: expected a date on or after date 2025-01-01, found 2024-01-01`},
		{"content/guides/A b.md", "+++\ntitle = \"x\"\n+++\n", `content/guides/A b.md: expected a file name of lowercase letters`},
		{"content/a.md", "+++\ntitle = \"\"\n+++\n", `content/a.md:2: title: expected a title, found nothing`},
		{"content/a.md", "+++\ntitle = \"x\"\n+++\n\xff", `content/a.md:1: expected UTF-8 text`},
		{"content/a.md", "+++\ntitle = \"x\"\naliases = [\"ancien\"]\n+++\n", `content/a.md:3: aliases: expected a site path starting and ending with /, found "ancien"`},
	}
	for _, tt := range tests {
		_, p := parseOne(t, tt.file, tt.src)
		if err := p.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %q", tt.src, err, tt.want)
		}
	}
}

func TestCRLFAndBOM(t *testing.T) {
	pg, p := parseOne(t, "content/a.md", "\ufeff+++\r\ntitle = \"Accès\"\r\n+++\r\n## Étape\r\n")
	if p.Err() != nil || pg.Headings[0].ID != "etape" || pg.Title != "Accès" {
		t.Fatalf("%v %+v", p.Err(), pg)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(guide))
	f.Add([]byte("+++\ntitle = \"x\"\n+++\n"))
	f.Add([]byte("+++\n+++"))
	f.Add([]byte("+++\ntitle = 'a'\n[action]\nx = 1\n+++\n# T\n[a](@/b.md#c)"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var p diag.List
		pg := Parse("content/guides/f.md", data, time.UTC, &p)
		if pg == nil {
			if p.Len() == 0 {
				t.Fatal("nil page without a problem")
			}
			return
		}
		pg.ResolveLinks(func(string) *Page { return nil }, &p)
		out := pg.Render()
		if strings.Contains(string(out), "<script") {
			t.Fatalf("script tag in output: %s", out)
		}
	})
}

func TestCountWordsAndSqueezeSpaceMatchFields(t *testing.T) {
	for _, s := range []string{"", " ", "un", "  deux  mots ", "l'été\u00a0arrive\tvite\n", "Ça  marche  ?", "a\u2003b", "\u00a0é\u3000", "bad\xffbyte \xe2\x80"} {
		if got, want := countWords([]byte(s)), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d", s, got, want)
		}
		got, n := squeezeSpace([]byte(s))
		if want := strings.Join(strings.Fields(s), " "); string(got) != want || n != len(strings.Fields(s)) {
			t.Errorf("squeezeSpace(%q) = %q, %d, want %q, %d", s, got, n, want, len(strings.Fields(s)))
		}
	}
}

func TestTOCNestsAndUnescapes(t *testing.T) {
	pg, p := parseOne(t, "content/guides/t.md", "+++\ntitle = \"T\"\ndate = 2025-01-01\n+++\n### Avant\n## L'urgence\n### Un\n### Deux\n## Fin\n")
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	toc := pg.TOC()
	if len(toc) != 3 || toc[0].Text != "Avant" || toc[1].Text != "L’urgence" || len(toc[1].Children) != 2 || toc[1].ID != "l-urgence" || len(toc[2].Children) != 0 {
		t.Errorf("toc = %+v", toc)
	}
}

func TestParseFiles(t *testing.T) {
	fsys := fstest.MapFS{
		"content/guides/a.md": {Data: []byte("+++\ntitle = \"A\"\ndate = 2025-01-01\n+++\nTexte.\n")},
		"content/guides/b.md": {Data: []byte("+++\ntitle = \"B\"\naudiences = [\"tous\"]\ndate = 2025-01-01\n+++\n")},
		"content/guides/c.md": {Data: []byte("pas de front matter\n")},
	}
	files := []string{"content/guides/a.md", "content/guides/absent.md", "content/guides/b.md", "content/guides/c.md"}
	got := ParseFiles(fsys, files, time.UTC)
	if len(got) != 4 || got[0].Page == nil || got[0].Page.Title != "A" || len(got[0].Problems) != 0 || got[0].ReadErr != nil {
		t.Fatalf("a.md: %+v", got)
	}
	if got[1].ReadErr == nil || got[1].Page != nil {
		t.Errorf("absent.md: %+v", got[1])
	}
	if got[2].Page == nil || len(got[2].Problems) != 1 || got[2].Problems[0].Field != "audiences" || got[2].Problems[0].Line != 3 {
		t.Errorf("b.md: %+v", got[2])
	}
	if got[3].Page != nil || len(got[3].Problems) != 1 || got[3].Problems[0].Line != 1 {
		t.Errorf("c.md: %+v", got[3])
	}
}
