// Package geo knows French territory: régions and départements (from
// @etalab/decoupage-administratif), which département a postcode or INSEE code
// belongs to, whether a point lies in France (metropolitan or overseas), and
// distances between points.
package geo

//go:generate go run ./internal/gendept

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"labo/internal/frtext"
)

// Region is a French région.
type Region struct {
	Code, Nom, Zone string
}

// Slug is the région's URL segment, e.g. "auvergne-rhone-alpes".
func (r *Region) Slug() string { return frtext.Slug(r.Nom) }

// Departement is a French département (or overseas collectivity).
type Departement struct {
	Code, Nom, Region, Zone, ChefLieu string
}

// Slug is the département's URL segment, e.g. "63-puy-de-dome".
func (d *Departement) Slug() string { return strings.ToLower(d.Code) + "-" + frtext.Slug(d.Nom) }

var (
	deptByCode   = map[string]*Departement{}
	regionByCode = map[string]*Region{}
)

func init() {
	for i := range departements {
		deptByCode[departements[i].Code] = &departements[i]
	}
	for i := range regions {
		regionByCode[regions[i].Code] = &regions[i]
	}
}

// Departements returns all départements in code order.
func Departements() []*Departement {
	out := make([]*Departement, len(departements))
	for i := range departements {
		out[i] = &departements[i]
	}
	return out
}

// Regions returns all régions in code order.
func Regions() []*Region {
	out := make([]*Region, len(regions))
	for i := range regions {
		out[i] = &regions[i]
	}
	return out
}

// DepartementByCode returns the département with that code ("63", "2A", "974"), or nil.
func DepartementByCode(code string) *Departement { return deptByCode[code] }

// RegionByCode returns the région with that code, or nil.
func RegionByCode(code string) *Region { return regionByCode[code] }

// DepartementOfINSEE returns the département of a commune's INSEE code.
func DepartementOfINSEE(insee string) *Departement {
	if len(insee) != 5 {
		return nil
	}
	if strings.HasPrefix(insee, "97") || strings.HasPrefix(insee, "98") {
		return deptByCode[insee[:3]]
	}
	return deptByCode[insee[:2]]
}

// DepartementOfPostcode returns the département a postcode most likely
// belongs to. Corsica's 20xxx codes split at 20200; overseas codes use three
// digits. A few communes have a postcode of a neighbouring département, so
// prefer the INSEE code when there is one.
func DepartementOfPostcode(cp string) *Departement {
	if len(cp) != 5 {
		return nil
	}
	switch {
	case strings.HasPrefix(cp, "97") || strings.HasPrefix(cp, "98"):
		return deptByCode[cp[:3]]
	case strings.HasPrefix(cp, "20"):
		if cp < "20200" {
			return deptByCode["2A"]
		}
		return deptByCode["2B"]
	}
	return deptByCode[cp[:2]]
}

// box is a latitude/longitude rectangle.
type box struct {
	name                           string
	minLat, maxLat, minLon, maxLon float64
}

// territories are generous rectangles around each part of France; they catch
// swapped or mistyped coordinates, not a venue a few kilometres off.
var territories = []box{
	{"France métropolitaine", 41.2, 51.2, -5.3, 9.7},
	{"Guadeloupe", 15.8, 16.6, -61.9, -60.9},
	{"Martinique", 14.3, 14.95, -61.3, -60.75},
	{"Guyane", 2.0, 5.9, -54.7, -51.5},
	{"La Réunion", -21.45, -20.8, 55.1, 55.9},
	{"Mayotte", -13.1, -12.55, 44.9, 45.35},
	{"Saint-Pierre-et-Miquelon", 46.7, 47.2, -56.5, -56.1},
	{"Saint-Barthélemy et Saint-Martin", 17.85, 18.15, -63.2, -62.75},
	{"Wallis-et-Futuna", -14.5, -13.1, -178.3, -176.0},
	{"Polynésie française", -28.0, -7.5, -155.0, -134.0},
	{"Nouvelle-Calédonie", -23.0, -19.5, 163.5, 168.2},
}

// InFrance reports whether the point lies in France, metropolitan or overseas.
func InFrance(lat, lon float64) bool {
	for _, b := range territories {
		if lat >= b.minLat && lat <= b.maxLat && lon >= b.minLon && lon <= b.maxLon {
			return true
		}
	}
	return false
}

// CheckPoint explains why a latitude/longitude pair is not usable, or
// returns "".
func CheckPoint(lat, lon float64) string {
	switch {
	case lat < -90 || lat > 90:
		return fmt.Sprintf("expected a latitude between -90 and 90, found %g", lat)
	case lon < -180 || lon > 180:
		return fmt.Sprintf("expected a longitude between -180 and 180, found %g", lon)
	case InFrance(lat, lon):
		return ""
	case InFrance(lon, lat):
		return fmt.Sprintf("latitude %g and longitude %g look swapped (the point would be in France the other way round)", lat, lon)
	}
	return fmt.Sprintf("expected a point in France (metropolitan or overseas), found %g, %g", lat, lon)
}

// DistanceKm is the great-circle distance between two points in kilometres.
func DistanceKm(a, b orb.Point) float64 { return orbgeo.Distance(a, b) / 1000 }
