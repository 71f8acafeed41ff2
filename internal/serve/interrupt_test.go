package serve

import (
	"bytes"
	"strings"
	"testing"

	"labo/internal/build"
	"labo/internal/sitecopy"
)

// TestInterruptLeavesIndexForNextRound: a change that comes while a round
// runs gives up the round's deferred part (the search index); the edit's
// page is served at once, and the next round brings the index up to date,
// so that the site is then exactly a full build's.
func TestInterruptLeavesIndexForNextRound(t *testing.T) {
	dir, d, log, before := devBeforeGuideEdit(t)
	guide := editGuide(t, dir)
	testHookAfterQuick = (*Dev).Interrupt
	t.Cleanup(func() { testHookAfterQuick = nil })
	r := d.Build([]string{guide})
	testHookAfterQuick = nil
	if r.Problems != nil {
		t.Fatal(r.Problems)
	}
	if !strings.Contains(log.String(), "(indexes): left for the next round") {
		t.Errorf("the deferred round was not given up; log:\n%s", log.String())
	}
	page, _ := d.tree.Get("guides/les-six-etapes/index.html")
	if !strings.Contains(string(page), "Les six étapes expliquées") {
		t.Error("the edited guide is not served")
	}
	if got := searchFiles(d); got != before {
		t.Error("the search index changed in a round whose deferred part was given up")
	}
	if !d.session.Deferred() {
		t.Error("the index update is no longer pending")
	}

	other := "content/guides/bien-choisir-son-ordinateur.md"
	sitecopy.Edit(t, dir, other, "Bien choisir son ordinateur", "Bien choisir son ordinateur portable")
	if r := d.Build([]string{other}); r.Problems != nil {
		t.Fatal(r.Problems)
	}
	if searchFiles(d) == before {
		t.Error("the next round did not update the search index")
	}
	full, err := build.Build(build.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if d.tree.Hash() != full.Tree.Hash() {
		t.Error("after the next round, the served site differs from a full build")
	}
}

// devBeforeGuideEdit serves a built copy of the demo site, logging to the
// buffer it returns with the served search index.
func devBeforeGuideEdit(t *testing.T) (dir string, d *Dev, log *bytes.Buffer, index string) {
	t.Helper()
	dir = sitecopy.CopyDemo(t)
	log = &bytes.Buffer{}
	d = NewDev(dir, log)
	if r := d.Build(nil); r.Problems != nil {
		t.Fatal(r.Problems)
	}
	return dir, d, log, searchFiles(d)
}

// editGuide changes a guide's title and returns its path.
func editGuide(t *testing.T, dir string) string {
	guide := "content/guides/les-six-etapes.md"
	sitecopy.Edit(t, dir, guide, "Les six étapes pour accompagner", "Les six étapes expliquées pour accompagner")
	return guide
}

// searchFiles sums the paths and bytes of the served search index.
func searchFiles(d *Dev) string {
	var b strings.Builder
	for _, p := range d.tree.Paths() {
		if strings.HasPrefix(p, "recherche/index/") {
			c, _ := d.tree.Get(p)
			b.WriteString(p)
			b.Write(c)
		}
	}
	return b.String()
}

// TestInterruptBeforeRoundStarts: a change handed over, then a newer one
// (its Interrupt) before the round even takes the lock: the round knows,
// from the count it was handed with, to give its deferred part up.
func TestInterruptBeforeRoundStarts(t *testing.T) {
	dir, d, log, _ := devBeforeGuideEdit(t)
	guide := editGuide(t, dir)
	seen := d.interrupts.Load()
	d.Interrupt()
	if r := d.build([]string{guide}, seen); r.Problems != nil {
		t.Fatal(r.Problems)
	}
	if !strings.Contains(log.String(), "(indexes): left for the next round") || !d.session.Deferred() {
		t.Errorf("the deferred round ran though a newer change came; log:\n%s", log.String())
	}
	// Handed over after the last Interrupt, a round runs whole.
	log.Reset()
	if r := d.build([]string{guide}, d.interrupts.Load()); r.Problems != nil {
		t.Fatal(r.Problems)
	}
	if strings.Contains(log.String(), "left for the next round") || d.session.Deferred() {
		t.Errorf("the deferred round was given up with no newer change; log:\n%s", log.String())
	}
}
