// Package importer reads a venue file in the national standard for
// digital-mediation venues — v1.0.2, or the legacy v0.1 with its own
// vocabularies and ";" separators — normalises every row (spaces, phone
// numbers in +33 form, postcodes, commune names, dates, web addresses,
// coordinates), detects duplicates, and merges the result into
// data/lieux.csv.
//
// Nothing is dropped silently: every source row ends up imported (a new
// venue), merged (into a venue it duplicates) or rejected (with the
// reason), and every change made to a value is a line of the report
// (import-rapport.csv). The mapping from v0.1 is documented in
// docs/open-data.md.
package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"labo/internal/diag"
	"labo/internal/geo"
	"labo/internal/venue"
)

// Outcomes of a source row.
const (
	Imported = "importé"
	Merged   = "fusionné"
	Rejected = "rejeté"
)

// Result is the outcome of an import.
type Result struct {
	Source   *Source
	Rows     int // source rows read
	Imported int
	Merged   int
	Rejected int
	Changed  int // merged rows that changed an existing venue
	Notes    []Note
	Output   []byte // the new data/lieux.csv
}

var idRe = regexp.MustCompile(venue.IDPattern)

// reservedIDs are page addresses a venue id may not take (département and
// région pages live under /lieux/ too).
var reservedIDs = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range geo.Departements() {
		m[d.Slug()] = true
	}
	for _, r := range geo.Regions() {
		m[r.Slug()] = true
	}
	return m
}()

// usableID reports whether a source id can be kept: a valid page address
// with at least one letter (bare numbers such as "0" or "4" say nothing and
// collide between sources).
func usableID(id string) bool {
	return idRe.MatchString(id) && strings.IndexFunc(id, func(r rune) bool { return r >= 'a' && r <= 'z' }) >= 0 && !reservedIDs[id]
}

// Import merges src into existing, the content of data/lieux.csv (nil when
// the file does not exist yet). existing must be valid: run `labo check`.
func Import(existing []byte, src *Source) (*Result, error) {
	ix := newIndex()
	var order []*entry
	if existing != nil {
		var problems diag.List
		for _, v := range venue.Parse(venue.FileName, existing, &problems) {
			e := newEntry(v.Row, 0, true)
			ix.add(e)
			order = append(order, e)
		}
		if err := problems.Err(); err != nil {
			return nil, fmt.Errorf("%s must be valid before an import (run labo check): %w", venue.FileName, err)
		}
	}
	res := &Result{Source: src, Rows: len(src.Records)}
	for _, col := range src.Unknown {
		res.Notes = append(res.Notes, Note{Line: 1, Field: col, Problem: "colonne inconnue du standard (v1.0.2 et v0.1)", Action: "colonne ignorée pour toutes les lignes"})
	}
	for _, rec := range src.Records {
		row, notes, reject := normalise(rec)
		if slices.ContainsFunc(notes, func(n Note) bool { return n.Problem == legacyVocabulary }) {
			src.Legacy = true
		}
		var status, id, action string
		if reject != "" {
			status, id, action = Rejected, "", "ligne non importée : "+reject
			res.Rejected++
		} else {
			c := newEntry(row, rec.Line, false)
			// A source id that cannot be kept is replaced by the id Labo
			// would make, so that importing the same file again finds the
			// venues it created.
			c.srcID = c.row.ID
			if !usableID(c.row.ID) {
				c.row.ID = MakeID(c.row.CodePostal, c.row.Commune, c.row.Nom)
			}
			found, why, samePivot := ix.match(c)
			if found != nil {
				status, id = Merged, found.row.ID
				changed, fieldNotes := merge(found, c)
				for i := range fieldNotes {
					fieldNotes[i].Line = rec.Line
				}
				notes = append(notes, fieldNotes...)
				ix.reindex(found)
				what := "identique, rien à changer"
				if changed {
					what = "informations complétées ou mises à jour"
					if found.existing {
						res.Changed++
					}
				}
				action = fmt.Sprintf("fusionné avec le lieu %s (%s) : %s", id, why, what)
				res.Merged++
			} else {
				id = assignID(ix, c, &notes)
				status = Imported
				for _, e := range samePivot {
					notes = append(notes, Note{Line: rec.Line, Field: "pivot", Problem: "même SIRET ou RNA que le lieu " + e.row.ID + " (ailleurs, sous un autre nom)",
						Action: "importé comme un autre lieu : vérifiez s'il s'agit d'un doublon", Value: c.row.Pivot})
				}
				action = "nouveau lieu ajouté"
				ix.add(c)
				order = append(order, c)
				res.Imported++
			}
		}
		for i := range notes {
			notes[i].Status, notes[i].ID = status, id
		}
		res.Notes = append(res.Notes, Note{Line: rec.Line, Status: status, ID: id, Action: action})
		res.Notes = append(res.Notes, notes...)
	}
	rows := make([]venue.Row, len(order))
	for i, e := range order {
		rows[i] = e.row
	}
	res.Output = venue.EncodeCSV(rows)
	var problems diag.List
	venue.Parse(venue.FileName, res.Output, &problems)
	if err := problems.Err(); err != nil {
		return nil, fmt.Errorf("the merged file would be invalid (this is a bug in the importer): %w", err)
	}
	return res, nil
}

