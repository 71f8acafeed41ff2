package gen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"labo/internal/build"
	"labo/internal/venue"
)

func writeSite(t *testing.T, o Options) (string, *Stats) {
	t.Helper()
	ref, err := os.ReadFile("../../data/referentiel.toml")
	if err != nil {
		t.Fatal(err)
	}
	o.Referential = ref
	if o.Indicators, err = os.ReadFile("../../data/indicateurs.toml"); err != nil {
		t.Fatal(err)
	}
	if o.Needs, err = os.ReadFile("../../data/besoins.toml"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	st, err := Write(dir, o)
	if err != nil {
		t.Fatal(err)
	}
	return dir, st
}

// TestGeneratedSitePassesCheck: what `labo gen` writes is a valid site, with
// every département of the table, realistic fill rates and guides of the
// promised length.
func TestGeneratedSitePassesCheck(t *testing.T) {
	dir, st := writeSite(t, Options{Venues: 3000, Guides: 60, Usages: 20000, Seed: 7})
	s, err := build.Load(build.Options{Dir: dir})
	if err != nil {
		t.Fatalf("generated site does not pass check: %v", err)
	}
	table, _ := depts()
	if len(s.Venues) != 3000 || st.Depts != len(table) || len(s.Depts) != len(table) {
		t.Errorf("venues %d, départements %d (table %d, site %d)", len(s.Venues), st.Depts, len(table), len(s.Depts))
	}
	overseas := 0
	var hours, points, qualified int
	for _, v := range s.Venues {
		if v.Dept != nil && v.Dept.Zone != "metro" {
			overseas++
		}
		if v.Hours != nil {
			hours++
		}
		if v.HasPoint {
			points++
		}
		if v.IsQualified() {
			qualified++
		}
	}
	near := func(name string, got int, want float64) {
		if r := float64(got) / float64(len(s.Venues)); r < want-0.04 || r > want+0.04 {
			t.Errorf("%s: %.2f of venues, want about %.2f", name, r, want)
		}
	}
	near("hours", hours, rateHours)
	near("coordinates", points, ratePoint)
	if overseas == 0 || qualified == 0 {
		t.Errorf("overseas venues %d, qualified %d", overseas, qualified)
	}
	if len(s.Actions) < 10 || st.Actions != len(s.Actions) {
		t.Errorf("actions: %d written, %d in the site", st.Actions, len(s.Actions))
	}
	usages, _ := filepath.Glob(filepath.Join(dir, "data/usages/*.csv"))
	lines := 0
	for _, f := range usages {
		b, _ := os.ReadFile(f)
		lines += strings.Count(string(b), "\n") - 1
	}
	if lines != 20000 {
		t.Errorf("%d usage records, want 20000", lines)
	}
	if len(s.Guides) != 60 {
		t.Fatalf("guides %d", len(s.Guides))
	}
	links := 0
	for _, g := range s.Guides {
		if g.Words < 250 || g.Words > 1700 {
			t.Errorf("%s: %d words", g.File, g.Words)
		}
		if len(g.TOC()) < 3 {
			t.Errorf("%s: %d headings", g.File, len(g.TOC()))
		}
		src, _ := os.ReadFile(filepath.Join(dir, g.File))
		links += strings.Count(string(src), "](@/guides/")
	}
	if links == 0 {
		t.Error("no links between guides")
	}
}

func TestNoUsagesNoActions(t *testing.T) {
	dir, st := writeSite(t, Options{Venues: 200, Guides: 5, Seed: 2})
	if _, err := build.Load(build.Options{Dir: dir}); err != nil {
		t.Fatalf("site without usage records does not pass check: %v", err)
	}
	if st.Actions != 0 || st.Usages != 0 {
		t.Errorf("stats %+v", st)
	}
}

func TestSameSeedSameBytes(t *testing.T) {
	a, _ := writeSite(t, Options{Venues: 400, Guides: 10, Seed: 3})
	b, _ := writeSite(t, Options{Venues: 400, Guides: 10, Seed: 3})
	c, _ := writeSite(t, Options{Venues: 400, Guides: 10, Seed: 4})
	if diff := compareDirs(t, a, b); diff != "" {
		t.Errorf("same seed, different output: %s", diff)
	}
	if compareDirs(t, a, c) == "" {
		t.Error("different seeds, same output")
	}
	// More guides must not change the venues: parts have their own streams.
	d, _ := writeSite(t, Options{Venues: 400, Guides: 20, Seed: 3})
	va, _ := os.ReadFile(filepath.Join(a, venue.FileName))
	vd, _ := os.ReadFile(filepath.Join(d, venue.FileName))
	if string(va) != string(vd) {
		t.Error("venues changed with the number of guides")
	}
}

func compareDirs(t *testing.T, a, b string) string {
	t.Helper()
	var diffs []string
	filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || string(x) != string(y) {
			diffs = append(diffs, rel)
		}
		return nil
	})
	return strings.Join(diffs, ", ")
}

func TestWriteRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "x"), nil, 0o644)
	ref, _ := os.ReadFile("../../data/referentiel.toml")
	if _, err := Write(dir, Options{Venues: 1, Referential: ref}); err == nil {
		t.Error("wrote into a non-empty folder")
	}
}
