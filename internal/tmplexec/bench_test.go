package tmplexec

import (
	"bytes"
	htmltemplate "html/template"
	"testing"
)

const benchSrc = `{{define "card"}}<li class="card"><a href="/lieux/{{.S}}/" title="{{.S}}">{{.S}}</a> <span>{{.N}}</span>{{if .P}}<em>{{.P.S}}</em>{{end}}</li>{{end}}` +
	`<h1>{{.S}}</h1><ul>{{range .Ptrs}}{{template "card" .}}{{end}}</ul><p>{{len .Ptrs}} {{printf "%d" .I}}</p>`

func benchData() *data {
	d := newData()
	d.Ptrs = nil
	for i := range 50 {
		d.Ptrs = append(d.Ptrs, &inner{N: i, S: "Espace numérique <n°" + string(rune('a'+i%26)) + ">", P: &inner{S: "x & y"}})
	}
	return d
}

// BenchmarkExecute compares html/template with the compiled executor on a
// list of 50 cards (the kind of page a département page is).
func BenchmarkExecute(b *testing.B) {
	std := htmltemplate.Must(htmltemplate.New("b").Parse(benchSrc))
	d := benchData()
	var buf bytes.Buffer
	if err := std.Execute(&buf, d); err != nil {
		b.Fatal(err)
	}
	fast, err := CompileHTML(std, "b", Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("html-template", func(b *testing.B) {
		for b.Loop() {
			buf.Reset()
			if err := std.Execute(&buf, d); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("compiled", func(b *testing.B) {
		for b.Loop() {
			buf.Reset()
			if err := fast.Execute(&buf, d); err != nil {
				b.Fatal(err)
			}
		}
	})
}
