package search

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestInitial(t *testing.T) {
	for title, want := range map[string]string{
		"Échanger en visio":   "E",
		"être aidé":           "E",
		"« Quelle aide ? »":   "Q",
		"123 Soleil":          "0–9",
		"Œuvres numériques":   "O",
		"":                    "0–9",
		"  l'ordinateur":      "L",
		"Ça marche":           "C",
		"Île-de-France : FAQ": "I",
	} {
		if got := initial(title); got != want {
			t.Errorf("initial(%q) = %q, want %q", title, got, want)
		}
	}
}

// TestGenerate: the page, and every index file under one versioned folder
// that the page points to.
func TestGenerate(t *testing.T) {
	demoDocs(t)
	jobs, datasets := Generate(demoSite)
	if len(datasets) != 0 {
		t.Errorf("%d datasets, want none", len(datasets))
	}
	var view *PageView
	files := 0
	for _, j := range jobs {
		if j.Page != nil {
			if j.Path != "recherche/index.html" || j.Kind != "recherche/list" {
				t.Errorf("page job %q of kind %q", j.Path, j.Kind)
			}
			view = j.Page.Data.(*PageView)
			continue
		}
		files++
	}
	if view == nil {
		t.Fatal("no page job")
	}
	for _, j := range jobs {
		if j.Page == nil && !strings.HasPrefix("/"+j.Path, view.IndexURL) {
			t.Errorf("%s is not under %s", j.Path, view.IndexURL)
		}
	}
	idx := demo(t)
	if files != len(idx.Files) || view.IndexURL != "/recherche/index/"+idx.Version+"/" {
		t.Errorf("%d files under %s, want %d under version %s", files, view.IndexURL, len(idx.Files), idx.Version)
	}
	entries, prev := 0, ""
	for _, l := range view.Letters {
		if l.Letter <= prev && prev != "0–9" {
			t.Errorf("letter %q after %q", l.Letter, prev)
		}
		prev = l.Letter
		for _, e := range l.Entries {
			if initial(e.Title) != l.Letter {
				t.Errorf("%q filed under %q", e.Title, l.Letter)
			}
			entries++
		}
	}
	if want := len(demoSite.Ref.Services) + len(demoSite.Guides); entries != want {
		t.Errorf("A–Z index has %d entries, want every service and guide: %d", entries, want)
	}
}

// endsAfter is a context whose Err reports Canceled from its n-th call on.
type endsAfter struct {
	context.Context
	n, calls int
}

func (c *endsAfter) Err() error {
	c.calls++
	if c.calls > c.n {
		return context.Canceled
	}
	return nil
}

// TestBuildContextGivesUp: whenever its context ends, BuildContext returns
// the context's error or, if it had already finished, the whole index:
// never a part of one.
func TestBuildContextGivesUp(t *testing.T) {
	docs := slices.Clone(demoDocs(t))
	venues := slices.DeleteFunc(slices.Clone(docs), func(d Doc) bool { return d.Kind != KindVenue })
	for len(docs) < 3*cancelEvery {
		docs = append(docs, venues...) // enough documents for several looks at the context
	}
	want, err := Build(docs, DefaultOptions)
	if err != nil {
		t.Fatal(err)
	}
	gaveUp := 0
	for n := 0; ; n++ {
		ctx := &endsAfter{Context: context.Background(), n: n}
		idx, err := BuildContext(ctx, docs, DefaultOptions)
		if errors.Is(err, context.Canceled) {
			if idx != nil {
				t.Fatalf("context ended after %d looks: an index and an error", n)
			}
			gaveUp++
			continue
		}
		if err != nil || idx.Version != want.Version || len(idx.Files) != len(want.Files) {
			t.Fatalf("context ended after %d looks: %v, version %v, want %s", n, err, idx, want.Version)
		}
		break
	}
	if gaveUp < 6 {
		t.Errorf("BuildContext looked at its context %d times, want one every %d documents in both passes", gaveUp, cancelEvery)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if jobs, ds := GenerateContext(ctx, demoSite); jobs != nil || ds != nil {
		t.Errorf("GenerateContext with an ended context made %d jobs", len(jobs))
	}
}
