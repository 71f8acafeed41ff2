package tmplexec

import (
	"bytes"
	"errors"
	"fmt"
	htmltemplate "html/template"
	"iter"
	"strings"
	"sync"
	"testing"
	"text/template"
)

type inner struct {
	N int
	S string
	P *inner
}

func (i *inner) PtrMethod() string     { return "ptr" + i.S }
func (i inner) ValMethod(x int) string { return fmt.Sprint("val", x, i.N) }
func (i inner) Pair() (string, error)  { return "pair", nil }
func (i inner) Fail(fail bool) (string, error) {
	if fail {
		return "", errors.New("it failed")
	}
	return "fine", nil
}

type Emb struct{ Promoted string }

type stringer int

func (s stringer) String() string { return fmt.Sprintf("stringer(%d)", int(s)) }

type errValue struct{}

func (errValue) Error() string { return "an error value" }

type data struct {
	Emb
	*inner
	I        int
	I8       int8
	U        uint
	F        float64
	S        string
	B        bool
	Sl       []int
	Strs     []string
	Empty    []int
	M        map[string]int
	NilM     map[string]int
	AnyM     map[string]any
	Ptr      *inner
	NilPtr   *inner
	Ptrs     []*inner
	Iface    any
	NilIface any
	Str      fmt.Stringer
	Err      error
	Inner    inner
	Fn       func(int) int
	Seq      iter.Seq[int]
	Seq2     iter.Seq2[string, int]
	Arr      [2]string
	Bytes    []byte
	HTML     htmltemplate.HTML
	URL      htmltemplate.URL
	unexp    int
}

func newData() *data {
	return &data{
		Emb: Emb{"promoted"}, I: 2, I8: 3, U: 3, F: 1.5, S: "x<y>&'\"", B: true,
		Sl: []int{1, 2, 3, 4, 5}, Strs: []string{"a", "b"}, Empty: []int{},
		M: map[string]int{"b": 2, "a": 1, "c": 3}, AnyM: map[string]any{"k": nil, "v": 1},
		Ptr: &inner{N: 7, S: "p", P: &inner{N: 8}}, Ptrs: []*inner{{N: 1}, nil},
		Iface: 42, Str: stringer(5), Err: errValue{},
		Inner: inner{N: 9, S: "in"},
		Fn:    func(x int) int { return x * 10 },
		Seq: func(yield func(int) bool) {
			for i := range 4 {
				if !yield(i) {
					return
				}
			}
		},
		Seq2: func(yield func(string, int) bool) {
			_ = yield("a", 1) && yield("b", 2)
		},
		Arr: [2]string{"x", "y"}, Bytes: []byte("<b>"), HTML: "<i>ok</i>", URL: "javascript:ok()",
		unexp: 1,
	}
}

var testFuncs = map[string]any{
	"join":     func(sep string, xs ...string) string { return strings.Join(xs, sep) },
	"describe": func(v any) string { return fmt.Sprintf("%T:%v", v, v) },
	"neg":      func(x int8) int8 { return -x },
	"deref":    func(i *inner) int { return i.N },
	"add":      func(a, b int) int { return a + b },
	"fails":    func(s string) (string, error) { return "", fmt.Errorf("fails on %q", s) },
	"panics":   func() string { panic("boom") },
	"upper":    strings.ToUpper,
	"many":     func(a int, b string, c ...any) string { return fmt.Sprint(a, b, c) },
	"tmplHTML": func(s string) (htmltemplate.HTML, error) { return htmltemplate.HTML("<" + s + ">"), nil },
	"strs":     func(xs []string, sep string) string { return strings.Join(xs, sep) },
}

