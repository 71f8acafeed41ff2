package mapdata

import (
	"encoding/json"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"

	"labo/internal/geo"
)

// outlineTolerance is the extra simplification of the browser's outlines, in
// degrees (about 400 m): a background at country or département zoom needs
// less detail than the SVG maps, and every kilobyte delays the first paint.
const outlineTolerance = 0.004

// Outlines is /carte/donnees/contours.json: the départements that have an
// outline, as an RFC 7946 FeatureCollection with properties code and nom.
func Outlines() ([]byte, error) {
	fc := geojson.NewFeatureCollection()
	dp := simplify.DouglasPeucker(outlineTolerance)
	for _, d := range geo.Departements() {
		mp := geo.Outline(d.Code)
		if mp == nil {
			continue
		}
		mp = dp.MultiPolygon(mp.Clone())
		orb.Round(mp, 1000) // 3 decimals (about 100 m)
		f := geojson.NewFeature(dropDegenerate(mp))
		f.Properties["code"] = d.Code
		f.Properties["nom"] = d.Nom
		fc.Append(f)
	}
	return json.Marshal(fc)
}

// dropDegenerate removes rings that simplification reduced below a triangle.
func dropDegenerate(mp orb.MultiPolygon) orb.MultiPolygon {
	out := mp[:0]
	for _, poly := range mp {
		if len(poly) == 0 || len(poly[0]) < 4 {
			continue
		}
		np := orb.Polygon{poly[0]}
		for _, r := range poly[1:] {
			if len(r) >= 4 {
				np = append(np, r)
			}
		}
		out = append(out, np)
	}
	return out
}
