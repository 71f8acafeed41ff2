package gen

import (
	"encoding/csv"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/indicator"
	"labo/internal/referential"
)

// usageGen writes pilot actions (content/actions/) and their usage records
// (data/usages/<action>.csv) in the indicators' format: one line per cheque
// handed out, used or not, by pseudonymous people of the action's
// départements, used in venues of those départements.
type usageGen struct {
	rnd    *rand.Rand
	date   time.Time
	ref    *referential.Referential
	venues []*genVenue
	depts  []*dept
}

// action is one generated pilot action: the metropolitan régions and the
// overseas départements each run one.
type action struct {
	slug, region string
	depts        []*dept
	start, end   time.Time
	venues       []string // ids of venues in its départements
	weight       float64
}

func (g *usageGen) actions() []*action {
	byRegion := map[string]*action{}
	var out []*action
	for _, d := range g.depts {
		code := d.Region
		if geo.RegionByCode(code) == nil {
			continue // collectivities without a région of their own
		}
		a := byRegion[code]
		if a == nil {
			r := geo.RegionByCode(code)
			a = &action{slug: "pass-" + frtext.Slug(r.Nom), region: r.Nom}
			byRegion[code] = a
			out = append(out, a)
		}
		if len(a.depts) < 3 { // a few départements per action, as pilots are
			a.depts = append(a.depts, d)
			a.weight += float64(d.population)
		}
	}
	in := map[*dept]*action{}
	for _, a := range out {
		for _, d := range a.depts {
			in[d] = a
		}
		a.start = g.date.AddDate(0, 0, -200-g.rnd.IntN(500))
		a.end = a.start.AddDate(1, 0, -1)
	}
	for _, v := range g.venues {
		if a := in[v.dept]; a != nil {
			a.venues = append(a.venues, v.ID)
		}
	}
	kept := out[:0]
	for _, a := range out {
		if len(a.venues) > 0 {
			kept = append(kept, a)
		}
	}
	return kept
}

// write writes the action pages and about n usage records, shared among the
// actions by the population of their départements.
func (g *usageGen) write(w *writer, n int) error {
	acts := g.actions()
	var total float64
	for _, a := range acts {
		total += a.weight
	}
	codes := make([]string, 0, len(g.ref.Services))
	for _, s := range g.ref.Services {
		codes = append(codes, s.Code)
	}
	pass := 0
	left := n
	for i, a := range acts {
		count := int(float64(n) * a.weight / total)
		if i == len(acts)-1 {
			count = left
		}
		left -= count
		w.file("content/actions/"+a.slug+".md", func(out io.Writer) error { return g.actionPage(out, a, count, codes) })
		w.file("data/usages/"+a.slug+".csv", func(out io.Writer) error { return g.records(out, a, count, &pass, codes) })
	}
	return w.err
}

func (g *usageGen) actionPage(out io.Writer, a *action, count int, codes []string) error {
	r := g.rnd
	var names []string
	for _, d := range a.depts {
		names = append(names, d.Nom)
	}
	terr := make([]string, len(a.depts))
	for i, d := range a.depts {
		terr[i] = strconv.Quote(d.Code)
	}
	_, err := fmt.Fprintf(out, `+++
title     = %s
date      = %s
summary   = %s
audiences = ["commanditaires", "mediateurs"]
themes    = ["territoires", "distribution", "evaluation"]
services  = %s
keypoints = ["Les chéquiers passent par les aiguilleurs du territoire.", "Les lieux qualifiés accueillent les personnes orientées."]

[action]
territoires         = [%s]
debut               = %s
fin                 = %s
commanditaire       = %s
porteur             = "Réseau régional de médiation numérique (données de test)"
reseau_distribution = ["CCAS", "CAF", "Mairies", "Associations"]
budget_cheques      = %d
valeur_cheque       = 10
public_cible        = "Personnes éloignées du numérique du territoire"
sources             = ["Enregistrements d'usage des chèques, pseudonymisés (données de synthèse de labo gen)."]
+++

## L'idée

%s

## Comment elle s'est déroulée

%s %s
`, tomlString("Pass numérique en "+a.region), a.start.Format(time.DateOnly),
		tomlString("Une action pilote de test en "+strings.Join(names, ", ")+" : chéquiers remis par les aiguilleurs, ateliers dans les lieux qualifiés."),
		tomlList(sample(r, codes, 3)), strings.Join(terr, ", "), a.start.Format(time.DateOnly), a.end.Format(time.DateOnly),
		tomlString("Région "+a.region+" (test)"), max(count+count/5, 100),
		pick(r, sentences), pick(r, sentences), pick(r, sentences))
	return err
}

// records writes one action's usage file. People get 1 to 10 cheques the
// same day; about 70 % are used within four months, in a venue of the
// action's départements.
func (g *usageGen) records(out io.Writer, a *action, count int, pass *int, codes []string) error {
	r := g.rnd
	w := csv.NewWriter(out)
	if err := w.Write([]string{"pass", "beneficiaire", "action", "aiguilleur", "remis_le", "utilise_le", "lieu", "service",
		"premiere_visite", "tranche_age", "sexe", "diplome", "commune"}); err != nil {
		return err
	}
	last := a.end
	if last.After(g.date) {
		last = g.date
	}
	span := int(last.Sub(a.start).Hours()/24) + 1
	person := 0
	for written := 0; written < count; {
		person++
		d := pick(r, a.depts)
		c := d.communes[r.IntN(len(d.communes))]
		id := "ben-" + strconv.FormatInt(int64(person), 36) + "-" + strconv.FormatUint(r.Uint64()%(36*36*36*36), 36)
		age, sex, dip := pick(r, indicator.AgeBands).Slug, pick(r, indicator.Sexes).Slug, pick(r, indicator.Diplomas).Slug
		dist := pick(r, indicator.Distributors).Slug
		given := a.start.AddDate(0, 0, r.IntN(span))
		cheques := min(1+int(r.ExpFloat64()*3), 10, count-written)
		first := true
		for range cheques {
			*pass++
			rec := []string{fmt.Sprintf("CHQ-%08d", *pass), id, a.slug, dist, given.Format(time.DateOnly), "", "", "", "", age, sex, dip, c.insee}
			if used := given.AddDate(0, 0, r.IntN(120)); chance(r, 0.7) && !used.After(g.date) {
				visit := "non"
				if first {
					visit, first = "oui", false
				}
				rec[5], rec[6], rec[7], rec[8] = used.Format(time.DateOnly), pick(r, a.venues), pick(r, codes), visit
			}
			if err := w.Write(rec); err != nil {
				return err
			}
			written++
		}
	}
	w.Flush()
	return w.Error()
}
