// Command gendemo writes the synthetic usage records of the demo site,
// data/usages/<action>.csv, from a fixed seed: the same program always
// writes the same files. Run it from the repository root:
//
//	go run ./internal/indicator/internal/gendemo
//
// Each action has a plan whose figures follow the seed documents (see the
// action pages): the "dix heures" pass reproduces the Rhône-Alpes results
// (about 1,000 sessions, 455 people, 60 % without a diploma or with a CAP at
// most, two thirds women, 45 % over 50, 60 % who did not know the venue);
// the illiteracy pilot has 10,000 € of cheques for about 150 people and a
// path of ten workshops. Venues and services are drawn from the demo's own
// data/lieux.csv, data/qualifications.csv and data/referentiel.toml, so every
// record passes `labo check`.
package main

import (
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"labo/internal/csvio"
	"labo/internal/diag"
	"labo/internal/geo"
	"labo/internal/indicator"
	"labo/internal/site"
)

type weighted[T any] struct {
	v T
	w float64
}

func pick[T any](rng *rand.Rand, ws []weighted[T]) T {
	sum := 0.0
	for _, x := range ws {
		sum += x.w
	}
	r := rng.Float64() * sum
	for _, x := range ws {
		if r < x.w {
			return x.v
		}
		r -= x.w
	}
	return ws[len(ws)-1].v
}

// plan describes the synthetic population of one action.
type plan struct {
	slug       string
	prefix     string // of cheque numbers
	people     int    // people who receive a chequebook
	users      int    // of whom use at least one cheque
	book       []weighted[int]
	use        func(rng *rand.Rand, book int) int // cheques a user uses
	ages       []weighted[string]
	sexes      []weighted[string]
	diplomas   []weighted[string]
	firstVisit float64 // chance that a person did not know their first venue
	services   []weighted[string]
	givers     []weighted[string]
	elsewhere  []weighted[string] // communes of people living outside the action's territory
	away       float64            // share of those people
	spread     int                // days between two workshops, at most
}

