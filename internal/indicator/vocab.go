package indicator

import "labo/internal/content"

// Closed vocabularies of the usage records, with French labels, in display
// order. "nr" (non renseigné) is a category of its own so that every
// breakdown partitions the records and totals add up.
var (
	AgeBands = []content.Label{
		{Slug: "15-24", Name: "15 à 24 ans"}, {Slug: "25-34", Name: "25 à 34 ans"}, {Slug: "35-49", Name: "35 à 49 ans"},
		{Slug: "50-64", Name: "50 à 64 ans"}, {Slug: "65-79", Name: "65 à 79 ans"}, {Slug: "80+", Name: "80 ans et plus"},
		{Slug: "nr", Name: "Non renseigné"},
	}
	Sexes = []content.Label{
		{Slug: "F", Name: "Femmes"}, {Slug: "M", Name: "Hommes"}, {Slug: "nr", Name: "Non renseigné"},
	}
	Diplomas = []content.Label{
		{Slug: "aucun", Name: "Sans diplôme"}, {Slug: "cap-bep", Name: "CAP, BEP ou brevet"},
		{Slug: "bac", Name: "Baccalauréat"}, {Slug: "superieur", Name: "Études supérieures"},
		{Slug: "nr", Name: "Non renseigné"},
	}
	Distributors = []content.Label{
		{Slug: "ccas", Name: "CCAS"}, {Slug: "caf", Name: "CAF"}, {Slug: "france-travail", Name: "France Travail"},
		{Slug: "departement", Name: "Services sociaux du département"}, {Slug: "mission-locale", Name: "Mission locale"},
		{Slug: "cri", Name: "Centre ressources illettrisme"}, {Slug: "association", Name: "Association"},
		{Slug: "mairie", Name: "Mairie"}, {Slug: "lieu", Name: "Lieu de médiation"},
	}
	YesNo = []content.Label{{Slug: "oui", Name: "Oui"}, {Slug: "non", Name: "Non"}}
)

// venueTypes names the typologies of the national venue standard used by
// the demo; other codes are shown as they are.
var venueTypes = map[string]string{
	"ASSO": "Association", "CCAS": "CCAS", "CS": "Centre social", "EPN": "Espace public numérique",
	"FS": "France Services", "MAIRIE": "Mairie", "MEDIATHEQUE": "Médiathèque", "PIMMS": "Point information médiation",
	"TIERS_LIEUX": "Tiers-lieu", "MJC": "Maison des jeunes et de la culture", "BIB": "Bibliothèque",
	"CAF": "CAF", "FT": "France Travail", "ML": "Mission locale", "SCOP": "Coopérative",
}

// VenueTypeName returns the French label of a venue typology code.
func VenueTypeName(code string) string {
	if n, ok := venueTypes[code]; ok {
		return n
	}
	return code
}

func slugs(ls []content.Label) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.Slug
	}
	return out
}

func indexOf(ls []content.Label, slug string) int {
	for i, l := range ls {
		if l.Slug == slug {
			return i
		}
	}
	return -1
}