var semanticCases = []string{
	`{{.I}} {{.I8}} {{.U}} {{.F}} {{.S}} {{.B}} {{.Sl}} {{.M}} {{.Arr}} {{.Bytes}}`,
	`{{if .Empty}}a{{else}}b{{end}}{{if 0}}a{{else}}b{{end}}{{if 0.0}}a{{end}}{{if ""}}a{{end}}{{if .Inner}}struct{{end}}`,
	`{{if .NilPtr}}a{{else}}nilptr{{end}}{{if .NilIface}}a{{else}}niliface{{end}}{{if .NilM}}a{{else}}nilmap{{end}}`,
	`{{if .Iface}}iface{{end}}{{if .Fn}}fn{{end}}{{if .U}}u{{end}}`,
	`{{.NilPtr.N}}`,
	`{{.NilIface.X}}`,
	`{{.Ptr.P.P.N}}`,
	`{{.Ptr.P.N}} {{.Ptr.N}} {{.Ptr.S}}`,
	`{{len .Ptrs}}`,
	`{{(index .Ptrs 0).N}}`,
	`{{(index .Ptrs 1).N}}`,
	`{{range $k, $v := .M}}{{$k}}={{$v}};{{else}}none{{end}}`,
	`{{range .NilM}}x{{else}}empty{{end}}|{{range .Empty}}x{{else}}empty{{end}}|{{range .NilIface}}x{{else}}invalid{{end}}`,
	`{{range $k, $v := .AnyM}}{{$k}}={{$v}};{{end}}`,
	`{{$x := 1}}{{range .Sl}}{{$x = .}}{{end}}{{$x}}`,
	`{{with $y := .S}}{{$y}}{{end}}{{$y := 3}}{{$y}}`,
	`{{range $i, $e := .Sl}}{{$i}}:{{$e}},{{end}}{{range $e := .Strs}}{{$e}}{{end}}`,
	`{{range $i, $e := .Sl}}{{$i = 9}}{{end}}`,
	`{{$i := 0}}{{$e := 0}}{{range $i, $e = .Sl}}{{end}}{{$i}} {{$e}}`,
	`{{range .Sl}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}`,
	`{{range .Sl}}{{with .}}{{if eq . 3}}{{break}}{{end}}{{end}}{{.}}{{end}}`,
	`{{if eq .I 1}}a{{else if eq .I 2}}b{{else}}c{{end}}{{if eq .I 5}}a{{else if eq .I 6}}b{{else}}c{{end}}`,
	`{{with .Empty}}a{{else with .S}}[{{.}}]{{else}}c{{end}}`,
	`{{with .Empty}}a{{else}}{{.I}}{{end}}`,
	`{{.Inner.Fail false}} {{.Inner.Pair}}`,
	`{{.Inner.Fail true}}`,
	`{{.Inner.ValMethod 3}} {{.Ptr.ValMethod 4}}`,
	`{{.Inner.PtrMethod}}`,
	`{{.Inner.N 3}}`,
	`{{.Promoted}} {{.N}}`,
	`{{.unexp}}`,
	`{{.Fn}}`,
	`{{call .Fn 3}} {{call .Fn .I}}`,
	`{{call .Fn "x"}}`,
	`{{join "-" "a" "b" "c"}} {{join "-"}} {{"z" | join "+" "y"}}`,
	`{{printf "%d-%s" .I .S}} {{print 1 2 "x" 3}} {{println .I}} {{printf "%T %T %T %T %T" 1 1.0 'a' 0x10 1e3}}`,
	`{{printf "%v" nil}} {{describe nil}} {{describe .NilIface}} {{describe .Iface}} {{describe 3}} {{describe .NilPtr}}`,
	`{{neg 3}} {{neg .I8}}`,
	`{{neg .I}}`,
	`{{neg "x"}}`,
	`{{deref .Ptr}} {{deref .Inner}}`,
	`{{add 1 2 | add 3}} {{add .I (add 1 1)}}`,
	`{{add 1}}`,
	`{{add 1 2 3}}`,
	`{{fails "in"}}`,
	`{{panics}}`,
	`{{upper "a" | printf "%s!"}} {{(printf "%d" 3) | printf "%s!"}}`,
	`{{many 1 "b"}} {{many 1 "b" 3 nil .S}}`,
	`{{strs .Strs ","}}`,
	`{{eq .I .I8}} {{eq .I 2}} {{eq .U 3}} {{eq .I .U}} {{lt .I8 4}} {{le .F 1.5}} {{gt .S "a"}} {{ge .U 3}} {{ne .I 3}} {{eq .S "a" "b" .S}}`,
	`{{lt .I "x"}}`,
	`{{eq .Sl .Sl}}`,
	`{{eq .NilPtr nil}} {{eq .NilIface nil}}`,
	`{{.M.nokey}}`,
	`{{.M.a}} {{.AnyM.k}} {{.AnyM.v}}`,
	`{{index .Sl 1}} {{index .M "b"}} {{index .M "zz"}} {{slice .S 1 3}} {{slice .Sl 1}} {{len .M}} {{len .S}} {{index .Arr 1}}`,
	`{{index .Sl 10}}`,
	`{{len .I}}`,
	`{{and .B .I .S}} {{and .B 0 .S}} {{or 0 "" .S}} {{or 0 ""}} {{and .Empty (index .Sl 10)}} {{or .I (index .Sl 10)}} {{not .B}} {{not .Empty}}`,
	`{{.I | and .B}} {{.I | or 0}}`,
	`{{html "<a>&"}} {{js "'\"<"}} {{urlquery "a b&c"}} {{.S | html}} {{html .I .S}}`,
	`{{range 3}}{{.}}{{end}}{{range $x := 2}}[{{$x}}]{{end}}{{range 0}}x{{else}}none{{end}}`,
	`{{range $i, $e := 3}}{{end}}`,
	`{{range .Seq}}{{.}}{{if eq . 2}}{{break}}{{end}}{{end}} {{range $k, $v := .Seq2}}{{$k}}{{$v}}{{end}} {{range .Seq2}}{{.}}{{end}}`,
	`{{range .I8}}{{.}}{{end}}`,
	`{{range .Inner}}{{end}}`,
	`{{1.5}} {{0x10}} {{'a'}} {{1e3}} {{-3}} {{1i}} {{true}} {{"s"}} {{0b101}} {{1_000}}`,
	`{{18446744073709551615}}`,
	`{{nil}}`,
	`{{.Str}} {{.Err}} {{.Ptr.P}} {{.NilPtr}} {{.Inner}} {{.Iface}} {{.NilIface}}`,
	`{{define "t"}}[{{.}}|{{$}}]{{end}}{{template "t" .NilPtr}}{{template "t" .I}}{{template "t"}}{{template "t" .NilIface}}`,
	`{{define "t"}}[{{.}}]{{end}}{{template "t" nil}}`,
	`{{define "rec"}}{{if .}}{{len .}}{{template "rec" slice . 1}}{{end}}{{end}}{{template "rec" .Sl}}`,
	`{{define "v"}}{{$a := 5}}{{$a}}{{end}}{{template "v" $b := 3}}{{$b}}`,
	`{{$.I}}`,
	`{{with .Ptr}}{{.N}}{{$.I}}{{end}}`,
	`{{- /* comment */ -}} a {{- "b" -}} c`,
	`{{.Ptr.N.X}}`,
	`{{.I.X}}`,
	`{{.S 1}}`,
	`{{1 2}}`,
	`{{. 1}}`,
	`{{$x := 1}}{{$x 2}}`,
	`{{"x" | .S}}`,
	`{{tmplHTML "a"}} {{.HTML}} {{.URL}}`,
}

