package venue

import (
	"regexp"
	"strings"
)

// Columns of the national standard for digital-mediation venues v1.0.2, in
// the standard's order (schema.data.gouv.fr LaMednum/standard-mediation-num).
var Columns = []string{
	"id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse",
	"complement_adresse", "latitude", "longitude", "typologie", "telephone",
	"courriels", "site_web", "horaires", "presentation_resume",
	"presentation_detail", "source", "itinerance", "structure_parente",
	"date_maj", "services", "publics_specifiquement_adresses",
	"prise_en_charge_specifique", "frais_a_charge",
	"dispositif_programmes_nationaux", "formations_labels",
	"autres_formations_labels", "modalites_acces", "modalites_accompagnement",
	"fiche_acces_libre", "prise_rdv",
}

// Row is one line of a national-standard CSV, every field as written.
type Row struct {
	ID                      string `csv:"id" json:"id"`
	Pivot                   string `csv:"pivot" json:"pivot"`
	Nom                     string `csv:"nom" json:"nom"`
	Commune                 string `csv:"commune" json:"commune"`
	CodePostal              string `csv:"code_postal" json:"code_postal"`
	CodeInsee               string `csv:"code_insee" json:"code_insee,omitempty"`
	Adresse                 string `csv:"adresse" json:"adresse"`
	ComplementAdresse       string `csv:"complement_adresse" json:"complement_adresse,omitempty"`
	Latitude                string `csv:"latitude" json:"latitude,omitempty"`
	Longitude               string `csv:"longitude" json:"longitude,omitempty"`
	Typologie               string `csv:"typologie" json:"typologie,omitempty"`
	Telephone               string `csv:"telephone" json:"telephone,omitempty"`
	Courriels               string `csv:"courriels" json:"courriels,omitempty"`
	SiteWeb                 string `csv:"site_web" json:"site_web,omitempty"`
	Horaires                string `csv:"horaires" json:"horaires,omitempty"`
	PresentationResume      string `csv:"presentation_resume" json:"presentation_resume,omitempty"`
	PresentationDetail      string `csv:"presentation_detail" json:"presentation_detail,omitempty"`
	Source                  string `csv:"source" json:"source,omitempty"`
	Itinerance              string `csv:"itinerance" json:"itinerance,omitempty"`
	StructureParente        string `csv:"structure_parente" json:"structure_parente,omitempty"`
	DateMaj                 string `csv:"date_maj" json:"date_maj"`
	Services                string `csv:"services" json:"services,omitempty"`
	Publics                 string `csv:"publics_specifiquement_adresses" json:"publics_specifiquement_adresses,omitempty"`
	PriseEnCharge           string `csv:"prise_en_charge_specifique" json:"prise_en_charge_specifique,omitempty"`
	Frais                   string `csv:"frais_a_charge" json:"frais_a_charge,omitempty"`
	Dispositifs             string `csv:"dispositif_programmes_nationaux" json:"dispositif_programmes_nationaux,omitempty"`
	FormationsLabels        string `csv:"formations_labels" json:"formations_labels,omitempty"`
	AutresFormations        string `csv:"autres_formations_labels" json:"autres_formations_labels,omitempty"`
	ModalitesAcces          string `csv:"modalites_acces" json:"modalites_acces,omitempty"`
	ModalitesAccompagnement string `csv:"modalites_accompagnement" json:"modalites_accompagnement,omitempty"`
	FicheAccesLibre         string `csv:"fiche_acces_libre" json:"fiche_acces_libre,omitempty"`
	PriseRdv                string `csv:"prise_rdv" json:"prise_rdv,omitempty"`
}

// Vocabularies of the multi-valued fields, exactly as the standard's regular
// expressions spell them. A test checks them against the schema itself.
var (
	Services = []string{
		"Aide aux démarches administratives",
		"Maîtrise des outils numériques du quotidien",
		"Insertion professionnelle via le numérique",
		"Utilisation sécurisée du numérique",
		"Parentalité et éducation avec le numérique",
		"Loisirs et créations numériques",
		"Compréhension du monde numérique",
		"Accès internet et matériel informatique",
		"Acquisition de matériel informatique à prix solidaire",
	}
	Publics        = []string{"Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"}
	PrisesEnCharge = []string{"Surdité", "Handicaps moteurs", "Handicaps mentaux", "Illettrisme",
		"Langues étrangères (anglais)", "Langues étrangères (autres)", "Déficience visuelle"}
	Frais       = []string{"Gratuit", "Gratuit sous condition", "Payant"}
	Dispositifs = []string{"Aidants Connect", "Bibliothèques numérique de référence", "Certification PIX",
		"Conseillers numériques", "Emmaüs Connect", "France Services", "Grande école du numérique",
		"La Croix Rouge", "Point d'accès numérique CAF", "Promeneurs du net", "Relais numérique (Emmaüs Connect)"}
	FormationsLabels = []string{"Formé à « Mon Espace Santé »", "Formé à « DUPLEX » (illettrisme)",
		"Arnia/MedNum BFC (Bourgogne-Franche-Comté)", "Collectif ressources et acteurs réemploi (Normandie)",
		"Étapes numériques(La Poste)", "Fabriques de Territoire", "Les Éclaireurs du numérique (Drôme)",
		"Mes Papiers (Métropole de Lyon)", "ORDI 3.0", "SUD LABS (PACA)"}
	ModalitesAcces = []string{"Se présenter", "Téléphoner", "Contacter par mail", "Prendre un RDV en ligne",
		"Ce lieu n'accueille pas de public", "Envoyer un mail avec une fiche de prescription"}
	ModalitesAccompagnement = []string{"En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"}
	Itinerance              = []string{"Itinérant", "Fixe"}
)

// Sep separates the values of a multi-valued field in standard v1.
const Sep = "|"

// Patterns of the single-valued fields, as the standard writes them, and
// Labo's own rule for ids (they become page addresses).
const (
	IDPattern        = `^[a-z0-9]+(-[a-z0-9]+)*$`
	PivotPattern     = `^[a-zA-Z0-9]{9,14}$`
	PostcodePattern  = `^\d{5}$`
	InseePattern     = `^([013-9]\d|2[AB1-9])\d{3}$`
	TelephonePattern = `^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$`
)

// PivotPlaceholder is the pivot the national map uses when a venue's SIRET
// or RNA is unknown. It satisfies the pattern but identifies nothing.
const PivotPlaceholder = "00000000000000"

// VocabularyPattern is the standard's regular expression for a multi-valued
// field whose values come from a vocabulary: one or more values separated
// by "|".
func VocabularyPattern(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = regexp.QuoteMeta(v)
	}
	return `(?:(?:^|\|)(` + strings.Join(q, "|") + `))+$`
}
