// Package datainclusion turns the venues into the two files the national
// inclusion-offer referential data·inclusion collects: structures (one per
// venue) and services (one per venue and national service), following its
// v1 JSON Schemas. The mapping tables below are documented for humans in
// docs/open-data.md; a test keeps every value inside the schemas' enums.
package datainclusion

import (
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"labo/internal/appendenc"
	"labo/internal/frtext"
	"labo/internal/site"
	"labo/internal/venue"
)

// Schema addresses (pinned to the version the export was checked against).
const (
	StructureSchemaURL = "https://github.com/gip-inclusion/data-inclusion-schema/blob/df9ce7ff38d313951193df749e63ec4eb10d8c1a/schemas/v1/structure.json"
	ServiceSchemaURL   = "https://github.com/gip-inclusion/data-inclusion-schema/blob/df9ce7ff38d313951193df749e63ec4eb10d8c1a/schemas/v1/service.json"
)

// Structure is a data·inclusion structure.
type Structure struct {
	Source            string   `json:"source"`
	ID                string   `json:"id"`
	Nom               string   `json:"nom"`
	DateMaj           string   `json:"date_maj"`
	Siret             string   `json:"siret,omitempty"`
	Description       string   `json:"description,omitempty"`
	Adresse           string   `json:"adresse,omitempty"`
	ComplementAdresse string   `json:"complement_adresse,omitempty"`
	CodePostal        string   `json:"code_postal,omitempty"`
	CodeInsee         string   `json:"code_insee,omitempty"`
	Commune           string   `json:"commune,omitempty"`
	Latitude          *float64 `json:"latitude,omitempty"`
	Longitude         *float64 `json:"longitude,omitempty"`
	Telephone         string   `json:"telephone,omitempty"`
	Courriel          string   `json:"courriel,omitempty"`
	SiteWeb           string   `json:"site_web,omitempty"`
	LienSource        string   `json:"lien_source,omitempty"`
	HorairesAccueil   string   `json:"horaires_accueil,omitempty"`
	AccessibiliteLieu string   `json:"accessibilite_lieu,omitempty"`
	ReseauxPorteurs   []string `json:"reseaux_porteurs,omitempty"`
}

// Service is a data·inclusion service.
type Service struct {
	Source                 string   `json:"source"`
	StructureID            string   `json:"structure_id"`
	ID                     string   `json:"id"`
	Nom                    string   `json:"nom"`
	Description            string   `json:"description"`
	DateMaj                string   `json:"date_maj"`
	Type                   string   `json:"type,omitempty"`
	Thematiques            []string `json:"thematiques,omitempty"`
	Frais                  string   `json:"frais,omitempty"`
	FraisPrecisions        string   `json:"frais_precisions,omitempty"`
	Publics                []string `json:"publics,omitempty"`
	PublicsPrecisions      string   `json:"publics_precisions,omitempty"`
	Adresse                string   `json:"adresse,omitempty"`
	ComplementAdresse      string   `json:"complement_adresse,omitempty"`
	CodePostal             string   `json:"code_postal,omitempty"`
	CodeInsee              string   `json:"code_insee,omitempty"`
	Commune                string   `json:"commune,omitempty"`
	Latitude               *float64 `json:"latitude,omitempty"`
	Longitude              *float64 `json:"longitude,omitempty"`
	Telephone              string   `json:"telephone,omitempty"`
	Courriel               string   `json:"courriel,omitempty"`
	ModesAccueil           []string `json:"modes_accueil,omitempty"`
	ModesMobilisation      []string `json:"modes_mobilisation,omitempty"`
	LienMobilisation       string   `json:"lien_mobilisation,omitempty"`
	MobilisablePar         []string `json:"mobilisable_par,omitempty"`
	MobilisationPrecisions string   `json:"mobilisation_precisions,omitempty"`
	HorairesAccueil        string   `json:"horaires_accueil,omitempty"`
	LienSource             string   `json:"lien_source,omitempty"`
}

// Thematiques maps each service of the national venue standard to
// data·inclusion thématiques.
var Thematiques = map[string][]string{
	"Aide aux démarches administratives":                    {"numerique--acceder-a-des-services-en-ligne", "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"},
	"Maîtrise des outils numériques du quotidien":           {"numerique--maitriser-les-fondamentaux-du-numerique"},
	"Insertion professionnelle via le numérique":            {"numerique--maitriser-les-fondamentaux-du-numerique", "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation", "trouver-un-emploi--repondre-a-des-offres-demploi"},
	"Utilisation sécurisée du numérique":                    {"numerique--maitriser-les-fondamentaux-du-numerique"},
	"Parentalité et éducation avec le numérique":            {"famille--soutien-a-la-parentalite-et-a-leducation", "numerique--maitriser-les-fondamentaux-du-numerique"},
	"Loisirs et créations numériques":                       {"numerique--maitriser-les-fondamentaux-du-numerique", "remobilisation--activites-sportives-et-culturelles"},
	"Compréhension du monde numérique":                      {"numerique--maitriser-les-fondamentaux-du-numerique"},
	"Accès internet et matériel informatique":               {"numerique--acceder-a-une-connexion-internet"},
	"Acquisition de matériel informatique à prix solidaire": {"numerique--acquerir-un-equipement"},
}

