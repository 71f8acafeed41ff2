package serve

import (
	"bytes"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Files is what the server serves: a built tree in memory, or a folder.
type Files interface {
	Get(p string) ([]byte, bool) // p is relative: "guides/x/index.html"
}

// folder serves a published folder.
type folder string

func (d folder) Get(p string) ([]byte, bool) {
	b, err := os.ReadFile(filepath.Join(string(d), filepath.FromSlash(p)))
	return b, err == nil
}

// Handler serves the files of dir like the production host does: "/x/"
// serves "x/index.html", "/x" redirects to "/x/" when that is a page, and
// unknown paths get 404.html with status 404.
func Handler(dir string) http.Handler { return FolderHandler(dir, nil) }

// FolderHandler is Handler with the headers of netlify.toml.
func FolderHandler(dir string, h Headers) http.Handler {
	return &siteHandler{files: folder(dir), headers: h}
}

// siteHandler serves Files with production semantics; inject, if set,
// rewrites HTML pages (the dev server adds its reload script).
type siteHandler struct {
	files   Files
	headers Headers
	inject  func([]byte) []byte
}

func (s *siteHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "méthode non autorisée", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	rel := strings.TrimPrefix(p, "/")
	if strings.HasSuffix(r.URL.Path, "/") || rel == "" {
		rel = strings.TrimPrefix(path.Join(rel, "index.html"), "/")
	}
	data, ok := s.files.Get(rel)
	if !ok && !strings.HasSuffix(r.URL.Path, "/") {
		if _, isPage := s.files.Get(path.Join(rel, "index.html")); isPage {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
	}
	status := http.StatusOK
	if !ok {
		status = http.StatusNotFound
		rel = "404.html"
		data, _ = s.files.Get(rel)
	}
	s.headers.Apply(w.Header(), r.URL.Path)
	ctype := mime.TypeByExtension(path.Ext(rel))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	if strings.HasPrefix(ctype, "text/html") && s.inject != nil {
		data = s.inject(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// injectScript adds the dev server's script (a file, not inline: the CSP
// forbids inline scripts) at the end of the head.
func injectScript(page []byte) []byte {
	const tag = `<script src="/_labo/live.js" defer></script>`
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return append(page, tag...)
	}
	out := make([]byte, 0, len(page)+len(tag)+1)
	out = append(out, page[:i]...)
	out = append(out, tag...)
	out = append(out, '\n')
	return append(out, page[i:]...)
}
