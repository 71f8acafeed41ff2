package datainclusion

import "labo/internal/appendenc"

// The files are written field by field in the order of the structs' json
// tags, with their omitempty rules and without HTML escaping: the bytes of
// an encoding/json Encoder with SetEscapeHTML(false), which a test checks,
// without its reflection (a national services.json has 80,000 items).

// AppendJSON appends the structure as one JSON object.
func (st *Structure) AppendJSON(b []byte) []byte {
	o := object{b: b}
	o.str("source", st.Source, false)
	o.str("id", st.ID, false)
	o.str("nom", st.Nom, false)
	o.str("date_maj", st.DateMaj, false)
	o.str("siret", st.Siret, true)
	o.str("description", st.Description, true)
	o.str("adresse", st.Adresse, true)
	o.str("complement_adresse", st.ComplementAdresse, true)
	o.str("code_postal", st.CodePostal, true)
	o.str("code_insee", st.CodeInsee, true)
	o.str("commune", st.Commune, true)
	o.float("latitude", st.Latitude)
	o.float("longitude", st.Longitude)
	o.str("telephone", st.Telephone, true)
	o.str("courriel", st.Courriel, true)
	o.str("site_web", st.SiteWeb, true)
	o.str("lien_source", st.LienSource, true)
	o.str("horaires_accueil", st.HorairesAccueil, true)
	o.str("accessibilite_lieu", st.AccessibiliteLieu, true)
	o.list("reseaux_porteurs", st.ReseauxPorteurs)
	return o.end()
}

// AppendJSON appends the service as one JSON object.
func (sv *Service) AppendJSON(b []byte) []byte { return sv.appendTail(sv.appendHead(b)) }

// appendHead appends the object up to thematiques (the fields setService
// fills, with source and structure_id), without its closing brace.
func (sv *Service) appendHead(b []byte) []byte {
	o := object{b: b}
	o.str("source", sv.Source, false)
	o.str("structure_id", sv.StructureID, false)
	o.str("id", sv.ID, false)
	o.str("nom", sv.Nom, false)
	o.str("description", sv.Description, false)
	o.str("date_maj", sv.DateMaj, false)
	o.str("type", sv.Type, true)
	o.list("thematiques", sv.Thematiques)
	return o.b
}

// appendTail appends the rest of the object after appendHead: the fields
// of serviceBase, the same for every service of a venue, and the closing
// brace.
func (sv *Service) appendTail(b []byte) []byte {
	o := object{b: b, more: true}
	o.str("frais", sv.Frais, true)
	o.str("frais_precisions", sv.FraisPrecisions, true)
	o.list("publics", sv.Publics)
	o.str("publics_precisions", sv.PublicsPrecisions, true)
	o.str("adresse", sv.Adresse, true)
	o.str("complement_adresse", sv.ComplementAdresse, true)
	o.str("code_postal", sv.CodePostal, true)
	o.str("code_insee", sv.CodeInsee, true)
	o.str("commune", sv.Commune, true)
	o.float("latitude", sv.Latitude)
	o.float("longitude", sv.Longitude)
	o.str("telephone", sv.Telephone, true)
	o.str("courriel", sv.Courriel, true)
	o.list("modes_accueil", sv.ModesAccueil)
	o.list("modes_mobilisation", sv.ModesMobilisation)
	o.str("lien_mobilisation", sv.LienMobilisation, true)
	o.list("mobilisable_par", sv.MobilisablePar)
	o.str("mobilisation_precisions", sv.MobilisationPrecisions, true)
	o.str("horaires_accueil", sv.HorairesAccueil, true)
	o.str("lien_source", sv.LienSource, true)
	return o.end()
}

// object appends the members of a JSON object; names are plain ASCII.
type object struct {
	b    []byte
	more bool
}

func (o *object) key(name string) {
	if o.more {
		o.b = append(o.b, ',')
	} else {
		o.b = append(o.b, '{')
		o.more = true
	}
	o.b = append(o.b, '"')
	o.b = append(o.b, name...)
	o.b = append(o.b, '"', ':')
}

// str writes a string member; omitEmpty leaves "" out.
func (o *object) str(name, v string, omitEmpty bool) {
	if v == "" && omitEmpty {
		return
	}
	o.key(name)
	o.b = appendenc.JSONString(o.b, v)
}

// list writes an array of strings, left out when empty (omitempty).
func (o *object) list(name string, v []string) {
	if len(v) == 0 {
		return
	}
	o.key(name)
	o.b = appendenc.JSONStrings(o.b, v, false)
}

// float writes a number, left out when nil (omitempty).
func (o *object) float(name string, v *float64) {
	if v == nil {
		return
	}
	o.key(name)
	o.b = appendenc.JSONFloat(o.b, *v)
}

func (o *object) end() []byte {
	if !o.more {
		return append(o.b, '{', '}')
	}
	return append(o.b, '}')
}
