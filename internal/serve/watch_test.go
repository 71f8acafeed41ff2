package serve

import "testing"

func TestRelevant(t *testing.T) {
	for rel, want := range map[string]bool{
		"site.toml":                             true,
		"netlify.toml":                          true,
		"content/guides/les-six-etapes.md":      true,
		"content/guides/sedentarite.md":         true,
		"data/lieux.csv":                        true,
		"layouts/guides/single.html":            true,
		"static/css/labo.css":                   true,
		"public/index.html":                     false, // the output
		"README.md":                             false,
		"content/guides/.les-six-etapes.md.swp": false,
		"content/guides/les-six-etapes.md~":     false,
		"content/guides/4913":                   false,
		"content/guides/#les-six-etapes.md#":    false,
		"content/guides/.#les-six-etapes.md":    false,
		"content/guides/sedTT3Ule":              false,
		"data/lieux.csv.tmp":                    false,
		"data/lieux.csv___jb_tmp___":            false,
	} {
		if got := relevant(rel); got != want {
			t.Errorf("relevant(%q) = %v, want %v", rel, got, want)
		}
	}
}
