package geo

import (
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func TestLookups(t *testing.T) {
	tests := []struct{ code, want string }{
		{"63113", "Puy-de-Dôme"}, {"23096", "Creuse"}, {"2A004", "Corse-du-Sud"}, {"97411", "La Réunion"},
	}
	for _, tt := range tests {
		if d := DepartementOfINSEE(tt.code); d == nil || d.Nom != tt.want {
			t.Errorf("DepartementOfINSEE(%s) = %v, want %s", tt.code, d, tt.want)
		}
	}
	for cp, want := range map[string]string{"63000": "63", "20000": "2A", "20200": "2B", "97400": "974", "37500": "37"} {
		if d := DepartementOfPostcode(cp); d == nil || d.Code != want {
			t.Errorf("DepartementOfPostcode(%s) = %v, want %s", cp, d, want)
		}
	}
	d := DepartementByCode("63")
	if d.Slug() != "63-puy-de-dome" || RegionByCode(d.Region).Slug() != "auvergne-rhone-alpes" {
		t.Errorf("slugs: %s, %s", d.Slug(), RegionByCode(d.Region).Slug())
	}
	if len(Departements()) < 101 || len(Regions()) < 18 {
		t.Errorf("tables too small: %d départements, %d régions", len(Departements()), len(Regions()))
	}
	for _, d := range Departements() {
		if RegionByCode(d.Region) == nil && d.Zone != "com" {
			t.Errorf("département %s has unknown région %q", d.Code, d.Region)
		}
	}
}

func TestCheckPoint(t *testing.T) {
	tests := []struct {
		lat, lon float64
		want     string
	}{
		{45.7772, 3.087, ""},                             // Clermont-Ferrand
		{-20.8823, 55.4504, ""},                          // Saint-Denis de La Réunion
		{3.087, 45.7772, "look swapped"},                 // swapped
		{95, 3, "expected a latitude between"},           // out of range
		{40.4168, -3.7038, "expected a point in France"}, // Madrid
	}
	for _, tt := range tests {
		got := CheckPoint(tt.lat, tt.lon)
		if (tt.want == "") != (got == "") || !strings.Contains(got, tt.want) {
			t.Errorf("CheckPoint(%g, %g) = %q, want %q", tt.lat, tt.lon, got, tt.want)
		}
	}
}

func TestDistanceKm(t *testing.T) {
	clermont := orb.Point{3.087, 45.7772}
	gueret := orb.Point{1.8717, 46.1714}
	if d := DistanceKm(clermont, gueret); math.Abs(d-103) > 3 {
		t.Errorf("Clermont–Guéret = %.1f km, want about 103", d)
	}
}

func TestCommunes(t *testing.T) {
	all := Communes()
	if len(all) < 34000 {
		t.Fatalf("only %d communes", len(all))
	}
	tests := []struct {
		code, nom, cp string
		lat, lon      float64
	}{
		{"63113", "Clermont-Ferrand", "63000", 45.78, 3.09},
		{"23096", "Guéret", "23000", 46.17, 1.87},
		{"37072", "Chinon", "37500", 47.17, 0.24},
		{"97411", "Saint-Denis", "97400", -20.88, 55.45},
	}
	for _, tt := range tests {
		c := CommuneByCode(tt.code)
		if c == nil || c.Nom != tt.nom || c.Postcodes[0] != tt.cp || c.Precision != 'c' {
			t.Errorf("CommuneByCode(%s) = %+v", tt.code, c)
			continue
		}
		if math.Abs(c.Point.Lat()-tt.lat) > 0.05 || math.Abs(c.Point.Lon()-tt.lon) > 0.05 {
			t.Errorf("%s at %v, want about %g, %g", tt.nom, c.Point, tt.lat, tt.lon)
		}
	}
	located := 0
	for _, c := range all {
		if c.Precision != 0 {
			located++
			if msg := CheckPoint(c.Point.Lat(), c.Point.Lon()); msg != "" {
				t.Errorf("%s %s: %s", c.Code, c.Nom, msg)
			}
		}
		if DepartementByCode(c.Dept) == nil {
			t.Errorf("%s %s: unknown département %q", c.Code, c.Nom, c.Dept)
		}
	}
	if located < len(all)*99/100 {
		t.Errorf("only %d of %d communes have a position", located, len(all))
	}
}

func TestOutlines(t *testing.T) {
	for _, d := range Departements() {
		mp := Outline(d.Code)
		if d.Zone == "com" {
			continue
		}
		if len(mp) == 0 {
			t.Errorf("%s %s: no outline", d.Code, d.Nom)
			continue
		}
		// The chef-lieu's position must be nearer to this outline than to any
		// other (coarse coasts may leave a port just outside): this catches a
		// département filed under the wrong code.
		c := CommuneByCode(d.ChefLieu)
		if c == nil || c.Precision == 0 {
			continue // Mamoudzou has no GeoNames position
		}
		nearest, best := "", math.Inf(1)
		for _, o := range Departements() {
			if om := Outline(o.Code); om != nil {
				dist := 0.0
				if !planar.MultiPolygonContains(om, c.Point) {
					dist = planar.DistanceFrom(om, c.Point)
				}
				if dist < best {
					nearest, best = o.Code, dist
				}
			}
		}
		if nearest != d.Code || best > 0.05 {
			t.Errorf("%s %s: chef-lieu %s (%v) is nearest to the outline of %s (%.3f°)", d.Code, d.Nom, c.Nom, c.Point, nearest, best)
		}
	}
}

func TestCommuneByCode(t *testing.T) {
	for code, want := range map[string]string{"63113": "Clermont-Ferrand", "2A004": "Ajaccio", "2B033": "Bastia", "01001": "L'Abergement-Clémenciat",
		"97411": "Saint-Denis", "20004": "", "00001": "", "2C004": "", "6311": "", "631130": "", "63 13": "", "": "", "9741A": ""} {
		got := ""
		if c := CommuneByCode(code); c != nil {
			got = c.Nom
		}
		if got != want {
			t.Errorf("CommuneByCode(%q) = %q, want %q", code, got, want)
		}
	}
	// Every commune is found by its code, and no two codes share a slot.
	seen := map[int]string{}
	for _, c := range Communes() {
		if CommuneByCode(c.Code) != c {
			t.Errorf("CommuneByCode(%s) is not the commune", c.Code)
		}
		if s := codeSlot(c.Code); seen[s] != "" {
			t.Errorf("%s and %s share slot %d", c.Code, seen[s], s)
		} else {
			seen[s] = c.Code
		}
	}
}
