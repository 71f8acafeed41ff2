// Package orient holds the matching and ranking rules of the orientation
// assistant: which venues answer a need, which of them fit a person's
// situation, and in which order they are proposed.
//
// The rules run twice: here, for the pages that work without JavaScript and
// for the tests, and in the browser (static/js/orienter/rules.js), which
// receives the facts computed here (see Data) and only filters and sorts.
// docs/orienter.md describes the rules for both; a browser test runs the
// two implementations on the same inputs and compares their answers.
//
// The rules:
//
//  1. Candidates of a need: the venues qualified on the build date for at
//     least one of the need's services (site.Venue.Qualified).
//  2. Tier: for an urgent need, venues qualified for one of its services
//     done for the person ("faire à la place") come first (tier 0); the
//     others follow (tier 1). For other needs every candidate has tier 0.
//  3. Situation (Check): every specific support asked for must be listed by
//     the venue (prise_en_charge_specifique); "gratuit" needs "Gratuit" in
//     frais_a_charge, "gratuit ou Pass" also accepts a venue taking the Pass
//     numérique; the venue must lie within the distance the person can
//     travel, unless the person can be helped at a distance and the venue
//     works at a distance; a venue without a position (itinerant) is kept
//     only in the person's own département; "open in the next 3 days", when
//     asked, needs an opening in the 72 hours from now. The person's public
//     (senior, jeune, famille) filters nothing: a venue that addresses that
//     public says so in the reasons.
//  4. Order (Rank): tier, then group (0 within reach, 1 itinerant in the
//     département, 2 beyond reach but working at a distance), then distance
//     rounded to the metre, then venue id.
//  5. Near misses (Rank's second list), shown when few venues fit: the
//     others in the same order, with what they lack, within NearMissFactor
//     times the distance the person can go.
package orient

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"
	orbgeo "github.com/paulmach/orb/geo"

	"labo/internal/hours"
	"labo/internal/need"
	"labo/internal/referential"
	"labo/internal/site"
)

// Values of the national standard that the rules read.
const (
	FeeFree      = "Gratuit"
	RemoteMode   = "À distance"
	WalkInAccess = "Se présenter"
	PhoneAccess  = "Téléphoner"
)

// Supports are the national prise_en_charge_specifique values the assistant
// asks about, in the order shown.
var Supports = []string{"Illettrisme", "Langues étrangères (autres)", "Langues étrangères (anglais)",
	"Surdité", "Déficience visuelle", "Handicaps moteurs", "Handicaps mentaux"}

// Publics are the national publics the assistant asks about.
var Publics = []string{"Seniors", "Jeunes", "Familles et/ou enfants"}

// NearMissFactor bounds the near misses: a venue that lacks a criterion is
// mentioned only within this many times the distance the person can go.
const NearMissFactor = 3

// SoonDays is the window of "open in the next days".
const SoonDays = 3

// Needs returns the needs that the build loaded with the site (see
// need.LoaderName), or none.
func Needs(s *site.Site) []*need.Need {
	n, _ := s.Loaded[need.LoaderName].([]*need.Need)
	return n
}

// Candidate is a venue qualified for at least one service of a need, with
// the facts the rules read.
type Candidate struct {
	Venue    *site.Venue
	Services []*referential.Service // the need's services it is qualified for, in the need's order
	OnBehalf bool                   // qualified for one of the need's services done for the person
	Tier     int                    // 0 first
	Free     bool                   // "Gratuit" among frais_a_charge
	Remote   bool                   // "À distance" among modalites_accompagnement
}

// Main is the service shown on the fiche: the first on-behalf service for
// an urgent need, else the first service in the need's order.
func (c *Candidate) Main() *referential.Service {
	if c.OnBehalf && c.Tier == 0 {
		for _, s := range c.Services {
			if s.OnBehalf {
				return s
			}
		}
	}
	return c.Services[0]
}

// Candidates returns the venues that answer the need on the build date, in
// tier then French name order (the order of lists without a position).
func Candidates(s *site.Site, n *need.Need) []*Candidate {
	var out []*Candidate
	for _, v := range s.Venues { // already in French name order
		c := &Candidate{Venue: v}
		for _, svc := range n.Services {
			if v.QualifiedFor(svc.Code) {
				c.Services = append(c.Services, svc)
				c.OnBehalf = c.OnBehalf || svc.OnBehalf
			}
		}
		if len(c.Services) == 0 {
			continue
		}
		if n.Urgent && !c.OnBehalf {
			c.Tier = 1
		}
		c.Free = slices.Contains(v.FeeList, FeeFree)
		c.Remote = slices.Contains(v.AccompanimentList, RemoteMode)
		out = append(out, c)
	}
	slices.SortStableFunc(out, func(a, b *Candidate) int { return a.Tier - b.Tier })
	return out
}

// Cost is what the person can pay.
type Cost string

// Costs, as written in the assistant's form.
const (
	CostAny        Cost = ""
	CostFreeOrPass Cost = "gratuit-ou-pass"
	CostFree       Cost = "gratuit"
)