func TestSemanticsMatchTextTemplate(t *testing.T) {
	for _, missing := range []string{"default", "zero", "error"} {
		for i, src := range semanticCases {
			name := fmt.Sprintf("t%d.tmpl", i)
			tt, err := template.New(name).Funcs(testFuncs).Option("missingkey=" + missing).Parse(src)
			if err != nil {
				t.Fatalf("%s: %v", src, err)
			}
			var want bytes.Buffer
			wantErr := tt.Execute(&want, newData())
			ct, err := CompileText(tt, name, Options{Funcs: testFuncs, MissingKey: missing})
			if err != nil {
				t.Fatalf("%s: compile: %v", src, err)
			}
			var got bytes.Buffer
			gotErr := ct.Execute(&got, newData())
			if (wantErr == nil) != (gotErr == nil) {
				t.Errorf("missingkey=%s %s:\ntext/template error: %v\ncompiled error:      %v", missing, src, wantErr, gotErr)
				continue
			}
			if wantErr != nil {
				if !strings.HasPrefix(gotErr.Error(), "template: "+name+":1:") {
					t.Errorf("%s: error %q does not name the template and line", src, gotErr)
				}
				if missing == "default" {
					t.Logf("%s\n  text/template: %v\n  compiled:      %v", src, wantErr, gotErr)
				}
				continue
			}
			if got.String() != want.String() {
				t.Errorf("missingkey=%s %s:\ntext/template: %q\ncompiled:      %q", missing, src, want.String(), got.String())
			}
		}
	}
}

// TestErrorsMatchTextTemplate: where the executor reports the same error as
// text/template, it keeps doing so (most messages are identical).
func TestErrorsMatchTextTemplate(t *testing.T) {
	same := 0
	total := 0
	for i, src := range semanticCases {
		name := fmt.Sprintf("t%d.tmpl", i)
		tt := template.Must(template.New(name).Funcs(testFuncs).Parse(src))
		wantErr := tt.Execute(new(bytes.Buffer), newData())
		if wantErr == nil {
			continue
		}
		total++
		ct, _ := CompileText(tt, name, Options{Funcs: testFuncs})
		if gotErr := ct.Execute(new(bytes.Buffer), newData()); gotErr != nil && gotErr.Error() == wantErr.Error() {
			same++
		}
	}
	if total < 20 || same < total*3/4 {
		t.Errorf("%d errors of %d identical to text/template's", same, total)
	}
}

