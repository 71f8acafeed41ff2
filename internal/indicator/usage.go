package indicator

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"labo/internal/csvio"
	"labo/internal/diag"
	"labo/internal/geo"
	"labo/internal/parallel"
	"labo/internal/referential"
)

// UsagesDir holds the usage records, one CSV file or more.
const UsagesDir = "data/usages"

// UsageColumns are the columns of a usage file, in order.
var UsageColumns = []string{"pass", "beneficiaire", "action", "aiguilleur", "remis_le", "utilise_le", "lieu",
	"service", "premiere_visite", "tranche_age", "sexe", "diplome", "commune"}

// UsageRow is one line of a usage file: one cheque, distributed and perhaps
// used. The person is known only by a pseudonym; age, sex, diploma and
// commune describe them and must be the same on every line of theirs.
type UsageRow struct {
	Pass        string `csv:"pass"`            // cheque number, unique
	Beneficiary string `csv:"beneficiaire"`    // pseudonym, unique within the action
	Action      string `csv:"action"`          // slug of content/actions/<slug>.md
	Distributor string `csv:"aiguilleur"`      // kind of structure that handed it out
	Given       string `csv:"remis_le"`        // YYYY-MM-DD
	UsedOn      string `csv:"utilise_le"`      // YYYY-MM-DD, empty when not used
	Venue       string `csv:"lieu"`            // venue id of data/lieux.csv, when used
	Service     string `csv:"service"`         // referential code, when used
	FirstVisit  string `csv:"premiere_visite"` // oui | non, when used
	AgeBand     string `csv:"tranche_age"`
	Sex         string `csv:"sexe"`
	Diploma     string `csv:"diplome"`
	Commune     string `csv:"commune"` // INSEE code of the commune of residence
}

// Record is a validated cheque in compact form: small indexes into the
// dictionaries of Usages, so that a million of them fit in a few tens of
// megabytes and aggregate quickly.
type Record struct {
	Person      int32 // index into Usages.People
	Action      int16 // index into Usages.Actions
	Given       int16 // month of distribution, months since January 2000
	UsedOn      int16 // month of use, when Used
	Service     int16 // index into the referential's services, -1 when unused
	VenueType   int16 // index into Usages.VenueTypes, -1 when unused
	Family      int8  // index into the referential's families, -1 when unused
	Distributor int8  // index into Distributors
	Used        bool
	First       bool // first visit to this venue
}

// Person describes one beneficiary of one action.
type Person struct {
	Dept    int16 // index into Usages.Depts
	Age     int8  // index into AgeBands
	Sex     int8  // index into Sexes
	Diploma int8  // index into Diplomas
}

// Usages are the records of every usage file, validated. Dictionaries are
// sorted, so that the same input always gives the same indexes.
type Usages struct {
	Records    []Record
	People     []Person
	Actions    []string // action slugs
	Depts      []string // département codes of residence
	VenueTypes []string // venue typology codes
	Families   []string // referential family codes, in referential order
	FamilyName []string // their titles
	Services   []string // referential service codes, in referential order
}

func (u *Usages) familyIndex(code string) int  { return slices.Index(u.Families, code) }
func (u *Usages) serviceIndex(code string) int { return slices.Index(u.Services, code) }

// Month converts a month index back to its first day.
func Month(m int16) time.Time {
	return time.Date(2000, time.January+time.Month(m), 1, 0, 0, 0, 0, time.UTC)
}

func monthIndex(t time.Time) int16 { return int16((t.Year()-2000)*12 + int(t.Month()) - 1) }

// Context gives the usage loader what it checks records against.
type Context struct {
	Ref       *referential.Referential // nil: codes not checked (referential unreadable)
	Venues    map[string]string        // venue id → first typology code ("" when none); nil: not checked (venue file unreadable)
	Actions   map[string]*Action       // slug → action
	BuildDate time.Time                // no record may be dated after it
	Location  *time.Location           // dates are read in this zone
	dates     map[string]time.Time     // parse cache: few distinct dates, many rows
}

