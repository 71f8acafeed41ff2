package orient

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"labo/internal/geo"
	"labo/internal/need"
	"labo/internal/site"
)

func loadDemo(t *testing.T) *site.Site {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		dir = filepath.Dir(dir)
	}
	s, problems := site.Load(os.DirFS(dir), "")
	// the build registers this loader; this package does not import it
	s.Loaded[need.LoaderName] = need.Load(s.FS, s.Ref, problems)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

func needBySlug(t *testing.T, s *site.Site, slug string) *need.Need {
	t.Helper()
	for _, n := range Needs(s) {
		if n.Slug == slug {
			return n
		}
	}
	t.Fatalf("no need %q in data/besoins.toml", slug)
	return nil
}

// TestDemoCases runs the three cases of the browser tests on the demo data:
// the nearest venues qualified on the build date, never an expired or
// suspended one.
func TestDemoCases(t *testing.T) {
	s := loadDemo(t)
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, s.Config.Location)
	tests := []struct {
		need, commune string
		sit           Situation
		first         []string // the first results, in order
		never         []string // listed in the département but not qualified on the build date
	}{
		{"demarche-urgente", "63113", Situation{Supports: []string{"Illettrisme"}, MaxKm: 10},
			[]string{"63-clermont-france-services-gare", "63-clermont-centre-social-saint-jacques", "63-clermont-ccas-montferrand"},
			[]string{"63-clermont-mediatheque-jaude", "63-clermont-pimms-fontgieve"}},
		{"smartphone", "23096", Situation{Public: "Seniors", MaxKm: 10},
			[]string{"23-gueret-france-services", "23-gueret-mediatheque", "23-gueret-ccas-seniors"},
			[]string{"23-saint-sulpice-le-gueretois-mairie"}},
		{"emploi", "37072", Situation{MaxKm: 10},
			[]string{"37-chinon-france-services", "37-chinon-espace-emploi-numerique"},
			[]string{"37-chinon-mediatheque"}},
	}
	for _, tt := range tests {
		t.Run(tt.need, func(t *testing.T) {
			c := geo.CommuneByCode(tt.commune)
			fit, misses := Rank(Candidates(s, needBySlug(t, s, tt.need)), tt.sit, Origin{Point: c.Point, Dept: c.Dept, Now: now})
			if len(fit) < len(tt.first) {
				t.Fatalf("got %q, want at least %q", ids(fit), tt.first)
			}
			for i, id := range tt.first {
				if fit[i].Venue.ID != id {
					t.Errorf("result %d = %s, want %s (all: %s)", i+1, fit[i].Venue.ID, id, ids(fit))
				}
			}
			all := ids(fit) + " " + ids(misses)
			for _, id := range tt.never {
				if s.Venue(id) == nil {
					t.Fatalf("%s is not in the demo data", id)
				}
				if strings.Contains(all, id) {
					t.Errorf("%s is proposed although it is not qualified on %s", id, s.Config.Date.Format(time.DateOnly))
				}
			}
		})
	}
	// case (a): the first venue does the procedure for the person, about
	// 0.7 km from the commune centre (1 km from place de Jaude)
	c := geo.CommuneByCode("63113")
	fit, _ := Rank(Candidates(s, needBySlug(t, s, "demarche-urgente")), Situation{Supports: []string{"Illettrisme"}}, Origin{Point: c.Point, Dept: "63"})
	if first := fit[0]; first.Tier != 0 || !first.Main().OnBehalf || first.Km > 1.2 || !slices.Contains(first.Venue.SupportList, "Illettrisme") {
		t.Errorf("first result: tier %d, main %s, %.2f km", first.Tier, first.Main().Code, first.Km)
	}
	if d := geo.DistanceKm(jaude, fit[0].Venue.Point); d < 0.95 || d > 1.05 {
		t.Errorf("France Services Gare is %.2f km from place de Jaude, want 1.0", d)
	}
}
