package orientpages

import (
	"html/template"
	"net/url"
	"strings"
	"testing"
)

var (
	textTmpl = template.Must(template.New("t").Parse(`{{.}}`))
	attrTmpl = template.Must(template.New("a").Parse(`<a title="{{.}}">`))
	urlTmpl  = template.Must(template.New("u").Parse(`<a href="{{.}}">`))
	telTmpl  = template.Must(template.New("tel").Parse(`<a href="tel:{{.}}">`))
)

func execute(t testing.TB, tm *template.Template, s string) string {
	var b strings.Builder
	if err := tm.Execute(&b, s); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// checkLikeTemplate requires the blocks written in Go to escape exactly as
// html/template does in the same contexts.
func checkLikeTemplate(t testing.TB, s string) {
	var h htmlBuf
	h.text(s)
	if want := execute(t, textTmpl, s); string(h.b) != want {
		t.Errorf("text(%q) = %q, html/template writes %q", s, h.b, want)
	}
	if want := execute(t, attrTmpl, s); `<a title="`+string(h.b)+`">` != want {
		t.Errorf("text(%q) in an attribute = %q, html/template writes %q", s, h.b, want)
	}
	h = htmlBuf{}
	h.url(s)
	if want := execute(t, urlTmpl, s); `<a href="`+string(h.b)+`">` != want {
		t.Errorf("url(%q) = %q, html/template writes %q", s, h.b, want)
	}
	h = htmlBuf{}
	h.urlPart(s)
	if want := execute(t, telTmpl, s); `<a href="tel:`+string(h.b)+`">` != want {
		t.Errorf("urlPart(%q) = %q, html/template writes %q", s, h.b, want)
	}
}

func TestEscapeLikeTemplate(t *testing.T) {
	for _, s := range []string{"", "Médiathèque l'Escale", `"<b>" & co`, "a+b", "\x00", "27 avenue de l'Union Soviétique",
		"https://rdv.example/prendre?lieu=12&jour=lundi", "javascript:alert(1)", "JavaScript:x", "mailto:a@b.example", "tel:+33123",
		"/lieux/37-chinon/", "a b%20c%zz%", "+33247991657", "http://x.example/é ü", "data:text/html,x", "//host/path:x"} {
		checkLikeTemplate(t, s)
	}
}

func FuzzEscapeLikeTemplate(f *testing.F) {
	for _, s := range []string{"l'Escale", "https://a.example/?q=1&r=2", "javascript:x", "%41%g", "é\x00+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkLikeTemplate(t, s) })
}

func TestMailEscapeLikeQueryEscape(t *testing.T) {
	for _, s := range []string{"Bonjour,\n\nPour : Démarche urgente", "a+b&c=d", "l'Escale (Tours)", "~._-"} {
		want := strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
		if got := string(appendMailEscaped(nil, s)); got != want {
			t.Errorf("appendMailEscaped(%q) = %q, want %q", s, got, want)
		}
	}
}
