// Package serve serves a site to authors on the loopback interface: a built
// folder as the production host would (Handler), or the dev server (Dev),
// which builds in memory, watches the site folder, rebuilds only what an
// edit affects and reloads open pages through server-sent events. An input
// or template error shows as an overlay on the page, with file, line and
// message, while the last good site keeps being served.
//
// Both send the [[headers]] of the site's netlify.toml, so that the
// Content-Security-Policy is exercised locally. The dev server's own
// additions are outside the site: /_labo/reload (the event stream),
// /_labo/live.js and /_labo/live.css, and one script tag added to HTML
// pages.
package serve

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"labo/internal/build"
	"labo/internal/diag"
	"labo/internal/output"
)

//go:embed live.js live.css
var assets embed.FS

// Problem is one line of the error overlay.
type Problem struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

// Round is what one rebuild did.
type Round struct {
	Seq      int
	Changed  []string // site paths ("/guides/x/", "/css/labo.css") whose bytes changed
	Rendered int
	Duration time.Duration
	Problems []Problem // non-empty when the round failed
}

// Dev is the dev server of one site folder.
type Dev struct {
	dir     string
	session *build.Session
	log     io.Writer

	mu       sync.RWMutex
	tree     *output.Tree // last good build, nil before the first one
	problems []Problem    // of the last round, nil when it passed
	headers  Headers
	seq      int
	subs     map[chan []byte]bool
	building sync.Mutex

	// A newer change gives up the deferred round under way (the search
	// index, half a second on a national site): the edit's reload comes
	// first, and the next round catches the index up.
	interrupts  atomic.Uint64 // Interrupt calls so far
	cancelMu    sync.Mutex
	cancelRound context.CancelFunc // of the deferred round under way
}

// NewDev prepares a dev server for the site folder dir; log receives one
// line per rebuild.
func NewDev(dir string, log io.Writer) *Dev {
	return &Dev{dir: dir, session: build.NewSession(build.Options{Dir: dir}), log: log, subs: map[chan []byte]bool{}}
}

// Session is the build session, for options such as progress.
func (d *Dev) Session() *build.Session { return d.session }

// Build runs a round (nil: everything) and tells the open pages: a reload
// event with the changed paths, or a problems event. Indexes over the whole
// site (build.Part.Deferred) are brought up to date just after the reload
// event, in a second round with its own event, unless Interrupt is called
// meanwhile: then they wait for the next Build.
func (d *Dev) Build(changed []string) Round {
	return d.build(changed, d.interrupts.Load())
}

// build is Build for a change known when Interrupt had been called seen
// times: a later call gives up the round's deferred part.
func (d *Dev) build(changed []string, seen uint64) Round {
	d.building.Lock()
	defer d.building.Unlock()
	t0 := time.Now()
	var res *build.Result
	var err error
	if changed == nil {
		res, err = d.session.Build(nil)
	} else {
		res, err = d.session.BuildQuick(changed)
	}
	round := d.publish(changed, res, err, t0)
	if testHookAfterQuick != nil {
		testHookAfterQuick(d)
	}
	if err == nil && d.session.Deferred() {
		ctx, cancel := context.WithCancel(context.Background())
		d.cancelMu.Lock()
		d.cancelRound = cancel
		d.cancelMu.Unlock()
		// Read after cancelRound is set: an Interrupt from now on cancels.
		var res *build.Result
		err := context.Canceled // a newer change came during the first round
		t1 := time.Now()
		if d.interrupts.Load() == seen {
			res, err = d.session.BuildDeferred(ctx)
		}
		d.cancelMu.Lock()
		d.cancelRound = nil
		d.cancelMu.Unlock()
		cancel()
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(d.log, "(indexes): left for the next round, which a newer change starts\n")
		} else {
			d.publish([]string{"(indexes)"}, res, err, t1)
		}
	}
	return round
}

// testHookAfterQuick, set by tests, runs between a round's two parts.
var testHookAfterQuick func(*Dev)

// Interrupt tells the round under way, if any, that a newer change is
// coming: its deferred part is given up, so that the next Build starts
// without waiting for it.
func (d *Dev) Interrupt() {
	d.interrupts.Add(1)
	d.cancelMu.Lock()
	defer d.cancelMu.Unlock()
	if d.cancelRound != nil {
		d.cancelRound()
	}
}

// publish makes a round's result the served site, or its problems the
// overlay's, and tells the open pages.
func (d *Dev) publish(changed []string, res *build.Result, err error, t0 time.Time) Round {
	headers, herr := LoadHeaders(d.dir)
	d.mu.Lock()
	defer d.mu.Unlock()
	d.seq++
	round := Round{Seq: d.seq, Duration: time.Since(t0)}
	if herr == nil {
		d.headers = headers
	} else {
		err = errors.Join(err, herr)
	}
	if err != nil {
		round.Problems = problemsOf(err)
		d.problems = round.Problems
		d.broadcast("problems", map[string]any{"seq": round.Seq, "problems": round.Problems})
		fmt.Fprintf(d.log, "%s: %d problem(s), still serving the last good site\n", strings.Join(short(changed), ", "), len(round.Problems))
		for _, p := range round.Problems[:min(len(round.Problems), 10)] {
			fmt.Fprintf(d.log, "  %s\n", p)
		}
		return round
	}
	hadProblems := d.problems != nil
	d.tree, d.problems = res.Tree, nil
	for _, p := range append(res.Changed, res.Removed...) {
		round.Changed = append(round.Changed, urlOf(p))
	}
	round.Rendered = res.Rendered
	list := round.Changed
	if len(list) > 1000 || changed == nil || hadProblems {
		list = []string{"*"}
	}
	d.broadcast("reload", map[string]any{"seq": round.Seq, "changed": list})
	if changed != nil {
		fmt.Fprintf(d.log, "%s: %d rendered, %d changed in %s\n", strings.Join(short(changed), ", "), round.Rendered, len(round.Changed), round.Duration.Round(time.Millisecond))
	}
	return round
}

