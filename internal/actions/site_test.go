package actions_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"labo/internal/build"
	"labo/internal/indicator"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func root(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

var (
	once  sync.Once
	built *build.Result
	err   error
)

// demo builds the demo site once, in memory.
func demo(t testing.TB) *build.Result {
	t.Helper()
	once.Do(func() { built, err = build.Build(build.Options{Dir: root(t)}) })
	if err != nil {
		t.Fatal(err)
	}
	return built
}

func page(t *testing.T, path string) string {
	t.Helper()
	b, ok := demo(t).Tree.Get(path)
	if !ok {
		t.Fatalf("%s was not built", path)
	}
	return string(b)
}

// mainOf keeps the <main> element: the header, navigation and footer belong
// to other packages and change with them.
func mainOf(html string) string {
	i, j := strings.Index(html, "<main"), strings.Index(html, "</main>")
	if i < 0 || j < i {
		return html
	}
	return html[i : j+len("</main>")]
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	file := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/actions -update)", err)
	}
	if string(want) != got {
		_ = os.WriteFile(file+".got", []byte(got), 0o644)
		t.Errorf("%s differs from the golden file (see %s.got; run -update if the change is intended)", name, file)
	}
}

var svgPattern = regexp.MustCompile(`(?s)<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="([^"]+)".*?</svg>`)

// TestActionPageGolden compares the main content of the illiteracy action's
// page, and each of its charts, with golden files.
func TestActionPageGolden(t *testing.T) {
	html := page(t, "actions/illettrisme-puy-de-dome/index.html")
	golden(t, "illettrisme-puy-de-dome.main.html.golden", mainOf(html))
	charts := svgPattern.FindAllStringSubmatch(html, -1)
	if len(charts) < 8 {
		t.Fatalf("%d charts on the page, want at least 8", len(charts))
	}
	for _, m := range charts {
		golden(t, "illettrisme-puy-de-dome."+m[1]+".svg.golden", m[0])
	}
}

// TestDemoFigures checks that the demo pages show the figures of the seed
// documents, computed from the synthetic records.
func TestDemoFigures(t *testing.T) {
	for path, wants := range map[string][]string{
		"actions/dix-heures-de-culture-numerique/index.html":     {"455", "1\u202f356", "972 sur 1\u202f356", "67 %", "Femmes"},
		"actions/illettrisme-puy-de-dome/index.html":             {"150", "10\u202f000 €", "Parcours de 10 ateliers terminé", "29 %", "secret statistique"},
		"actions/creuse-tiers-lieux/index.html":                  {"158", "950", "Creuse (23)"},
		"indicateurs/index.html":                                 {"768", "3\u202f437", "Toutes les actions", "role=\"img\""},
		"indicateurs/methode/index.html":                         {"11 personnes différentes", "illettrisme-parcours-complet", "CC BY 4.0"},
		"actions/index.html":                                     {"Creuse : le Pass numérique", "/actions/parents-ent-indre-et-loire/"},
		"actions/illettrisme-puy-de-dome/infographie/index.html": {"Infographie", "secret", "10\u202f000 €"},
	} {
		html := page(t, path)
		for _, w := range wants {
			if !strings.Contains(html, w) {
				t.Errorf("%s: %q not found", path, w)
			}
		}
	}
}

// TestDatasets reads the published indicator datasets back.
func TestDatasets(t *testing.T) {
	res := demo(t)
	var names []string
	for _, d := range res.Datasets {
		names = append(names, d.Path)
	}
	for _, want := range []string{"donnees/indicateurs.csv", "donnees/actions/illettrisme-puy-de-dome-indicateurs.csv"} {
		if !strings.Contains(strings.Join(names, " "), want) {
			t.Fatalf("dataset %s missing from %v", want, names)
		}
	}
	data, _ := res.Tree.Get("donnees/indicateurs.csv")
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := strings.Join(rows[0], ",")
	if header != "action,indicateur,libelle_indicateur,ventilation,modalite,libelle_modalite,valeur,unite,numerateur,denominateur,statut" {
		t.Fatalf("header %s", header)
	}
	secret, published := 0, 0
	for i, r := range rows[1:] {
		switch r[10] {
		case indicator.StatusSecret:
			secret++
			if r[6] != "" || r[8] != "" || r[9] != "" {
				t.Errorf("line %d: a secret row carries numbers: %v", i+2, r)
			}
		case indicator.StatusPublished:
			published++
			if r[6] == "" {
				t.Errorf("line %d: a published row has no value: %v", i+2, r)
			}
		}
	}
	if secret == 0 || published == 0 {
		t.Errorf("%d secret and %d published rows, want some of each", secret, published)
	}
	for _, r := range rows {
		if r[0] == "dix-heures-de-culture-numerique" && r[1] == "personnes-accompagnees" && r[3] == "ensemble" && r[6] != "455" {
			t.Errorf("people reached by the dix-heures action: %s, want 455", r[6])
		}
	}
}
