package orientpages_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"labo/internal/browsertest"
	"labo/internal/orient"
	"labo/internal/orientpages"
	"labo/internal/pages"
	"labo/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func read(t *testing.T, dir, path string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return string(b)
}

var venueIDs = regexp.MustCompile(`<article class="card orient-card" id="lieu-([a-z0-9-]+)">`)

// TestNoJavaScriptPath follows the plain links of the assistant in the built
// demo: need → département → venues (urgent ones first) → fiche.
func TestNoJavaScriptPath(t *testing.T) {
	s := demo(t)
	dir := browsertest.BuildDemo(t)

	index := read(t, dir, "orienter/index.html")
	for _, n := range orient.Needs(s) {
		if !strings.Contains(index, `<a class="tile" href="`+orientpages.NeedURL(n)+`">`) {
			t.Errorf("/orienter/ has no plain link to %s", orientpages.NeedURL(n))
		}
	}
	if !strings.Contains(index, `<a href="/orienter/" aria-current="true">`) {
		t.Error("the main navigation has no current « Orienter » entry")
	}

	needPage := read(t, dir, "orienter/demarche-urgente/index.html")
	if !strings.Contains(needPage, `href="/orienter/demarche-urgente/63-puy-de-dome/"`) {
		t.Fatal("the need page does not link to the Puy-de-Dôme list")
	}
	if !strings.Contains(needPage, "dont 7 qui peuvent faire à la place") {
		t.Error("the need page does not count the venues that can do it for the person")
	}

	list := read(t, dir, "orienter/demarche-urgente/63-puy-de-dome/index.html")
	first, second, ok := strings.Cut(list, "Ensuite : les lieux qui aident à faire soi-même")
	if !ok {
		t.Fatal("the urgent list has no second group")
	}
	n := needOf(t, s, "demarche-urgente")
	tier := map[string]int{}
	for _, c := range orient.Candidates(s, n) {
		tier[c.Venue.ID] = c.Tier
	}
	for i, part := range []string{first, second} {
		for _, m := range venueIDs.FindAllStringSubmatch(part, -1) {
			if got, ok := tier[m[1]]; !ok || got != i {
				t.Errorf("%s is in group %d of the urgent list (candidate %v, tier %d)", m[1], i+1, ok, got)
			}
			if !strings.Contains(part, `href="/orienter/fiche/demarche-urgente/`+m[1]+`/"`) {
				t.Errorf("%s has no fiche link", m[1])
			}
		}
	}
	for _, id := range []string{"63-clermont-mediatheque-jaude", "63-clermont-pimms-fontgieve"} {
		if strings.Contains(list, id) {
			t.Errorf("%s is listed although it is not qualified on the build date", id)
		}
	}
	if got := venueIDs.FindAllStringSubmatch(first, -1); len(got) == 0 || !slices.ContainsFunc(got, func(m []string) bool { return m[1] == "63-clermont-france-services-gare" }) {
		t.Errorf("France Services Gare is not among the venues that can do it for the person")
	}

	fiche := read(t, dir, "orienter/fiche/demarche-urgente/63-clermont-france-services-gare/index.html")
	for _, want := range []string{"Fiche d&#39;orientation", "Espace France Services Clermont Gare", "27 avenue de l&#39;Union Soviétique",
		"Faire une démarche urgente à votre place", "Votre pièce d&#39;identité", `<svg class="minimap"`, "Fiche remise le", `href="mailto:?subject=`,
		`<meta name="robots" content="noindex">`, "8\u00a0h\u00a030 – 12\u00a0h\u00a030"} {
		if !strings.Contains(fiche, want) {
			t.Errorf("the fiche lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "orienter/fiche/emploi/37-chinon-mediatheque/index.html")); err == nil {
		t.Error("an expired venue has a fiche")
	}
}

// TestPageCount keeps the assistant's pages per need × département and per
// candidate venue (never per commune).
func TestPageCount(t *testing.T) {
	s := demo(t)
	dir := browsertest.BuildDemo(t)
	var fiches, depts int
	_ = filepath.WalkDir(filepath.Join(dir, "orienter"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "index.html" {
			rel, _ := filepath.Rel(dir, p)
			parts := strings.Split(filepath.ToSlash(rel), "/")
			switch {
			case parts[1] == "fiche":
				fiches++
			case len(parts) == 4:
				depts++
			}
		}
		return nil
	})
	wantFiches, wantDepts := 0, 0
	for _, n := range orient.Needs(s) {
		seen := map[*site.Dept]bool{}
		for _, c := range orient.Candidates(s, n) {
			wantFiches++
			if !seen[c.Venue.Dept] {
				seen[c.Venue.Dept] = true
				wantDepts++
			}
		}
	}
	if fiches != wantFiches || depts != wantDepts {
		t.Errorf("%d fiches and %d département pages, want %d and %d", fiches, depts, wantFiches, wantDepts)
	}
	if max := len(orient.Needs(s)) * len(s.Depts); depts > max {
		t.Errorf("%d département pages for %d needs × %d départements", depts, len(orient.Needs(s)), len(s.Depts))
	}
	t.Logf("%d needs, %d département pages, %d fiches", len(orient.Needs(s)), depts, fiches)
}

// TestDataGolden pins the browser's data file of one need.
func TestDataGolden(t *testing.T) {
	s := demo(t)
	n := needOf(t, s, "demarche-urgente")
	d := orient.NewData(s, n, orient.Candidates(s, n), func(code string) string { return pages.ServiceURL(s.Ref.Service(code)) },
		func(v *site.Venue) string { return orientpages.FicheURL(n, v) })
	got, err := json.MarshalIndent(d, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	compact, _ := d.JSON()
	var round orient.Data
	if err := json.Unmarshal(compact, &round); err != nil || len(round.Venues) != len(d.Venues) {
		t.Fatalf("the compact JSON does not read back: %v", err)
	}
	golden := filepath.Join("testdata", "demarche-urgente.json.golden")
	if *update {
		if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(append(got, '\n'), want) {
		t.Errorf("data of demarche-urgente differs from %s (run go test -update if the change is wanted)", golden)
	}
}
