package tmplexec

import (
	"bytes"
	htmltemplate "html/template"
	"sync"
	"testing"
)

// escapeContexts are one-action templates, one per escaper html/template
// uses (and the chains it builds: URLs in attributes…).
var escapeContexts = []string{
	`<p>{{.}}</p>`,
	`<a title="{{.}}">`,
	`<a title='{{.}}'>`,
	`<a title={{.}}>`,
	`<a href="{{.}}">`,
	`<a href="/x?q={{.}}">`,
	`<a href="/x/{{.}}#{{.}}">`,
	`<img srcset="{{.}}">`,
	`<script>var x = {{.}};</script>`,
	`<script>var x = "{{.}}";</script>`,
	`<script>var r = /{{.}}/;</script>`,
	"<script>var t = `{{.}}`;</script>",
	`<a onclick="f({{.}})">`,
	`<textarea>{{.}}</textarea>`,
	`<title>{{.}}</title>`,
	`<style>p { color: {{.}} }</style>`,
	`<style>p { font-family: "{{.}}" }</style>`,
	`<a style="color: {{.}}">`,
	`<div {{.}}="x">`,
	`<p>{{.}}<!-- {{.}} --></p>`,
	`<script type="application/ld+json">{{.}}</script>`,
}

// typed wraps s in the content type kind selects, as a caller would.
func typed(s string, kind uint8) any {
	switch kind % 10 {
	case 1:
		return htmltemplate.HTML(s)
	case 2:
		return htmltemplate.URL(s)
	case 3:
		return htmltemplate.JS(s)
	case 4:
		return htmltemplate.JSStr(s)
	case 5:
		return htmltemplate.CSS(s)
	case 6:
		return htmltemplate.HTMLAttr(s)
	case 7:
		return htmltemplate.Srcset(s)
	case 8:
		return map[string]string{"k": s}
	case 9:
		return []any{s, len(s), nil}
	}
	return s
}

type escapePair struct {
	std  *htmltemplate.Template
	fast *Template
}

var escapePairs = sync.OnceValues(func() ([]escapePair, error) {
	var out []escapePair
	for _, src := range escapeContexts {
		std := htmltemplate.Must(htmltemplate.New("e").Parse(src))
		if err := std.Execute(new(bytes.Buffer), "seed"); err != nil {
			return nil, err
		}
		fast, err := CompileHTML(std, "e", Options{})
		if err != nil {
			return nil, err
		}
		out = append(out, escapePair{std, fast})
	}
	return out, nil
})

func checkEscapers(t *testing.T, s string, kind uint8) {
	pairs, err := escapePairs()
	if err != nil {
		t.Fatal(err)
	}
	v := typed(s, kind)
	for i, p := range pairs {
		var want, got bytes.Buffer
		wantErr := p.std.Execute(&want, v)
		gotErr := p.fast.Execute(&got, v)
		if (wantErr == nil) != (gotErr == nil) {
			t.Fatalf("%s with %T %q: html/template error %v, compiled error %v", escapeContexts[i], v, s, wantErr, gotErr)
		}
		if wantErr == nil && got.String() != want.String() {
			t.Fatalf("%s with %T %q:\nhtml/template: %q\ncompiled:      %q", escapeContexts[i], v, s, want.String(), got.String())
		}
	}
}

var escapeSeeds = []string{
	"", "plain", "<b>bold</b> & 'quotes' \"double\"", "javascript:alert(1)", "https://example.org/a b?c=d&e=f#g",
	"/relative/path?x=1", "  spaces  ", "\x00\t\n\r\u2028\u2029", "é à ç € 😀", "</script><script>alert(1)</script>",
	"${x}`", "a/b\\c", "expression(alert(1))", "red; background: url(x)", "img.png 1x, other.png 2x",
	"onclick", "data:text/html,<b>", "%zz%41", "<!-- -->", "]]>", "\ufffd", "\xff\xfe",
}

func TestEscapersMatchHTMLTemplate(t *testing.T) {
	for _, s := range escapeSeeds {
		for kind := range uint8(10) {
			checkEscapers(t, s, kind)
		}
	}
}

// FuzzEscapers compares the ported escapers, through the executor, with
// html/template in every context, for strings and typed content.
func FuzzEscapers(f *testing.F) {
	for i, s := range escapeSeeds {
		f.Add(s, uint8(i))
	}
	f.Fuzz(checkEscapers)
}
