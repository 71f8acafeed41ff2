package orient

import (
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"labo/internal/geo"
	"labo/internal/hours"
	"labo/internal/need"
	"labo/internal/referential"
	"labo/internal/site"
	"labo/internal/venue"
)

var (
	dem01 = &referential.Service{Code: "DEM-01", OnBehalf: true}
	dem02 = &referential.Service{Code: "DEM-02"}
	dem05 = &referential.Service{Code: "DEM-05", OnBehalf: true}
	jaude = orb.Point{3.0825, 45.7776} // place de Jaude, Clermont-Ferrand
)

// mkVenue builds a venue at (lon, lat) in the Puy-de-Dôme; opts are
// "free", "pass", "remote", "itinerant", "supports=A|B", "hours=…", "dept=23".
func mkVenue(id string, lon, lat float64, qualified []*referential.Service, opts ...string) *site.Venue {
	v := &site.Venue{Venue: &venue.Venue{Row: venue.Row{ID: id, Nom: id}}, Qualified: qualified}
	dept := "63"
	v.Point, v.HasPoint = orb.Point{lon, lat}, true
	for _, o := range opts {
		k, val, _ := strings.Cut(o, "=")
		switch k {
		case "free":
			v.FeeList = []string{"Gratuit"}
		case "paying":
			v.FeeList = []string{"Payant"}
		case "pass":
			v.Pass = true
		case "remote":
			v.AccompanimentList = []string{"Accompagnement individuel", "À distance"}
		case "itinerant":
			v.Point, v.HasPoint = orb.Point{}, false
		case "supports":
			v.SupportList = strings.Split(val, "|")
		case "hours":
			h, err := hours.Parse(val)
			if err != nil {
				panic(err)
			}
			v.Hours = h
		case "dept":
			dept = val
		}
	}
	v.Dept = &site.Dept{Departement: geo.DepartementByCode(dept)}
	return v
}

func ids(rs []*Result) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.Venue.ID)
	}
	return strings.Join(s, " ")
}

func TestCandidates(t *testing.T) {
	urgent := &need.Need{Slug: "u", Urgent: true, Services: []*referential.Service{dem01, dem05, dem02}}
	plain := &need.Need{Slug: "p", Services: []*referential.Service{dem02}}
	s := &site.Site{Venues: []*site.Venue{
		mkVenue("a-learn-only", 3.08, 45.77, []*referential.Service{dem02}),
		mkVenue("b-on-behalf", 3.08, 45.77, []*referential.Service{dem01, dem02}),
		mkVenue("c-nothing", 3.08, 45.77, nil),
		mkVenue("d-aidants-connect", 3.08, 45.77, []*referential.Service{dem02, dem05}),
	}}
	got := Candidates(s, urgent)
	var b strings.Builder
	for _, c := range got {
		b.WriteString(c.Venue.ID + ":" + string(rune('0'+c.Tier)) + ":" + c.Main().Code + " ")
	}
	if want := "b-on-behalf:0:DEM-01 d-aidants-connect:0:DEM-05 a-learn-only:1:DEM-02 "; b.String() != want {
		t.Errorf("urgent need: got %q, want %q", b.String(), want)
	}
	got = Candidates(s, plain)
	if len(got) != 3 || got[0].Tier != 0 || got[1].Tier != 0 || got[2].Tier != 0 || got[0].Venue.ID != "a-learn-only" {
		t.Errorf("plain need: every candidate should have tier 0, in name order; got %+v", got)
	}
	// the services are listed in the need's order, not the venue's
	if c := Candidates(s, urgent)[1]; c.Services[0] != dem05 || c.Services[1] != dem02 {
		t.Errorf("services of d: got %v", c.Services)
	}
}

