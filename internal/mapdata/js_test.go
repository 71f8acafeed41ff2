package mapdata

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"labo/internal/geo"
)

// TestJSModules runs the node tests of static/js/lib (testdata/js/*.test.mjs)
// against files this package writes for the demo site: the client and the
// build must agree on search forms, distances, the compact venue format and
// the GeoJSON properties. Skipped without node, except on CI.
func TestJSModules(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("node is not installed: the JavaScript tests cannot run")
		}
		t.Skip("node is not installed")
	}
	s := demo(t)
	dir := t.TempDir()
	write := func(name string, b []byte) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, b := range CommuneIndex(geo.Communes()) {
		write("communes/"+name, b)
	}
	lieux, err := Venues(s)
	if err != nil {
		t.Fatal(err)
	}
	write("lieux.json", lieux)
	gj, err := GeoJSON(s.Venues, func(p string) string { return "https://example.org" + p })
	if err != nil {
		t.Fatal(err)
	}
	write("lieux.geojson", gj)

	// Vectors computed in Go, which the JavaScript must reproduce.
	names := []string{"Saint-Flour", "Sainte-Marie-aux-Mines", "L'Abergement-Clémenciat", "Œuilly", "Évry-Courcouronnes",
		"Le Puy-en-Velay", "Mont-Saint-Michel", "Saintes", "Châlons-en-Champagne", "Y", "Saint-Étienne-de-Saint-Geoirs"}
	forms := map[string]string{}
	for _, n := range names {
		forms[n] = SearchForm(n)
	}
	type pair struct {
		A, B [2]float64 // lat, lon
		Km   float64
	}
	var pairs []pair
	for _, p := range [][4]float64{{45.7776, 3.0825, 48.8566, 2.3522}, {46.17, 1.87, 46.17, 1.88}, {-20.88, 55.45, 16.24, -61.53}} {
		pairs = append(pairs, pair{A: [2]float64{p[0], p[1]}, B: [2]float64{p[2], p[3]},
			Km: orbgeo.DistanceHaversine(orb.Point{p[1], p[0]}, orb.Point{p[3], p[2]}) / 1000})
	}
	vec, _ := json.Marshal(map[string]any{"forms": forms, "distances": pairs})
	write("vectors.json", vec)

	cmd := exec.Command(node, "--test", "--test-reporter=spec", "testdata/js/")
	cmd.Env = append(os.Environ(), "LABO_MAPDATA="+dir)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("node --test failed: %v\n%s", err, out)
	}
	t.Logf("%s", out)
}
