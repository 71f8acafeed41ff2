package search

import (
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
