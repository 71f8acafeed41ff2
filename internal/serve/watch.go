package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the inputs of a site: a change anywhere else is ignored.
var watchedDirs = []string{"content", "data", "layouts", "static"}

// relevant reports whether a site-relative path is an input, leaving out
// editors' and tools' temporary files: hidden files (Emacs's .#lock), vim's
// .swp and 4913, backups ending in ~, Emacs's #autosave#, JetBrains'
// ___jb_tmp___, .tmp files and sed -i's sedXXXXXX.
func relevant(rel string) bool {
	base := filepath.Base(rel)
	if strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") ||
		strings.HasSuffix(base, ".tmp") || base == "4913" || strings.HasPrefix(base, "#") ||
		strings.Contains(base, "___jb_") || sedTemp.MatchString(base) {
		return false
	}
	if rel == "site.toml" || rel == "netlify.toml" {
		return true
	}
	top, _, _ := strings.Cut(rel, "/")
	return slices.Contains(watchedDirs, top)
}

var sedTemp = regexp.MustCompile(`^sed[0-9A-Za-z]{6}$`)

// quiet is how long the watcher waits after an event for the rest of a save
// (editors write a temporary file, then rename it) before rebuilding.
const quiet = 8 * time.Millisecond

// Watch rebuilds the site whenever one of its inputs changes, until ctx
// ends. The first build happens before watching starts (call Build(nil)
// first to get its result).
func (d *Dev) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(d.dir); err != nil {
		return err
	}
	dirs := map[string]bool{} // watched folders: their removal removes files
	for _, top := range watchedDirs {
		d.addTree(w, filepath.Join(d.dir, top), dirs)
	}
	// Rounds run one at a time on their own goroutine, so that this loop
	// keeps reading events: a change interrupts the deferred part of the
	// round under way, and changes that come while a round runs make one
	// batch for the next.
	batches := make(chan batch, 1)
	var building sync.WaitGroup
	building.Go(func() {
		for b := range batches {
			d.build(b.list(), b.seen)
		}
	})
	defer func() {
		select {
		case <-batches: // not started: no use once watching ends
		default:
		}
		close(batches)
		d.Interrupt()
		building.Wait()
	}()
	var (
		changed []string
		all     bool
		timer   = time.NewTimer(time.Hour)
	)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				all = true // too many events to know what changed
				timer.Reset(quiet)
			}
		case ev := <-w.Events:
			rel, err := filepath.Rel(d.dir, ev.Name)
			if err != nil || strings.HasPrefix(rel, "..") {
				continue
			}
			rel = filepath.ToSlash(rel)
			if !relevant(rel) || ev.Op == fsnotify.Chmod {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					d.addTree(w, ev.Name, dirs) // a new folder: watch it, its files are new inputs
					all = true
				}
			}
			if (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) && dirs[ev.Name] {
				delete(dirs, ev.Name)
				all = true // a folder went away, and its files with it
			}
			changed = append(changed, rel)
			timer.Reset(quiet)
		case <-timer.C:
			next := batch{changed: changed, all: all}
			changed, all = nil, false
			d.Interrupt()
			select {
			case waiting := <-batches: // not started yet: one round for both
				next = batch{changed: append(waiting.changed, next.changed...), all: waiting.all || next.all}
			default:
			}
			next.seen = d.interrupts.Load()
			batches <- next // never blocks: this loop is the only sender
		}
	}
}

// batch is what changed between two rounds.
type batch struct {
	changed []string
	all     bool   // a folder came or went, or events were lost
	seen    uint64 // Interrupt calls when it was handed over
}

// list is the batch as Build takes it: sorted paths, or nil for everything.
func (b batch) list() []string {
	if b.all {
		return nil
	}
	return slices.Compact(slices.Sorted(slices.Values(b.changed)))
}

// addTree watches dir and every folder under it, and notes them in dirs.
func (d *Dev) addTree(w *fsnotify.Watcher, dir string, dirs map[string]bool) {
	_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && e.IsDir() {
			if strings.HasPrefix(e.Name(), ".") && p != dir {
				return filepath.SkipDir
			}
			if w.Add(p) == nil {
				dirs[p] = true
			}
		}
		return nil
	})
}
