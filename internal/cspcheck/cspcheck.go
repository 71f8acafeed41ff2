// Package cspcheck reads every page of a built site and reports what a
// strict Content Security Policy (script-src 'self'; style-src 'self')
// would block: inline scripts, event-handler attributes, style attributes
// and <style> elements, and scripts or style sheets from other hosts. The
// browser tests see violations on the pages they visit; this check covers
// every page, without a browser.
package cspcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// Problem is one construct the policy would block, in File at Line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg) }

// dataScripts are script types the browser does not execute: CSP does not
// apply to them (JSON-LD for search engines, JSON data).
var dataScripts = []string{"application/ld+json", "application/json", "application/geo+json"}

// Check reads every .html file of fsys.
func Check(fsys fs.FS) ([]Problem, error) {
	var out []Problem
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".html" {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out = append(out, CheckPage(p, b)...)
		return nil
	})
	return out, err
}

// CheckPage returns the problems of one page.
func CheckPage(file string, b []byte) []Problem {
	var out []Problem
	z := html.NewTokenizer(bytes.NewReader(b))
	line := 1
	for {
		tt := z.Next()
		raw := z.Raw()
		if tt == html.ErrorToken {
			break
		}
		if tt == html.StartTagToken || tt == html.SelfClosingTagToken {
			tok := z.Token()
			attr := map[string]string{}
			for _, a := range tok.Attr {
				attr[a.Key] = a.Val
				if strings.HasPrefix(a.Key, "on") {
					out = append(out, Problem{file, line, fmt.Sprintf("<%s %s>: inline event handler (script-src forbids it: add a listener in a script file)", tok.Data, a.Key)})
				}
				if a.Key == "style" {
					out = append(out, Problem{file, line, fmt.Sprintf("<%s style=%q>: style attribute (style-src forbids it: use a class in a CSS file)", tok.Data, a.Val)})
				}
			}
			switch tok.Data {
			case "script":
				src, hasSrc := attr["src"]
				typ := strings.ToLower(strings.TrimSpace(attr["type"]))
				switch {
				case hasSrc && external(src):
					out = append(out, Problem{file, line, fmt.Sprintf("<script src=%q>: script from another host (script-src allows this site only: vendor it under static/vendor)", src)})
				case !hasSrc && !slices.Contains(dataScripts, typ):
					out = append(out, Problem{file, line, "<script> without src: inline script (script-src forbids it: move it to static/js/)"})
				}
			case "style":
				out = append(out, Problem{file, line, "<style> element: inline style (style-src forbids it: move it to static/css/)"})
			case "link":
				if slices.Contains(strings.Fields(strings.ToLower(attr["rel"])), "stylesheet") && external(attr["href"]) {
					out = append(out, Problem{file, line, fmt.Sprintf("<link rel=stylesheet href=%q>: style sheet from another host (style-src allows this site only: vendor it)", attr["href"])})
				}
			}
		}
		line += bytes.Count(raw, []byte("\n"))
	}
	return out
}

// external reports whether an address names another host.
func external(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	return err != nil || u.Host != "" || u.Scheme != ""
}