// htmlCases are executed by html/template once (which escapes them), then
// compiled and compared with html/template on other data.
var htmlCases = []string{
	`<p title="{{.S}}">{{.S}} {{.HTML}} {{.I}}</p>`,
	`<a href="{{.URL}}">x</a><a href="/x?q={{.S}}&r={{.I}}">y</a><a href="{{.S}}">z</a>`,
	`<script>var x = {{.S}}; var y = {{.M}}; var z = "{{.S}}";</script>`,
	`<script type="application/ld+json">{{.AnyM}}</script>`,
	`<textarea>{{.S}}{{.HTML}}</textarea><title>{{.S}}</title>`,
	`<a title={{.S}} href=/{{.I}}>x</a><div {{if .B}}class="on"{{end}}>`,
	`<img srcset="{{.S}} 1x"><style>p { color: {{.S}} }</style><a style="color: {{.S}}">s</a>`,
	`{{define "card"}}<li>{{.N}} {{.S}}</li>{{end}}<ul>{{range .Ptrs}}{{if .}}{{template "card" .}}{{end}}{{end}}</ul>`,
	`<p>{{.S | printf "%s!"}} {{html .S}} {{urlquery .S}}</p><!-- {{.S}} -->`,
	`<p>{{tmplHTML .S}} {{printf "%v" .Iface}} {{.Str}} {{.Err}} {{.NilPtr}}</p>`,
}

func TestHTMLTemplates(t *testing.T) {
	for i, src := range htmlCases {
		name := fmt.Sprintf("h%d.html", i)
		ht := htmltemplate.Must(htmltemplate.New(name).Funcs(testFuncs).Parse(src))
		if err := ht.Execute(new(bytes.Buffer), newData()); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		ct, err := CompileHTML(ht, name, Options{Funcs: testFuncs})
		if err != nil {
			t.Errorf("%s: compile: %v", src, err)
			continue
		}
		for _, d := range []*data{newData(), {S: "javascript:alert(1)", M: map[string]int{"</script>": 1}, Ptrs: []*inner{{S: "<&>"}}}} {
			var want, got bytes.Buffer
			if err := ht.Execute(&want, d); err != nil {
				t.Fatal(err)
			}
			if err := ct.Execute(&got, d); err != nil {
				t.Fatalf("%s: %v", src, err)
			}
			if got.String() != want.String() {
				t.Errorf("%s:\nhtml/template: %q\ncompiled:      %q", src, want.String(), got.String())
			}
		}
	}
}

// TestRefusesUnescaped: a tree html/template has not escaped yet (never
// executed) must not be compiled as an HTML template.
func TestRefusesUnescaped(t *testing.T) {
	ht := htmltemplate.Must(htmltemplate.New("x").Parse(`<p>{{.}}</p>`))
	if _, err := CompileHTML(ht, "x", Options{}); err == nil {
		t.Fatal("compiled a tree html/template has not escaped")
	}
}

// TestRefusesDerivedTemplates: a template called in an attribute is
// derived by html/template under a name Lookup cannot see.
func TestRefusesDerivedTemplates(t *testing.T) {
	ht := htmltemplate.Must(htmltemplate.New("x").Parse(`{{define "v"}}{{.}}{{end}}<a title="{{template "v" .}}">`))
	if err := ht.Execute(new(bytes.Buffer), "a"); err != nil {
		t.Fatal(err)
	}
	_, err := CompileHTML(ht, "x", Options{})
	if err == nil {
		t.Fatal("compiled a set calling a derived template")
	}
}

// TestConcurrentExecute runs one compiled template from many goroutines at
// once: the arguments of a method (here a function call) are compiled when
// its receiver type is met, during execution; that must not race (go test
// -race; the fatal "concurrent map writes" of a national build).
func TestConcurrentExecute(t *testing.T) {
	tt := template.Must(template.New("c").Funcs(testFuncs).Parse(`{{range .}}{{.ValMethod (add 1 2)}}{{end}}`))
	ct, err := CompileText(tt, "c", Options{Funcs: testFuncs})
	if err != nil {
		t.Fatal(err)
	}
	// Receivers of two types, one after the other: the method is looked up
	// and its call compiled again at each change.
	var data []any
	for i := range 100 {
		data = append(data, inner{S: "a", N: i}, &inner{S: "b", N: i})
	}
	var want bytes.Buffer
	if err := tt.Execute(&want, data); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			var got bytes.Buffer
			if err := ct.Execute(&got, data); err != nil || got.String() != want.String() {
				t.Errorf("concurrent execution: %q, %v; want %q", got.String(), err, want.String())
			}
		})
	}
	wg.Wait()
}
