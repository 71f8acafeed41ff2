package opendata

import (
	"bytes"
	"encoding/json"
	"math"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"labo/internal/dataset"
	"labo/internal/site"
)

// geoProps are the properties of a venue feature in lieux.geojson.
type geoProps struct {
	ID                string   `json:"id"`
	Nom               string   `json:"nom"`
	Commune           string   `json:"commune"`
	CodePostal        string   `json:"code_postal"`
	Services          []string `json:"services"`
	ServicesQualifies []string `json:"services_qualifies"`
	PassNumerique     bool     `json:"pass_numerique"`
	URL               string   `json:"url"`
}

// round6 keeps 6 decimals (about 10 cm), the precision RFC 7946 recommends
// not to exceed.
func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

// geojsonDataset publishes the venues that have coordinates as an RFC 7946
// FeatureCollection (WGS 84, longitude first), one feature per line.
func geojsonDataset(s *site.Site, updated time.Time) *dataset.Dataset {
	return &dataset.Dataset{
		Name: "lieux-geojson", Path: Dir + "/lieux.geojson", Group: "lieux",
		Title:       "Lieux de médiation numérique (GeoJSON, pour les cartes)",
		Description: "Les lieux qui ont des coordonnées, en GeoJSON (RFC 7946, WGS 84, 6 décimales au plus) : identifiant, nom, commune, services du standard national, codes des services pour lesquels le lieu est qualifié, Pass numérique accepté et adresse de sa page.",
		Format:      "geojson", MediaType: "application/geo+json",
		Schema: []dataset.Field{
			{Name: "id", Type: "string", Title: "Identifiant du lieu", Required: true, Unique: true},
			{Name: "nom", Type: "string", Title: "Nom", Required: true},
			{Name: "commune", Type: "string", Title: "Commune", Required: true},
			{Name: "code_postal", Type: "string", Title: "Code postal", Required: true},
			{Name: "services", Type: "array", Title: "Services du standard national"},
			{Name: "services_qualifies", Type: "array", Title: "Codes des services qualifiés", Description: "Codes du référentiel pour lesquels le lieu est qualifié à la date de publication."},
			{Name: "pass_numerique", Type: "boolean", Title: "Accepte le Pass numérique"},
			{Name: "url", Type: "string", Title: "Page du lieu"},
		},
		Updated: updated, Keywords: []string{"médiation numérique", "carte", "lieux"},
		Make: func() ([]byte, error) { return venuesGeoJSON(s) },
	}
}

func venuesGeoJSON(s *site.Site) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	first := true
	for _, v := range s.Venues {
		if !v.HasPoint {
			continue
		}
		f := geojson.FeatureOf[geoProps]{
			ID:       v.ID,
			Type:     "Feature",
			Geometry: orb.Point{round6(v.Point.Lon()), round6(v.Point.Lat())},
			Properties: geoProps{
				ID: v.ID, Nom: v.Nom, Commune: v.Commune, CodePostal: v.CodePostal,
				Services: nonNil(v.ServiceList), ServicesQualifies: []string{}, PassNumerique: v.Pass,
				URL: s.Config.Abs(v.URL),
			},
		}
		for _, svc := range v.Qualified {
			f.Properties.ServicesQualifies = append(f.Properties.ServicesQualifies, svc.Code)
		}
		j, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString("\n")
		b.Write(j)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}