var plans = []plan{
	{
		slug: "dix-heures-de-culture-numerique", prefix: "DH", people: 522, users: 455,
		book: []weighted[int]{{2, 0.4}, {3, 0.6}},
		use: func(rng *rand.Rand, book int) int {
			// About 1,000 sessions for 455 people.
			return min(book, 1+rng.IntN(book)+rng.IntN(2))
		},
		ages:       []weighted[string]{{"15-24", 6}, {"25-34", 14}, {"35-49", 33}, {"50-64", 25}, {"65-79", 17}, {"80+", 3}, {"nr", 2}},
		sexes:      []weighted[string]{{"F", 66}, {"M", 33}, {"nr", 1}},
		diplomas:   []weighted[string]{{"aucun", 33}, {"cap-bep", 27}, {"bac", 20}, {"superieur", 15}, {"nr", 5}},
		firstVisit: 0.60,
		services:   []weighted[string]{{"OUT-01", 25}, {"OUT-02", 20}, {"OUT-03", 14}, {"DEM-02", 15}, {"DEM-03", 5}, {"SEC-01", 10}, {"EMP-03", 6}, {"EQU-01", 5}},
		givers:     []weighted[string]{{"lieu", 40}, {"ccas", 20}, {"departement", 15}, {"association", 15}, {"mairie", 10}},
		elsewhere:  []weighted[string]{{"03185", 1}, {"03190", 1}, {"43157", 1}},
		away:       0.03, spread: 45,
	},
	{
		slug: "illettrisme-puy-de-dome", prefix: "IL", people: 150, users: 119,
		book: []weighted[int]{{10, 65}, {4, 85}},
		use: func(rng *rand.Rand, book int) int {
			if book == 10 && rng.Float64() < 0.62 {
				return 10
			}
			return 1 + rng.IntN(book)
		},
		ages:       []weighted[string]{{"15-24", 5}, {"25-34", 15}, {"35-49", 35}, {"50-64", 35}, {"65-79", 10}},
		sexes:      []weighted[string]{{"F", 55}, {"M", 45}},
		diplomas:   []weighted[string]{{"aucun", 70}, {"cap-bep", 25}, {"nr", 5}},
		firstVisit: 0.78,
		services:   []weighted[string]{{"OUT-01", 35}, {"OUT-02", 20}, {"DEM-02", 20}, {"DEM-01", 15}, {"SEC-01", 10}},
		givers:     []weighted[string]{{"cri", 30}, {"france-travail", 25}, {"ccas", 20}, {"caf", 15}, {"departement", 10}},
		spread:     14,
	},
	{
		slug: "creuse-tiers-lieux", prefix: "CR", people: 190, users: 158,
		book: []weighted[int]{{5, 1}},
		use: func(rng *rand.Rand, book int) int {
			if rng.Float64() < 0.55 {
				return book
			}
			return 1 + rng.IntN(book)
		},
		ages:       []weighted[string]{{"15-24", 3}, {"25-34", 6}, {"35-49", 12}, {"50-64", 25}, {"65-79", 40}, {"80+", 12}, {"nr", 2}},
		sexes:      []weighted[string]{{"F", 60}, {"M", 40}},
		diplomas:   []weighted[string]{{"aucun", 25}, {"cap-bep", 35}, {"bac", 20}, {"superieur", 12}, {"nr", 8}},
		firstVisit: 0.70,
		services:   []weighted[string]{{"OUT-01", 25}, {"OUT-02", 25}, {"OUT-05", 15}, {"DEM-02", 15}, {"DEM-04", 8}, {"SEC-01", 12}},
		givers:     []weighted[string]{{"departement", 30}, {"ccas", 25}, {"mairie", 20}, {"lieu", 15}, {"association", 10}},
		spread:     30,
	},
	{
		slug: "parents-ent-indre-et-loire", prefix: "PE", people: 47, users: 36,
		book: []weighted[int]{{3, 1}},
		use: func(rng *rand.Rand, book int) int {
			return 1 + rng.IntN(book)
		},
		ages:       []weighted[string]{{"25-34", 35}, {"35-49", 55}, {"50-64", 8}, {"nr", 2}},
		sexes:      []weighted[string]{{"F", 75}, {"M", 25}},
		diplomas:   []weighted[string]{{"aucun", 20}, {"cap-bep", 35}, {"bac", 30}, {"superieur", 10}, {"nr", 5}},
		firstVisit: 0.65,
		services:   []weighted[string]{{"FAM-01", 50}, {"FAM-03", 25}, {"FAM-02", 15}, {"DEM-02", 10}},
		givers:     []weighted[string]{{"association", 50}, {"caf", 30}, {"mairie", 20}},
		spread:     21,
	},
}

func main() {
	log.SetFlags(0)
	s, problems := site.Load(os.DirFS("."), "")
	if err := problems.Err(); err != nil {
		log.Fatalf("gendemo: the demo site has problems:\n%v", err)
	}
	defs := indicator.LoadDefinitions(s.FS, s.Ref, problems)
	actions := indicator.DecodeActions(s.FS, s.Actions, defs, s.Config.Location, problems)
	if err := problems.Err(); err != nil {
		log.Fatalf("gendemo: %v", err)
	}
	offers := offersOf(s)
	if err := os.MkdirAll(indicator.UsagesDir, 0o755); err != nil {
		log.Fatal(err)
	}
	for i, p := range plans {
		a := find(actions, p.slug)
		if a == nil {
			log.Fatalf("gendemo: no action %q in content/actions/", p.slug)
		}
		rng := rand.New(rand.NewPCG(20251101, uint64(i+1)))
		rows := generate(rng, p, a, s, offers)
		out, err := csvio.Write(rows)
		if err != nil {
			log.Fatal(err)
		}
		file := filepath.Join(indicator.UsagesDir, p.slug+".csv")
		if err := os.WriteFile(file, out, 0o644); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("gendemo: wrote %s (%d cheques)\n", file, len(rows))
	}
	// Check the result exactly as the build will.
	check := &diag.List{}
	_ = indicator.Load(s, check)
	if err := check.Err(); err != nil {
		log.Fatalf("gendemo: the records do not pass validation:\n%v", err)
	}
}

