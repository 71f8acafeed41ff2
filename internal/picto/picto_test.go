package picto

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"labo/static"
)

// lucide is an icon as Lucide ships it: licence comment, class, size,
// presentation attributes on the root, indented children.
const lucide = `<!-- @license lucide-static v1.62.0 - ISC -->
<svg
  class="lucide lucide-check"
  xmlns="http://www.w3.org/2000/svg"
  width="24"
  height="24"
  viewBox="0 0 24 24"
  fill="none"
  stroke="currentColor"
  stroke-width="2"
  stroke-linecap="round"
  stroke-linejoin="round"
>
  <path d="M20 6 9 17l-5-5" />
</svg>
`

func TestBuild(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string // in vendor/pictos/
		want  []string          // substrings of the sprite, in this order
		names []string
		err   string
	}{
		{
			name:  "lucide icon: symbol with viewBox and presentation attributes, no class or size",
			files: map[string]string{"check.svg": lucide},
			want: []string{
				`<svg xmlns="http://www.w3.org/2000/svg"`,
				"<!-- @license lucide-static v1.62.0 - ISC -->\n",
				"<!-- Licence of the pictograms: /vendor/pictos/LICENSE -->\n",
				`<symbol id="check" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M20 6 9 17l-5-5"/></symbol>` + "\n",
				"</svg>\n",
			},
			names: []string{"check"},
		},
		{
			name: "symbols in name order, shared licence comment written once, other files ignored",
			files: map[string]string{
				"zut.svg":   strings.Replace(lucide, "M20 6", "M1 1", 1),
				"alpha.svg": lucide,
				"LICENSE":   "ISC",
				"notes.txt": "x",
			},
			want:  []string{"<!-- @license lucide-static v1.62.0 - ISC -->\n<!-- Licence", `<symbol id="alpha" `, `<symbol id="zut" `, `M1 1`},
			names: []string{"alpha", "zut"},
		},
		{
			name: "another icon set: its own comment and fill kept, viewBox from the size",
			files: map[string]string{
				"a.svg": lucide,
				"b.svg": `<?xml version="1.0"?><!-- Icon by someone, CC-BY --><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="16" height="16" fill="currentColor" role="img" id="x"><use xlink:href="#y"/><path id="y" d="M0 0h16"/></svg>`,
			},
			want: []string{
				"<!-- @license lucide-static v1.62.0 - ISC -->\n<!-- Icon by someone, CC-BY -->\n",
				`<symbol id="b" viewBox="0 0 16 16" fill="currentColor"><use xlink:href="#y"/><path id="y" d="M0 0h16"/></symbol>`,
			},
			names: []string{"a", "b"},
		},
		{
			name:  "attribute values escaped",
			files: map[string]string{"q.svg": `<svg viewBox="0 0 2 2" data-x="a&amp;&quot;b"><path d="M0 0"/></svg>`},
			want:  []string{`<symbol id="q" viewBox="0 0 2 2" data-x="a&amp;&#34;b"><path d="M0 0"/></symbol>`},
			names: []string{"q"},
		},
		{name: "no folder: empty sprite", files: nil, want: []string{"<!-- Licence of the pictograms", "-->\n</svg>\n"}},
		{name: "no viewBox nor size", files: map[string]string{"x.svg": `<svg><path d="M0 0"/></svg>`},
			err: "static/vendor/pictos/x.svg:1: expected a viewBox attribute (or a width and height in pixels), found none"},
		{name: "no viewBox, on the root's line", files: map[string]string{"x.svg": "<!-- licence -->\n\n<svg width=\"x\">\n<path d=\"M0 0\"/></svg>\n"},
			err: "static/vendor/pictos/x.svg:3: expected a viewBox attribute (or a width and height in pixels), found none"},
		{name: "not an SVG", files: map[string]string{"x.svg": `<html></html>`},
			err: "static/vendor/pictos/x.svg:1: expected an <svg> element, found <html>"},
		{name: "truncated", files: map[string]string{"x.svg": `<svg viewBox="0 0 1 1"><path/>`},
			err: "static/vendor/pictos/x.svg:1: expected </svg> at the end, found none"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"css/x.css": {Data: []byte("a{}")}}
			for n, c := range tt.files {
				fsys[Dir+"/"+n] = &fstest.MapFile{Data: []byte(c)}
			}
			sp, err := Build(fsys)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("error = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s := string(sp.Bytes)
			at := 0
			for _, w := range tt.want {
				i := strings.Index(s[at:], w)
				if i < 0 {
					t.Fatalf("sprite lacks %q after offset %d:\n%s", w, at, s)
				}
				at += i + len(w)
			}
			if strings.Join(sp.Names, ",") != strings.Join(tt.names, ",") {
				t.Errorf("names = %q, want %q", sp.Names, tt.names)
			}
			if err := wellFormed(sp.Bytes); err != nil {
				t.Errorf("sprite is not well-formed XML: %v\n%s", err, s)
			}
			again, _ := Build(fsys)
			if !bytes.Equal(again.Bytes, sp.Bytes) || again.URL != sp.URL {
				t.Error("two builds of the same files differ")
			}
		})
	}
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// The URL's version follows the content: an edited icon gets a new URL, so
// browsers holding the old sprite for a year fetch the new one.
func TestURLVersion(t *testing.T) {
	a := fstest.MapFS{Dir + "/check.svg": {Data: []byte(lucide)}}
	b := fstest.MapFS{Dir + "/check.svg": {Data: []byte(strings.Replace(lucide, "M20 6", "M20 7", 1))}}
	sa, _ := Build(a)
	sb, _ := Build(b)
	if !strings.HasPrefix(sa.URL, "/vendor/pictos.svg?v=") || len(sa.URL) != len("/vendor/pictos.svg?v=")+8 {
		t.Errorf("URL = %q", sa.URL)
	}
	if sa.URL == sb.URL {
		t.Errorf("different sprites, same URL %q", sa.URL)
	}
}

