package opendata

import (
	"io"
	"time"

	"labo/internal/datainclusion"
	"labo/internal/dataset"
	"labo/internal/site"
)

// inclusionDatasets publishes the data·inclusion export: structures.json and
// services.json, each encoded venue by venue when its job runs.
func inclusionDatasets(s *site.Site, updated time.Time) []*dataset.Dataset {
	keywords := []string{"data·inclusion", "offre d'insertion", "médiation numérique"}
	return []*dataset.Dataset{
		{
			Name: "data-inclusion-structures", Path: Dir + "/structures.json", Group: "data-inclusion",
			Title:       "Structures au format data·inclusion",
			Description: "Les lieux décrits comme des « structures » du schéma data·inclusion (version 1), pour alimenter le référentiel national de l'offre d'insertion. Un objet par lieu.",
			Format:      "json", MediaType: "application/json", ConformsTo: datainclusion.StructureSchemaURL,
			Updated: updated, Keywords: keywords,
			Schema: []dataset.Field{
				{Name: "source", Type: "string", Title: "Producteur", Required: true},
				{Name: "id", Type: "string", Title: "Identifiant", Description: "Producteur, deux tirets, identifiant du lieu.", Required: true, Unique: true},
				{Name: "nom", Type: "string", Title: "Nom", Required: true},
				{Name: "date_maj", Type: "date", Title: "Date de mise à jour", Required: true},
				{Name: "siret", Type: "string", Title: "SIRET", Pattern: `^\d{14}$`},
				{Name: "reseaux_porteurs", Type: "array", Title: "Réseaux porteurs", Description: "Déduits des dispositifs nationaux et de la typologie du lieu."},
				{Name: "lien_source", Type: "string", Format: "uri", Title: "Page du lieu"},
			},
			Stream: func(w io.Writer) error { return datainclusion.WriteStructures(w, s) },
		},
		{
			Name: "data-inclusion-services", Path: Dir + "/services.json", Group: "data-inclusion",
			Title:       "Services au format data·inclusion",
			Description: "Un « service » data·inclusion (version 1) par lieu et par service du standard national, avec ses thématiques data·inclusion, ses publics, ses frais et ses modes de mobilisation. La correspondance est documentée dans docs/open-data.md.",
			Format:      "json", MediaType: "application/json", ConformsTo: datainclusion.ServiceSchemaURL,
			Updated: updated, Keywords: keywords,
			Schema: []dataset.Field{
				{Name: "source", Type: "string", Title: "Producteur", Required: true},
				{Name: "structure_id", Type: "string", Title: "Structure", Required: true},
				{Name: "id", Type: "string", Title: "Identifiant", Required: true, Unique: true},
				{Name: "nom", Type: "string", Title: "Nom", Description: "Le service du standard national.", Required: true},
				{Name: "description", Type: "string", Title: "Description", Required: true},
				{Name: "thematiques", Type: "array", Title: "Thématiques data·inclusion"},
				{Name: "type", Type: "string", Title: "Type de service", Enum: []string{"accompagnement", "aide-materielle", "atelier"}},
				{Name: "frais", Type: "string", Title: "Frais", Enum: []string{"gratuit", "payant"}},
				{Name: "publics", Type: "array", Title: "Publics"},
				{Name: "modes_mobilisation", Type: "array", Title: "Modes de mobilisation"},
			},
			Stream: func(w io.Writer) error { return datainclusion.WriteServices(w, s) },
		},
	}
}
