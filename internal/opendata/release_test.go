package opendata_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/piprate/json-gold/ld"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"labo/internal/browsertest"
	"labo/internal/build"
	"labo/internal/geo"
	"labo/internal/importer"
	"labo/internal/refdata"
	"labo/internal/tableschema"
)

var (
	demoOnce sync.Once
	demo     *build.Result
	demoErr  error
)

// buildDemo builds the demo site in memory once for the package's tests.
func buildDemo(t *testing.T) *build.Result {
	t.Helper()
	demoOnce.Do(func() { demo, demoErr = build.Build(build.Options{Dir: browsertest.Root(t)}) })
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demo
}

func file(t *testing.T, res *build.Result, p string) []byte {
	t.Helper()
	b, ok := res.Tree.Get(p)
	if !ok {
		t.Fatalf("%s was not built", p)
	}
	return b
}

// TestLieuxFollowsNationalStandard validates the published lieux.csv with
// the national standard's own Table Schema (types, required, patterns,
// vocabularies, unique id).
func TestLieuxFollowsNationalStandard(t *testing.T) {
	res := buildDemo(t)
	schema, err := tableschema.Parse(refdata.Read(t, "mediation-numerique-standard/schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	data := file(t, res, "donnees/lieux.csv")
	if errs := schema.Validate(data); len(errs) > 0 {
		for _, e := range errs[:min(len(errs), 20)] {
			t.Error(e)
		}
	}
	if n := bytes.Count(data, []byte("\n")) - 1; n != len(res.Site.Venues) {
		t.Errorf("lieux.csv has %d rows, the site %d venues", n, len(res.Site.Venues))
	}
	if !bytes.Contains(data, []byte("|")) {
		t.Error("no multi-valued field uses the | separator")
	}
}

// TestRoundTrip checks import(export(x)) == x on the demo data, for the CSV
// and the JSON export, into an empty site and into the site itself.
func TestRoundTrip(t *testing.T) {
	res := buildDemo(t)
	x, err := os.ReadFile(filepath.Join(browsertest.Root(t), "data", "lieux.csv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"lieux.csv", "lieux.json"} {
		src, err := importer.Parse(name, file(t, res, "donnees/"+name))
		if err != nil {
			t.Fatal(err)
		}
		fresh, err := importer.Import(nil, src)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fresh.Output, x) {
			t.Errorf("%s imported into an empty site differs from data/lieux.csv", name)
		}
		if fresh.Imported != len(res.Site.Venues) || fresh.Merged+fresh.Rejected != 0 {
			t.Errorf("%s: %d imported, %d merged, %d rejected", name, fresh.Imported, fresh.Merged, fresh.Rejected)
		}
		for _, n := range fresh.Notes {
			if n.Field != "" {
				t.Errorf("%s: the export needed a correction: %+v", name, n)
			}
		}
		again, err := importer.Import(x, src)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Output, x) || again.Merged != len(res.Site.Venues) || again.Changed != 0 {
			t.Errorf("%s imported into the demo site: changed=%v merged=%d changed venues=%d", name, !bytes.Equal(again.Output, x), again.Merged, again.Changed)
		}
	}
}

type dataPackage struct {
	Name      string                  `json:"name"`
	Licenses  []struct{ Name string } `json:"licenses"`
	Resources []struct {
		Name    string              `json:"name"`
		Path    string              `json:"path"`
		Profile string              `json:"profile"`
		Bytes   int                 `json:"bytes"`
		Hash    string              `json:"hash"`
		Schema  *tableschema.Schema `json:"schema"`
	} `json:"resources"`
}

// TestDataPackage checks every resource's size and hash against the file,
// that every dataset is listed, and that each CSV follows its own schema.
func TestDataPackage(t *testing.T) {
	res := buildDemo(t)
	var dp dataPackage
	if err := json.Unmarshal(file(t, res, "donnees/datapackage.json"), &dp); err != nil {
		t.Fatal(err)
	}
	if dp.Licenses[0].Name != "etalab-2.0" {
		t.Errorf("licence = %v", dp.Licenses)
	}
	if !regexp.MustCompile(`^[a-z0-9._/-]+$`).MatchString(dp.Name) {
		t.Errorf("package name %q is not a valid Frictionless name", dp.Name)
	}
	if len(dp.Resources) != len(res.Datasets) {
		t.Errorf("%d resources for %d datasets", len(dp.Resources), len(res.Datasets))
	}
	for _, r := range dp.Resources {
		data := file(t, res, "donnees/"+r.Path)
		sum := sha256.Sum256(data)
		if r.Hash != "sha256:"+hex.EncodeToString(sum[:]) || r.Bytes != len(data) {
			t.Errorf("%s: bytes %d hash %s do not match the file (%d bytes)", r.Path, r.Bytes, r.Hash, len(data))
		}
		if !strings.HasSuffix(r.Path, ".csv") {
			continue
		}
		if r.Profile != "tabular-data-resource" || r.Schema == nil {
			t.Errorf("%s: profile %q, schema %v", r.Path, r.Profile, r.Schema != nil)
			continue
		}
		c, err := tableschema.Compile(*r.Schema)
		if err != nil {
			t.Errorf("%s: %v", r.Path, err)
			continue
		}
		for _, e := range c.Validate(data) {
			t.Errorf("%s does not follow its own schema: %s", r.Path, e)
		}
	}
}

// TestChecksums checks SHA256SUMS lists every file of donnees/ except itself
// and the pages, with the right hashes.
func TestChecksums(t *testing.T) {
	res := buildDemo(t)
	lines := strings.Split(strings.TrimSpace(string(file(t, res, "donnees/SHA256SUMS"))), "\n")
	var listed []string
	for _, l := range lines {
		sum, name, ok := strings.Cut(l, "  ")
		if !ok {
			t.Fatalf("bad line %q", l)
		}
		h := sha256.Sum256(file(t, res, "donnees/"+name))
		if hex.EncodeToString(h[:]) != sum {
			t.Errorf("%s: wrong checksum", name)
		}
		listed = append(listed, name)
	}
	var want []string
	for _, p := range res.Tree.Paths() {
		if rel, ok := strings.CutPrefix(p, "donnees/"); ok && !strings.HasSuffix(p, ".html") && rel != "SHA256SUMS" {
			want = append(want, rel)
		}
	}
	slices.Sort(listed)
	if !slices.Equal(listed, want) {
		t.Errorf("SHA256SUMS lists %v, donnees/ holds %v", listed, want)
	}
}

// TestDataInclusionSchemas validates structures.json and services.json with
// data·inclusion's JSON Schemas, formats asserted.
func TestDataInclusionSchemas(t *testing.T) {
	res := buildDemo(t)
	for file_, schemaFile := range map[string]string{"structures.json": "structure.schema.json", "services.json": "service.schema.json"} {
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(refdata.Read(t, "data-inclusion/"+schemaFile)))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(schemaFile, doc); err != nil {
			t.Fatal(err)
		}
		sch, err := c.Compile(schemaFile)
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(map[string]any{"source": "x", "id": "y", "nom": "z"}) == nil {
			t.Fatalf("%s accepts an incomplete object: the schema did not compile as expected", schemaFile)
		}
		items, err := jsonschema.UnmarshalJSON(bytes.NewReader(file(t, res, "donnees/"+file_)))
		if err != nil {
			t.Fatal(err)
		}
		list, _ := items.([]any)
		if len(list) == 0 {
			t.Fatalf("%s is empty", file_)
		}
		ids := map[string]bool{}
		for i, it := range list {
			if err := sch.Validate(it); err != nil {
				t.Errorf("%s item %d: %v", file_, i, err)
			}
			id := it.(map[string]any)["id"].(string)
			if ids[id] {
				t.Errorf("%s: id %s twice", file_, id)
			}
			ids[id] = true
		}
	}
}