func TestRank(t *testing.T) {
	monday := time.Date(2026, 11, 2, 9, 0, 0, 0, mustParis(t))
	venues := []*site.Venue{
		mkVenue("near-learn", 3.0830, 45.7780, []*referential.Service{dem02}, "free"),                           // ~0.05 km, tier 1
		mkVenue("gare", 3.0955, 45.7788, []*referential.Service{dem01}, "free", "pass", "supports=Illettrisme"), // ~1.0 km
		mkVenue("montferrand", 3.1142, 45.7932, []*referential.Service{dem01}, "free", "supports=Illettrisme|Surdité"),
		mkVenue("paying", 3.0850, 45.7780, []*referential.Service{dem01}, "paying", "pass"),
		mkVenue("riom-remote", 3.1170, 45.8930, []*referential.Service{dem01}, "free", "remote", "supports=Illettrisme"), // ~13 km
		mkVenue("bus", 0, 0, []*referential.Service{dem01}, "free", "itinerant", "supports=Illettrisme"),
		mkVenue("gueret", 1.873, 46.172, []*referential.Service{dem01}, "free", "dept=23", "supports=Illettrisme"),
		mkVenue("bus-creuse", 0, 0, []*referential.Service{dem01}, "free", "itinerant", "dept=23"),
	}
	urgent := &need.Need{Urgent: true, Services: []*referential.Service{dem01, dem02}}
	cands := Candidates(&site.Site{Venues: venues}, urgent)
	o := Origin{Point: jaude, Dept: "63", Now: monday}
	tests := []struct {
		name       string
		sit        Situation
		fit, near  string
		firstMiss  string
		missReason string
	}{
		{"no constraint: on-behalf first, by distance, itinerant after the located ones of its tier", Situation{},
			"paying gare montferrand riom-remote gueret bus near-learn", "", "", ""},
		{"free only", Situation{Cost: CostFree},
			"gare montferrand riom-remote gueret bus near-learn", "", "paying", "cost"},
		{"free or pass keeps a paying venue that takes the Pass", Situation{Cost: CostFreeOrPass},
			"paying gare montferrand riom-remote gueret bus near-learn", "", "", ""},
		{"illiteracy within 5 km", Situation{Supports: []string{"Illettrisme"}, MaxKm: 5},
			"gare montferrand bus", "", "paying", "support"},
		{"illiteracy and deafness", Situation{Supports: []string{"Illettrisme", "Surdité"}},
			"montferrand", "", "paying", "support"},
		{"remote help keeps a far venue that works at a distance, after the near ones", Situation{MaxKm: 5, Remote: true},
			"paying gare montferrand bus riom-remote near-learn", "", "", ""},
		{"a far venue is a near miss within 3 times the reach", Situation{MaxKm: 50},
			"paying gare montferrand riom-remote bus near-learn", "", "gueret", "distance"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fit, misses := Rank(cands, tt.sit, o)
			if got := ids(fit); got != tt.fit {
				t.Errorf("fit = %q\nwant  %q", got, tt.fit)
			}
			if tt.sit.MaxKm > 0 && tt.sit.MaxKm < 30 && strings.Contains(ids(misses), "gueret") {
				t.Errorf("a venue %.0f times farther than the reach is listed as a near miss: %q", 100/tt.sit.MaxKm, ids(misses))
			}
			if strings.Contains(ids(misses), "bus-creuse") {
				t.Errorf("an itinerant venue of another département is listed as a near miss: %q", ids(misses))
			}
			if tt.firstMiss != "" {
				if len(misses) == 0 || misses[0].Venue.ID != tt.firstMiss || misses[0].Unmet[0] != tt.missReason {
					t.Errorf("first miss = %+v, want %s (%s)", misses, tt.firstMiss, tt.missReason)
				}
			}
		})
	}
	// the distance that the ranking uses
	fit, _ := Rank(cands, Situation{}, o)
	for _, r := range fit {
		if r.Venue.ID == "gare" && (r.Metres() < 950 || r.Metres() > 1050) {
			t.Errorf("gare is %d m from place de Jaude, want about 1 km", r.Metres())
		}
	}
	// missing supports are reported one by one
	r := Check(cands[0], Situation{Supports: []string{"Illettrisme", "Surdité"}}, o)
	if strings.Join(r.Detail, ",") != "Surdité" {
		t.Errorf("detail = %v", r.Detail)
	}
}

