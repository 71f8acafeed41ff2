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

// legacy maps the values of v0.1 vocabularies (keys folded by key) to v1.
// The table is documented in docs/open-data.md.
var legacy = map[string]map[string][]target{
	"services": {
		key("Devenir autonome dans les démarches administratives"):           {{"services", "Aide aux démarches administratives", ""}},
		key("Réaliser des démarches administratives avec un accompagnement"): {{"services", "Aide aux démarches administratives", ""}},
		key("Accompagner les démarches de santé"):                            {{"services", "Aide aux démarches administratives", ""}},
		key("Prendre en main un smartphone ou une tablette"):                 {{"services", "Maîtrise des outils numériques du quotidien", ""}},
		key("Prendre en main un ordinateur"):                                 {{"services", "Maîtrise des outils numériques du quotidien", ""}},
		key("Utiliser le numérique au quotidien"):                            {{"services", "Maîtrise des outils numériques du quotidien", ""}},
		key("Approfondir ma culture numérique"):                              {{"services", "Compréhension du monde numérique", ""}},
		key("Promouvoir la citoyenneté numérique"):                           {{"services", "Utilisation sécurisée du numérique", ""}},
		key("Favoriser mon insertion professionnelle"):                       {{"services", "Insertion professionnelle via le numérique", ""}},
		key("Créer et développer mon entreprise"):                            {{"services", "Insertion professionnelle via le numérique", ""}},
		key("Accéder à une connexion internet"):                              {{"services", "Accès internet et matériel informatique", ""}},
		key("Accéder à du matériel"):                                         {{"services", "Accès internet et matériel informatique", ""}},
		key("S'équiper en matériel informatique"):                            {{"services", "Acquisition de matériel informatique à prix solidaire", ""}},
		key("Créer avec le numérique"):                                       {{"services", "Loisirs et créations numériques", ""}},
		key("Soutenir la parentalité et l'éducation avec le numérique"):      {{"services", "Parentalité et éducation avec le numérique", ""}},
	},
	"publics_accueillis": {
		key("Seniors (+ 65 ans)"):                   {{"publics_specifiquement_adresses", "Seniors", ""}},
		key("Familles/enfants"):                     {{"publics_specifiquement_adresses", "Familles et/ou enfants", ""}},
		key("Jeunes (16-26 ans)"):                   {{"publics_specifiquement_adresses", "Jeunes", ""}},
		key("Uniquement femmes"):                    {{"publics_specifiquement_adresses", "Femmes", ""}},
		key("Adultes"):                              {{"", "", "« Adultes » n'existe plus en v1 : sans public précisé, le lieu accueille tout public"}},
		key("Public langues étrangères"):            {{"prise_en_charge_specifique", "Langues étrangères (autres)", ""}},
		key("Déficience visuelle"):                  {{"prise_en_charge_specifique", "Déficience visuelle", ""}},
		key("Surdité"):                              {{"prise_en_charge_specifique", "Surdité", ""}},
		key("Handicaps psychiques"):                 {{"prise_en_charge_specifique", "Handicaps mentaux", "v1 n'a pas de valeur « handicaps psychiques » : classé en « Handicaps mentaux »"}},
		key("Handicaps mentaux"):                    {{"prise_en_charge_specifique", "Handicaps mentaux", ""}},
		key("Personnes en situation d'illettrisme"): {{"prise_en_charge_specifique", "Illettrisme", ""}},
	},
	"conditions_acces": {
		key("Gratuit"):                   {{"frais_a_charge", "Gratuit", ""}},
		key("Gratuit sous condition"):    {{"frais_a_charge", "Gratuit sous condition", ""}},
		key("Payant"):                    {{"frais_a_charge", "Payant", ""}},
		key("Adhésion"):                  {{"frais_a_charge", "Payant", "l'adhésion payante devient « Payant » en v1"}},
		key("Accepte le Pass numérique"): {{"", "", "v1 n'a pas de champ pour le Pass numérique : si le lieu est qualifié, ajoutez-le à data/qualifications.csv"}},
	},
	"modalites_accompagnement": {
		key("Seul"):            {{"modalites_accompagnement", "En autonomie", ""}},
		key("Avec de l'aide"):  {{"modalites_accompagnement", "Accompagnement individuel", ""}},
		key("Dans un atelier"): {{"modalites_accompagnement", "Dans un atelier collectif", ""}},
		key("A ma place"):      {{"modalites_accompagnement", "Accompagnement individuel", "v1 n'a pas de valeur « à ma place » : classé en « Accompagnement individuel » ; qualifiez le lieu pour les services « faire à la place » (DEM-01, DEM-05) si c'est le cas"}},
	},
	"labels_nationaux": {
		key("France Services"):             {{"dispositif_programmes_nationaux", "France Services", ""}},
		key("CNFS"):                        {{"dispositif_programmes_nationaux", "Conseillers numériques", ""}},
		key("Aidants Connect"):             {{"dispositif_programmes_nationaux", "Aidants Connect", ""}},
		key("Grandes écoles du numérique"): {{"dispositif_programmes_nationaux", "Grande école du numérique", ""}},
		key("Point relais CAF"):            {{"dispositif_programmes_nationaux", "Point d'accès numérique CAF", ""}},
		key("Point numérique CAF"):         {{"dispositif_programmes_nationaux", "Point d'accès numérique CAF", ""}},
		key("Fabriques de Territoire"):     {{"formations_labels", "Fabriques de Territoire", ""}},
		key("APTIC"):                       {{"autres_formations_labels", "APTIC", ""}},
		key("Relais pôle emploi"):          {{"autres_formations_labels", "Relais Pôle emploi", ""}},
		key("French Tech"):                 {{"autres_formations_labels", "French Tech", ""}},
		key("Campus connecté"):             {{"autres_formations_labels", "Campus connecté", ""}},
	},
}

// renamed are v0.1 columns whose content moves as is to a v1 column.
var renamed = map[string]string{
	"courriel":      "courriels",
	"accessibilite": "fiche_acces_libre",
	"labels_autres": "autres_formations_labels",
}
