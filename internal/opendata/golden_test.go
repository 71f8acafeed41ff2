package opendata_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"labo/internal/dataset"
	"labo/internal/opendata"
	"labo/internal/output"
	"labo/internal/pages"
	"labo/internal/render"
	"labo/internal/site"
	"labo/layouts"
	"labo/static"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// indicators stands for a dataset another package publishes: the catalogue
// must list it like its own.
var indicators = &dataset.Dataset{
	Name: "indicateurs-csv", Path: "donnees/indicateurs.csv", Group: "indicateurs",
	Title: "Indicateurs", Description: "Des indicateurs anonymisés.", Format: "csv", MediaType: "text/csv",
	Schema: []dataset.Field{{Name: "indicateur", Type: "string", Required: true}, {Name: "valeur", Type: "integer"}},
	Make:   func() ([]byte, error) { return []byte("indicateur,valeur\npersonnes,42\n"), nil },
}

// buildFixture runs the open-data generator and finisher on the small site
// of testdata/site, without the rest of the build.
func buildFixture(t *testing.T) (*output.Tree, []*dataset.Dataset) {
	t.Helper()
	s, problems := site.Load(os.DirFS("testdata/site"), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	r, err := render.New(layouts.FS, nil, static.FS, &render.SiteData{Config: s.Config, Nav: pages.Nav(), Footer: pages.Footer(s)})
	if err != nil {
		t.Fatal(err)
	}
	jobs, datasets := opendata.Generate(s)
	datasets = append(datasets, indicators)
	tree := output.NewTree()
	for _, d := range datasets {
		jobs = append(jobs, render.Job{Path: d.Path, Make: d.Make, Stream: d.Stream})
	}
	for _, j := range jobs {
		b, err := r.Run(j)
		if err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		if err := tree.Add(j.Path, b); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range datasets {
		b, _ := tree.Get(d.Path)
		d.Fill(b)
	}
	if err := opendata.Finish(s, r, tree, datasets); err != nil {
		t.Fatal(err)
	}
	return tree, datasets
}

// TestGolden compares the files of the fixture's release with
// testdata/golden (go test -run TestGolden -update rewrites them).
func TestGolden(t *testing.T) {
	tree, _ := buildFixture(t)
	for _, name := range []string{"lieux.csv", "lieux.json", "lieux.geojson", "qualifications.csv", "referentiel.csv", "referentiel.json",
		"structures.json", "services.json", "changements.csv", "datapackage.json", "catalogue.jsonld", "SHA256SUMS", "LICENCE", "CITATION.cff"} {
		got, ok := tree.Get("donnees/" + name)
		if !ok {
			t.Errorf("%s was not produced", name)
			continue
		}
		golden := filepath.Join("testdata", "golden", name+".golden")
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -run TestGolden -update)", err)
		}
		if !bytes.Equal(got, want) {
			os.WriteFile(golden+".got", got, 0o644)
			t.Errorf("%s differs from %s (wrote %s.got)", name, golden, golden)
		}
	}
}

// TestFinishListsOtherPackagesDatasets checks a dataset the finisher did
// not produce is listed on the page, in the Data Package, the DCAT
// catalogue and the checksums.
func TestFinishListsOtherPackagesDatasets(t *testing.T) {
	tree, _ := buildFixture(t)
	for file, want := range map[string]string{
		"donnees/index.html":       `href="/donnees/indicateurs.csv"`,
		"donnees/datapackage.json": `"path": "indicateurs.csv"`,
		"donnees/catalogue.jsonld": `"@id": "https://reseau.example.org/donnees/#indicateurs"`,
		"donnees/SHA256SUMS":       "  indicateurs.csv\n",
		"donnees/LICENCE":          "  indicateurs.csv\n",
	} {
		b, _ := tree.Get(file)
		if !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %s", file, want)
		}
	}
	page, _ := tree.Get("donnees/changements/index.html")
	for _, want := range []string{"Du <time datetime=\"2026-05-01\">1er mai 2026</time>", "Lieux ajoutés (1)", "Lieux retirés (1)",
		`<a href="/lieux/63-ambert-mairie/">Mairie d&#39;Ambert</a>`, "Cyber-base d&#39;Issoire"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("the change log page lacks %s", want)
		}
	}
}