// Descriptions says in plain French what each national service is, as the
// start of the data·inclusion service description.
var Descriptions = map[string]string{
	"Aide aux démarches administratives":                    "Un médiateur vous aide à faire vos démarches administratives en ligne : impôts, CAF, Assurance maladie, retraite, France Travail, titres d'identité.",
	"Maîtrise des outils numériques du quotidien":           "Apprendre à utiliser un ordinateur, un smartphone ou une tablette, envoyer des courriels, ranger ses documents, échanger en visio.",
	"Insertion professionnelle via le numérique":            "Chercher un emploi en ligne, faire son CV, postuler, s'inscrire à France Travail et se former avec le numérique.",
	"Utilisation sécurisée du numérique":                    "Reconnaître les arnaques, créer des mots de passe sûrs, protéger ses données et sa vie privée.",
	"Parentalité et éducation avec le numérique":            "Suivre la scolarité de son enfant en ligne, accompagner les écrans à la maison, participer à des ateliers parents-enfants.",
	"Loisirs et créations numériques":                       "Découvrir des loisirs numériques et créer avec le numérique : photo, vidéo, musique, fabrication.",
	"Compréhension du monde numérique":                      "Comprendre le numérique et ses enjeux : réseaux sociaux, information en ligne, données personnelles.",
	"Accès internet et matériel informatique":               "Utiliser sur place un ordinateur, une imprimante et une connexion internet.",
	"Acquisition de matériel informatique à prix solidaire": "Obtenir un ordinateur ou un téléphone reconditionné à prix solidaire.",
}

// ReseauxDispositifs maps the standard's national programmes (and the
// "Fabriques de Territoire" label) to data·inclusion réseaux porteurs.
// Programmes with no network in data·inclusion's list are left out.
var ReseauxDispositifs = map[string]string{
	"Aidants Connect":                   "aidants-connect",
	"Conseillers numériques":            "conseillers-numeriques",
	"France Services":                   "france-service",
	"Emmaüs Connect":                    "emmaus",
	"Relais numérique (Emmaüs Connect)": "emmaus",
	"La Croix Rouge":                    "croix-rouge",
	"Grande école du numérique":         "grandes-ecoles-du-numerique",
	"Point d'accès numérique CAF":       "caf",
	"Fabriques de Territoire":           "fabrique-de-territoire",
}

// ReseauxTypologies maps venue typologies (data·inclusion's own structure
// types, used by the standard) to réseaux porteurs.
var ReseauxTypologies = map[string]string{
	"CCAS": "ccas-cias", "CIAS": "ccas-cias", "MJC": "mjc", "EPN": "espaces-publics-numeriques",
	"FS": "france-service", "MSAP": "msap", "ML": "mission-locale", "CAF": "caf",
	"MUNI": "communes", "COMMUNE": "communes", "CD": "departements", "PE": "france-travail", "FT": "france-travail",
	"CS": "fcsf", "CPAM": "cpam", "MDS": "maisons-des-solidarites", "PIMMS": "pimms-mediation",
}

// Publics maps the standard's publics to data·inclusion publics.
var Publics = map[string]string{
	"Jeunes": "jeunes", "Étudiants": "etudiants", "Familles et/ou enfants": "familles",
	"Seniors": "seniors", "Femmes": "femmes",
}

// Mobilisation maps the standard's access modes to data·inclusion
// modes de mobilisation.
var Mobilisation = map[string]string{
	"Se présenter":       "se-presenter",
	"Téléphoner":         "telephoner",
	"Contacter par mail": "envoyer-un-courriel",
	"Envoyer un mail avec une fiche de prescription": "envoyer-un-courriel",
	"Prendre un RDV en ligne":                        "utiliser-lien-mobilisation",
}

const prescription = "Envoyer un mail avec une fiche de prescription"

// Source is the data·inclusion producer id of a site: its title as a slug.
func Source(s *site.Site) string { return frtext.Slug(s.Config.Title) }

// Structures is structures.json: one data·inclusion structure per venue,
// in the order of the site's venue list, as a JSON array with one item per
// line (see WriteStructures).
func Structures(s *site.Site) []byte {
	b, _ := appendenc.Bytes(func(w io.Writer) error { return WriteStructures(w, s) })
	return b
}

