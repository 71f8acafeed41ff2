// Package venue reads and validates data/lieux.csv, a file in the national
// standard for digital-mediation venues v1.0.2 (32 columns, "|" between
// multiple values, OpenStreetMap opening_hours in `horaires`), and gives each
// venue a typed view: coordinates, département, opening hours, lists.
//
// Every rule of the standard's Table Schema is checked (required fields,
// patterns, vocabularies, maxLength, dates, unique id), plus what Labo needs
// to publish a venue safely: an id usable in a URL, coordinates inside France
// and given in pairs, parseable opening hours, http(s) links only.
package venue

import (
	"fmt"
	"io/fs"
	"net/mail"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paulmach/orb"

	"labo/internal/csvio"
	"labo/internal/diag"
	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/hours"
	"labo/internal/parallel"
)

// FileName is the venues file in the site root.
const FileName = "data/lieux.csv"

// Venue is a validated venue.
type Venue struct {
	Row
	Line int // line in the source file

	Point    orb.Point // longitude, latitude
	HasPoint bool
	Updated  time.Time
	Hours    *hours.Schedule // nil when `horaires` is empty
	Dept     *geo.Departement

	ServiceList       []string // national services
	PublicList        []string
	SupportList       []string // prise en charge spécifique
	FeeList           []string
	ProgrammeList     []string
	LabelList         []string
	AccessList        []string // modalités d'accès
	AccompanimentList []string // modalités d'accompagnement
	TypeList          []string
	EmailList         []string
	WebsiteList       []string
}

var (
	idPattern    = regexp.MustCompile(IDPattern)
	pivotPattern = regexp.MustCompile(PivotPattern)
	cpPattern    = regexp.MustCompile(PostcodePattern)
	inseePattern = regexp.MustCompile(InseePattern)
	phonePattern = regexp.MustCompile(TelephonePattern)
)

// MaxResume is the standard's maxLength of presentation_resume.
const MaxResume = 280

// Parse reads and validates a national-standard CSV. file names the source
// in problems. Venues with problems are still returned (so that every problem
// of the file is reported), but a build must stop when problems is not empty.
func Parse(file string, data []byte, problems *diag.List) []*Venue {
	// The header is exactly Columns, so fields map to Row by position
	// (RowOf), without gocsv's reflection.
	_, records, lines := csvio.Records(file, data, csvio.Header{Columns: Columns, Exact: true}, problems)
	// Rows are checked on every processor (a national file has tens of
	// thousands), in chunks large enough that handing them out costs
	// nothing; duplicates are then found in file order.
	checked := make([]*Venue, len(records))
	var chunks [][2]int
	for lo := 0; lo < len(records); lo += checkChunk {
		chunks = append(chunks, [2]int{lo, min(lo+checkChunk, len(records))})
	}
	parallel.Each(chunks, 0, func(c [2]int) error {
		for i := c[0]; i < c[1]; i++ {
			checked[i] = Check(file, lines[i], RowOf(records[i]), problems)
		}
		return nil
	})
	venues := make([]*Venue, 0, len(checked))
	firstLine := make(map[string]int, len(checked))
	for _, v := range checked {
		if prev, dup := firstLine[v.ID]; dup && v.ID != "" {
			problems.Add(diag.Problem{File: file, Line: v.Line, Field: "id", Msg: fmt.Sprintf("expected a unique id, found %q again (first on line %d)", v.ID, prev)})
			continue
		}
		firstLine[v.ID] = v.Line
		venues = append(venues, v)
	}
	return venues
}

// checkChunk is how many rows a worker checks at a time.
const checkChunk = 256

// Load reads data/lieux.csv from the site root.
func Load(fsys fs.FS, problems *diag.List) []*Venue {
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		problems.Add(diag.Problem{File: FileName, Msg: "cannot read the venues: " + err.Error()})
		return nil
	}
	return Parse(FileName, data, problems)
}

// Check validates one row and builds its typed view.
func Check(file string, line int, r Row, problems *diag.List) *Venue {
	trimAll(&r)
	v := &Venue{Row: r, Line: line}
	bad := func(field, format string, args ...any) {
		problems.Add(diag.Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	required := func(field, value string) bool {
		if value == "" {
			bad(field, "expected a value (required by the national standard), found nothing")
			return false
		}
		return true
	}
	if required("id", r.ID) && !isID(r.ID) {
		bad("id", "expected lowercase letters, digits and single dashes (the id becomes the page address /lieux/<id>/), found %q", r.ID)
	}
	if required("pivot", r.Pivot) && !isPivot(r.Pivot) {
		bad("pivot", "expected a SIRET, RNA or RIDET of 9 to 14 letters or digits, found %q", r.Pivot)
	}
	required("nom", r.Nom)
	required("commune", r.Commune)
	required("adresse", r.Adresse)
	if required("code_postal", r.CodePostal) && !isPostcode(r.CodePostal) {
		bad("code_postal", "expected 5 digits, found %q", r.CodePostal)
	}
	if r.CodeInsee != "" && !isInsee(r.CodeInsee) {
		bad("code_insee", "expected a 5-character INSEE commune code such as 63113 or 2A004, found %q", r.CodeInsee)
	}
	checkCommune(r, bad)
	v.Dept = geo.DepartementOfINSEE(r.CodeInsee)
	if v.Dept == nil {
		v.Dept = geo.DepartementOfPostcode(r.CodePostal)
	}
	if v.Dept == nil && isPostcode(r.CodePostal) {
		bad("code_postal", "expected a postcode of a French département, found %q", r.CodePostal)
	}
	checkPoint(v, bad)
	if r.Telephone != "" && !isPhone(r.Telephone) {
		bad("telephone", "expected an international number such as +33473000000 (no spaces), found %q", r.Telephone)
	}
	v.EmailList = csvio.Split(r.Courriels, Sep)
	for _, e := range v.EmailList {
		if isPlainEmail(e) {
			continue
		}
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			bad("courriels", "expected e-mail addresses separated by |, found %q", e)
		}
	}
	v.WebsiteList = csvio.Split(r.SiteWeb, Sep)
	for _, u := range v.WebsiteList {
		checkURL(bad, "site_web", u)
	}
	if r.FicheAccesLibre != "" {
		checkURL(bad, "fiche_acces_libre", r.FicheAccesLibre)
	}
	if r.PriseRdv != "" {
		checkURL(bad, "prise_rdv", r.PriseRdv)
	}
	if r.Horaires != "" {
		s, err := hours.Parse(r.Horaires)
		if err != nil {
			bad("horaires", "expected OpenStreetMap opening_hours such as \"Mo-Fr 09:00-12:00,14:00-17:00\": %v", err)
		} else {
			v.Hours = s
		}
	}
	if n := utf8.RuneCountInString(r.PresentationResume); n > MaxResume {
		bad("presentation_resume", "expected at most %d characters, found %d", MaxResume, n)
	}
	if required("date_maj", r.DateMaj) {
		d, err := time.Parse(time.DateOnly, r.DateMaj)
		if err != nil {
			bad("date_maj", "expected a date YYYY-MM-DD, found %q", r.DateMaj)
		} else {
			v.Updated = d
		}
	}
	v.ServiceList = vocab(bad, "services", r.Services, Services)
	v.PublicList = vocab(bad, "publics_specifiquement_adresses", r.Publics, Publics)
	v.SupportList = vocab(bad, "prise_en_charge_specifique", r.PriseEnCharge, PrisesEnCharge)
	v.FeeList = vocab(bad, "frais_a_charge", r.Frais, Frais)
	v.ProgrammeList = vocab(bad, "dispositif_programmes_nationaux", r.Dispositifs, Dispositifs)
	v.LabelList = vocab(bad, "formations_labels", r.FormationsLabels, FormationsLabels)
	v.AccessList = vocab(bad, "modalites_acces", r.ModalitesAcces, ModalitesAcces)
	v.AccompanimentList = vocab(bad, "modalites_accompagnement", r.ModalitesAccompagnement, ModalitesAccompagnement)
	vocab(bad, "itinerance", r.Itinerance, Itinerance)
	v.TypeList = csvio.Split(r.Typologie, Sep)
	return v
}

// checkCommune checks the commune, postcode and INSEE code against the
// official commune table: a typo there sends people to the wrong town.
func checkCommune(r Row, bad func(string, string, ...any)) {
	if !isPostcode(r.CodePostal) || (r.CodeInsee != "" && !isInsee(r.CodeInsee)) {
		return // already reported
	}
	if r.CodeInsee != "" {
		c := geo.CommuneByCode(r.CodeInsee)
		switch {
		case c == nil:
			bad("code_insee", "expected the INSEE code of a current commune, found %q", r.CodeInsee)
		case !slices.Contains(c.Postcodes, r.CodePostal):
			bad("code_postal", "expected a postcode of %s (INSEE %s: %s), found %q", c.Nom, c.Code, strings.Join(c.Postcodes, ", "), r.CodePostal)
		case r.Commune != "" && !geo.SameName(c.Nom, r.Commune):
			bad("commune", "expected %q, the commune of INSEE code %s, found %q", c.Nom, c.Code, r.Commune)
		}
		return
	}
	cs := geo.CommunesByPostcode(r.CodePostal)
	if len(cs) == 0 {
		bad("code_postal", "expected a French postcode in use, found %q", r.CodePostal)
		return
	}
	if r.Commune != "" && !slices.ContainsFunc(cs, func(c *geo.Commune) bool { return geo.SameName(c.Nom, r.Commune) }) {
		names := make([]string, 0, len(cs))
		for _, c := range cs {
			names = append(names, c.Nom)
		}
		if len(names) > 6 {
			names = append(names[:6], "…")
		}
		bad("commune", "expected a commune of postcode %s (%s), found %q", r.CodePostal, strings.Join(names, ", "), r.Commune)
	}
}

func checkPoint(v *Venue, bad func(string, string, ...any)) {
	r := v.Row
	if r.Latitude == "" && r.Longitude == "" {
		return
	}
	if r.Latitude == "" || r.Longitude == "" {
		bad("latitude", "expected both latitude and longitude or neither, found latitude %q and longitude %q", r.Latitude, r.Longitude)
		return
	}
	lat, err1 := strconv.ParseFloat(r.Latitude, 64)
	lon, err2 := strconv.ParseFloat(r.Longitude, 64)
	if err1 != nil {
		bad("latitude", "expected a decimal number with a dot such as 45.77722, found %q", r.Latitude)
	}
	if err2 != nil {
		bad("longitude", "expected a decimal number with a dot such as 3.08700, found %q", r.Longitude)
	}
	if err1 != nil || err2 != nil {
		return
	}
	if msg := geo.CheckPoint(lat, lon); msg != "" {
		bad("latitude", "%s", msg)
		return
	}
	v.Point = orb.Point{lon, lat}
	v.HasPoint = true
}

func checkURL(bad func(string, string, ...any), field, raw string) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		bad(field, "expected a web address starting with https://, found %q", raw)
	}
}

// vocab splits a multi-valued field and checks every value against the
// standard's vocabulary.
func vocab(bad func(string, string, ...any), field, raw string, allowed []string) []string {
	values := csvio.Split(raw, Sep)
	for _, val := range values {
		if !slices.Contains(allowed, val) {
			hint := ""
			if strings.Contains(raw, ";") && !strings.Contains(raw, Sep) {
				hint = " (values are separated by | in standard v1, not ;)"
			}
			bad(field, "expected values among %s, found %q%s", quote(allowed), val, hint)
		}
	}
	return values
}

func quote(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}

func trimAll(r *Row) {
	for _, p := range []*string{&r.ID, &r.Pivot, &r.Nom, &r.Commune, &r.CodePostal, &r.CodeInsee, &r.Adresse,
		&r.ComplementAdresse, &r.Latitude, &r.Longitude, &r.Typologie, &r.Telephone, &r.Courriels, &r.SiteWeb,
		&r.Horaires, &r.PresentationResume, &r.PresentationDetail, &r.Source, &r.Itinerance, &r.StructureParente,
		&r.DateMaj, &r.Services, &r.Publics, &r.PriseEnCharge, &r.Frais, &r.Dispositifs, &r.FormationsLabels,
		&r.AutresFormations, &r.ModalitesAcces, &r.ModalitesAccompagnement, &r.FicheAccesLibre, &r.PriseRdv} {
		*p = strings.TrimSpace(*p)
	}
}

// SortKey returns a French collation key for ordering venues by name.
func (v *Venue) SortKey(c *frtext.Collator) []byte { return c.Key(v.Nom + "\x00" + v.ID) }

// Fields returns the row's values in the standard's column order.
func (r *Row) Fields() []string {
	return []string{r.ID, r.Pivot, r.Nom, r.Commune, r.CodePostal, r.CodeInsee, r.Adresse,
		r.ComplementAdresse, r.Latitude, r.Longitude, r.Typologie, r.Telephone, r.Courriels, r.SiteWeb,
		r.Horaires, r.PresentationResume, r.PresentationDetail, r.Source, r.Itinerance, r.StructureParente,
		r.DateMaj, r.Services, r.Publics, r.PriseEnCharge, r.Frais, r.Dispositifs, r.FormationsLabels,
		r.AutresFormations, r.ModalitesAcces, r.ModalitesAccompagnement, r.FicheAccesLibre, r.PriseRdv}
}

// RowOf builds a Row from values in the standard's column order (the
// inverse of Fields). It panics if f does not have one value per column.
func RowOf(f []string) Row {
	_ = f[len(Columns)-1]
	return Row{ID: f[0], Pivot: f[1], Nom: f[2], Commune: f[3], CodePostal: f[4], CodeInsee: f[5], Adresse: f[6],
		ComplementAdresse: f[7], Latitude: f[8], Longitude: f[9], Typologie: f[10], Telephone: f[11], Courriels: f[12],
		SiteWeb: f[13], Horaires: f[14], PresentationResume: f[15], PresentationDetail: f[16], Source: f[17],
		Itinerance: f[18], StructureParente: f[19], DateMaj: f[20], Services: f[21], Publics: f[22], PriseEnCharge: f[23],
		Frais: f[24], Dispositifs: f[25], FormationsLabels: f[26], AutresFormations: f[27], ModalitesAcces: f[28],
		ModalitesAccompagnement: f[29], FicheAccesLibre: f[30], PriseRdv: f[31]}
}
