// Package picto turns the pictograms of static/vendor/pictos/*.svg into one
// SVG sprite, a <symbol> per icon, so that a page refers to an icon with a
// few bytes (<svg><use href="/vendor/pictos.svg?v=…#lieu"/></svg>) instead of
// carrying a copy of it: on a national site the copies were a third of every
// page. The sprite is one file the browser caches for a year (its URL holds
// a hash of its content), and the icons keep stroke="currentColor", so they
// take the text's colour, including in forced-colors (high-contrast) mode.
package picto

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Dir is the folder of the pictograms in the static tree (built-in files
// and the site's own static/ folder merged, the site's winning).
const Dir = "vendor/pictos"

// Path is the sprite's path in the static tree and the built site. It sits
// beside Dir, not in it, so that no pictogram name can collide with it.
const Path = "vendor/pictos.svg"

// Sprite is the built sprite.
type Sprite struct {
	Bytes []byte   // the sprite file
	Names []string // the pictograms it holds, sorted
	// URL is the sprite's site path with a version, "/vendor/pictos.svg?v=…":
	// it changes when the sprite does, so the file can be cached for a year.
	URL string
}

// Markup is what a page writes for the pictogram name: a decorative
// (aria-hidden) reference to its symbol. width and height are for a page
// whose style sheet did not load; labo.css sizes .picto to the text.
func (s *Sprite) Markup(name string) string {
	return `<svg aria-hidden="true" focusable="false" class="picto" width="24" height="24"><use href="` +
		html.EscapeString(s.URL+"#"+url.PathEscape(name)) + `"/></svg>`
}

// Build makes the sprite from static's Dir folder: each name.svg becomes a
// <symbol id="name"> with the icon's viewBox and presentation attributes
// (fill, stroke, stroke-width…) and its content, in name order. The leading
// comments of the files (Lucide's licence line) are written once each, at
// the top, with a link to the folder's LICENSE file. An empty or missing
// folder gives a sprite without symbols.
func Build(static fs.FS) (*Sprite, error) {
	entries, err := fs.ReadDir(static, Dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var symbols bytes.Buffer
	var comments []string
	sp := &Sprite{}
	for _, e := range entries { // fs.ReadDir sorts by name
		name, ok := strings.CutSuffix(e.Name(), ".svg")
		if e.IsDir() || !ok {
			continue
		}
		b, err := fs.ReadFile(static, path.Join(Dir, e.Name()))
		if err != nil {
			return nil, err
		}
		comment, err := symbol(&symbols, "static/"+Dir+"/"+e.Name(), name, b)
		if err != nil {
			return nil, err
		}
		if comment != "" && !slices.Contains(comments, comment) {
			comments = append(comments, comment)
		}
		sp.Names = append(sp.Names, name)
	}
	var out bytes.Buffer
	// xlink is declared for icons that still use xlink:href.
	out.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">` + "\n")
	for _, c := range comments {
		out.WriteString("<!-- " + c + " -->\n")
	}
	out.WriteString("<!-- Licence of the pictograms: /" + Dir + "/LICENSE -->\n")
	out.Write(symbols.Bytes())
	out.WriteString("</svg>\n")
	sp.Bytes = out.Bytes()
	sum := sha256.Sum256(sp.Bytes)
	sp.URL = "/" + Path + "?v=" + hex.EncodeToString(sum[:4])
	return sp, nil
}

// dropped are the root attributes a symbol does not take: the document's
// namespace declarations, the size (the page's <svg> sets it), and names
// and roles (the pictograms are decorative; their ids are the file names).
var dropped = map[string]bool{
	"class": true, "id": true, "width": true, "height": true, "x": true, "y": true,
	"version": true, "role": true, "focusable": true, "aria-hidden": true, "aria-label": true,
}

var space = regexp.MustCompile(`\s+`)

// symbol writes the <symbol> of one icon file (named file in errors, with
// the line) and returns the text of its leading comment, if any.
func symbol(w *bytes.Buffer, file, name string, b []byte) (comment string, err error) {
	d := xml.NewDecoder(bytes.NewReader(b))
	var root xml.StartElement
	var rootLine int
	for {
		tok, err := d.RawToken()
		if err != nil {
			line, _ := d.InputPos()
			return "", fmt.Errorf("%s:%d: expected an <svg> element, found none (%v)", file, line, err)
		}
		if c, ok := tok.(xml.Comment); ok && comment == "" {
			comment = strings.TrimSpace(string(c))
		}
		if se, ok := tok.(xml.StartElement); ok {
			rootLine, _ = d.InputPos()
			if se.Name.Local != "svg" {
				return "", fmt.Errorf("%s:%d: expected an <svg> element, found <%s>", file, rootLine, se.Name.Local)
			}
			root = se.Copy()
			break
		}
	}
	start := int(d.InputOffset())
	end := bytes.LastIndex(b, []byte("</svg>"))
	if end < start {
		last := 1 + bytes.Count(bytes.TrimRight(b, "\n"), []byte("\n"))
		return "", fmt.Errorf("%s:%d: expected </svg> at the end, found none", file, last)
	}
	var viewBox, width, height string
	var attrs strings.Builder
	for _, a := range root.Attr {
		k := a.Name.Local
		if a.Name.Space != "" {
			k = a.Name.Space + ":" + k
		}
		switch {
		case k == "viewBox":
			viewBox = a.Value
		case k == "width":
			width = a.Value
		case k == "height":
			height = a.Value
		}
		if k == "viewBox" || dropped[k] || k == "xmlns" || a.Name.Space == "xmlns" {
			continue
		}
		attrs.WriteString(" " + k + `="` + html.EscapeString(a.Value) + `"`)
	}
	if viewBox == "" { // scale the icon as its own size would
		w, errW := strconv.ParseFloat(width, 64)
		h, errH := strconv.ParseFloat(height, 64)
		if errW != nil || errH != nil {
			return "", fmt.Errorf("%s:%d: expected a viewBox attribute (or a width and height in pixels), found none", file, rootLine)
		}
		viewBox = "0 0 " + strconv.FormatFloat(w, 'g', -1, 64) + " " + strconv.FormatFloat(h, 'g', -1, 64)
	}
	// One line, single spaces, like the icons were when pages inlined them.
	body := strings.TrimSpace(space.ReplaceAllString(string(b[start:end]), " "))
	body = strings.ReplaceAll(body, " />", "/>")
	fmt.Fprintf(w, `<symbol id="%s" viewBox="%s"%s>%s</symbol>`+"\n", html.EscapeString(name), html.EscapeString(viewBox), attrs.String(), body)
	return comment, nil
}

// File returns the bytes of the sprite built from static: the static files'
// part of the build writes them at Path.
func File(static fs.FS) ([]byte, error) {
	s, err := Build(static)
	if err != nil {
		return nil, err
	}
	return s.Bytes, nil
}
