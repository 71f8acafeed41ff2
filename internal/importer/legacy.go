package importer

import (
	"strings"

	"labo/internal/frtext"
)

// target is where a source value goes in the v1 standard. An empty Field
// means the v1 standard has no place for it: the value is reported, not kept.
type target struct {
	Field, Value string
	Note         string // why the value changed or was dropped, in French
}

// key folds a vocabulary value for matching: lowercase, no accents, straight
// apostrophes, spaces collapsed, and only the part before " : " (v0.1 values carry an
// explanation after a colon: "Gratuit : Je peux accéder…").
func key(s string) string {
	if before, _, ok := strings.Cut(s, " : "); ok {
		s = before
	}
	s = strings.ReplaceAll(s, "’", "'")
	return strings.Join(strings.Fields(strings.ToLower(frtext.Fold(s))), " ")
}

// mapping sends one v0.1 value to its v1 place(s).
type mapping struct {
	From string
	To   []target
}

// LegacyTable maps the values of the v0.1 vocabularies to v1, column by
// column. docs/open-data.md shows it (a test keeps the two in step).
var LegacyTable = []struct {
	Column string
	Values []mapping
}{
	{"services", []mapping{
		{"Devenir autonome dans les démarches administratives", []target{{"services", "Aide aux démarches administratives", ""}}},
		{"Réaliser des démarches administratives avec un accompagnement", []target{{"services", "Aide aux démarches administratives", ""}}},
		{"Accompagner les démarches de santé", []target{{"services", "Aide aux démarches administratives", ""}}},
		{"Prendre en main un smartphone ou une tablette", []target{{"services", "Maîtrise des outils numériques du quotidien", ""}}},
		{"Prendre en main un ordinateur", []target{{"services", "Maîtrise des outils numériques du quotidien", ""}}},
		{"Utiliser le numérique au quotidien", []target{{"services", "Maîtrise des outils numériques du quotidien", ""}}},
		{"Approfondir ma culture numérique", []target{{"services", "Compréhension du monde numérique", ""}}},
		{"Promouvoir la citoyenneté numérique", []target{{"services", "Utilisation sécurisée du numérique", ""}}},
		{"Favoriser mon insertion professionnelle", []target{{"services", "Insertion professionnelle via le numérique", ""}}},
		{"Créer et développer mon entreprise", []target{{"services", "Insertion professionnelle via le numérique", ""}}},
		{"Accéder à une connexion internet", []target{{"services", "Accès internet et matériel informatique", ""}}},
		{"Accéder à du matériel", []target{{"services", "Accès internet et matériel informatique", ""}}},
		{"S'équiper en matériel informatique", []target{{"services", "Acquisition de matériel informatique à prix solidaire", ""}}},
		{"Créer avec le numérique", []target{{"services", "Loisirs et créations numériques", ""}}},
		{"Soutenir la parentalité et l'éducation avec le numérique", []target{{"services", "Parentalité et éducation avec le numérique", ""}}},
	}},
	{"publics_accueillis", []mapping{
		{"Seniors (+ 65 ans)", []target{{"publics_specifiquement_adresses", "Seniors", ""}}},
		{"Familles/enfants", []target{{"publics_specifiquement_adresses", "Familles et/ou enfants", ""}}},
		{"Jeunes (16-26 ans)", []target{{"publics_specifiquement_adresses", "Jeunes", ""}}},
		{"Uniquement femmes", []target{{"publics_specifiquement_adresses", "Femmes", ""}}},
		{"Adultes", []target{{"", "", "« Adultes » n'existe plus en v1 : sans public précisé, le lieu accueille tout public"}}},
		{"Public langues étrangères", []target{{"prise_en_charge_specifique", "Langues étrangères (autres)", ""}}},
		{"Déficience visuelle", []target{{"prise_en_charge_specifique", "Déficience visuelle", ""}}},
		{"Surdité", []target{{"prise_en_charge_specifique", "Surdité", ""}}},
		{"Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales", []target{{"prise_en_charge_specifique", "Handicaps mentaux", "v1 n'a pas de valeur « handicaps psychiques » : classé en « Handicaps mentaux »"}}},
		{"Handicaps mentaux : déficiences limitant les activités d'une personne", []target{{"prise_en_charge_specifique", "Handicaps mentaux", ""}}},
		{"Personnes en situation d'illettrisme", []target{{"prise_en_charge_specifique", "Illettrisme", ""}}},
	}},
	{"conditions_acces", []mapping{
		{"Gratuit : Je peux accéder gratuitement au lieu et à ses services", []target{{"frais_a_charge", "Gratuit", ""}}},
		{"Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)", []target{{"frais_a_charge", "Gratuit sous condition", ""}}},
		{"Payant : L'accès au lieu et/ou à ses services est payant", []target{{"frais_a_charge", "Payant", ""}}},
		{"Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer", []target{{"frais_a_charge", "Payant", "l'adhésion payante devient « Payant » en v1"}}},
		{"Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu", []target{{"", "", "v1 n'a pas de champ pour le Pass numérique : si le lieu est qualifié, ajoutez-le à data/qualifications.csv"}}},
	}},
	{"modalites_accompagnement", []mapping{
		{"Seul : j'ai accès à du matériel et une connexion", []target{{"modalites_accompagnement", "En autonomie", ""}}},
		{"Avec de l'aide : je suis accompagné seul dans l'usage du numérique", []target{{"modalites_accompagnement", "Accompagnement individuel", ""}}},
		{"Dans un atelier : j'apprends collectivement à utiliser le numérique", []target{{"modalites_accompagnement", "Dans un atelier collectif", ""}}},
		{"A ma place : une personne habilitée fait les démarches à ma place", []target{{"modalites_accompagnement", "Accompagnement individuel", "v1 n'a pas de valeur « à ma place » : classé en « Accompagnement individuel » ; qualifiez le lieu pour les services « faire à la place » (DEM-01, DEM-05) si c'est le cas"}}},
	}},
	{"labels_nationaux", []mapping{
		{"France Services", []target{{"dispositif_programmes_nationaux", "France Services", ""}}},
		{"CNFS", []target{{"dispositif_programmes_nationaux", "Conseillers numériques", ""}}},
		{"Aidants Connect", []target{{"dispositif_programmes_nationaux", "Aidants Connect", ""}}},
		{"Grandes écoles du numérique", []target{{"dispositif_programmes_nationaux", "Grande école du numérique", ""}}},
		{"Point relais CAF", []target{{"dispositif_programmes_nationaux", "Point d'accès numérique CAF", ""}}},
		{"Point numérique CAF", []target{{"dispositif_programmes_nationaux", "Point d'accès numérique CAF", ""}}},
		{"Fabriques de Territoire", []target{{"formations_labels", "Fabriques de Territoire", ""}}},
		{"APTIC", []target{{"autres_formations_labels", "APTIC", ""}}},
		{"Relais pôle emploi", []target{{"autres_formations_labels", "Relais Pôle emploi", ""}}},
		{"French Tech", []target{{"autres_formations_labels", "French Tech", ""}}},
		{"Campus connecté", []target{{"autres_formations_labels", "Campus connecté", ""}}},
	}},
}

// legacy indexes LegacyTable by column and folded value (see key).
var legacy = func() map[string]map[string][]target {
	out := map[string]map[string][]target{}
	for _, col := range LegacyTable {
		m := map[string][]target{}
		for _, v := range col.Values {
			m[key(v.From)] = v.To
		}
		out[col.Column] = m
	}
	return out
}()

// renamed are v0.1 columns whose content moves as is to a v1 column.
var renamed = map[string]string{
	"courriel":      "courriels",
	"accessibilite": "fiche_acces_libre",
	"labels_autres": "autres_formations_labels",
}
