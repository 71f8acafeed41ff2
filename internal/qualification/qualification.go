// Package qualification reads data/qualifications.csv: which referential
// services a venue is qualified for, with the status and validity dates of
// the qualification and whether the venue accepts the Pass numérique.
//
// A venue counts as qualified for a service on a date only when the status is
// "qualifiée" and qualifie_le ≤ date < expire_le.
package qualification

import (
	"fmt"
	"io/fs"
	"slices"
	"time"

	"labo/internal/csvio"
	"labo/internal/diag"
)

// FileName is the qualifications file in the site root.
const FileName = "data/qualifications.csv"

// Columns of the file.
var Columns = []string{"lieu_id", "services", "statut", "qualifie_le", "expire_le", "pass_numerique"}

// Statuses of a qualification.
const (
	Qualified = "qualifiée"
	Pending   = "en cours"
	Suspended = "suspendue"
	Expired   = "expirée"
)

// Statuses lists the allowed values of `statut`.
var Statuses = []string{Qualified, Pending, Suspended, Expired}

// Row is one line as written.
type Row struct {
	VenueID  string `csv:"lieu_id"`
	Services string `csv:"services"`
	Status   string `csv:"statut"`
	From     string `csv:"qualifie_le"`
	Until    string `csv:"expire_le"`
	Pass     string `csv:"pass_numerique"`
}

// Qualification is a validated row.
type Qualification struct {
	Row
	Line     int
	Services []string
	FromDate time.Time // zero when empty
	Until    time.Time // zero when empty
	Pass     bool
}

// calendarDay keeps the calendar date of d, as a UTC midnight like the
// dates read from the file, so that a build date in Europe/Paris compares by
// day and not by instant.
func calendarDay(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// ValidOn reports whether the qualification is in force on day d.
func (q *Qualification) ValidOn(d time.Time) bool {
	d = calendarDay(d)
	if q.Status != Qualified || q.FromDate.IsZero() || q.Until.IsZero() {
		return false
	}
	return !d.Before(q.FromDate) && d.Before(q.Until)
}

// State is the status to show on day d: a "qualifiée" row past its end date
// reads as "expirée", one not yet started as "en cours".
func (q *Qualification) State(d time.Time) string {
	d = calendarDay(d)
	if q.Status == Qualified {
		switch {
		case !q.Until.IsZero() && !d.Before(q.Until):
			return Expired
		case !q.FromDate.IsZero() && d.Before(q.FromDate):
			return Pending
		}
	}
	return q.Status
}

// Parse reads and validates the file. Cross-references (venue ids, service
// codes) are checked by the caller, which knows the venues and the
// referential.
func Parse(file string, data []byte, problems *diag.List) []*Qualification {
	// Columns may come in any order: map them by name, without gocsv's
	// reflection (a national file has tens of thousands of rows).
	header, records, lines := csvio.Records(file, data, csvio.Header{Columns: Columns}, problems)
	col := csvio.Columns(header, Columns)
	out := make([]*Qualification, 0, len(records))
	for i, rec := range records {
		r := Row{VenueID: rec[col[0]], Services: rec[col[1]], Status: rec[col[2]], From: rec[col[3]], Until: rec[col[4]], Pass: rec[col[5]]}
		line := lines[i]
		bad := func(field, format string, args ...any) {
			problems.Add(diag.Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
		}
		q := &Qualification{Row: r, Line: line, Services: csvio.Split(r.Services, "|")}
		if r.VenueID == "" {
			bad("lieu_id", "expected the id of a venue of data/lieux.csv, found nothing")
		}
		if len(q.Services) == 0 {
			bad("services", "expected referential service codes separated by |, found nothing")
		}
		if !slices.Contains(Statuses, r.Status) {
			bad("statut", "expected one of \"qualifiée\", \"en cours\", \"suspendue\", \"expirée\", found %q", r.Status)
		}
		q.FromDate = date(bad, "qualifie_le", r.From)
		q.Until = date(bad, "expire_le", r.Until)
		if r.Status != Pending {
			if r.From == "" {
				bad("qualifie_le", "expected the date of qualification (only \"en cours\" may leave it empty), found nothing")
			}
			if r.Until == "" {
				bad("expire_le", "expected the date the qualification ends (only \"en cours\" may leave it empty), found nothing")
			}
		}
		if !q.FromDate.IsZero() && !q.Until.IsZero() && !q.FromDate.Before(q.Until) {
			bad("expire_le", "expected a date after qualifie_le %s, found %s", r.From, r.Until)
		}
		switch r.Pass {
		case "oui":
			q.Pass = true
		case "non":
		default:
			bad("pass_numerique", "expected \"oui\" or \"non\", found %q", r.Pass)
		}
		out = append(out, q)
	}
	return out
}

func date(bad func(string, string, ...any), field, s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		bad(field, "expected a date YYYY-MM-DD, found %q", s)
	}
	return d
}

// Load reads data/qualifications.csv from the site root.
func Load(fsys fs.FS, problems *diag.List) []*Qualification {
	data, err := fs.ReadFile(fsys, FileName)
	if err != nil {
		problems.Add(diag.Problem{File: FileName, Msg: "cannot read the qualifications: " + err.Error()})
		return nil
	}
	return Parse(FileName, data, problems)
}