// assignID chooses the id of a new venue: the source id when usable and
// free, else one made from département, commune and name, made unique.
func assignID(ix *index, c *entry, notes *[]Note) string {
	src := c.srcID
	id := src
	why := ""
	switch {
	case src == "":
		why = "identifiant absent"
	case !usableID(src):
		why = "identifiant inutilisable comme adresse de page (lettres minuscules, chiffres et tirets, avec au moins une lettre)"
	case ix.byID[src] != nil:
		why = "identifiant déjà pris par un autre lieu (" + ix.byID[src].row.Nom + ")"
	}
	if why != "" {
		id = MakeID(c.row.CodePostal, c.row.Commune, c.row.Nom)
		if id == "" || reservedIDs[id] {
			id += "-lieu"
			id = strings.TrimPrefix(id, "-")
		}
	}
	base := id
	for n := 2; ix.byID[id] != nil; n++ {
		id = base + "-" + strconv.Itoa(n)
		if why == "" {
			why = "identifiant déjà pris"
		}
	}
	if why != "" {
		*notes = append(*notes, Note{Line: c.line, Field: "id", Problem: why, Action: "identifiant créé : " + id, Value: src})
	}
	c.row.ID = id
	return id
}

// merge completes or updates the known venue e with the incoming row c.
// Empty values never erase; a different value replaces the known one only
// when c is more recent (date_maj). It reports whether e changed.
func merge(e, c *entry) (bool, []Note) {
	ef, cf := e.row.Fields(), c.row.Fields()
	newer := cf[20] > ef[20] // date_maj, YYYY-MM-DD compares as text
	var notes []Note
	changed := false
	for i, col := range venue.Columns {
		if col == "id" || cf[i] == "" || cf[i] == ef[i] {
			continue
		}
		switch {
		case col == "pivot" && !realPivot(cf[i]):
		case ef[i] == "" || (col == "pivot" && !realPivot(ef[i])):
			notes = append(notes, Note{Field: col, Problem: "information absente du lieu existant", Action: "complétée", Value: cf[i]})
			ef[i] = cf[i]
			changed = true
		case newer:
			notes = append(notes, Note{Field: col, Problem: "valeur différente, plus récente (" + cf[20] + ")", Action: "mise à jour ; ancienne valeur : " + ef[i], Value: cf[i]})
			ef[i] = cf[i]
			changed = true
		default:
			notes = append(notes, Note{Field: col, Problem: "valeur différente, pas plus récente que celle du lieu existant (" + ef[20] + ")", Action: "valeur existante conservée", Value: cf[i]})
		}
	}
	// Coordinates go in pairs: keep the pair of whichever row won latitude.
	if ef[8] != "" && ef[9] == "" || ef[8] == "" && ef[9] != "" {
		ef[8], ef[9] = e.row.Latitude, e.row.Longitude
	}
	if changed {
		e.row = venue.RowOf(ef)
		*e = *newEntry(e.row, e.line, e.existing)
	}
	return changed, notes
}

// ReportColumns are the columns of import-rapport.csv.
var ReportColumns = []string{"ligne", "statut", "id", "champ", "probleme", "action", "valeur_source"}

// Report writes the notes as CSV, in source order: for each row, first its
// outcome, then what was done to its fields.
func (r *Result) Report() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write(ReportColumns)
	notes := slices.Clone(r.Notes)
	slices.SortStableFunc(notes, func(a, b Note) int { return a.Line - b.Line })
	for _, n := range notes {
		_ = w.Write([]string{strconv.Itoa(n.Line), n.Status, n.ID, n.Field, n.Problem, n.Action, n.Value})
	}
	w.Flush()
	return b.Bytes()
}

// Summary describes the result in French for the command line.
func (r *Result) Summary(name string) string {
	version := "version 1.0.2"
	if r.Source.Legacy {
		version = "version 0.1"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s lue%s dans %s (%s, %s du standard) :\n", plural(r.Rows, "ligne", "lignes"), pluralS(r.Rows), name, strings.ToUpper(r.Source.Format), version)
	fmt.Fprintf(&b, "  %s, %s", plural(r.Imported, "lieu ajouté", "lieux ajoutés"), plural(r.Merged, "ligne fusionnée", "lignes fusionnées"))
	if r.Changed > 0 {
		fmt.Fprintf(&b, " (dont %s)", plural(r.Changed, "lieu existant mis à jour", "lieux existants mis à jour"))
	}
	fmt.Fprintf(&b, ", %s.\n", plural(r.Rejected, "ligne rejetée", "lignes rejetées"))
	if len(r.Source.Unknown) > 0 {
		fmt.Fprintf(&b, "  Colonnes ignorées : %s.\n", strings.Join(r.Source.Unknown, ", "))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 0 || n == 1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

func pluralS(n int) string {
	if n > 1 {
		return "s"
	}
	return ""
}