var (
	passPattern   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{3,39}$`)
	pseudoPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{4,64}$`)
	inseePattern  = regexp.MustCompile(`^([013-9]\d|2[AB1-9])\d{3}$`)
)

type personKey struct{ action, pseudo string }

type personSeen struct {
	idx  int32
	line int
	file string
	row  UsageRow
}

// LoadUsages reads every CSV file of UsagesDir in name order. A missing
// folder means no records.
func LoadUsages(fsys fs.FS, ctx *Context, problems *diag.List) *Usages {
	entries, err := fs.ReadDir(fsys, UsagesDir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			problems.Add(diag.Problem{File: UsagesDir, Msg: "cannot read: " + err.Error()})
		}
		return newUsages(ctx)
	}
	// Files are read and decoded a few at a time side by side (a national
	// network has a million rows: decoding is half the work), then checked
	// in name order, since the checks span files (unique cheques, stable
	// people). Only a few files' raw rows are in memory at once.
	type decoded struct {
		file  string
		rows  []UsageRow
		lines []int
	}
	var files []*decoded
	for _, e := range entries {
		if !e.IsDir() && path.Ext(e.Name()) == ".csv" {
			files = append(files, &decoded{file: UsagesDir + "/" + e.Name()})
		}
	}
	b := newBuilder(ctx, problems)
	step := runtime.GOMAXPROCS(0)
	for lo := 0; lo < len(files); lo += step {
		batch := files[lo:min(lo+step, len(files))]
		parallel.Each(batch, 0, func(d *decoded) error {
			data, err := fs.ReadFile(fsys, d.file)
			if err != nil {
				problems.Add(diag.Problem{File: d.file, Msg: "cannot read: " + err.Error()})
				return nil
			}
			d.lines = csvio.Read(d.file, data, csvio.Header{Columns: UsageColumns}, &d.rows, problems)
			return nil
		})
		for _, d := range batch {
			for i := range d.rows {
				b.check(d.file, d.lines[i], &d.rows[i])
			}
			d.rows, d.lines = nil, nil
		}
	}
	return b.finish()
}

// ParseUsages reads one usage file (for tests and fuzzing).
func ParseUsages(file string, data []byte, ctx *Context, problems *diag.List) *Usages {
	b := newBuilder(ctx, problems)
	b.parse(file, data)
	return b.finish()
}

func newUsages(ctx *Context) *Usages {
	u := &Usages{}
	if ctx.Ref != nil {
		for _, f := range ctx.Ref.Families {
			u.Families = append(u.Families, f.Code)
			u.FamilyName = append(u.FamilyName, f.Title)
		}
		for _, s := range ctx.Ref.Services {
			u.Services = append(u.Services, s.Code)
		}
	}
	for slug := range ctx.Actions {
		u.Actions = append(u.Actions, slug)
	}
	slices.Sort(u.Actions)
	return u
}

type builder struct {
	ctx      *Context
	problems *diag.List
	u        *Usages
	passes   map[string]string // pass → "file:line" of its first row
	people   map[personKey]*personSeen
	rows     []pending
	// personDept is the département code of each person, indexed once
	// every file is read.
	personDept []string
}

// pending keeps a record whose dictionary indexes (département, venue type)
// are known only once every file is read.
type pending struct {
	rec   Record
	vtype string
}

func newBuilder(ctx *Context, problems *diag.List) *builder {
	if ctx.dates == nil {
		ctx.dates = map[string]time.Time{}
	}
	return &builder{ctx: ctx, problems: problems, u: newUsages(ctx), passes: map[string]string{}, people: map[personKey]*personSeen{}}
}

func (b *builder) date(s string) (time.Time, bool) {
	if t, ok := b.ctx.dates[s]; ok {
		return t, true
	}
	loc := b.ctx.Location
	if loc == nil {
		loc = time.UTC
	}
	t, err := time.ParseInLocation(time.DateOnly, s, loc)
	if err != nil {
		return time.Time{}, false
	}
	b.ctx.dates[s] = t
	return t, true
}