func TestMarkup(t *testing.T) {
	sp := &Sprite{URL: "/vendor/pictos.svg?v=0011aabb"}
	for name, want := range map[string]string{
		"lieu":    `<svg aria-hidden="true" focusable="false" class="picto" width="24" height="24"><use href="/vendor/pictos.svg?v=0011aabb#lieu"/></svg>`,
		`a"b c&d`: `<svg aria-hidden="true" focusable="false" class="picto" width="24" height="24"><use href="/vendor/pictos.svg?v=0011aabb#a%22b%20c&amp;d"/></svg>`,
	} {
		if got := sp.Markup(name); got != want {
			t.Errorf("Markup(%q) = %s, want %s", name, got, want)
		}
	}
}

// Every built-in pictogram makes a symbol of the sprite, with Lucide's
// drawing attributes, so the icons look as they did when inlined.
func TestBuiltIn(t *testing.T) {
	sp, err := Build(static.FS)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := fsGlob(t)
	if len(sp.Names) != len(files) || len(files) < 30 {
		t.Fatalf("%d symbols for %d files", len(sp.Names), len(files))
	}
	s := string(sp.Bytes)
	for _, n := range sp.Names {
		if !strings.Contains(s, `<symbol id="`+n+`" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">`) {
			t.Errorf("symbol %s lacks Lucide's attributes", n)
		}
	}
	if strings.Count(s, "@license lucide-static") != 1 {
		t.Errorf("licence comment written %d times, want once", strings.Count(s, "@license lucide-static"))
	}
}

func fsGlob(t *testing.T) ([]string, error) {
	t.Helper()
	entries, err := static.FS.ReadDir(Dir)
	var out []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".svg") {
			out = append(out, e.Name())
		}
	}
	return out, err
}