// WriteStructures writes structures.json venue by venue: the national file
// weighs tens of megabytes, and neither a list of structures nor the file
// is ever held in memory.
func WriteStructures(w io.Writer, s *site.Site) error {
	src := Source(s)
	c := appendenc.NewChunks(w)
	c.B = append(c.B, '[')
	for i, v := range s.Venues {
		if i > 0 {
			c.B = append(c.B, ',')
		}
		c.B = append(c.B, '\n')
		st := structure(s, src, v)
		c.B = st.AppendJSON(c.B)
		c.Flush()
	}
	c.B = append(c.B, "\n]\n"...)
	return c.Close()
}

// Services is services.json: one data·inclusion service per venue and
// national service, in the order of the site's venue list, as a JSON array
// with one item per line (see WriteServices).
func Services(s *site.Site) []byte {
	b, _ := appendenc.Bytes(func(w io.Writer) error { return WriteServices(w, s) })
	return b
}

// WriteServices writes services.json venue by venue (the national file
// weighs some 80 MB).
func WriteServices(w io.Writer, s *site.Site) error {
	src := Source(s)
	slugs := map[string]string{}
	c := appendenc.NewChunks(w)
	c.B = append(c.B, '[')
	first := true
	var tail []byte
	for _, v := range s.Venues {
		if len(v.ServiceList) == 0 {
			continue
		}
		// Most fields are the venue's: encoded once for all its services.
		sv := serviceBase(structure(s, src, v), v)
		tail = sv.appendTail(tail[:0])
		for _, ns := range v.ServiceList {
			if !first {
				c.B = append(c.B, ',')
			}
			first = false
			slug, ok := slugs[ns]
			if !ok {
				slug = frtext.Slug(ns)
				slugs[ns] = slug
			}
			setService(&sv, v, ns, slug)
			c.B = append(c.B, '\n')
			c.B = sv.appendHead(c.B)
			c.B = append(c.B, tail...)
		}
		c.Flush()
	}
	c.B = append(c.B, "\n]\n"...)
	return c.Close()
}

func structure(s *site.Site, src string, v *site.Venue) Structure {
	st := Structure{
		Source: src, ID: src + "--" + v.ID, Nom: clamp(v.Nom, 3, 150, v.Commune), DateMaj: v.DateMaj,
		Description: description(v), Adresse: v.Adresse, ComplementAdresse: v.ComplementAdresse,
		CodePostal: v.CodePostal, CodeInsee: v.CodeInsee, Commune: v.Commune,
		Telephone: v.Telephone, Courriel: first(v.EmailList), SiteWeb: first(v.WebsiteList),
		LienSource: s.Config.Abs(v.URL), HorairesAccueil: v.Horaires, AccessibiliteLieu: v.FicheAccesLibre,
	}
	if isSiret(v.Pivot) {
		st.Siret = v.Pivot
	}
	if v.HasPoint {
		lat, lon := v.Point.Lat(), v.Point.Lon()
		st.Latitude, st.Longitude = &lat, &lon
	}
	var rs []string
	for _, list := range [][]string{v.ProgrammeList, v.LabelList} {
		for _, d := range list {
			if r, ok := ReseauxDispositifs[d]; ok {
				rs = append(rs, r)
			}
		}
	}
	for _, t := range v.TypeList {
		if r, ok := ReseauxTypologies[strings.ToUpper(t)]; ok {
			rs = append(rs, r)
		}
	}
	slices.Sort(rs)
	st.ReseauxPorteurs = slices.Compact(rs)
	return st
}

// service is the data·inclusion service of national service national at
// venue v (slug is frtext.Slug(national)): the venue's base (see
// serviceBase) with the fields that depend on the service.
func service(st Structure, v *site.Venue, national, slug string) Service {
	sv := serviceBase(st, v)
	setService(&sv, v, national, slug)
	return sv
}

// setService fills the fields of sv that depend on the national service:
// the fields before frais, in the files' order.
func setService(sv *Service, v *site.Venue, national, slug string) {
	sv.ID, sv.Nom, sv.Thematiques = sv.StructureID+"--"+slug, national, Thematiques[national]
	// Description: what the service is, what the venue is qualified for, the Pass.
	desc := []string{Descriptions[national]}
	var qualified []string
	for _, q := range v.Qualified {
		if slices.Contains(q.NationalServices, national) {
			qualified = append(qualified, q.Title)
		}
	}
	if len(qualified) > 0 {
		desc = append(desc, "Services qualifiés dans ce lieu : "+strings.Join(qualified, " ; ")+".")
	}
	if v.Pass {
		desc = append(desc, "Ce lieu accepte le Pass numérique (chèques de 10 €).")
	}
	sv.Description = clamp(strings.Join(desc, " "), 5, 10000, national)

	switch {
	case national == "Accès internet et matériel informatique" || national == "Acquisition de matériel informatique à prix solidaire":
		sv.Type = "aide-materielle"
	case slices.Contains(v.AccompanimentList, "Dans un atelier collectif") && !slices.Contains(v.AccompanimentList, "Accompagnement individuel"):
		sv.Type = "atelier"
	default:
		sv.Type = "accompagnement"
	}
}