func (b *builder) parse(file string, data []byte) {
	var rows []UsageRow
	lines := csvio.Read(file, data, csvio.Header{Columns: UsageColumns}, &rows, b.problems)
	for i := range rows {
		b.check(file, lines[i], &rows[i])
	}
}

// check validates one row and keeps it when it is sound.
func (b *builder) check(file string, line int, r *UsageRow) {
	ok := true
	bad := func(field, format string, args ...any) {
		b.problems.Add(diag.Problem{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
		ok = false
	}
	trim(r)
	rec := Record{Service: -1, VenueType: -1, Family: -1}
	var p struct{ dept, vtype string }

	if !passPattern.MatchString(r.Pass) {
		bad("pass", "expected a cheque number of 4 to 40 letters, digits and dashes, found %q", r.Pass)
	} else if first, dup := b.passes[r.Pass]; dup {
		bad("pass", "expected each cheque once, found %q already on %s", r.Pass, first)
	} else {
		b.passes[r.Pass] = fmt.Sprintf("%s:%d", file, line)
	}
	if !pseudoPattern.MatchString(r.Beneficiary) {
		bad("beneficiaire", "expected a pseudonym of 4 to 64 letters, digits, _ or -, found %q", r.Beneficiary)
	}
	action := b.ctx.Actions[r.Action]
	if action == nil {
		bad("action", "expected the slug of an action of content/actions/ with an [action] table (%s), found %q", strings.Join(b.u.Actions, ", "), r.Action)
	} else {
		rec.Action = int16(slices.Index(b.u.Actions, r.Action))
	}
	if d := indexOf(Distributors, r.Distributor); d < 0 {
		bad("aiguilleur", "expected one of %s, found %q", strings.Join(slugs(Distributors), ", "), r.Distributor)
	} else {
		rec.Distributor = int8(d)
	}
	given, okGiven := b.date(r.Given)
	switch {
	case !okGiven:
		bad("remis_le", "expected a date such as 2025-09-15, found %q", r.Given)
	case given.After(b.ctx.BuildDate):
		bad("remis_le", "expected a date on or before the build date %s, found %s", b.ctx.BuildDate.Format(time.DateOnly), r.Given)
	case action != nil && (given.Before(action.Start) || given.After(action.End)):
		bad("remis_le", "expected a date within the action's period %s to %s, found %s", action.Start.Format(time.DateOnly), action.End.Format(time.DateOnly), r.Given)
	default:
		rec.Given = monthIndex(given)
	}
	if r.UsedOn == "" {
		for field, v := range map[string]string{"lieu": r.Venue, "service": r.Service, "premiere_visite": r.FirstVisit} {
			if v != "" {
				bad(field, "expected nothing for a cheque not used (utilise_le is empty), found %q", v)
			}
		}
	} else {
		rec.Used = true
		used, okUsed := b.date(r.UsedOn)
		switch {
		case !okUsed:
			bad("utilise_le", "expected a date such as 2025-10-02 or nothing, found %q", r.UsedOn)
		case okGiven && used.Before(given):
			bad("utilise_le", "expected a date on or after remis_le %s, found %s", r.Given, r.UsedOn)
		case used.After(b.ctx.BuildDate):
			bad("utilise_le", "expected a date on or before the build date %s, found %s", b.ctx.BuildDate.Format(time.DateOnly), r.UsedOn)
		default:
			rec.UsedOn = monthIndex(used)
		}
		vtype, known := b.ctx.Venues[r.Venue]
		if !known && b.ctx.Venues != nil {
			bad("lieu", "expected the id of a venue of data/lieux.csv, found %q", r.Venue)
		}
		p.vtype = vtype
		var svc *referential.Service
		if b.ctx.Ref != nil {
			svc = b.ctx.Ref.Service(r.Service)
		}
		if svc == nil && b.ctx.Ref != nil {
			bad("service", "expected a service code of %s, found %q", referential.FileName, r.Service)
		} else if svc != nil {
			rec.Service = int16(b.u.serviceIndex(svc.Code))
			rec.Family = int8(b.u.familyIndex(svc.Family))
		}
		switch r.FirstVisit {
		case "oui", "non":
			rec.First = r.FirstVisit == "oui"
		default:
			bad("premiere_visite", "expected oui or non for a used cheque, found %q", r.FirstVisit)
		}
	}
	var person Person
	if i := indexOf(AgeBands, r.AgeBand); i < 0 {
		bad("tranche_age", "expected one of %s, found %q", strings.Join(slugs(AgeBands), ", "), r.AgeBand)
	} else {
		person.Age = int8(i)
	}
	if i := indexOf(Sexes, r.Sex); i < 0 {
		bad("sexe", "expected one of %s, found %q", strings.Join(slugs(Sexes), ", "), r.Sex)
	} else {
		person.Sex = int8(i)
	}
	if i := indexOf(Diplomas, r.Diploma); i < 0 {
		bad("diplome", "expected one of %s, found %q", strings.Join(slugs(Diplomas), ", "), r.Diploma)
	} else {
		person.Diploma = int8(i)
	}
	if !inseePattern.MatchString(r.Commune) {
		bad("commune", "expected the 5-character INSEE code of a commune, found %q", r.Commune)
	} else if d := geo.DepartementOfINSEE(r.Commune); d == nil {
		bad("commune", "expected the INSEE code of a commune of a known département, found %q", r.Commune)
	} else {
		p.dept = d.Code
	}
	if !ok {
		return
	}
	key := personKey{r.Action, r.Beneficiary}
	seen := b.people[key]
	if seen == nil {
		seen = &personSeen{idx: int32(len(b.u.People)), line: line, file: file, row: *r}
		b.people[key] = seen
		b.u.People = append(b.u.People, person)
		b.personDept = append(b.personDept, p.dept)
	} else {
		for _, f := range []struct{ name, was, now string }{
			{"tranche_age", seen.row.AgeBand, r.AgeBand}, {"sexe", seen.row.Sex, r.Sex},
			{"diplome", seen.row.Diploma, r.Diploma}, {"commune", seen.row.Commune, r.Commune},
		} {
			if f.was != f.now {
				bad(f.name, "expected the same value as on %s:%d for this beneficiary, found %q instead of %q", seen.file, seen.line, f.now, f.was)
			}
		}
		if !ok {
			return
		}
	}
	rec.Person = seen.idx
	b.rows = append(b.rows, pending{rec: rec, vtype: p.vtype})
}

func trim(r *UsageRow) {
	for _, f := range []*string{&r.Pass, &r.Beneficiary, &r.Action, &r.Distributor, &r.Given, &r.UsedOn, &r.Venue,
		&r.Service, &r.FirstVisit, &r.AgeBand, &r.Sex, &r.Diploma, &r.Commune} {
		*f = strings.TrimSpace(*f)
	}
}

// finish builds the sorted dictionaries and the final records, grouped by
// person (the order aggregation needs).
func (b *builder) finish() *Usages {
	u := b.u
	depts := map[string]bool{}
	for _, d := range b.personDept {
		depts[d] = true
	}
	vtypes := map[string]bool{}
	for _, p := range b.rows {
		if p.rec.Used {
			vtypes[p.vtype] = true
		}
	}
	u.Depts = sortedKeys(depts)
	u.VenueTypes = sortedKeys(vtypes)
	for i, d := range b.personDept {
		u.People[i].Dept = int16(slices.Index(u.Depts, d))
	}
	u.Records = make([]Record, len(b.rows))
	for i, p := range b.rows {
		r := p.rec
		if r.Used {
			r.VenueType = int16(slices.Index(u.VenueTypes, p.vtype))
		}
		u.Records[i] = r
	}
	return u
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
