package mapdata

import (
	"io"
	"math"

	"labo/internal/appendenc"
	"labo/internal/site"
)

// GeoJSON is the RFC 7946 FeatureCollection of venues (WGS84, longitude
// first, 6 decimals at most), one Feature per venue with the venue id as its
// id. Venues without a position are kept with a null geometry, as RFC 7946
// allows: a dataset never drops a venue silently. abs makes site paths
// absolute.
//
// The bytes are those orb/geojson and encoding/json wrote before (members
// id, type, geometry, properties; properties in alphabetical order; <, >
// and & escaped), appended directly: the national file has 25,000 features
// and reflection over a map per feature cost most of a second.
func GeoJSON(venues []*site.Venue, abs func(string) string) ([]byte, error) {
	return appendenc.Bytes(func(w io.Writer) error { return WriteGeoJSON(w, venues, abs) })
}

// WriteGeoJSON writes GeoJSON feature by feature, for the national file
// (tens of megabytes) not to be held in memory.
func WriteGeoJSON(w io.Writer, venues []*site.Venue, abs func(string) string) error {
	c := appendenc.NewChunks(w)
	c.B = append(c.B, `{"type":"FeatureCollection","features":[`...)
	for i, v := range venues {
		if i > 0 {
			c.B = append(c.B, ',')
		}
		c.B = append(c.B, '\n') // one feature per line: releases diff line by line
		c.B = appendFeature(c.B, v, abs)
		c.Flush()
	}
	c.B = append(c.B, "\n]}\n"...)
	return c.Close()
}

func appendFeature(b []byte, v *site.Venue, abs func(string) string) []byte {
	str := appendenc.JSONStringHTML
	list := func(b []byte, s []string) []byte { return appendenc.JSONStrings(b, s, true) }
	b = append(b, `{"id":`...)
	b = str(b, v.ID)
	b = append(b, `,"type":"Feature","geometry":`...)
	if v.HasPoint {
		b = append(b, `{"type":"Point","coordinates":[`...)
		b = appendenc.JSONFloat(b, round6(v.Point.Lon()))
		b = append(b, ',')
		b = appendenc.JSONFloat(b, round6(v.Point.Lat()))
		b = append(b, "]}"...)
	} else {
		b = append(b, "null"...)
	}
	dep := ""
	if v.Dept != nil {
		dep = v.Dept.Code
	}
	b = append(b, `,"properties":{"adresse":`...)
	b = str(b, v.Adresse)
	b = append(b, `,"code_postal":`...)
	b = str(b, v.CodePostal)
	b = append(b, `,"commune":`...)
	b = str(b, v.Commune)
	b = append(b, `,"departement":`...)
	b = str(b, dep)
	b = append(b, `,"frais_a_charge":`...)
	b = list(b, v.FeeList)
	b = append(b, `,"id":`...)
	b = str(b, v.ID) // also here: some tools keep only properties
	b = append(b, `,"modalites_acces":`...)
	b = list(b, v.AccessList)
	b = append(b, `,"modalites_accompagnement":`...)
	b = list(b, v.AccompanimentList)
	b = append(b, `,"nom":`...)
	b = str(b, v.Nom)
	b = append(b, `,"pass_numerique":`...)
	b = appendenc.JSONBool(b, v.Pass)
	b = append(b, `,"prise_en_charge_specifique":`...)
	b = list(b, v.SupportList)
	b = append(b, `,"publics_specifiquement_adresses":`...)
	b = list(b, v.PublicList)
	b = append(b, `,"qualifie":`...)
	b = appendenc.JSONBool(b, v.IsQualified())
	b = append(b, `,"services":`...)
	b = list(b, v.ServiceList)
	b = append(b, `,"services_qualifies":[`...)
	for i, s := range v.Qualified {
		if i > 0 {
			b = append(b, ',')
		}
		b = str(b, s.Code)
	}
	b = append(b, `],"url":`...)
	b = str(b, abs(v.URL))
	return append(b, "}}"...)
}

// round6 keeps 6 decimals (about 10 cm), the most RFC 7946 recommends.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }
