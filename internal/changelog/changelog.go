// Package changelog compares two open-data releases of the venues: which
// venues were added, closed (removed from the file), changed (with the
// columns that changed), qualified, requalified (a qualification renewed or
// its services changed) or whose qualification expired.
//
// A release is read from a folder holding its published lieux.csv (national
// standard) and, when present, qualifications.csv and datapackage.json (for
// its date); the current release is taken from the assembled site.
package changelog

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"labo/internal/csvio"
	"labo/internal/diag"
	"labo/internal/frtext"
	"labo/internal/qualification"
	"labo/internal/site"
	"labo/internal/venue"
)

// Kinds of change, in the order the change log presents them.
const (
	Added       = "ajouté"
	Closed      = "fermé"
	Changed     = "modifié"
	Qualified   = "qualifié"
	Requalified = "requalifié"
	Expired     = "expiré"
)

// Kinds lists the kinds in presentation order.
var Kinds = []string{Added, Closed, Changed, Qualified, Requalified, Expired}

// Venue is a venue as a release published it.
type Venue struct {
	venue.Row
	Qualified []string  // referential codes the venue was qualified for, sorted
	Until     time.Time // latest end of a qualification in force
	Lapse     string    // why an earlier qualification no longer holds: "expirée", "suspendue", ""
}

// Release is the venues of one publication.
type Release struct {
	Date   time.Time // zero when unknown
	Venues map[string]*Venue
}

// Change is one line of the change log.
type Change struct {
	Kind       string
	ID         string
	Nom        string
	Commune    string
	CodePostal string
	Fields     []string // changed columns, for Changed
	Detail     string   // French, one sentence
}

// FromSite is the release the site is building.
func FromSite(s *site.Site) *Release {
	r := &Release{Date: s.Config.Date, Venues: map[string]*Venue{}}
	for _, v := range s.Venues {
		cv := &Venue{Row: v.Row, Until: v.QualifiedUntil}
		for _, q := range v.Qualified {
			cv.Qualified = append(cv.Qualified, q.Code)
		}
		if !v.IsQualified() {
			cv.Lapse = lapse(v.Quals, s.Config.Date)
		}
		r.Venues[v.ID] = cv
	}
	return r
}

// lapse is the status to give for a venue without a qualification in force.
func lapse(quals []*qualification.Qualification, day time.Time) string {
	out := ""
	for _, q := range quals {
		switch q.State(day) {
		case qualification.Suspended:
			return qualification.Suspended
		case qualification.Expired:
			out = qualification.Expired
		}
	}
	return out
}