// TestGeoJSON checks lieux.geojson against RFC 7946: a FeatureCollection of
// every venue, Points longitude first inside France with at most 6
// decimals, and a null geometry for the venues without coordinates (kept,
// never dropped silently). internal/mapdata tests the writer in depth.
func TestGeoJSON(t *testing.T) {
	res := buildDemo(t)
	data := file(t, res, "donnees/lieux.geojson")
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type     string `json:"type"`
			ID       string `json:"id"`
			Geometry *struct {
				Type        string    `json:"type"`
				Coordinates []float64 `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(data, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != len(res.Site.Venues) {
		t.Fatalf("type %q, %d features for %d venues", fc.Type, len(fc.Features), len(res.Site.Venues))
	}
	for _, f := range fc.Features {
		v := res.Site.Venue(f.ID)
		if v == nil || f.Type != "Feature" {
			t.Errorf("feature %q of type %s is not a venue", f.ID, f.Type)
			continue
		}
		if f.Geometry == nil {
			if v.HasPoint {
				t.Errorf("%s has coordinates but a null geometry", f.ID)
			}
			continue
		}
		c := f.Geometry.Coordinates
		if f.Geometry.Type != "Point" || len(c) != 2 || !geo.InFrance(c[1], c[0]) {
			t.Errorf("%s: %s %v", f.ID, f.Geometry.Type, c)
		}
		for _, x := range c {
			if math.Abs(x*1e6-math.Round(x*1e6)) > 1e-6 {
				t.Errorf("%s: %v has more than 6 decimals", f.ID, x)
			}
		}
		for _, k := range []string{"id", "nom", "commune", "services", "services_qualifies", "url"} {
			if _, ok := f.Properties[k]; !ok {
				t.Errorf("%s: no property %s", f.ID, k)
			}
		}
	}
	if regexp.MustCompile(`\d\.\d{7,}`).Match(data) {
		t.Error("a number has more than 6 decimals")
	}
}

// TestDCAT reads catalogue.jsonld with a JSON-LD processor and checks the
// triples a harvester needs: a catalogue, one dataset per group, one
// distribution per file with its download URL and checksum.
func TestDCAT(t *testing.T) {
	res := buildDemo(t)
	var doc any
	if err := json.Unmarshal(file(t, res, "donnees/catalogue.jsonld"), &doc); err != nil {
		t.Fatal(err)
	}
	proc := ld.NewJsonLdProcessor()
	opts := ld.NewJsonLdOptions("")
	opts.Format = "application/n-quads"
	out, err := proc.ToRDF(doc, opts)
	if err != nil {
		t.Fatal(err)
	}
	nq := out.(string)
	t.Logf("%d triples", strings.Count(nq, "\n"))
	base := res.Site.Config.Abs("/donnees/")
	has := func(s, p, o string) bool { return strings.Contains(nq, s+" "+p+" "+o+" .") }
	const rdfType = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
	if !has("<"+base+"catalogue.jsonld>", rdfType, "<http://www.w3.org/ns/dcat#Catalog>") {
		t.Error("no dcat:Catalog")
	}
	groups := map[string]bool{}
	for _, d := range res.Datasets {
		groups[d.GroupName()] = true
		url := "<" + res.Site.Config.Abs("/"+d.Path) + ">"
		if !has(url, "<http://www.w3.org/ns/dcat#downloadURL>", url) {
			t.Errorf("%s: no downloadURL", d.Path)
		}
		if !strings.Contains(nq, `"`+d.SHA256+`"^^<http://www.w3.org/2001/XMLSchema#hexBinary>`) {
			t.Errorf("%s: checksum missing", d.Path)
		}
		if !has("<"+base+"#"+d.GroupName()+">", "<http://www.w3.org/ns/dcat#distribution>", url) {
			t.Errorf("%s is not a distribution of dataset %s", d.Path, d.GroupName())
		}
	}
	if n := strings.Count(nq, rdfType+" <http://www.w3.org/ns/dcat#Dataset>"); n != len(groups) {
		t.Errorf("%d dcat:Dataset for %d groups", n, len(groups))
	}
}

// TestCatalogueListsEveryDataset checks the /donnees/ page shows each file
// given to the finisher — including one from another package — with its
// hash, size and schema.
func TestCatalogueListsEveryDataset(t *testing.T) {
	res := buildDemo(t)
	page := string(file(t, res, "donnees/index.html"))
	for _, d := range res.Datasets {
		for _, want := range []string{`id="` + d.Name + `"`, d.SHA256, `href="/` + d.Path + `"`} {
			if !strings.Contains(page, want) {
				t.Errorf("%s: the page lacks %s", d.Path, want)
			}
		}
	}
	for _, want := range []string{"Licence Ouverte 2.0", "datapackage.json", "catalogue.jsonld", "SHA256SUMS", "CITATION.cff", "Schéma : 32 champs", "Aperçu des 5 premières lignes"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
