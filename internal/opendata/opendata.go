// Package opendata publishes the site's open data under /donnees/: the
// venues in the national standard (lieux.csv, lieux.json, lieux.geojson),
// the referential, the qualifications, a data·inclusion export, the change
// log since the previous release, and — once every generator has produced
// its datasets — the catalogue that lists them all: the /donnees/ page,
// datapackage.json (Frictionless), catalogue.jsonld (DCAT-AP), SHA256SUMS,
// LICENCE and CITATION.cff.
//
// Generate is a build generator; Finish is a build finisher that lists
// whatever datasets it is given, including those of other packages.
package opendata

import (
	"io"
	"strconv"
	"strings"
	"time"

	"labo/internal/dataset"
	"labo/internal/render"
	"labo/internal/site"
	"labo/internal/venue"
)

// Dir is the folder of the datasets in the site.
const Dir = "donnees"

// StandardURL is where the national venue standard is published.
const StandardURL = "https://schema.data.gouv.fr/LaMednum/standard-mediation-num/"

// StandardVersion is the version of the standard the venue files follow.
const StandardVersion = "1.0.2"

// Generate returns the datasets of the venues, referential and
// qualifications, the data·inclusion export and the change log.
func Generate(s *site.Site) ([]render.Job, []*dataset.Dataset) {
	updated := latestUpdate(s)
	lieuxKeywords := []string{"médiation numérique", "inclusion numérique", "lieux", "Pass numérique"}
	ds := []*dataset.Dataset{
		{
			Name: "lieux-csv", Path: Dir + "/lieux.csv", Group: "lieux",
			Title:       "Lieux de médiation numérique",
			Description: "Tous les lieux du réseau, au format du standard national des lieux de médiation numérique (version " + StandardVersion + ") : adresse, horaires, services, publics, contacts. Une ligne par lieu ; plusieurs valeurs dans une case sont séparées par « | ».",
			Format:      "csv", MediaType: "text/csv", Schema: lieuxSchema(), PrimaryKey: "id",
			ConformsTo: StandardURL, Updated: updated, Keywords: lieuxKeywords,
			Stream: func(w io.Writer) error { return lieuxCSV(w, s) },
		},
		{
			Name: "lieux-json", Path: Dir + "/lieux.json", Group: "lieux",
			Title:       "Lieux de médiation numérique (JSON)",
			Description: "Les mêmes lieux que lieux.csv, en JSON : un objet par lieu avec les noms de champs du standard national, les champs vides omis, latitude et longitude en nombres.",
			Format:      "json", MediaType: "application/json", Schema: lieuxSchema(), PrimaryKey: "id",
			ConformsTo: StandardURL, Updated: updated, Keywords: lieuxKeywords,
			Stream: func(w io.Writer) error { return lieuxJSON(w, s) },
		},
		geojsonDataset(s, updated),
		{
			Name: "qualifications-csv", Path: Dir + "/qualifications.csv", Group: "qualifications",
			Title:       "Qualifications des lieux",
			Description: "Pour chaque lieu, les services du référentiel pour lesquels il est qualifié, les dates de la qualification et l'acceptation du Pass numérique. Le statut est celui du jour de la publication.",
			Format:      "csv", MediaType: "text/csv", Schema: qualificationsSchema(),
			Keywords: []string{"qualification", "Pass numérique", "médiation numérique"},
			Make:     func() ([]byte, error) { return qualificationsCSV(s) },
		},
		{
			Name: "referentiel-csv", Path: Dir + "/referentiel.csv", Group: "referentiel",
			Title:       "Référentiel des services de médiation numérique",
			Description: "Les services que l'on peut payer avec le Pass numérique, classés par famille : ce que la personne fait, niveau, étape, durée, nombre de chèques, services correspondants du standard national et nombre de lieux qualifiés.",
			Format:      "csv", MediaType: "text/csv", Schema: referentielSchema(), PrimaryKey: "code",
			Keywords: []string{"référentiel", "services", "Pass numérique", "médiation numérique"},
			Make:     func() ([]byte, error) { return referentielCSV(s) },
		},
		{
			Name: "referentiel-json", Path: Dir + "/referentiel.json", Group: "referentiel",
			Title:       "Référentiel des services (JSON)",
			Description: "Le même référentiel en JSON : un objet par service, avec sa famille et les listes (formats, à apporter, mots-clés) en tableaux.",
			Format:      "json", MediaType: "application/json", Schema: referentielJSONSchema(), PrimaryKey: "code",
			Keywords: []string{"référentiel", "services", "Pass numérique"},
			Make:     func() ([]byte, error) { return referentielJSON(s) },
		},
	}
	ds = append(ds, inclusionDatasets(s, updated)...)
	jobs, changes := changeLog(s)
	ds = append(ds, changes)
	return jobs, ds
}

// latestUpdate is the most recent date_maj of the venues (zero when none).
func latestUpdate(s *site.Site) time.Time {
	var t time.Time
	for _, v := range s.Venues {
		if v.Updated.After(t) {
			t = v.Updated
		}
	}
	return t
}

// joinInts formats integers for a CSV cell.
func itoa(n int) string { return strconv.Itoa(n) }

func yesNo(b bool) string {
	if b {
		return "oui"
	}
	return "non"
}

func joinSep(values []string) string { return strings.Join(values, venue.Sep) }
