package importer

import (
	"fmt"
	"math"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/hours"
	"labo/internal/venue"
)

// Note is one line of the import report.
type Note struct {
	Line    int    // line of the source file
	Status  string // outcome of the row: importé, fusionné, rejeté
	ID      string // id of the venue in data/lieux.csv
	Field   string
	Problem string
	Action  string
	Value   string // the value as found in the source
}

// legacyVocabulary is the problem noted when a value came from v0.1.
const legacyVocabulary = "vocabulaire de la version 0.1 du standard"

// vocabularies of the v1 multi-valued fields.
var vocabularies = map[string][]string{
	"services":                        venue.Services,
	"publics_specifiquement_adresses": venue.Publics,
	"prise_en_charge_specifique":      venue.PrisesEnCharge,
	"frais_a_charge":                  venue.Frais,
	"dispositif_programmes_nationaux": venue.Dispositifs,
	"formations_labels":               venue.FormationsLabels,
	"modalites_acces":                 venue.ModalitesAcces,
	"modalites_accompagnement":        venue.ModalitesAccompagnement,
	"itinerance":                      venue.Itinerance,
}

// tight folds harder than key: no spaces at all, so that "Étapes
// numériques (La Poste)" finds the standard's "Étapes numériques(La Poste)".
func tight(s string) string { return strings.ReplaceAll(key(s), " ", "") }

var v1Index = func() map[string]map[string]string {
	out := map[string]map[string]string{}
	for field, values := range vocabularies {
		m := map[string]string{}
		for _, v := range values {
			m[tight(v)] = v
		}
		out[field] = m
	}
	return out
}()

// multiline fields keep their line breaks; every other field is one line.
var multiline = []string{"presentation_resume", "presentation_detail"}

