package mapdata

import (
	"fmt"
	"strings"

	"labo/internal/dataset"
	"labo/internal/geo"
	"labo/internal/render"
	"labo/internal/site"
)

// DeptGeoJSONPath is the GeoJSON of one département's venues, beside its
// list page (/lieux/63-puy-de-dome/lieux.geojson): a download of that page,
// not a dataset of the catalogue (which lists /donnees/lieux.geojson).
func DeptGeoJSONPath(d *site.Dept) string { return strings.TrimPrefix(d.URL, "/") + "lieux.geojson" }

// FichesPath is the national-standard rows of one département's venues.
func FichesPath(code string) string { return FichesDir + code + ".json" }

// embedded is the key of the outputs made from the executable's own tables
// only: their inputs are all in the global key.
const embedded = "embedded"

// Generate returns the jobs of the map's data files and of the GeoJSON of
// each département. The national GeoJSON dataset, /donnees/lieux.geojson, is
// registered by internal/opendata with the other formats of the venues; it
// is written by GeoJSON and described by GeoJSONDescription and Schema.
func Generate(s *site.Site) ([]render.Job, []*dataset.Dataset) {
	abs := s.Config.Abs
	// Keys (render.Job.Key): the outlines and commune files come from
	// tables embedded in the executable, which the global key covers; a
	// département's files show its venues only. A venue edit re-makes the
	// files of its département, not the 800 others.
	jobs := []render.Job{
		{Path: VenuesPath, Make: func() ([]byte, error) { return Venues(s) }},
		{Path: OutlinesPath, Make: Outlines, Key: embedded},
	}
	lists, index := communeFiles(geo.Communes())
	jobs = append(jobs, render.Job{Path: CommunesDir + "index.json", Make: func() ([]byte, error) { return index, nil }, Key: embedded})
	for _, name := range sortedKeys(lists) {
		cs := lists[name]
		jobs = append(jobs, render.Job{Path: CommunesDir + name, Make: func() ([]byte, error) { return file(cs), nil }, Key: embedded})
	}
	for _, d := range s.Depts {
		key := s.DeptKey(d)
		jobs = append(jobs,
			render.Job{Path: FichesPath(d.Code), Make: func() ([]byte, error) { return Fiches(d) }, Key: key},
			render.Job{Path: DeptGeoJSONPath(d), Make: func() ([]byte, error) { return GeoJSON(d.Venues, abs) }, Key: key},
		)
	}
	return jobs, nil
}

// GeoJSONDescription says what /donnees/lieux.geojson holds, for the
// catalogue (internal/opendata registers the dataset in its "lieux" group,
// with GeoJSON as its Make).
func GeoJSONDescription(s *site.Site) string {
	located := 0
	for _, v := range s.Venues {
		if v.HasPoint {
			located++
		}
	}
	return fmt.Sprintf("Les %d lieux, au format GeoJSON (RFC 7946, WGS84, longitude puis latitude, 6 décimales au plus) : "+
		"nom, adresse, services du standard national, services du référentiel pour lesquels le lieu est qualifié "+
		"à la date de publication, publics, accompagnements adaptés, frais, modalités d'accès et d'accompagnement, "+
		"Pass numérique et adresse de sa page. Les %d lieux sans position (itinérants ou sans adresse précise) sont "+
		"présents avec une géométrie vide (null). Chaque page de département propose aussi le fichier de ses lieux.",
		len(s.Venues), len(s.Venues)-located)
}

// Schema describes the id and properties of each Feature of the GeoJSON.
var Schema = []dataset.Field{
	{Name: "id", Type: "string", Title: "Identifiant du lieu", Required: true, Unique: true, Description: "Identifiant du standard national (aussi l'id de la Feature) ; la fiche est /lieux/<id>/."},
	{Name: "nom", Type: "string", Title: "Nom", Required: true},
	{Name: "adresse", Type: "string", Title: "Adresse", Required: true},
	{Name: "commune", Type: "string", Title: "Commune", Required: true},
	{Name: "code_postal", Type: "string", Title: "Code postal", Required: true, Pattern: `^\d{5}$`},
	{Name: "departement", Type: "string", Title: "Code du département", Required: true},
	{Name: "url", Type: "string", Title: "Fiche du lieu", Required: true, Description: "Adresse de la fiche du lieu sur ce site."},
	{Name: "services", Type: "array", Title: "Services (standard national)", Description: "Valeurs du champ services du standard national."},
	{Name: "services_qualifies", Type: "array", Title: "Services qualifiés", Description: "Codes du référentiel (DEM-01…) pour lesquels le lieu est qualifié à la date de mise à jour ; vide si le lieu n'est pas qualifié."},
	{Name: "publics_specifiquement_adresses", Type: "array", Title: "Publics accueillis en priorité"},
	{Name: "prise_en_charge_specifique", Type: "array", Title: "Accompagnements adaptés", Description: "Surdité, illettrisme, handicaps…"},
	{Name: "frais_a_charge", Type: "array", Title: "Frais"},
	{Name: "modalites_acces", Type: "array", Title: "Modalités d'accès"},
	{Name: "modalites_accompagnement", Type: "array", Title: "Modalités d'accompagnement"},
	{Name: "qualifie", Type: "boolean", Title: "Lieu qualifié", Required: true},
	{Name: "pass_numerique", Type: "boolean", Title: "Pass numérique accepté", Required: true},
}