// Load reads a release folder: lieux.csv (required), qualifications.csv and
// datapackage.json (optional). dir names the folder in errors.
func Load(fsys fs.FS, dir string) (*Release, error) {
	r := &Release{Venues: map[string]*Venue{}}
	data, err := fs.ReadFile(fsys, "lieux.csv")
	if err != nil {
		return nil, fmt.Errorf("previous release %s: expected a lieux.csv in the national standard: %w", dir, err)
	}
	var problems diag.List
	var rows []venue.Row
	csvio.Read(dir+"/lieux.csv", data, csvio.Header{Columns: venue.Columns, Exact: true}, &rows, &problems)
	if dp, err := fs.ReadFile(fsys, "datapackage.json"); err == nil {
		var meta struct {
			Created string `json:"created"`
		}
		if json.Unmarshal(dp, &meta) == nil && len(meta.Created) >= 10 {
			r.Date, _ = time.Parse(time.DateOnly, meta.Created[:10])
		}
	}
	for _, row := range rows {
		trim(&row)
		if _, dup := r.Venues[row.ID]; dup {
			problems.Add(diag.Problem{File: dir + "/lieux.csv", Field: "id", Msg: fmt.Sprintf("expected unique ids, found %q twice", row.ID)})
		}
		r.Venues[row.ID] = &Venue{Row: row}
	}
	if qd, err := fs.ReadFile(fsys, "qualifications.csv"); err == nil {
		for _, q := range qualification.Parse(dir+"/qualifications.csv", qd, &problems) {
			v := r.Venues[q.VenueID]
			if v == nil || q.Status != qualification.Qualified || (!r.Date.IsZero() && !q.ValidOn(r.Date)) {
				continue
			}
			v.Qualified = append(v.Qualified, q.Services...)
			if q.Until.After(v.Until) {
				v.Until = q.Until
			}
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("previous release %s: %w", dir, err)
	}
	if err := problems.Err(); err != nil {
		return nil, err
	}
	for _, v := range r.Venues {
		slices.Sort(v.Qualified)
		v.Qualified = slices.Compact(v.Qualified)
	}
	return r, nil
}

func trim(r *venue.Row) {
	f := r.Fields()
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	*r = venue.RowOf(f)
}

// Diff lists the changes from prev to cur, by kind (in Kinds order), then
// commune and name in French order, then id.
func Diff(prev, cur *Release) []Change {
	var out []Change
	add := func(kind string, v *Venue, fields []string, detail string) {
		out = append(out, Change{Kind: kind, ID: v.ID, Nom: v.Nom, Commune: v.Commune, CodePostal: v.CodePostal, Fields: fields, Detail: detail})
	}
	for id, c := range cur.Venues {
		p, existed := prev.Venues[id]
		if !existed {
			add(Added, c, nil, fmt.Sprintf("Nouveau lieu à %s.", c.Commune))
			p = &Venue{}
		} else if fields := changedFields(p.Row, c.Row); len(fields) > 0 {
			add(Changed, c, fields, changedDetail(fields))
		}
		was, is := len(p.Qualified) > 0, len(c.Qualified) > 0
		switch {
		case !was && is:
			add(Qualified, c, nil, fmt.Sprintf("Qualifié pour %s jusqu'au %s.", strings.Join(c.Qualified, ", "), frtext.Date(c.Until)))
		case was && !is:
			reason := "La qualification n'est plus en vigueur."
			switch c.Lapse {
			case qualification.Suspended:
				reason = "La qualification est suspendue."
			case qualification.Expired:
				reason = "La qualification a expiré."
			}
			add(Expired, c, nil, reason+" Services qui étaient qualifiés : "+strings.Join(p.Qualified, ", ")+".")
		case was && is && (c.Until.After(p.Until) || !slices.Equal(p.Qualified, c.Qualified)):
			add(Requalified, c, nil, requalifiedDetail(p, c))
		}
	}
	for id, p := range prev.Venues {
		if _, ok := cur.Venues[id]; !ok {
			detail := "Retiré de la liste des lieux."
			if len(p.Qualified) > 0 {
				detail += " Il était qualifié pour " + strings.Join(p.Qualified, ", ") + "."
			}
			add(Closed, p, nil, detail)
		}
	}
	c := frtext.NewCollator()
	slices.SortFunc(out, func(a, b Change) int {
		if d := slices.Index(Kinds, a.Kind) - slices.Index(Kinds, b.Kind); d != 0 {
			return d
		}
		if d := c.Compare(a.Commune, b.Commune); d != 0 {
			return d
		}
		if d := c.Compare(a.Nom, b.Nom); d != 0 {
			return d
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}

func changedFields(a, b venue.Row) []string {
	fa, fb := a.Fields(), b.Fields()
	var out []string
	for i := range fa {
		if fa[i] != fb[i] {
			out = append(out, venue.Columns[i])
		}
	}
	return out
}

// fieldNames are the French labels of the columns used in details.
var fieldNames = map[string]string{
	"nom": "nom", "adresse": "adresse", "complement_adresse": "complément d'adresse", "commune": "commune",
	"code_postal": "code postal", "latitude": "position", "longitude": "position", "telephone": "téléphone",
	"courriels": "courriel", "site_web": "site web", "horaires": "horaires", "services": "services",
	"date_maj": "date de mise à jour", "modalites_acces": "modalités d'accès", "prise_rdv": "prise de rendez-vous",
	"presentation_resume": "présentation", "presentation_detail": "présentation détaillée",
	"publics_specifiquement_adresses": "publics", "prise_en_charge_specifique": "prise en charge spécifique",
	"frais_a_charge": "frais", "modalites_accompagnement": "modalités d'accompagnement",
	"dispositif_programmes_nationaux": "dispositifs nationaux", "formations_labels": "formations et labels",
	"fiche_acces_libre": "fiche Accès libre",
}

func changedDetail(fields []string) string {
	if slices.Equal(fields, []string{"date_maj"}) {
		return "Informations vérifiées, sans changement."
	}
	var names []string
	for _, f := range fields {
		if f == "date_maj" {
			continue
		}
		n := fieldNames[f]
		if n == "" {
			n = strings.ReplaceAll(f, "_", " ")
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return "Modifié : " + strings.Join(names, ", ") + "."
}

func requalifiedDetail(p, c *Venue) string {
	var parts []string
	if c.Until.After(p.Until) {
		parts = append(parts, "Qualification renouvelée jusqu'au "+frtext.Date(c.Until)+".")
	}
	var plus, minus []string
	for _, code := range c.Qualified {
		if !slices.Contains(p.Qualified, code) {
			plus = append(plus, code)
		}
	}
	for _, code := range p.Qualified {
		if !slices.Contains(c.Qualified, code) {
			minus = append(minus, code)
		}
	}
	if len(plus) > 0 {
		parts = append(parts, "Nouveaux services qualifiés : "+strings.Join(plus, ", ")+".")
	}
	if len(minus) > 0 {
		parts = append(parts, "Services qui ne sont plus qualifiés : "+strings.Join(minus, ", ")+".")
	}
	return strings.Join(parts, " ")
}

// Columns of changements.csv.
var Columns = []string{"publication", "publication_precedente", "type", "lieu_id", "nom", "commune", "code_postal", "champs", "detail"}

// Rows returns the change log as CSV records (without the header).
func Rows(changes []Change, cur, prev time.Time) [][]string {
	out := make([][]string, len(changes))
	for i, c := range changes {
		out[i] = []string{day(cur), day(prev), c.Kind, c.ID, c.Nom, c.Commune, c.CodePostal, strings.Join(c.Fields, "|"), c.Detail}
	}
	return out
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}
