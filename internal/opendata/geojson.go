package opendata

import (
	"io"
	"time"

	"labo/internal/dataset"
	"labo/internal/mapdata"
	"labo/internal/site"
)

// geojsonDataset publishes every venue as an RFC 7946 FeatureCollection
// (WGS 84, longitude first), written by internal/mapdata, which also writes
// one file per département and the map's own data: venues without
// coordinates are kept with a null geometry.
func geojsonDataset(s *site.Site, updated time.Time) *dataset.Dataset {
	return &dataset.Dataset{
		Name: "lieux-geojson", Path: Dir + "/lieux.geojson", Group: "lieux",
		Title:       "Lieux de médiation numérique (GeoJSON, pour les cartes)",
		Description: mapdata.GeoJSONDescription(s),
		Format:      "geojson", MediaType: "application/geo+json",
		Schema: mapdata.Schema, PrimaryKey: "id",
		Updated: updated, Keywords: []string{"médiation numérique", "carte", "lieux"},
		Stream: func(w io.Writer) error { return mapdata.WriteGeoJSON(w, s.Venues, s.Config.Abs) },
	}
}
