package gen

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/qualification"
	"labo/internal/referential"
	"labo/internal/venue"
)

type venueGen struct {
	rnd       *rand.Rand
	date      time.Time
	ref       *referential.Referential
	depts     []*dept
	deptCount int
}

// genVenue is a row and what the qualifications need to know about it.
type genVenue struct {
	venue.Row
	dept *dept
}

// Fill rates of optional fields, close to those of the national
// cartography's open data.
const (
	rateHours       = 0.40
	ratePoint       = 0.95
	ratePhone       = 0.70
	rateEmail       = 0.60
	rateWebsite     = 0.35
	rateResume      = 0.80
	rateDetail      = 0.45
	rateComplement  = 0.20
	rateInsee       = 0.90
	rateQualified   = 0.40 // venues with at least one qualification row
	rateFicheAcces  = 0.20
	rateRdv         = 0.15
	rateItinerant   = 0.03
	rateStructParen = 0.40
)

// venues draws n venues. Every département gets its share by population
// (square root, at least one venue each when n allows), so that overseas
// départements and small rural ones are present.
func (g *venueGen) venues(n int) []*genVenue {
	counts := g.allocate(n)
	used := map[string]int{}
	var out []*genVenue
	for i, d := range g.depts {
		if counts[i] > 0 {
			g.deptCount++
		}
		for range counts[i] {
			out = append(out, g.venue(d, used))
		}
	}
	return out
}

func (g *venueGen) allocate(n int) []int {
	counts := make([]int, len(g.depts))
	if n == 0 {
		return counts
	}
	weights := make([]float64, len(g.depts))
	var total float64
	for i, d := range g.depts {
		weights[i] = math.Sqrt(float64(d.population))
		total += weights[i]
	}
	left := n
	if n >= len(g.depts) {
		for i := range counts {
			counts[i] = 1
		}
		left -= len(g.depts)
	}
	// Largest remainder: deterministic, sums exactly to n.
	type rem struct {
		i int
		f float64
	}
	rems := make([]rem, len(g.depts))
	given := 0
	for i, w := range weights {
		x := w / total * float64(left)
		counts[i] += int(x)
		given += int(x)
		rems[i] = rem{i, x - math.Floor(x)}
	}
	sort.SliceStable(rems, func(a, b int) bool { return rems[a].f > rems[b].f })
	for k := 0; given < left; k++ {
		counts[rems[k%len(rems)].i]++
		given++
	}
	return counts
}

func (g *venueGen) venue(d *dept, used map[string]int) *genVenue {
	r := g.rnd
	c := d.communes[sort.SearchFloat64s(d.weights, r.Float64()*d.weights[len(d.weights)-1])]
	k := g.kind()
	name := fmt.Sprintf(k.name, c.name)
	base := strings.ToLower(d.Code) + "-" + frtext.Slug(c.name) + "-" + frtext.Slug(strings.SplitN(k.typologie, "|", 2)[0])
	used[base]++
	id := base
	if n := used[base]; n > 1 {
		id = base + "-" + strconv.Itoa(n)
		name += " (" + strconv.Itoa(n) + ")"
	}
	v := &genVenue{dept: d}
	row := &v.Row
	row.ID = id
	row.Pivot = fmt.Sprintf("%014d", r.Int64N(1e14))
	row.Nom = name
	row.Commune = c.name
	row.CodePostal = pick(r, c.postcodes)
	if chance(r, rateInsee) {
		row.CodeInsee = c.insee
	}
	row.Adresse = fmt.Sprintf("%d %s", 1+r.IntN(120), pick(r, streets))
	if chance(r, rateComplement) {
		row.ComplementAdresse = pick(r, complements)
	}
	if chance(r, ratePoint) {
		lat, lon := g.point(d)
		row.Latitude = strconv.FormatFloat(lat, 'f', 5, 64)
		row.Longitude = strconv.FormatFloat(lon, 'f', 5, 64)
	}
	row.Typologie = k.typologie
	if chance(r, ratePhone) {
		row.Telephone = phone(r, d)
	}
	host := id + ".example"
	if chance(r, rateEmail) {
		row.Courriels = "contact@" + host
		if chance(r, 0.15) {
			row.Courriels += "|accueil@" + host
		}
	}
	if chance(r, rateWebsite) {
		row.SiteWeb = "https://www." + host + "/"
	}
	if chance(r, rateHours) {
		row.Horaires = pick(r, hoursPatterns)
	}
	if chance(r, rateResume) {
		row.PresentationResume = pick(r, resumes)
		if chance(r, 0.5) {
			if s := row.PresentationResume + " " + pick(r, resumes); len([]rune(s)) <= venue.MaxResume && s != row.PresentationResume+" "+row.PresentationResume {
				row.PresentationResume = s
			}
		}
	}
	if chance(r, rateDetail) {
		row.PresentationDetail = strings.Join(sample(r, details, 2+r.IntN(3)), " ")
	}
	row.Source = pick(r, sources)
	if chance(r, 0.9) {
		row.Itinerance = "Fixe"
		if chance(r, rateItinerant) {
			row.Itinerance = "Itinérant"
		}
	}
	if chance(r, rateStructParen) {
		p := pick(r, parents)
		if strings.Contains(p, "%s") {
			p = fmt.Sprintf(p, c.name)
		}
		row.StructureParente = p
	}
	// Most venues were updated in the last two years; some are stale.
	row.DateMaj = g.date.AddDate(0, 0, -r.IntN(900)).Format(time.DateOnly)
	if chance(r, 0.95) {
		row.Services = strings.Join(sample(r, venue.Services, 1+r.IntN(5)), venue.Sep)
	}
	multi := func(p float64, vocab []string, most int) string {
		if !chance(r, p) {
			return ""
		}
		return strings.Join(sample(r, vocab, 1+r.IntN(most)), venue.Sep)
	}
	row.Publics = multi(0.30, venue.Publics, 2)
	row.PriseEnCharge = multi(0.25, venue.PrisesEnCharge, 2)
	row.Frais = multi(0.85, venue.Frais[:2], 1)
	row.Dispositifs = multi(0.50, venue.Dispositifs, 2)
	row.FormationsLabels = multi(0.15, venue.FormationsLabels, 1)
	row.ModalitesAcces = multi(0.85, venue.ModalitesAcces[:4], 3)
	row.ModalitesAccompagnement = multi(0.85, venue.ModalitesAccompagnement, 3)
	if chance(r, rateFicheAcces) {
		row.FicheAccesLibre = "https://acceslibre.beta.gouv.fr/app/" + id + "/"
	}
	if chance(r, rateRdv) {
		row.PriseRdv = "https://rdv." + host + "/"
	}
	return v
}

