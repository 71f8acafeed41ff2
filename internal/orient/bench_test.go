package orient

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"labo/internal/config"
	"labo/internal/hours"
	"labo/internal/need"
	"labo/internal/referential"
	"labo/internal/site"
)

// nationalSite makes n venues spread over mainland France, each qualified
// for a few of 30 services, a third of them with Illettrisme support.
func nationalSite(n int) (*site.Site, []*referential.Service) {
	r := rand.New(rand.NewPCG(1, 2))
	var services []*referential.Service
	for i := range 30 {
		services = append(services, &referential.Service{Code: fmt.Sprintf("S%02d-01", i), OnBehalf: i%10 == 0, Title: "Service", ToBring: []string{"Votre pièce d'identité"}})
	}
	h, _ := hours.Parse("Mo-Fr 09:00-12:00,14:00-17:00; PH off")
	s := &site.Site{Config: &config.Site{Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}}
	for i := range n {
		v := mkVenue(fmt.Sprintf("lieu-%05d", i), -1.5+r.Float64()*8.5, 43+r.Float64()*7.5, nil, "free")
		for range 1 + r.IntN(5) {
			v.Qualified = append(v.Qualified, services[r.IntN(len(services))])
		}
		if i%3 == 0 {
			v.SupportList = []string{"Illettrisme"}
		}
		v.Hours = h
		s.Venues = append(s.Venues, v)
	}
	return s, services
}

// BenchmarkRank: what one search costs in Go for a national file (the
// browser does the same work on the need's data file).
func BenchmarkRank(b *testing.B) {
	s, services := nationalSite(20000)
	n := &need.Need{Slug: "x", Urgent: true, Services: services[:4]}
	cands := Candidates(s, n)
	o := Origin{Point: orb.Point{2.35, 48.85}, Dept: "75", Now: time.Date(2026, 11, 2, 10, 0, 0, 0, time.UTC)}
	sit := Situation{MaxKm: 10, Supports: []string{"Illettrisme"}, Soon: true}
	b.ReportMetric(float64(len(cands)), "candidates")
	b.ResetTimer()
	for b.Loop() {
		Rank(cands, sit, o)
	}
}

// BenchmarkData: the data file of one need at national scale, and its size.
func BenchmarkData(b *testing.B) {
	s, services := nationalSite(20000)
	n := &need.Need{Slug: "x", Urgent: true, Services: services[:4]}
	cands := Candidates(s, n)
	var size int
	for b.Loop() {
		d := NewData(s, n, cands, func(string) string { return "/referentiel/x/" }, func(v *site.Venue) string { return "/orienter/fiche/x/" + v.ID + "/" })
		out, err := d.JSON()
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.ReportMetric(float64(size)/1e6, "MB")
	b.ReportMetric(float64(len(cands)), "candidates")
}