func TestTieBreakByID(t *testing.T) {
	a := mkVenue("b-second", 3.09, 45.78, []*referential.Service{dem02})
	b := mkVenue("a-first", 3.09, 45.78, []*referential.Service{dem02})
	cands := Candidates(&site.Site{Venues: []*site.Venue{a, b}}, &need.Need{Services: []*referential.Service{dem02}})
	fit, _ := Rank(cands, Situation{}, Origin{Point: jaude, Dept: "63"})
	if ids(fit) != "a-first b-second" {
		t.Errorf("same place: got %q, want id order", ids(fit))
	}
}

func mustParis(t testing.TB) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestOpenSoon(t *testing.T) {
	paris := mustParis(t)
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, paris)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	weekdays := "Mo-Fr 08:30-12:30,13:30-17:00; PH off"
	tests := []struct {
		hours, now string
		want       bool
	}{
		{weekdays, "2026-11-02 09:00", true},                  // Monday, open now
		{weekdays, "2026-11-06 18:00", true},                  // Friday evening: Monday is within 3 days
		{weekdays, "2026-11-07 00:00", true},                  // Saturday midnight: Monday 08:30 is within 72 h
		{weekdays, "2026-11-05 17:00", true},                  // Thursday after closing: Friday
		{"Mo 09:00-12:00; PH off", "2026-11-10 12:00", false}, // Tuesday noon: next Monday is 6 days away
		// Easter 2027 is on 28 March: Friday 26 evening, the weekend, then Easter Monday off
		{weekdays, "2027-03-26 17:00", false},
		{"Mo-Fr 08:30-12:30,13:30-17:00", "2027-03-26 17:00", true}, // no PH rule: Monday counts
		{"Sa 10:00-12:00 \"sur rendez-vous\"; Su off", "2026-11-06 18:00", true},
		{"Mo-Fr \"sur rendez-vous\"", "2026-11-02 09:00", false}, // unknown state is not open
		{"", "2026-11-02 09:00", false},                          // no hours: call first
	}
	for _, tt := range tests {
		var h *hours.Schedule
		if tt.hours != "" {
			var err error
			if h, err = hours.Parse(tt.hours); err != nil {
				t.Fatal(err)
			}
		}
		if got := OpenSoon(h, at(tt.now)); got != tt.want {
			t.Errorf("OpenSoon(%q, %s) = %v, want %v (openings %v)", tt.hours, tt.now, got, tt.want, NextOpenings(h, at(tt.now), SoonDays))
		}
	}
	// 11 November 2026 is a Wednesday and a holiday: the openings of the
	// next three days skip it.
	h, _ := hours.Parse(weekdays)
	got := NextOpenings(h, at("2026-11-10 17:30"), SoonDays)
	var days []string
	for _, iv := range got {
		days = append(days, iv.Start.Format("Mon 02 15:04")+"-"+iv.End.Format("15:04"))
	}
	if want := "Thu 12 08:30-12:30 Thu 12 13:30-17:00 Fri 13 08:30-12:30 Fri 13 13:30-17:00"; strings.Join(days, " ") != want {
		t.Errorf("openings after 10 Nov 17:30 = %q\nwant %q", strings.Join(days, " "), want)
	}
	// "soon" as a criterion
	c := &Candidate{Venue: mkVenue("x", 3.08, 45.77, []*referential.Service{dem02}, "hours="+weekdays), Services: []*referential.Service{dem02}}
	if r := Check(c, Situation{Soon: true}, Origin{Point: jaude, Dept: "63", Now: at("2027-03-26 17:00")}); len(r.Unmet) != 1 || r.Unmet[0] != UnmetSoon {
		t.Errorf("closed over Easter: unmet = %v, want [soon]", r.Unmet)
	}
}