// serviceBase is what every service of a venue shares: all the fields but
// id, nom, description, type and thematiques, which setService fills.
func serviceBase(st Structure, v *site.Venue) Service {
	sv := Service{
		Source: st.Source, StructureID: st.ID, DateMaj: v.DateMaj,
		Adresse: st.Adresse, ComplementAdresse: st.ComplementAdresse, CodePostal: st.CodePostal,
		CodeInsee: st.CodeInsee, Commune: st.Commune, Latitude: st.Latitude, Longitude: st.Longitude,
		Telephone: st.Telephone, Courriel: st.Courriel, HorairesAccueil: v.Horaires, LienSource: st.LienSource,
	}
	switch {
	case slices.Contains(v.FeeList, "Payant"):
		sv.Frais = "payant"
	case len(v.FeeList) > 0:
		sv.Frais = "gratuit"
	}
	var fees []string
	if slices.Contains(v.FeeList, "Gratuit sous condition") || (sv.Frais == "payant" && len(v.FeeList) > 1) {
		fees = append(fees, "Conditions : "+strings.Join(v.FeeList, ", ")+".")
	}
	if v.Pass {
		fees = append(fees, "Le Pass numérique est accepté.")
	}
	sv.FraisPrecisions = strings.Join(fees, " ")

	for _, p := range v.PublicList {
		if d, ok := Publics[p]; ok {
			sv.Publics = append(sv.Publics, d)
		}
	}
	if len(sv.Publics) == 0 {
		sv.Publics = []string{"tous-publics"}
	}
	if len(v.SupportList) > 0 {
		sv.PublicsPrecisions = "Accompagnement adapté : " + strings.Join(v.SupportList, ", ") + "."
	}

	if !slices.Equal(v.AccessList, []string{"Ce lieu n'accueille pas de public"}) {
		sv.ModesAccueil = append(sv.ModesAccueil, "en-presentiel")
	}
	if slices.Contains(v.AccompanimentList, "À distance") {
		sv.ModesAccueil = append(sv.ModesAccueil, "a-distance")
	}
	var modes []string
	for _, a := range v.AccessList {
		m, ok := Mobilisation[a]
		switch {
		case !ok,
			m == "telephoner" && v.Telephone == "",
			m == "envoyer-un-courriel" && len(v.EmailList) == 0,
			m == "utiliser-lien-mobilisation" && v.PriseRdv == "":
			continue
		}
		modes = append(modes, m)
	}
	slices.Sort(modes)
	sv.ModesMobilisation = slices.Compact(modes)
	if slices.Contains(sv.ModesMobilisation, "utiliser-lien-mobilisation") {
		sv.LienMobilisation = v.PriseRdv
	}
	sv.MobilisablePar = []string{"usagers", "professionnels"}
	if slices.Equal(v.AccessList, []string{prescription}) {
		sv.MobilisablePar = []string{"professionnels"}
	}
	if slices.Contains(v.AccessList, prescription) {
		sv.MobilisationPrecisions = "Sur prescription : envoyez un courriel avec une fiche de prescription."
	}
	return sv
}

func description(v *site.Venue) string {
	d := v.PresentationResume
	if d == "" {
		d = v.PresentationDetail
	}
	if len(d) < 5*utf8.UTFMax && utf8.RuneCountInString(d) < 5 {
		return ""
	}
	return clamp(d, 5, 10000, "")
}

// clamp keeps s between min and max characters: too long, it is cut at a
// word and ends with "…"; too short, it gets " – " and the fallback.
func clamp(s string, minLen, maxLen int, fallback string) string {
	// A string of n bytes has at most n characters, and at least
	// n/utf8.UTFMax: most strings need no counting.
	if fallback != "" && len(s) < minLen*utf8.UTFMax && utf8.RuneCountInString(s) < minLen {
		s = strings.TrimSpace(s + " – " + fallback)
	}
	if len(s) <= maxLen || utf8.RuneCountInString(s) <= maxLen {
		return s
	}
	r := []rune(s)[:maxLen-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > maxLen/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:.") + "…"
}

func first(values []string) string {
	if len(values) == 0 {
		return ""
	}
	return values[0]
}

// isSiret reports whether a pivot is a 14-digit SIRET (not an RNA, a RIDET or
// the national map's placeholder of zeros).
func isSiret(p string) bool {
	if len(p) != 14 || p == venue.PivotPlaceholder {
		return false
	}
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
