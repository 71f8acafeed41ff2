package mapdata

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"labo/internal/site"
)

// GeoJSON is the RFC 7946 FeatureCollection of venues (WGS84, longitude
// first, 6 decimals at most), one Feature per venue with the venue id as its
// id. Venues without a position are kept with a null geometry, as RFC 7946
// allows: a dataset never drops a venue silently. abs makes site paths
// absolute.
func GeoJSON(venues []*site.Venue, abs func(string) string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, v := range venues {
		var g orb.Geometry
		if v.HasPoint {
			g = orb.Point{round6(v.Point.Lon()), round6(v.Point.Lat())}
		}
		f := geojson.NewFeature(g)
		f.ID = v.ID
		codes := make([]string, 0, len(v.Qualified))
		for _, s := range v.Qualified {
			codes = append(codes, s.Code)
		}
		dep := ""
		if v.Dept != nil {
			dep = v.Dept.Code
		}
		f.Properties = geojson.Properties{
			"id":                              v.ID, // also here: some tools keep only properties
			"nom":                             v.Nom,
			"adresse":                         v.Adresse,
			"commune":                         v.Commune,
			"code_postal":                     v.CodePostal,
			"departement":                     dep,
			"url":                             abs(v.URL),
			"services":                        list(v.ServiceList),
			"services_qualifies":              codes,
			"publics_specifiquement_adresses": list(v.PublicList),
			"prise_en_charge_specifique":      list(v.SupportList),
			"frais_a_charge":                  list(v.FeeList),
			"modalites_acces":                 list(v.AccessList),
			"modalites_accompagnement":        list(v.AccompanimentList),
			"qualifie":                        v.IsQualified(),
			"pass_numerique":                  v.Pass,
		}
		j, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n') // one feature per line: releases diff line by line
		b.Write(j)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

// list makes an absent list an empty JSON array rather than null.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// round6 keeps 6 decimals (about 10 cm), the most RFC 7946 recommends.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