// clean trims a value and, for one-line fields, turns every run of
// whitespace (no-break spaces, tabs, line breaks) into one space.
func clean(field, s string) string {
	s = strings.TrimSpace(s)
	if slices.Contains(multiline, field) {
		return strings.ReplaceAll(s, "\r\n", "\n")
	}
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// splitValues splits a multi-valued field on "|" and on ";" (the v0.1
// separator), trimming and dropping empty items.
func splitValues(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ';' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// row accumulates the v1 values of one record and the notes about it.
type row struct {
	rec    Record
	f      map[string]string
	multi  map[string][]string
	notes  []Note
	reject string
}

func (r *row) note(field, problem, action, value string) {
	r.notes = append(r.notes, Note{Line: r.rec.Line, Field: field, Problem: problem, Action: action, Value: value})
}

func (r *row) add(field, value string) {
	if !slices.Contains(r.multi[field], value) {
		r.multi[field] = append(r.multi[field], value)
	}
}

// normalise turns a source record into a v1 row. reject is non-empty, in
// French, when the row cannot be imported.
func normalise(rec Record) (venue.Row, []Note, string) {
	r := &row{rec: rec, f: map[string]string{}, multi: map[string][]string{}}
	raw := func(c string) string { return rec.Fields[c] }
	for _, c := range venue.Columns {
		if _, isVocab := vocabularies[c]; !isVocab {
			r.f[c] = clean(c, raw(c))
		}
	}
	for old, c := range renamed {
		v := clean(c, raw(old))
		if v == "" {
			continue
		}
		if c == "autres_formations_labels" {
			for _, item := range splitValues(v) {
				r.add(c, item)
			}
			continue
		}
		if r.f[c] == "" {
			r.f[c] = v
		}
	}
	if v := clean("cle_ban", raw("cle_ban")); v != "" {
		r.note("cle_ban", "colonne de la version 0.1 sans équivalent en v1", "valeur non reprise", v)
	}
	for _, item := range splitValues(r.f["autres_formations_labels"]) {
		r.add("autres_formations_labels", item)
	}
	r.vocabularies()

	r.required("nom", "le nom du lieu")
	r.required("adresse", "l'adresse")
	r.required("commune", "la commune")
	r.postcode()
	r.insee()
	r.point()
	r.commune()
	r.date()
	r.pivot()
	r.phone()
	r.emails()
	r.websites()
	r.link("fiche_acces_libre")
	r.link("prise_rdv")
	r.hours()
	r.resume()
	if r.reject != "" {
		return venue.Row{}, r.notes, r.reject
	}
	for field, values := range r.multi {
		r.f[field] = strings.Join(values, venue.Sep)
	}
	vals := make([]string, len(venue.Columns))
	for i, c := range venue.Columns {
		vals[i] = r.f[c]
	}
	return venue.RowOf(vals), r.notes, ""
}

func (r *row) required(field, what string) {
	if r.f[field] == "" && r.reject == "" {
		r.reject = fmt.Sprintf("%s manque (obligatoire dans le standard)", what)
		r.note(field, "valeur obligatoire absente", "ligne non importée", "")
	}
}

// vocabularies maps every multi-valued field, v1 and v0.1, to v1 values.
func (r *row) vocabularies() {
	cols := make([]string, 0, len(r.rec.Fields))
	for c := range r.rec.Fields {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	for _, col := range cols {
		_, isV1 := vocabularies[col]
		table := legacy[col]
		if !isV1 && table == nil {
			continue
		}
		raw := r.rec.Fields[col]
		var converted []string
		legacyUsed, fixed := false, false
		for _, item := range splitValues(raw) {
			if isV1 {
				if v, ok := v1Index[col][tight(item)]; ok {
					r.add(col, v)
					converted = append(converted, v)
					fixed = fixed || v != item
					continue
				}
			}
			targets, ok := table[key(item)]
			if !ok {
				r.note(col, "valeur inconnue du standard", "valeur non reprise", item)
				continue
			}
			legacyUsed = true
			for _, t := range targets {
				if t.Field == "" {
					r.note(col, t.Note, "valeur non reprise", item)
					continue
				}
				r.add(t.Field, t.Value)
				converted = append(converted, t.Value)
				if t.Note != "" {
					r.note(t.Field, t.Note, "remplacée par « "+t.Value+" »", item)
				}
			}
		}
		switch {
		case legacyUsed:
			r.note(col, legacyVocabulary, "converti en v1 : "+strings.Join(dedupe(converted), " | "), raw)
		case fixed:
			r.note(col, "orthographe différente du vocabulaire", "corrigé : "+strings.Join(converted, " | "), raw)
		case isV1 && strings.Contains(raw, ";") && len(converted) > 0:
			r.note(col, "séparateur « ; » de la version 0.1", "remplacé par « | »", raw)
		}
	}
}

func dedupe(values []string) []string {
	var out []string
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

var postcodeRe = regexp.MustCompile(`^\d{5}$`)

func (r *row) postcode() {
	v := r.f["code_postal"]
	fixed := strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), ".", "")
	if len(fixed) == 4 && isDigits(fixed) {
		fixed = "0" + fixed
	}
	switch {
	case v == "":
		r.required("code_postal", "le code postal")
		return
	case !postcodeRe.MatchString(fixed) || geo.DepartementOfPostcode(fixed) == nil:
		if r.reject == "" {
			r.reject = fmt.Sprintf("code postal invalide : %q", v)
			r.note("code_postal", "code postal invalide (5 chiffres d'un département français attendus)", "ligne non importée", v)
		}
		return
	case fixed != v:
		r.note("code_postal", "code postal mal écrit", "corrigé en "+fixed, v)
	}
	r.f["code_postal"] = fixed
}

func isDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return s != ""
}

var inseeRe = regexp.MustCompile(venue.InseePattern)

func (r *row) insee() {
	v := r.f["code_insee"]
	if v == "" {
		return
	}
	fixed := strings.ToUpper(strings.ReplaceAll(v, " ", ""))
	if len(fixed) == 4 && isDigits(fixed) {
		fixed = "0" + fixed
	}
	if !inseeRe.MatchString(fixed) {
		r.note("code_insee", "code INSEE invalide", "valeur retirée", v)
		fixed = ""
	} else if fixed != v {
		r.note("code_insee", "code INSEE mal écrit", "corrigé en "+fixed, v)
	}
	r.f["code_insee"] = fixed
}

var dateLayouts = []string{time.DateOnly, "02/01/2006", "2/1/2006", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04:05.000Z"}

func (r *row) date() {
	v := r.f["date_maj"]
	if v == "" {
		r.required("date_maj", "la date de mise à jour")
		return
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			d := t.Format(time.DateOnly)
			if d != v {
				r.note("date_maj", "date au format "+layout, "écrite "+d, v)
			}
			r.f["date_maj"] = d
			return
		}
	}
	if r.reject == "" {
		r.reject = fmt.Sprintf("date de mise à jour illisible : %q", v)
		r.note("date_maj", "date illisible (AAAA-MM-JJ attendu)", "ligne non importée", v)
	}
}

var pivotRe = regexp.MustCompile(venue.PivotPattern)

func (r *row) pivot() {
	v := r.f["pivot"]
	fixed := strings.ReplaceAll(strings.ReplaceAll(v, " ", ""), ".", "")
	switch {
	case v == "":
		r.note("pivot", "SIRET ou RNA absent", "remplacé par "+venue.PivotPlaceholder+" (valeur d'attente de la cartographie nationale)", "")
		fixed = venue.PivotPlaceholder
	case !pivotRe.MatchString(fixed):
		r.note("pivot", "SIRET ou RNA invalide (9 à 14 lettres ou chiffres attendus)", "remplacé par "+venue.PivotPlaceholder, v)
		fixed = venue.PivotPlaceholder
	case fixed != v:
		r.note("pivot", "espaces ou points dans le SIRET", "corrigé en "+fixed, v)
	}
	r.f["pivot"] = fixed
}

var phoneRe = regexp.MustCompile(venue.TelephonePattern)

// overseas maps French overseas dialling prefixes (after the leading 0) to
// their country code, as the standard's pattern expects.
var overseas = []struct{ prefix, code string }{
	{"590", "+590"}, {"690", "+590"}, {"691", "+590"},
	{"594", "+594"}, {"694", "+594"},
	{"262", "+262"}, {"263", "+262"}, {"692", "+262"}, {"693", "+262"}, {"269", "+262"}, {"639", "+262"},
	{"596", "+596"}, {"696", "+596"}, {"697", "+596"},
}

// Phone writes a French phone number in the standard's international form
// (+33 and 9 digits, or the overseas country code). ok is false when s is
// not a number it recognises.
func Phone(s string) (string, bool) {
	// Several numbers: keep the first.
	for _, sep := range []string{"/", ";", "|", " ou ", ","} {
		if before, _, found := strings.Cut(s, sep); found && strings.TrimSpace(before) != "" {
			s = before
		}
	}
	s = strings.ReplaceAll(s, "(0)", "")
	var d strings.Builder
	for i, c := range strings.TrimSpace(s) {
		switch {
		case c >= '0' && c <= '9':
			d.WriteRune(c)
		case c == '+' && i == 0:
			d.WriteRune(c)
		case strings.ContainsRune(" .-()\u00a0\u202f", c):
		default:
			return "", false
		}
	}
	n := d.String()
	switch {
	case strings.HasPrefix(n, "+"):
	case strings.HasPrefix(n, "00"):
		n = "+" + n[2:]
	case strings.HasPrefix(n, "0") && len(n) == 10:
		n = "+33" + n[1:]
		for _, o := range overseas {
			if strings.HasPrefix(n[3:], o.prefix) {
				n = o.code + n[3:]
				break
			}
		}
	case strings.HasPrefix(n, "33") && len(n) == 11:
		n = "+" + n
	case len(n) == 9 && n[0] != '0':
		n = "+33" + n
	}
	if !phoneRe.MatchString(n) {
		return "", false
	}
	return n, true
}

func (r *row) phone() {
	v := r.f["telephone"]
	if v == "" {
		return
	}
	p, ok := Phone(v)
	switch {
	case !ok:
		r.note("telephone", "numéro de téléphone non reconnu", "valeur retirée", v)
	case p != v:
		r.note("telephone", "numéro au format national", "écrit "+p, v)
	}
	r.f["telephone"] = p
}

func (r *row) emails() {
	v := r.f["courriels"]
	if v == "" {
		return
	}
	var out []string
	for _, e := range strings.FieldsFunc(v, func(c rune) bool { return c == '|' || c == ';' || c == ',' || unicode.IsSpace(c) }) {
		e = strings.TrimPrefix(strings.TrimPrefix(e, "mailto:"), "MAILTO:")
		local, domain, ok := strings.Cut(e, "@")
		if ok {
			e = local + "@" + strings.ToLower(domain)
		}
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e || !strings.Contains(domain, ".") {
			r.note("courriels", "adresse électronique invalide", "adresse retirée", e)
			continue
		}
		if !slices.Contains(out, e) {
			out = append(out, e)
		}
	}
	fixed := strings.Join(out, venue.Sep)
	if fixed != v && len(out) > 0 {
		r.note("courriels", "adresses mal séparées ou mal écrites", "écrit "+fixed, v)
	}
	r.f["courriels"] = fixed
}

// webURL returns s as an absolute http(s) address, adding https:// to a
// bare domain, or "" when it is not one.
func webURL(s string) string {
	if !strings.Contains(s, "://") && strings.Contains(s, ".") && !strings.ContainsAny(s, " @") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !strings.Contains(u.Host, ".") {
		return ""
	}
	return s
}

func (r *row) websites() {
	v := r.f["site_web"]
	if v == "" {
		return
	}
	var out []string
	for _, part := range strings.FieldsFunc(v, func(c rune) bool { return c == '|' || c == ';' || unicode.IsSpace(c) }) {
		// v0.1 separated several addresses with commas.
		for _, u := range splitCommaURLs(part) {
			w := webURL(u)
			if w == "" {
				r.note("site_web", "adresse web invalide", "adresse retirée", u)
				continue
			}
			if !slices.Contains(out, w) {
				out = append(out, w)
			}
		}
	}
	fixed := strings.Join(out, venue.Sep)
	if fixed != v && len(out) > 0 {
		r.note("site_web", "adresses mal séparées ou sans https://", "écrit "+fixed, v)
	}
	r.f["site_web"] = fixed
}

func splitCommaURLs(s string) []string {
	var out []string
	for {
		i := -1
		for _, p := range []string{",http://", ",https://", ",www."} {
			if j := strings.Index(s, p); j >= 0 && (i < 0 || j < i) {
				i = j
			}
		}
		if i < 0 {
			return append(out, strings.TrimSuffix(s, ","))
		}
		out = append(out, s[:i])
		s = s[i+1:]
	}
}

func (r *row) link(field string) {
	v := r.f[field]
	if v == "" {
		return
	}
	w := webURL(v)
	switch {
	case w == "":
		r.note(field, "adresse web invalide", "valeur retirée", v)
	case w != v:
		r.note(field, "adresse sans https://", "écrit "+w, v)
	}
	r.f[field] = w
}

func (r *row) hours() {
	v := r.f["horaires"]
	if v == "" {
		return
	}
	if _, err := hours.Parse(v); err != nil {
		r.note("horaires", "horaires illisibles au format OpenStreetMap : "+err.Error(), "valeur retirée (à ressaisir)", v)
		r.f["horaires"] = ""
	}
}

// coordinate reads a decimal degree written with a dot or a comma.
func coordinate(s string) (float64, bool) {
	x, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	return x, err == nil && !math.IsNaN(x) && !math.IsInf(x, 0)
}

// formatCoord keeps s when it already has at most 6 decimals, so a file
// written by Labo reads back unchanged; otherwise it rounds to 6 decimals.
func formatCoord(s string, x float64) string {
	if _, dec, ok := strings.Cut(s, "."); (!ok || len(dec) <= 6) && !strings.ContainsAny(s, ",eE+") {
		return s
	}
	return strconv.FormatFloat(math.Round(x*1e6)/1e6, 'f', -1, 64)
}

func (r *row) point() {
	la, lo := r.f["latitude"], r.f["longitude"]
	if la == "" && lo == "" {
		return
	}
	drop := func(problem string) {
		r.note("latitude", problem, "coordonnées retirées (le lieu n'apparaîtra pas sur la carte)", la+", "+lo)
		r.f["latitude"], r.f["longitude"] = "", ""
	}
	lat, ok1 := coordinate(la)
	lon, ok2 := coordinate(lo)
	switch {
	case la == "" || lo == "":
		drop("une seule des deux coordonnées")
		return
	case !ok1 || !ok2:
		drop("coordonnées illisibles")
		return
	case lat == 0 && lon == 0:
		drop("coordonnées nulles (0, 0)")
		return
	case !geo.InFrance(lat, lon) && geo.InFrance(lon, lat):
		r.note("latitude", "latitude et longitude inversées", "remises dans l'ordre", la+", "+lo)
		la, lo, lat, lon = lo, la, lon, lat
	case !geo.InFrance(lat, lon):
		drop("point hors de France")
		return
	}
	nla, nlo := formatCoord(la, lat), formatCoord(lo, lon)
	if nla != la || nlo != lo {
		r.note("latitude", "coordonnées plus précises que 6 décimales (10 cm) ou écrites avec une virgule", "écrites "+nla+", "+nlo, la+", "+lo)
	}
	r.f["latitude"], r.f["longitude"] = nla, nlo
}

func (r *row) resume() {
	v := r.f["presentation_resume"]
	if utf8.RuneCountInString(v) <= venue.MaxResume {
		return
	}
	cut := []rune(v)[:venue.MaxResume-1]
	s := string(cut)
	if i := strings.LastIndexByte(s, ' '); i > venue.MaxResume/2 {
		s = s[:i]
	}
	r.f["presentation_resume"] = strings.TrimRight(s, " ,;:.") + "…"
	action := "raccourcie à 280 caractères"
	if r.f["presentation_detail"] == "" {
		r.f["presentation_detail"] = v
		action += " ; texte complet repris dans presentation_detail"
	}
	r.note("presentation_resume", "présentation de plus de 280 caractères", action, v)
}

// MakeID builds a readable, stable id for a venue whose source id cannot be
// a page address: département, commune and name as a slug
// ("74-abondance-maison-de-services-au-public").
func MakeID(cp, commune, nom string) string {
	dept := ""
	if d := geo.DepartementOfPostcode(cp); d != nil {
		dept = strings.ToLower(d.Code)
	}
	id := frtext.Slug(dept + " " + commune + " " + nom)
	if len(id) > 72 {
		id = id[:72]
		if i := strings.LastIndexByte(id, '-'); i > 40 {
			id = id[:i]
		}
		id = strings.TrimRight(id, "-")
	}
	return id
}
