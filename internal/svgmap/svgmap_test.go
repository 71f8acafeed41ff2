package svgmap

import (
	"bytes"
	"encoding/xml"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		os.WriteFile(path+".got", got, 0o644)
		t.Errorf("%s differs from the golden file; got written to %s.got (go test -update accepts it)", name, path)
	}
}

// wellFormed checks the drawing is XML a browser will parse.
func wellFormed(t *testing.T, b []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		_, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed XML: %v", err)
			}
			return
		}
	}
}

func TestLambert93(t *testing.T) {
	origin := Lambert93.Forward(orb.Point{3, 46.5})
	if math.Abs(origin[0]) > 1e-12 || math.Abs(origin[1]) > 1e-12 {
		t.Errorf("origin projects to %v, want 0,0", origin)
	}
	paris := Lambert93.Forward(orb.Point{2.3522, 48.8566})
	clermont := Lambert93.Forward(orb.Point{3.0825, 45.7776})
	brest := Lambert93.Forward(orb.Point{-4.486, 48.390})
	strasbourg := Lambert93.Forward(orb.Point{7.7521, 48.5734})
	if paris[1] <= clermont[1] || brest[0] >= strasbourg[0] {
		t.Errorf("north or east is wrong: Paris %v, Clermont %v, Brest %v, Strasbourg %v", paris, clermont, brest, strasbourg)
	}
	// Conformal: a small step east and a small step north at the same point
	// keep their ratio of lengths (scale is the same in every direction).
	p := orb.Point{-1, 44}
	const eps = 1e-5
	q0, qe, qn := Lambert93.Forward(p), Lambert93.Forward(orb.Point{p[0] + eps, p[1]}), Lambert93.Forward(orb.Point{p[0], p[1] + eps})
	east := math.Hypot(qe[0]-q0[0], qe[1]-q0[1]) / (eps * math.Cos(p[1]*math.Pi/180))
	north := math.Hypot(qn[0]-q0[0], qn[1]-q0[1]) / eps
	if math.Abs(east/north-1) > 1e-4 {
		t.Errorf("scale east %g vs north %g: not conformal", east, north)
	}
	// Meridians converge northwards: the same longitude step is shorter near Lille than near Perpignan.
	w := func(lat float64) float64 {
		a, b := Lambert93.Forward(orb.Point{2, lat}), Lambert93.Forward(orb.Point{3, lat})
		return math.Hypot(b[0]-a[0], b[1]-a[1])
	}
	if w(50.6) >= w(42.7) {
		t.Errorf("a degree of longitude at 50.6° (%g) should be shorter than at 42.7° (%g)", w(50.6), w(42.7))
	}
}

func TestFitAndPath(t *testing.T) {
	square := orb.MultiPolygon{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}}
	f := FitInto(Equirect{}, points(square), 0, 0, 100, 50, 5)
	// The square keeps its shape: 40 units high (50 minus margins), centred.
	if x, y := f.XY(orb.Point{0, 1}); x != 30 || y != 5 {
		t.Errorf("top-left corner at %g,%g, want 30,5", x, y)
	}
	if got, want := f.Path(square, 0), "M30 45l40 0 0-40-40 0z"; got != want {
		t.Errorf("Path = %q, want %q", got, want)
	}
	// A ring that shrinks below three points after rounding disappears.
	tiny := orb.MultiPolygon{{{{0.5, 0.5}, {0.5001, 0.5}, {0.5, 0.5001}, {0.5, 0.5}}}}
	if got := f.Path(tiny, 0); got != "" {
		t.Errorf("tiny ring drew %q", got)
	}
	dots := f.Dots([]orb.Point{{0, 0}, {1, 1}, {0.001, 0.001}, {5, 5}, {0.5, 0.5}})
	if want := "M70 5h0m-20 20h0m-20 20h0"; dots != want {
		t.Errorf("Dots = %q, want %q (sorted top to bottom, duplicates and outside points dropped)", dots, want)
	}
}

func TestNumbers(t *testing.T) {
	for v, want := range map[float64]string{12.34: "12.3", 12: "12", -0.5: "-0.5", 0.04: "0", -12.06: "-12.1"} {
		if got := svgNum(v); got != want {
			t.Errorf("svgNum(%g) = %q, want %q", v, got, want)
		}
	}
}

func TestGolden(t *testing.T) {
	cases := map[string][]byte{
		"france": France([]Area{
			{Code: "63", Label: "Puy-de-Dôme : 2 lieux", URL: "/lieux/63-puy-de-dome/"},
			{Code: "974", Label: "La Réunion : 1 lieu", URL: "/lieux/974-la-reunion/"},
		}, []orb.Point{{3.0825, 45.7776}, {3.0955, 45.7788}, {55.4504, -20.8823}}, Options{ID: "fr", Title: "Carte des lieux", Desc: "Chaque point est un lieu."}),
		"corse": Local([]Area{{Code: "2A", Label: "Corse-du-Sud"}, {Code: "2B", Label: "Haute-Corse", URL: "/lieux/2b-haute-corse/"}},
			[]orb.Point{{8.7381, 41.9189}, {9.4512, 42.7022}}, Options{ID: "co", Title: "Corse"}, 400, true),
		"situation-63": Locator("63", orb.Point{3.0825, 45.7776}, "/lieux/63-puy-de-dome/situation.svg", Options{ID: "s", Title: "Position du lieu dans le Puy-de-Dôme"}),
		"fond-63":      LocatorBackground("63"),
		"fond-972":     LocatorBackground("972"),
	}
	for name, got := range cases {
		t.Run(name, func(t *testing.T) {
			wellFormed(t, got)
			golden(t, name+".svg", got)
		})
	}
}

func TestFranceMarksSubjects(t *testing.T) {
	got := string(France([]Area{{Code: "63", Label: "Puy-de-Dôme : 2 lieux", URL: "/lieux/63-puy-de-dome/"}, {Code: "15", Label: "Cantal"}}, nil, Options{ID: "x", Title: "T"}))
	if n := strings.Count(got, "<a "); n != 1 {
		t.Errorf("%d links, want 1 (only areas with a URL)", n)
	}
	if !strings.Contains(got, `aria-label="Puy-de-Dôme : 2 lieux"`) || !strings.Contains(got, "<title>Cantal</title>") {
		t.Error("subjects lack their accessible names")
	}
	if strings.Contains(got, "svgmap__points") {
		t.Error("a map without venues drew dots")
	}
	if Locator("975", orb.Point{-56.17, 46.78}, "x.svg", Options{ID: "s", Title: "T"}) != nil {
		t.Error("Saint-Pierre-et-Miquelon has no outline: the locator should be nil")
	}
}
