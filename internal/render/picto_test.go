package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"labo/internal/config"
	"labo/internal/picto"
)

// picto writes a reference to the sprite's symbol, versioned like the other
// assets; an unknown name is an error, as a missing file always was.
func TestPicto(t *testing.T) {
	icon := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" stroke="currentColor"><path d="M0 0"/></svg>`
	static := fstest.MapFS{"vendor/pictos/lieu.svg": {Data: []byte(icon)}, "css/labo.css": {Data: []byte("a{}")}}
	sprite, err := picto.Build(static)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, tmpl, want, err string
	}{
		{"known", `{{picto "lieu"}}`, `<main><svg aria-hidden="true" focusable="false" class="picto" width="24" height="24"><use href="` + sprite.URL + `#lieu"/></svg></main>`, ""},
		{"sprite as an asset", `{{asset "/vendor/pictos.svg"}}`, "<main>" + sprite.URL + "</main>", ""},
		{"unknown", `{{picto "nulle-part"}}`, "", `picto "nulle-part": no such file static/vendor/pictos/nulle-part.svg`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			layouts := fstest.MapFS{
				"_default/baseof.html": {Data: []byte(`<main>{{block "main" .}}{{end}}</main>`)},
				"x/single.html":        {Data: []byte(`{{define "main"}}` + tt.tmpl + `{{end}}`)},
			}
			r, err := New(layouts, nil, static, &SiteData{Config: &config.Site{Title: "T"}})
			if err != nil {
				t.Fatal(err)
			}
			out, err := r.Render("x/single", &Page{Path: "/x/"})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tt.want {
				t.Errorf("got  %s\nwant %s", out, tt.want)
			}
		})
	}
}
