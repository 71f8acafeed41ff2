// Package serve serves a built site on the loopback interface for authors.
package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Handler serves the files of dir like the production host does: "/x/"
// serves "x/index.html", unknown paths get 404.html with status 404.
func Handler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(r.URL.Path, "/")))
		if fi, err := os.Stat(p); err != nil || (fi.IsDir() && !exists(filepath.Join(p, "index.html"))) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			if b, err := os.ReadFile(filepath.Join(dir, "404.html")); err == nil {
				w.Write(b)
			}
			return
		}
		files.ServeHTTP(w, r)
	})
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// ListenAndServe serves dir on addr until the process stops.
func ListenAndServe(addr, dir, _ string) error {
	srv := &http.Server{Addr: addr, Handler: Handler(dir), ReadHeaderTimeout: 10 * time.Second}
	return srv.ListenAndServe()
}
