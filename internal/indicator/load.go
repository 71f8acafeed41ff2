package indicator

import (
	"sync"

	"labo/internal/diag"
	"labo/internal/referential"
	"labo/internal/site"
	"labo/internal/venue"
)

// LoaderName is the key of the indicator data in site.Site.Loaded.
const LoaderName = "indicateurs"

// Data is everything the indicator inputs hold once validated. The records
// stay in memory for aggregation only: Results is what may be published.
type Data struct {
	Defs    *Definitions
	Actions []*Action
	usages  *Usages
	k       int

	once    sync.Once
	results *Results
}

// Results aggregates and protects the indicators (once).
func (d *Data) Results() *Results {
	d.once.Do(func() { d.results = Compute(d.usages, d.Defs, d.Actions, d.k) })
	return d.results
}

// Records reports how many usage records were read.
func (d *Data) Records() int { return len(d.usages.Records) }

// Load reads data/indicateurs.toml, the [action] tables and data/usages/,
// checking every reference against the site model. It is registered as a
// site.Loader so that its problems stop the build like any other input's.
func Load(s *site.Site, problems *diag.List) *Data {
	defs := LoadDefinitions(s.FS, s.Ref, problems)
	actions := DecodeActions(s.FS, s.Actions, defs, s.Config.Location, problems)
	ctx := &Context{Ref: s.Ref, Venues: make(map[string]string, len(s.Venues)), Actions: map[string]*Action{}, BuildDate: s.Config.Date, Location: s.Config.Location}
	for _, v := range s.Venues {
		t := ""
		if len(v.TypeList) > 0 {
			t = v.TypeList[0]
		}
		ctx.Venues[v.ID] = t
	}
	// When a whole file could not be read, its own problem says it all.
	if s.Unread(venue.FileName) {
		ctx.Venues = nil
	}
	if s.Unread(referential.FileName) {
		ctx.Ref = nil
	}
	for _, a := range actions {
		ctx.Actions[a.Slug] = a
	}
	u := LoadUsages(s.FS, ctx, problems)
	return &Data{Defs: defs, Actions: actions, usages: u, k: s.Config.KAnonymity}
}

// From returns the data loaded for s, loading it when the site was
// assembled without the loader (tests of other packages); problems found then
// are dropped, since only site.Load may stop a build.
func From(s *site.Site) *Data {
	if d, ok := s.Loaded[LoaderName].(*Data); ok {
		return d
	}
	return Load(s, &diag.List{})
}
