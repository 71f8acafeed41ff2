package serve_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"labo/internal/serve"
	"labo/internal/sitecopy"
)

type event struct {
	name string
	data map[string]any
}

// startDev serves a copy of the demo site with the dev server, watching it,
// and returns the folder, the base URL and the event stream.
func startDev(t *testing.T) (dir, base string, events <-chan event) {
	t.Helper()
	dir = sitecopy.CopyDemo(t)
	sitecopy.Write(t, dir, "netlify.toml", `[[headers]]
  for = "/*"
  [headers.values]
    Content-Security-Policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:"
`)
	dev := serve.NewDev(dir, io.Discard)
	if r := dev.Build(nil); r.Problems != nil {
		t.Fatalf("demo site: %v", r.Problems)
	}
	srv := httptest.NewServer(dev)
	ctx, cancel := context.WithCancel(context.Background())
	watching := make(chan error, 1)
	go func() { watching <- dev.Watch(ctx) }()
	t.Cleanup(func() {
		cancel()
		srv.CloseClientConnections()
		srv.Close()
		if err := <-watching; err != nil {
			t.Error(err)
		}
	})
	req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL+"/_labo/reload", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("event stream served as %q", ct)
	}
	ch := make(chan event, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &ev.data)
			case line == "" && ev.name != "":
				ch <- ev
				ev = event{}
			}
		}
	}()
	time.Sleep(50 * time.Millisecond) // let the watcher start
	return dir, srv.URL, ch
}

func next(t *testing.T, events <-chan event, name string) event {
	t.Helper()
	select {
	case ev := <-events:
		if ev.name != name {
			t.Fatalf("got event %q %v, want %q", ev.name, ev.data, name)
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatalf("no %q event within 10 s", name)
	}
	return event{}
}

func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

func TestDevServerReloadsAndShowsProblems(t *testing.T) {
	dir, base, events := startDev(t)
	guide := "content/guides/les-six-etapes.md"
	page := base + "/guides/les-six-etapes/"

	code, h, body := get(t, page)
	if code != 200 || !strings.Contains(body, `<script src="/_labo/live.js" defer></script>`) {
		t.Fatalf("page %d without the reload script", code)
	}
	if !strings.Contains(h.Get("Content-Security-Policy"), "script-src 'self'") {
		t.Errorf("netlify.toml headers not sent: %v", h)
	}

	// Edit a guide: a reload event names its page, which has the new text.
	sitecopy.Edit(t, dir, guide, "Les six étapes pour accompagner", "Six étapes, pas une de plus, pour accompagner")
	ev := next(t, events, "reload")
	if !contains(ev.data["changed"], "/guides/les-six-etapes/") {
		t.Errorf("reload event without the guide: %v", ev.data)
	}
	if contains(ev.data["changed"], "/lieux/") {
		t.Errorf("a guide edit changed the venue index: %v", ev.data)
	}
	if _, _, body = get(t, page); !strings.Contains(body, "Six étapes, pas une de plus") {
		t.Error("edited guide not served")
	}
	// The search index follows in a second round, with its own event.
	if ev = next(t, events, "reload"); !contains(ev.data["changed"], "/recherche/") {
		t.Errorf("second reload event without the search index: %v", ev.data)
	}

	// Break a CSV row: a problems event with the file and line; the last
	// good site is still served.
	csv := sitecopy.Read(t, dir, "data/lieux.csv")
	sitecopy.Edit(t, dir, "data/lieux.csv", ",45.77760,3.08250,", ",45.77760,est,")
	ev = next(t, events, "problems")
	problems, _ := ev.data["problems"].([]any)
	if len(problems) == 0 {
		t.Fatalf("problems event without problems: %v", ev.data)
	}
	first, _ := problems[0].(map[string]any)
	if first["file"] != "data/lieux.csv" || first["line"] != float64(2) || first["field"] != "longitude" {
		t.Errorf("problem %v, want data/lieux.csv line 2, longitude", first)
	}
	if code, _, body = get(t, page); code != 200 || !strings.Contains(body, "Six étapes, pas une de plus") {
		t.Errorf("last good page not served during the error (%d)", code)
	}

	// Fix it: the site is back, and every page reloads.
	sitecopy.Write(t, dir, "data/lieux.csv", csv)
	ev = next(t, events, "reload")
	if !contains(ev.data["changed"], "*") {
		t.Errorf("reload after a fix should reload every page: %v", ev.data)
	}
	if code, _, _ = get(t, base+"/lieux/"); code != 200 {
		t.Errorf("venue index %d after the fix", code)
	}
}

func TestDevServerTemplateErrorOverlayData(t *testing.T) {
	dir, _, events := startDev(t)
	sitecopy.Write(t, dir, "layouts/guides/single.html", "{{define \"main\"}}\n<h1>{{.Title}</h1>\n{{end}}\n")
	ev := next(t, events, "problems")
	problems, _ := ev.data["problems"].([]any)
	if len(problems) == 0 {
		t.Fatalf("no problem reported: %v", ev.data)
	}
	first, _ := problems[0].(map[string]any)
	if first["file"] != "layouts/guides/single.html" || first["line"] != float64(2) {
		t.Errorf("template problem %v, want layouts/guides/single.html line 2", first)
	}
}

func contains(list any, want string) bool {
	items, _ := list.([]any)
	for _, x := range items {
		if s, _ := x.(string); s == want || ((want == "/lieux/" || want == "/recherche/") && strings.HasPrefix(s, want)) {
			return true
		}
	}
	return false
}

// TestDevServerEditorSave: editors save by writing a temporary file and
// renaming it over the original; the rebuild is the incremental one for
// that file, not a full one.
func TestDevServerEditorSave(t *testing.T) {
	dir, _, events := startDev(t)
	guide := "content/guides/les-six-etapes.md"
	text := strings.Replace(sitecopy.Read(t, dir, guide), "Les six étapes pour accompagner", "Six étapes sauvegardées pour accompagner", 1)
	sitecopy.Write(t, dir, guide+".tmp", text)
	if err := os.Rename(filepath.Join(dir, guide+".tmp"), filepath.Join(dir, guide)); err != nil {
		t.Fatal(err)
	}
	ev := next(t, events, "reload")
	if contains(ev.data["changed"], "*") || !contains(ev.data["changed"], "/guides/les-six-etapes/") {
		t.Errorf("an editor's save gave %v, want the guide's page and no full reload", ev.data)
	}
}
