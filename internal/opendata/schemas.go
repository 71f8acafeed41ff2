package opendata

import (
	"strings"

	"labo/internal/changelog"
	"labo/internal/dataset"
	"labo/internal/qualification"
	"labo/internal/referential"
	"labo/internal/venue"
)

// multi is appended to the description of multi-valued columns.
const multi = " Plusieurs valeurs séparées par « | »."

// lieuxSchema describes the 32 columns of the national venue standard
// v1.0.2, in its order, with its types, required columns and vocabularies.
// Descriptions are Labo's own short French wording; the standard's
// documentation is at StandardURL.
func lieuxSchema() []dataset.Field {
	s := func(name, title, desc string) dataset.Field {
		return dataset.Field{Name: name, Type: "string", Title: title, Description: desc}
	}
	req := func(f dataset.Field) dataset.Field { f.Required = true; return f }
	pat := func(f dataset.Field, p string) dataset.Field { f.Pattern = p; return f }
	voc := func(f dataset.Field, values []string) dataset.Field {
		f.Pattern = venue.VocabularyPattern(values)
		f.Values = values
		f.Description += multi
		return f
	}
	ex := func(f dataset.Field, e string) dataset.Field { f.Example = e; return f }
	id := req(pat(s("id", "Identifiant unique local du lieu", "Identifiant stable du lieu chez Labo : lettres minuscules, chiffres et tirets. C'est aussi l'adresse de sa page, /lieux/<id>/."), venue.IDPattern))
	id.Unique = true
	resume := s("presentation_resume", "Présentation résumée", "Courte description du lieu, 280 caractères au plus.")
	resume.MaxLength = venue.MaxResume
	return []dataset.Field{
		ex(id, "63-clermont-mediatheque-jaude"),
		ex(req(pat(s("pivot", "SIRET ou RNA ou RIDET", "Numéro SIRET, RNA ou RIDET de la structure (9 à 14 lettres ou chiffres) ; 00000000000000 quand il n'est pas connu."), venue.PivotPattern)), "43493312300029"),
		req(s("nom", "Nom", "Nom du lieu.")),
		req(s("commune", "Commune", "Nom de la commune de l'adresse.")),
		ex(req(pat(s("code_postal", "Code postal", "Code postal de l'adresse, 5 chiffres."), venue.PostcodePattern)), "63000"),
		ex(pat(s("code_insee", "Code INSEE", "Code officiel géographique de la commune."), venue.InseePattern), "63113"),
		req(s("adresse", "Adresse", "Numéro et voie.")),
		s("complement_adresse", "Complément d'adresse", "Étage, bâtiment, entrée : ce qui aide à trouver le lieu."),
		{Name: "latitude", Type: "number", Title: "Latitude", Description: "Latitude en degrés décimaux (WGS 84).", Example: "45.7776"},
		{Name: "longitude", Type: "number", Title: "Longitude", Description: "Longitude en degrés décimaux (WGS 84).", Example: "3.0825"},
		s("typologie", "Typologie", "Type de structure selon la nomenclature de data·inclusion (MEDIATHEQUE, CCAS, FS…)."+multi),
		ex(pat(s("telephone", "Numéro de téléphone", "Numéro au format international, sans espace : +33 puis 9 chiffres."), venue.TelephonePattern), "+33473990273"),
		s("courriels", "Courriel(s)", "Adresses électroniques de contact."+multi),
		s("site_web", "Site web", "Adresses des sites et des réseaux sociaux du lieu."+multi),
		ex(s("horaires", "Horaires", "Horaires d'ouverture au format OpenStreetMap opening_hours."), "Mo-Fr 09:00-12:00,14:00-17:00; PH off"),
		resume,
		s("presentation_detail", "Présentation détaillée", "Description plus longue du lieu et de son accompagnement."),
		s("source", "Structure collectant la donnée", "Structure qui a recueilli et tient à jour l'information."),
		voc(s("itinerance", "Itinérance", "Le lieu est fixe ou itinérant (bus, permanence mobile)."), venue.Itinerance),
		s("structure_parente", "Structure parente", "Réseau ou structure dont dépend le lieu."),
		ex(req(dataset.Field{Name: "date_maj", Type: "date", Title: "Date de mise à jour", Description: "Date de la dernière vérification des informations, AAAA-MM-JJ."}), "2026-09-12"),
		voc(s("services", "Services", "Services proposés, selon la liste du standard national."), venue.Services),
		voc(s("publics_specifiquement_adresses", "Publics spécifiquement adressés", "Publics auxquels le lieu s'adresse en particulier (vide : tout public)."), venue.Publics),
		voc(s("prise_en_charge_specifique", "Prise en charge spécifique", "Besoins particuliers que le lieu sait accompagner."), venue.PrisesEnCharge),
		voc(s("frais_a_charge", "Frais à charge", "Conditions financières d'accès."), venue.Frais),
		voc(s("dispositif_programmes_nationaux", "Dispositifs et programmes nationaux", "Programmes nationaux auxquels le lieu appartient."), venue.Dispositifs),
		voc(s("formations_labels", "Formations et labels", "Formations suivies et labels obtenus."), venue.FormationsLabels),
		s("autres_formations_labels", "Autres formations et labels", "Autres formations ou labels, en texte libre."+multi),
		voc(s("modalites_acces", "Modalités d'accès", "Comment accéder au lieu et à ses services."), venue.ModalitesAcces),
		voc(s("modalites_accompagnement", "Modalités d'accompagnement", "Formes d'accompagnement proposées."), venue.ModalitesAccompagnement),
		s("fiche_acces_libre", "Fiche Accès libre", "Adresse de la fiche d'accessibilité du lieu sur acceslibre.beta.gouv.fr."),
		s("prise_rdv", "Prise de rendez-vous", "Adresse de prise de rendez-vous en ligne."),
	}
}