// Situation is step 2 of the assistant.
type Situation struct {
	Supports []string // national prise_en_charge_specifique values, all required
	Public   string   // one of Publics or ""; filters nothing
	MaxKm    float64  // how far the person can go; 0 for no limit
	Remote   bool     // the person can be helped by phone or video
	Cost     Cost
	Soon     bool // the venue must open in the SoonDays days from Now
}

// Origin is step 3: where the person is.
type Origin struct {
	Point orb.Point // longitude, latitude
	Dept  string    // département code, "" when unknown (geolocation)
	Now   time.Time // for Situation.Soon, in Europe/Paris
}

// Unmet criteria, as reported by Check.
const (
	UnmetSupport  = "support"  // a specific support is not listed
	UnmetCost     = "cost"     // not free (or not taking the Pass)
	UnmetDistance = "distance" // too far, or itinerant in another département
	UnmetSoon     = "soon"     // not open in the next days
)

// Groups of Rank's order.
const (
	GroupNear       = 0
	GroupItinerant  = 1
	GroupRemoteOnly = 2
)

// Result is a candidate placed for a person.
type Result struct {
	*Candidate
	Km     float64 // distance from the origin; 0 without a position
	HasKm  bool
	Group  int
	Unmet  []string // empty when the venue fits the situation
	Detail []string // the supports missing, when Unmet has UnmetSupport
}

// DistanceKm is the great-circle (haversine) distance on orb's sphere, the
// formula of distanceKm in static/js/lib/geo.js, so that both sides sort
// alike. internal/geo.DistanceKm is orb's faster flat approximation, which
// drifts by tens of metres over 50 km.
func DistanceKm(a, b orb.Point) float64 { return orbgeo.DistanceHaversine(a, b) / 1000 }

// Metres is the distance used for sorting, rounded so that the browser's
// floating-point results sort the same way.
func (r *Result) Metres() int { return int(math.Round(r.Km * 1000)) }

// Check places one candidate for a situation and an origin.
func Check(c *Candidate, sit Situation, o Origin) *Result {
	r := &Result{Candidate: c}
	v := c.Venue
	for _, s := range sit.Supports {
		if !slices.Contains(v.SupportList, s) {
			r.Detail = append(r.Detail, s)
		}
	}
	if len(r.Detail) > 0 {
		r.Unmet = append(r.Unmet, UnmetSupport)
	}
	switch sit.Cost {
	case CostFree:
		if !c.Free {
			r.Unmet = append(r.Unmet, UnmetCost)
		}
	case CostFreeOrPass:
		if !c.Free && !v.Pass {
			r.Unmet = append(r.Unmet, UnmetCost)
		}
	}
	if v.HasPoint {
		r.Km, r.HasKm = DistanceKm(o.Point, v.Point), true
		if sit.MaxKm > 0 && r.Km > sit.MaxKm {
			if sit.Remote && c.Remote {
				r.Group = GroupRemoteOnly
			} else {
				r.Unmet = append(r.Unmet, UnmetDistance)
			}
		}
	} else {
		r.Group = GroupItinerant
		if v.Dept == nil || v.Dept.Code != o.Dept {
			r.Unmet = append(r.Unmet, UnmetDistance)
		}
	}
	if sit.Soon && !OpenSoon(v.Hours, o.Now) {
		r.Unmet = append(r.Unmet, UnmetSoon)
	}
	return r
}

// Less is the order of results: tier, group, metres, id.
func Less(a, b *Result) int {
	return cmp.Or(a.Tier-b.Tier, a.Group-b.Group, a.Metres()-b.Metres(), cmp.Compare(a.Venue.ID, b.Venue.ID))
}

// Rank returns the candidates that fit the situation, in order, and the
// others (near misses), in the same order, each with what it lacks;
// itinerant venues of other départements, and venues farther than
// NearMissFactor times the distance the person can go, are in neither.
func Rank(cands []*Candidate, sit Situation, o Origin) (fit, misses []*Result) {
	for _, c := range cands {
		r := Check(c, sit, o)
		switch {
		case len(r.Unmet) == 0:
			fit = append(fit, r)
		case r.Group == GroupItinerant && slices.Contains(r.Unmet, UnmetDistance):
			// an itinerant venue of another département is no near miss
		case sit.MaxKm > 0 && r.HasKm && r.Km > NearMissFactor*sit.MaxKm:
			// too far to be worth a mention
		default:
			misses = append(misses, r)
		}
	}
	slices.SortFunc(fit, Less)
	slices.SortFunc(misses, Less)
	return fit, misses
}

// NextOpenings returns the opening intervals of the days from now on, with
// French public holidays applied; nil when the hours are unknown.
func NextOpenings(h *hours.Schedule, now time.Time, days int) []hours.Interval {
	if h == nil {
		return nil
	}
	return h.WithHolidays(hours.FrenchPublicHoliday).NextOpenings(now, days)
}

// OpenSoon reports whether the venue opens (or is open) in the SoonDays days
// from now. Unknown hours count as not open: the person must call first.
func OpenSoon(h *hours.Schedule, now time.Time) bool {
	return len(NextOpenings(h, now, SoonDays)) > 0
}
