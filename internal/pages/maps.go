package pages

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/paulmach/orb"

	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/render"
	"labo/internal/site"
	"labo/internal/svgmap"
)

// Static maps of the venue pages (no JavaScript, no tiles), drawn by
// internal/svgmap: a département with its venues, a région with its
// départements as links, and a small locator on each venue page whose
// background is one file per département.

// mapStyles is the style sheet of the static maps.
var mapStyles = []string{"/css/svgmap.css"}

// LocatorURL is the background of the locators of a département's venues.
func LocatorURL(d *site.Dept) string { return d.URL + "situation.svg" }

// MapLink opens the interactive map on a point at a zoom.
func MapLink(p orb.Point, zoom int) string {
	return fmt.Sprintf("/carte/?vue=%.4f,%.4f,%d", p.Lat(), p.Lon(), zoom)
}

func located(venues []*site.Venue) (pts []orb.Point, missing int) {
	for _, v := range venues {
		if v.HasPoint {
			pts = append(pts, v.Point)
		} else {
			missing++
		}
	}
	return pts, missing
}

// deptMap draws a département and its venues.
func deptMap(d *site.Dept) template.HTML {
	if geo.Outline(d.Code) == nil {
		return ""
	}
	pts, missing := located(d.Venues)
	desc := fmt.Sprintf("Chaque point est un lieu : %s sur la carte.", frtext.Plural(len(pts), "lieu", "lieux"))
	if missing > 0 {
		desc += fmt.Sprintf(" %s sans position (itinérants), voir la liste.", frtext.Plural(missing, "lieu", "lieux"))
	}
	svg := svgmap.Local([]svgmap.Area{{Code: d.Code, Label: d.Nom}}, pts,
		svgmap.Options{ID: "carte-" + strings.ToLower(d.Code), Title: "Carte des lieux : " + d.Nom, Desc: desc}, 560, false)
	return template.HTML(svg) // #nosec: drawn by svgmap, which escapes every text
}

// regionMap draws a région's départements, those with venues as links.
func regionMap(r *site.Region) template.HTML {
	with := map[string]*site.Dept{}
	for _, d := range r.Depts {
		with[d.Code] = d
	}
	var areas []svgmap.Area
	var venues []*site.Venue
	for _, d := range geo.Departements() {
		sd := with[d.Code]
		if (d.Region != r.Code && sd == nil) || geo.Outline(d.Code) == nil {
			continue
		}
		a := svgmap.Area{Code: d.Code, Label: d.Nom + " : aucun lieu recensé"}
		if sd != nil {
			a.URL, a.Label = sd.URL, fmt.Sprintf("%s (%s) : %s", d.Nom, d.Code, frtext.Plural(len(sd.Venues), "lieu", "lieux"))
			venues = append(venues, sd.Venues...)
		}
		areas = append(areas, a)
	}
	if len(areas) == 0 {
		return ""
	}
	pts, _ := located(venues)
	svg := svgmap.Local(areas, pts, svgmap.Options{ID: "carte-region", Title: "Carte des lieux : " + r.Nom,
		Desc: "Chaque point est un lieu. Choisissez un département pour voir ses lieux."}, 640, true)
	return template.HTML(svg) // #nosec: drawn by svgmap, which escapes every text
}

// locator is the small map of a venue page.
func locator(v *site.Venue) template.HTML {
	if !v.HasPoint || v.Dept == nil {
		return ""
	}
	svg := svgmap.Locator(v.Dept.Code, v.Point, LocatorURL(v.Dept), svgmap.Options{ID: "situation",
		Title: fmt.Sprintf("Position du lieu dans le département : %s, %s", v.Commune, v.Dept.Nom)})
	return template.HTML(svg) // #nosec: drawn by svgmap, which escapes every text
}

// locatorJobs writes the locator backgrounds, one per département.
func locatorJobs(s *site.Site) []render.Job {
	var jobs []render.Job
	for _, d := range s.Depts {
		if geo.Outline(d.Code) == nil {
			continue
		}
		code := d.Code
		// The background depends on the code only (and the embedded
		// outlines, in the executable): its key never changes.
		jobs = append(jobs, render.Job{Path: strings.TrimPrefix(LocatorURL(d), "/"), Key: "locator", Make: func() ([]byte, error) {
			return svgmap.LocatorBackground(code), nil
		}})
	}
	return jobs
}

// deptCentre is the middle of a département's outline, for map links.
func deptCentre(code string) (orb.Point, bool) {
	mp := geo.Outline(code)
	if mp == nil {
		return orb.Point{}, false
	}
	return mp.Bound().Center(), true
}