func find(actions []*indicator.Action, slug string) *indicator.Action {
	for _, a := range actions {
		if a.Slug == slug {
			return a
		}
	}
	return nil
}

// offer is a venue accepting the Pass numérique and the services it is (or
// was) qualified for.
type offer struct {
	id, dept, insee string
	services        []string
}

func offersOf(s *site.Site) []offer {
	var out []offer
	for _, v := range s.Venues {
		if v.Venue.Dept == nil {
			continue
		}
		o := offer{id: v.ID, dept: v.Venue.Dept.Code, insee: v.CodeInsee}
		for _, q := range v.Quals {
			if q.Pass {
				o.services = append(o.services, q.Services...)
			}
		}
		if len(o.services) > 0 {
			out = append(out, o)
		}
	}
	return out
}

func generate(rng *rand.Rand, p plan, a *indicator.Action, s *site.Site, offers []offer) []indicator.UsageRow {
	var local []offer
	for _, o := range offers {
		if slices.ContainsFunc(a.Depts, func(d *geo.Departement) bool { return d.Code == o.dept }) {
			local = append(local, o)
		}
	}
	if len(local) == 0 {
		log.Fatalf("gendemo: no venue accepting the pass in %v", a.Territories)
	}
	var communes []weighted[string]
	for _, o := range local {
		communes = append(communes, weighted[string]{o.insee, 1})
	}
	days := int(a.End.Sub(a.Start).Hours()/24) + 1
	last := s.Config.Date.AddDate(0, 0, -1)
	var rows []indicator.UsageRow
	n := 0
	for i := range p.people {
		person := fmt.Sprintf("ben-%s", token(rng, 8))
		commune := pick(rng, communes)
		if p.away > 0 && rng.Float64() < p.away {
			commune = pick(rng, p.elsewhere)
		}
		age, sex, dip := pick(rng, p.ages), pick(rng, p.sexes), pick(rng, p.diplomas)
		giver := pick(rng, p.givers)
		book := pick(rng, p.book)
		// Chequebooks are handed out more at the start of the action.
		f := rng.Float64()
		given := a.Start.AddDate(0, 0, int(f*f*float64(days)))
		used := 0
		if i < p.users {
			used = p.use(rng, book)
		}
		home := local[rng.IntN(len(local))]
		visited := map[string]bool{}
		day := given
		for j := range book {
			n++
			row := indicator.UsageRow{
				Pass: fmt.Sprintf("CHQ-%s-%06d", p.prefix, n), Beneficiary: person, Action: a.Slug, Distributor: giver,
				Given: given.Format(time.DateOnly), AgeBand: age, Sex: sex, Diploma: dip, Commune: commune,
			}
			if j < used {
				day = day.AddDate(0, 0, 2+rng.IntN(p.spread))
				if day.After(last) {
					day = last
				}
				svc := pick(rng, p.services)
				venue := home
				if !slices.Contains(home.services, svc) || rng.Float64() < 0.1 {
					venue = offering(rng, local, svc, home)
				}
				first := "non"
				if !visited[venue.id] {
					chance := p.firstVisit
					if len(visited) > 0 {
						chance = 0.1 // people mostly come back to the venue they know
					}
					if rng.Float64() < chance {
						first = "oui"
					}
					visited[venue.id] = true
				}
				row.UsedOn, row.Venue, row.Service, row.FirstVisit = day.Format(time.DateOnly), venue.id, svc, first
			}
			rows = append(rows, row)
		}
	}
	// Files list cheques by number; shuffle people so that a reader of the
	// file cannot guess anything from the order of lines.
	rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
	slices.SortStableFunc(rows, func(x, y indicator.UsageRow) int { return strings.Compare(x.Given, y.Given) })
	return rows
}

// offering finds a venue qualified for svc, preferring home.
func offering(rng *rand.Rand, local []offer, svc string, home offer) offer {
	var ok []offer
	for _, o := range local {
		if slices.Contains(o.services, svc) {
			ok = append(ok, o)
		}
	}
	if len(ok) == 0 {
		return home
	}
	return ok[rng.IntN(len(ok))]
}

const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"

func token(rng *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}