// String formats a problem as file:line: field: message.
func (p Problem) String() string {
	s := p.File
	if p.Line > 0 {
		s += ":" + strconv.Itoa(p.Line)
	}
	if p.Field != "" {
		s += ": " + p.Field
	}
	if s != "" {
		s += ": "
	}
	return s + p.Message
}

func short(paths []string) []string {
	if paths == nil {
		return []string{"everything"}
	}
	if len(paths) > 3 {
		return append(paths[:3:3], fmt.Sprintf("%d more", len(paths)-3))
	}
	return paths
}

// templatePos finds "layouts/x.html:12" or "template: x.html:12:5" in a
// template error.
var templatePos = regexp.MustCompile(`(layouts/[^:\s]+\.html|template: [^:\s]+\.html):(\d+)`)

// problemsOf turns a build error into overlay lines.
func problemsOf(err error) []Problem {
	var de *diag.Error
	if errors.As(err, &de) {
		out := make([]Problem, 0, len(de.Problems))
		for _, p := range de.Problems {
			out = append(out, Problem{File: p.File, Line: p.Line, Field: p.Field, Message: p.Msg})
		}
		return out
	}
	var out []Problem
	for _, line := range strings.Split(strings.TrimSpace(err.Error()), "\n") {
		p := Problem{Message: line}
		if m := templatePos.FindStringSubmatch(line); m != nil {
			p.File = strings.TrimPrefix(m[1], "template: ")
			if !strings.HasPrefix(p.File, "layouts/") {
				p.File = "layouts/" + p.File
			}
			p.Line, _ = strconv.Atoi(m[2])
		}
		out = append(out, p)
	}
	return out
}

// urlOf turns an output path into the URL path a browser shows.
func urlOf(p string) string {
	if p == "index.html" {
		return "/"
	}
	if dir, ok := strings.CutSuffix(p, "/index.html"); ok {
		return "/" + dir + "/"
	}
	return "/" + p
}

func (d *Dev) broadcast(event string, data any) {
	b, _ := json.Marshal(data)
	msg := []byte("event: " + event + "\ndata: " + string(b) + "\n\n")
	for ch := range d.subs {
		select {
		case ch <- msg:
		default: // a stalled page misses an event, it does not stall the server
		}
	}
}

// Get serves from the last good tree.
func (d *Dev) Get(p string) ([]byte, bool) {
	d.mu.RLock()
	t := d.tree
	d.mu.RUnlock()
	if t == nil {
		return nil, false
	}
	return t.Get(p)
}

// ServeHTTP serves the site, the event stream and the dev server's files.
func (d *Dev) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_labo/reload":
		d.events(w, r)
		return
	case "/_labo/live.js", "/_labo/live.css":
		b, _ := assets.ReadFile(strings.TrimPrefix(r.URL.Path, "/_labo/"))
		ctype := "text/javascript; charset=utf-8"
		if strings.HasSuffix(r.URL.Path, ".css") {
			ctype = "text/css; charset=utf-8"
		}
		d.mu.RLock()
		d.headers.Apply(w.Header(), r.URL.Path)
		d.mu.RUnlock()
		w.Header().Set("Content-Type", ctype)
		w.Header().Set("Cache-Control", "no-store")
		w.Write(b)
		return
	}
	d.mu.RLock()
	tree, headers := d.tree, d.headers
	d.mu.RUnlock()
	if tree == nil { // no good build yet: the overlay explains why
		headers.Apply(w.Header(), r.URL.Path)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, waitingPage)
		return
	}
	(&siteHandler{files: tree, headers: headers, inject: injectScript}).ServeHTTP(w, r)
}

const waitingPage = `<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Le site n'est pas encore construit</title>
<script src="/_labo/live.js" defer></script></head>
<body><main><h1>Le site n'est pas encore construit</h1>
<p>Corrigez les problèmes affichés : la page se recharge toute seule.</p></main></body></html>
`

// events is the server-sent event stream: "reload" after each good
// rebuild, "problems" after a failed one (and at once, when the page opens
// while the site is broken).
func (d *Dev) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	ch := make(chan []byte, 8)
	d.mu.Lock()
	d.subs[ch] = true
	if d.problems != nil {
		b, _ := json.Marshal(map[string]any{"seq": d.seq, "problems": d.problems})
		ch <- []byte("event: problems\ndata: " + string(b) + "\n\n")
	}
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.subs, ch)
		d.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	io.WriteString(w, "retry: 500\n: connected\n\n")
	flusher.Flush()
	keepAlive := time.NewTicker(20 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case msg := <-ch:
			w.Write(msg)
			flusher.Flush()
		case <-keepAlive.C:
			io.WriteString(w, ": ping\n\n")
			flusher.Flush()
		}
	}
}

// Run builds the site, serves it on addr and rebuilds on every change
// until ctx ends.
func (d *Dev) Run(ctx context.Context, addr string, ready func(url string)) error {
	srv := &http.Server{Addr: addr, Handler: d, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	watchErr := make(chan error, 1)
	go func() { watchErr <- d.Watch(ctx) }()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/")
	}
	err = srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return errors.Join(err, <-watchErr)
}