// referentielSchema describes referentiel.csv.
func referentielSchema() []dataset.Field {
	return []dataset.Field{
		{Name: "code", Type: "string", Title: "Code", Description: "Code stable du service : famille, tiret, numéro.", Required: true, Unique: true, Pattern: `^[A-Z]{3}-\d{2}$`, Example: "DEM-01"},
		{Name: "famille", Type: "string", Title: "Famille", Description: "Code de la famille de services.", Required: true, Pattern: `^[A-Z]{3}$`, Example: "DEM"},
		{Name: "famille_titre", Type: "string", Title: "Titre de la famille", Required: true},
		{Name: "titre", Type: "string", Title: "Titre du service", Required: true},
		{Name: "description", Type: "string", Title: "Description", Description: "Ce que la personne va faire, en langage simple.", Required: true},
		{Name: "niveau", Type: "string", Title: "Niveau", Required: true, Enum: referential.Levels},
		{Name: "etape", Type: "string", Title: "Étape", Description: "Étape du parcours : Atteindre, Rapprocher, Orienter, Résoudre, R(é)assurer, Émanciper.", Required: true, Enum: referential.Steps},
		{Name: "formats", Type: "string", Title: "Formats", Description: "Individuel, collectif ou à distance." + multi, Required: true, Pattern: venue.VocabularyPattern(referential.Formats), Values: referential.Formats},
		{Name: "duree", Type: "string", Title: "Durée habituelle", Example: "1 h"},
		{Name: "duree_minutes", Type: "integer", Title: "Durée en minutes", Example: "60"},
		{Name: "cheques", Type: "integer", Title: "Chèques Pass numérique", Description: "Nombre de chèques de 10 € habituellement demandés.", Example: "1"},
		{Name: "faire_a_la_place", Type: "boolean", Title: "Faire à la place", Description: "true quand, en cas d'urgence, le médiateur peut faire la démarche pour la personne."},
		{Name: "services_nationaux", Type: "string", Title: "Services du standard national", Description: "Valeurs du champ services du standard national qui correspondent." + multi, Pattern: venue.VocabularyPattern(venue.Services), Values: venue.Services},
		{Name: "a_apporter", Type: "string", Title: "À apporter", Description: "Ce que la personne doit apporter." + multi},
		{Name: "mots_cles", Type: "string", Title: "Mots-clés", Description: "Mots de recherche supplémentaires." + multi},
		{Name: "lieux_qualifies", Type: "integer", Title: "Lieux qualifiés", Description: "Nombre de lieux qualifiés pour ce service à la date de publication.", Required: true},
		{Name: "url", Type: "string", Format: "uri", Title: "Page du service", Required: true},
	}
}

// qualificationsSchema describes qualifications.csv: the input columns,
// with the status evaluated on the publication date.
func qualificationsSchema() []dataset.Field {
	return []dataset.Field{
		{Name: "lieu_id", Type: "string", Title: "Identifiant du lieu", Description: "Identifiant du lieu dans lieux.csv.", Required: true, Pattern: venue.IDPattern},
		{Name: "services", Type: "string", Title: "Services qualifiés", Description: "Codes du référentiel pour lesquels le lieu est qualifié." + multi, Required: true, Pattern: `^[A-Z]{3}-\d{2}(\|[A-Z]{3}-\d{2})*$`},
		{Name: "statut", Type: "string", Title: "Statut à la date de publication", Description: "« qualifiée » seulement si la qualification est en vigueur à la date de publication.", Required: true, Enum: qualification.Statuses},
		{Name: "qualifie_le", Type: "date", Title: "Qualifié le"},
		{Name: "expire_le", Type: "date", Title: "Expire le"},
		{Name: "pass_numerique", Type: "string", Title: "Accepte le Pass numérique", Required: true, Enum: []string{"oui", "non"}},
	}
}

// changesSchema describes changements.csv.
func changesSchema() []dataset.Field {
	return []dataset.Field{
		{Name: "publication", Type: "date", Title: "Date de cette publication", Required: true},
		{Name: "publication_precedente", Type: "date", Title: "Date de la publication précédente", Description: "Vide quand elle n'est pas connue."},
		{Name: "type", Type: "string", Title: "Type de changement", Required: true, Enum: changelog.Kinds},
		{Name: "lieu_id", Type: "string", Title: "Identifiant du lieu", Required: true},
		{Name: "nom", Type: "string", Title: "Nom du lieu", Required: true},
		{Name: "commune", Type: "string", Title: "Commune"},
		{Name: "code_postal", Type: "string", Title: "Code postal"},
		{Name: "champs", Type: "string", Title: "Colonnes modifiées", Description: "Pour un lieu modifié, les colonnes du standard national qui ont changé." + multi},
		{Name: "detail", Type: "string", Title: "Détail", Description: "Le changement en une phrase.", Required: true},
	}
}

// referentielJSONSchema describes referentiel.json: the columns of the CSV,
// with lists as arrays and the family as an object.
func referentielJSONSchema() []dataset.Field {
	var out []dataset.Field
	for _, f := range referentielSchema() {
		switch f.Name {
		case "famille":
			f = dataset.Field{Name: "famille", Type: "object", Title: "Famille", Description: "La famille du service : code, titre et description.", Required: true}
		case "famille_titre":
			continue
		case "formats", "services_nationaux", "a_apporter", "mots_cles":
			f.Type = "array"
			f.Pattern = ""
			f.Description = strings.TrimSuffix(f.Description, multi)
		}
		out = append(out, f)
	}
	return out
}
