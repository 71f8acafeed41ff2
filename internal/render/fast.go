package render

import (
	"bytes"
	"html/template"
	"os"
	"strings"
	"sync"
	"sync/atomic"

	"labo/internal/tmplexec"
)

// StdlibEnv, set to 1, turns the compiled template executor off: every
// page is then rendered by html/template alone (the reference the compiled
// executor is compared with).
const StdlibEnv = "LABO_STDLIB_TEMPLATES"

// fastExec runs templates with package tmplexec once html/template has
// escaped them. html/template escapes a template (and those it calls) on
// its first execution; so the first execution of each template of each
// set is html/template's, and the template is compiled after it: the
// following ones use the compiled form. A template tmplexec refuses
// (a construct it does not implement, a template html/template derived
// for another context) stays with html/template, silently: see
// Renderer.Compiled.
type fastExec struct {
	off     atomic.Bool
	entries sync.Map // fastKey → *fastEntry
	funcs   func() template.FuncMap
}

type fastKey struct {
	set  *template.Template
	name string
}

type fastEntry struct {
	mu   sync.Mutex
	done atomic.Bool // compiled or refused
	ok   atomic.Pointer[tmplexec.Template]
	err  error
}

func newFast(r *Renderer) *fastExec {
	f := &fastExec{funcs: sync.OnceValue(r.funcs)}
	f.off.Store(os.Getenv(StdlibEnv) == "1")
	return f
}

// SetStdlib turns the compiled executor off (true) or on for the
// templates executed from now on.
func (r *Renderer) SetStdlib(on bool) { r.fast.off.Store(on) }

// execute runs the template name of set into buf.
func (r *Renderer) execute(set *template.Template, buf *bytes.Buffer, name string, data any) error {
	f := r.fast
	if f.off.Load() {
		return set.ExecuteTemplate(buf, name, data)
	}
	k := fastKey{set, name}
	v, ok := f.entries.Load(k)
	if !ok {
		v, _ = f.entries.LoadOrStore(k, &fastEntry{})
	}
	e := v.(*fastEntry)
	if p := e.ok.Load(); p != nil {
		return p.Execute(buf, data)
	}
	if err := set.ExecuteTemplate(buf, name, data); err != nil {
		return err
	}
	if !e.done.Load() && e.mu.TryLock() {
		defer e.mu.Unlock()
		if !e.done.Load() {
			p, err := tmplexec.CompileHTML(set, name, tmplexec.Options{Funcs: f.funcs(), MissingKey: "error"})
			if err != nil {
				e.err = err
			} else {
				e.ok.Store(p)
			}
			e.done.Store(true)
		}
	}
	return nil
}

// Compiled lists the templates executed so far, "layouts/guides/single.html"
// for a layout (its frame, baseof.html, and what it calls) and
// "partialCached venue-card.html" for a partial, each with nil if the
// compiled executor runs it, or why it does not.
func (r *Renderer) Compiled() map[string]error {
	names := map[*template.Template]string{r.root: "partialCached "}
	for kind, t := range r.sets {
		names[t] = "layouts/" + kind + ".html"
	}
	out := map[string]error{}
	r.fast.entries.Range(func(k, v any) bool {
		key, e := k.(fastKey), v.(*fastEntry)
		if !e.done.Load() {
			return true
		}
		label := names[key.set]
		if strings.HasSuffix(label, " ") {
			label += key.name
		}
		out[label] = e.err
		return true
	})
	return out
}