func (g *venueGen) kind() struct {
	typologie, name string
	weight          int
} {
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	x := g.rnd.IntN(total)
	for _, k := range kinds {
		if x < k.weight {
			return k
		}
		x -= k.weight
	}
	return kinds[0]
}

// point draws a point around the département's centre, within a radius that
// follows the map zoom (a small département is zoomed in more), and retries
// until it lies in France: coordinates are plausible and always valid.
func (g *venueGen) point(d *dept) (lat, lon float64) {
	radius := 0.45 * math.Pow(2, 9.3-d.zoom)
	for range 20 {
		a := g.rnd.Float64() * 2 * math.Pi
		rr := radius * math.Sqrt(g.rnd.Float64())
		lat = d.lat + rr*math.Sin(a)
		lon = d.lon + rr*math.Cos(a)/math.Cos(d.lat*math.Pi/180)
		if geo.CheckPoint(lat, lon) == "" {
			return lat, lon
		}
	}
	return d.lat, d.lon
}

// phone is a plausible number in the international form the standard wants.
func phone(r *rand.Rand, d *dept) string {
	prefix := map[string]string{"971": "+590590", "977": "+590590", "978": "+590590", "972": "+596596",
		"973": "+594594", "974": "+262262", "976": "+262269"}[d.Code]
	if prefix != "" {
		return fmt.Sprintf("%s%06d", prefix, r.IntN(1e6))
	}
	return fmt.Sprintf("+33%d%08d", 1+r.IntN(5), r.IntN(1e8))
}

func writeVenues(out io.Writer, venues []*genVenue) error {
	w := csv.NewWriter(out)
	if err := w.Write(venue.Columns); err != nil {
		return err
	}
	for _, v := range venues {
		if err := w.Write(v.Fields()); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}

// qualifications writes data/qualifications.csv: about 40 % of venues hold
// a qualification; some have an older expired one too, a few are pending or
// suspended. Services are drawn among those matching the venue's national
// services, so that a venue is qualified for what it says it does.
func (g *venueGen) qualifications(out io.Writer, venues []*genVenue) (int, error) {
	r := g.rnd
	w := csv.NewWriter(out)
	if err := w.Write(qualification.Columns); err != nil {
		return 0, err
	}
	byNational := map[string][]string{}
	for _, s := range g.ref.Services {
		for _, n := range s.NationalServices {
			byNational[n] = append(byNational[n], s.Code)
		}
	}
	var all []string
	for _, s := range g.ref.Services {
		all = append(all, s.Code)
	}
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	rows := 0
	for _, v := range venues {
		if !chance(r, rateQualified) {
			continue
		}
		var pool []string
		for _, n := range strings.Split(v.Services, venue.Sep) {
			pool = append(pool, byNational[n]...)
		}
		slices.Sort(pool)
		pool = slices.Compact(pool)
		if len(pool) < 2 {
			pool = all
		}
		codes := func() string { return strings.Join(sample(r, pool, 2+r.IntN(6)), "|") }
		pass := "oui"
		if chance(r, 0.2) {
			pass = "non"
		}
		from := g.date.AddDate(0, 0, -r.IntN(700))
		status := qualification.Qualified
		switch x := r.Float64(); {
		case x < 0.08:
			status = qualification.Pending
		case x < 0.13:
			status = qualification.Suspended
		case x < 0.23:
			status = qualification.Expired
			from = from.AddDate(-2, 0, 0)
		}
		if chance(r, 0.15) { // an older qualification, renewed since
			old := from.AddDate(-2, 0, 0)
			if err := w.Write([]string{v.ID, codes(), qualification.Expired, day(old), day(old.AddDate(2, 0, 0)), pass}); err != nil {
				return rows, err
			}
			rows++
		}
		fromS, untilS := day(from), day(from.AddDate(2, 0, 0))
		if status == qualification.Pending {
			fromS, untilS = "", ""
		}
		if err := w.Write([]string{v.ID, codes(), status, fromS, untilS, pass}); err != nil {
			return rows, err
		}
		rows++
	}
	w.Flush()
	return rows, w.Error()
}
