// Package site loads every input of a site folder and assembles the model
// that pages and datasets are rendered from: the referential, venues with
// their qualifications at the build date, guides, pilot actions and plain
// pages, with the cross-references checked and the indexes derived once
// (venues per service, guides per service, theme and audience, venues per
// département and région).
//
// Load reports every problem of every input at once; the model is usable only
// when the returned diagnostics list is empty.
package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"labo/internal/config"
	"labo/internal/content"
	"labo/internal/diag"
	"labo/internal/frtext"
	"labo/internal/geo"
	"labo/internal/parallel"
	"labo/internal/qualification"
	"labo/internal/referential"
	"labo/internal/venue"
)

// Site is the assembled model.
type Site struct {
	Config *config.Site
	Ref    *referential.Referential
	FS     fs.FS // the site folder

	Venues    []*Venue // sorted by French name
	venueByID map[string]*Venue

	Guides  []*content.Page // newest first, then weight, then title
	Actions []*content.Page
	Pages   []*content.Page // plain pages
	byFile  map[string]*content.Page

	ServiceVenues map[string][]*Venue        // referential code → venues qualified for it on the build date
	ServiceGuides map[string][]*content.Page // referential code → guides
	Themes        []*Term                    // themes of guides, in French order
	Audiences     []*Term

	Regions []*Region // régions that have venues, in French order
	Depts   []*Dept   // départements that have venues, in code order

	Collator *frtext.Collator

	// Loaded holds what each of Loaders returned, by loader name.
	Loaded map[string]any

	keys *keyMemo // of the venue side (keys.go)

	// Inputs that could not be read at all: references to them are not
	// checked, so that one broken file gives its own problems and not one
	// more per reference to it.
	venuesUnread, refUnread bool
}

// Loader reads inputs that a feature package owns (for example the indicator
// definitions and usage records), once the core model is assembled, so that
// their problems stop the build and show in `labo check` like every other
// input's. The value it returns is kept in Site.Loaded[Name].
type Loader struct {
	Name string
	Load func(s *Site, problems *diag.List) any
	// Reads lists the inputs the loader reads (site-relative paths or
	// patterns, as in build.Part), including those of the model it uses: the
	// dev server reuses its last value when none of them changed. Empty
	// means it is run again after every change.
	Reads []string
}

// Loaders run in order at the end of Load. Feature packages are registered
// by the build package, which imports them (site must not).
var Loaders []Loader

// Venue is a venue with its qualifications.
type Venue struct {
	*venue.Venue
	URL            string
	Quals          []*qualification.Qualification
	Qualified      []*referential.Service // services it is qualified for on the build date, in code order
	Pass           bool                   // accepts the Pass numérique for at least one valid qualification
	QualifiedUntil time.Time              // latest end of a valid qualification
	Dept           *Dept
}

// IsQualified reports whether the venue holds a valid qualification.
func (v *Venue) IsQualified() bool { return len(v.Qualified) > 0 }

// QualifiedFor reports whether the venue is qualified for the service code.
func (v *Venue) QualifiedFor(code string) bool {
	return slices.ContainsFunc(v.Qualified, func(s *referential.Service) bool { return s.Code == code })
}

// Term is a theme or an audience with its guides.
type Term struct {
	Slug, Name string
	URL        string
	Guides     []*content.Page
}

// Region groups départements.
type Region struct {
	*geo.Region
	URL    string
	Depts  []*Dept
	Venues int
}

// Dept is a département with its venues.
type Dept struct {
	*geo.Departement
	URL    string
	Region *Region
	Venues []*Venue
}

// Reserved top-level paths that content pages may not take.
var reserved = []string{"referentiel", "lieux", "carte", "orienter", "guides", "actions", "indicateurs",
	"donnees", "recherche", "static", "vendor", "css", "js", "pictos", "404", "feed.xml", "sitemap.xml", "robots.txt"}

// Load reads the site folder. sourceDateEpoch is the SOURCE_DATE_EPOCH
// environment value ("" if unset).
func Load(fsys fs.FS, sourceDateEpoch string) (*Site, *diag.List) {
	return LoadCached(fsys, sourceDateEpoch, nil)
}

// LoadCached is Load with a cache of parsed content bodies (nil: none).
func LoadCached(fsys fs.FS, sourceDateEpoch string, cache *content.Cache) (*Site, *diag.List) {
	problems := &diag.List{}
	in := Inputs{Config: config.Load(fsys, sourceDateEpoch, problems)}
	// Inputs are independent until assembly: read them side by side, and
	// assemble the venue side of the model while content is parsed.
	var venueSide *Site
	var wg sync.WaitGroup
	wg.Go(func() {
		// The qualifications are read while the venues are (the venue
		// side is the longest path of loading a national site).
		var quals sync.WaitGroup
		var qp diag.List
		quals.Go(func() { in.Quals = qualification.Load(fsys, &qp) })
		// Separate lists tell whether a file could not be read at all, so
		// that its absence is reported once, not once per reference to it.
		var rp, vp diag.List
		in.Ref = referential.Load(fsys, &rp)
		in.RefUnread = len(in.Ref.Services) == 0 && rp.Len() > 0
		in.Venues = venue.Load(fsys, &vp)
		in.VenuesUnread = len(in.Venues) == 0 && vp.Len() > 0
		quals.Wait()
		for _, p := range slices.Concat(rp.Problems(), vp.Problems(), qp.Problems()) {
			problems.Add(p)
		}
		venueSide = &Site{Config: in.Config, Ref: in.Ref, Collator: frtext.NewCollator(),
			refUnread: in.RefUnread, venuesUnread: in.VenuesUnread}
		venueSide.assembleVenues(in.Venues, in.Quals, problems)
	})
	in.Pages = content.LoadCached(fsys, in.Config.Location, cache, problems)
	wg.Wait()
	in.Previous = venueSide
	return Assemble(fsys, in, problems), problems
}

// Inputs are the parsed input files, before assembly. The dev server keeps
// them between rebuilds and parses again only the files that changed.
type Inputs struct {
	Config *config.Site
	Ref    *referential.Referential
	Venues []*venue.Venue
	Quals  []*qualification.Qualification
	Pages  []*content.Page // in path order

	// RefUnread and VenuesUnread are set when the referential or the venue
	// file could not be read at all: references to them are then not
	// reported one by one.
	RefUnread, VenuesUnread bool

	// Previous, when set, is a model assembled from the same Config, Ref,
	// Venues and Quals: its venue side (venues, their indexes, départements
	// and régions) is reused instead of assembled again. The dev server
	// sets it when only content changed; Load, to the venue side it
	// assembles while content is being parsed.
	Previous *Site
	// Reuse holds loader results to keep instead of running the loader
	// again, by loader name (the dev server's, when their inputs did not
	// change).
	Reuse map[string]any
}

// Assemble builds the model from parsed inputs and checks the
// cross-references. Venues, qualifications and pages are not modified,
// except that each page's links are resolved once (content.ResolveLinks).
func Assemble(fsys fs.FS, in Inputs, problems *diag.List) *Site {
	s := &Site{Config: in.Config, Ref: in.Ref, FS: fsys, Collator: frtext.NewCollator(),
		refUnread: in.RefUnread, venuesUnread: in.VenuesUnread}
	if p := in.Previous; p != nil {
		s.Venues, s.venueByID, s.ServiceVenues, s.Regions, s.Depts = p.Venues, p.venueByID, p.ServiceVenues, p.Regions, p.Depts
		s.keys = p.keys
	} else {
		s.assembleVenues(in.Venues, in.Quals, problems)
	}
	s.assembleContent(in.Pages, problems)
	s.Loaded = map[string]any{}
	for _, l := range Loaders {
		if v, ok := in.Reuse[l.Name]; ok {
			s.Loaded[l.Name] = v
			continue
		}
		s.Loaded[l.Name] = l.Load(s, problems)
	}
	return s
}

func (s *Site) assembleVenues(venues []*venue.Venue, quals []*qualification.Qualification, problems *diag.List) {
	s.venueByID = map[string]*Venue{}
	s.keys = &keyMemo{}
	taken := map[string]string{}
	for _, d := range geo.Departements() {
		taken[d.Slug()] = "the département page"
	}
	for _, r := range geo.Regions() {
		taken[r.Slug()] = "the région page"
	}
	for _, v := range venues {
		if what, ok := taken[v.ID]; ok {
			problems.Add(diag.Problem{File: venue.FileName, Line: v.Line, Field: "id",
				Msg: fmt.Sprintf("expected an id that is not the address of %s, found %q", what, v.ID)})
			continue
		}
		sv := &Venue{Venue: v, URL: "/lieux/" + v.ID + "/"}
		s.Venues = append(s.Venues, sv)
		s.venueByID[v.ID] = sv
	}
	day := s.Config.Date
	for _, q := range quals {
		v := s.venueByID[q.VenueID]
		if v == nil && q.VenueID != "" && !s.venuesUnread {
			problems.Add(diag.Problem{File: qualification.FileName, Line: q.Line, Field: "lieu_id",
				Msg: fmt.Sprintf("expected the id of a venue of %s, found %q", venue.FileName, q.VenueID)})
		}
		for _, code := range q.Services {
			if s.Ref.Service(code) == nil && !s.refUnread {
				problems.Add(diag.Problem{File: qualification.FileName, Line: q.Line, Field: "services",
					Msg: fmt.Sprintf("expected codes of %s, found %q", referential.FileName, code)})
			}
		}
		if v == nil {
			continue
		}
		v.Quals = append(v.Quals, q)
		if q.ValidOn(day) {
			for _, code := range q.Services {
				if svc := s.Ref.Service(code); svc != nil && !slices.Contains(v.Qualified, svc) {
					v.Qualified = append(v.Qualified, svc)
				}
			}
			v.Pass = v.Pass || q.Pass
			if q.Until.After(v.QualifiedUntil) {
				v.QualifiedUntil = q.Until
			}
		}
	}
	// French collation keys cost microseconds each: compute them on every
	// processor (a collator is not safe for concurrent use: one each).
	keys := make([][]byte, len(s.Venues))
	parallel.Each(parallel.Chunks(len(s.Venues)), 0, func(c [2]int) error {
		col := frtext.NewCollator()
		for i := c[0]; i < c[1]; i++ {
			keys[i] = s.Venues[i].SortKey(col)
		}
		return nil
	})
	order := make([]int, len(s.Venues))
	for i, v := range s.Venues {
		order[i] = i
		slices.SortFunc(v.Qualified, func(a, b *referential.Service) int { return strings.Compare(a.Code, b.Code) })
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
	sorted := make([]*Venue, len(order))
	for i, j := range order {
		sorted[i] = s.Venues[j]
	}
	s.Venues = sorted

	s.ServiceVenues = map[string][]*Venue{}
	deptByCode := map[string]*Dept{}
	regionByCode := map[string]*Region{}
	for _, v := range s.Venues {
		for _, svc := range v.Qualified {
			s.ServiceVenues[svc.Code] = append(s.ServiceVenues[svc.Code], v)
		}
		if v.Venue.Dept == nil {
			continue
		}
		d := deptByCode[v.Venue.Dept.Code]
		if d == nil {
			d = &Dept{Departement: v.Venue.Dept, URL: "/lieux/" + v.Venue.Dept.Slug() + "/"}
			deptByCode[d.Code] = d
			s.Depts = append(s.Depts, d)
			gr := geo.RegionByCode(d.Departement.Region)
			if gr == nil { // overseas collectivities are their own région
				gr = &geo.Region{Code: d.Code, Nom: d.Nom, Zone: d.Zone}
			}
			r := regionByCode[gr.Code]
			if r == nil {
				r = &Region{Region: gr, URL: "/lieux/" + gr.Slug() + "/"}
				regionByCode[gr.Code] = r
				s.Regions = append(s.Regions, r)
			}
			d.Region = r
			r.Depts = append(r.Depts, d)
		}
		d.Venues = append(d.Venues, v)
		d.Region.Venues++
		v.Dept = d
	}
	slices.SortFunc(s.Depts, func(a, b *Dept) int { return strings.Compare(a.Code, b.Code) })
	slices.SortFunc(s.Regions, func(a, b *Region) int { return s.Collator.Compare(a.Nom, b.Nom) })
	for _, r := range s.Regions {
		slices.SortFunc(r.Depts, func(a, b *Dept) int { return strings.Compare(a.Code, b.Code) })
	}
}

func (s *Site) assembleContent(pages []*content.Page, problems *diag.List) {
	s.byFile = map[string]*content.Page{}
	urls := map[string]string{}
	claim := func(p *content.Page, url, what string) {
		if prev, ok := urls[url]; ok {
			problems.Add(diag.Problem{File: p.File, Field: what, Msg: fmt.Sprintf("expected a unique address, found %s already used by %s", url, prev)})
			return
		}
		urls[url] = p.File
	}
	for _, p := range pages {
		s.byFile[strings.TrimPrefix(p.File, content.Dir+"/")] = p
		if p.Draft {
			continue
		}
		top := strings.Trim(p.URL, "/")
		switch p.Section {
		case "guides":
			s.Guides = append(s.Guides, p)
		case "actions":
			s.Actions = append(s.Actions, p)
		case "":
			if slices.Contains(reserved, top) {
				problems.Add(diag.Problem{File: p.File, Msg: fmt.Sprintf("expected a page name that is not a reserved address of the site, found %q", top)})
				continue
			}
			s.Pages = append(s.Pages, p)
		default:
			problems.Add(diag.Problem{File: p.File, Msg: fmt.Sprintf("expected a page in content/, content/guides/ or content/actions/, found section %q", p.Section)})
			continue
		}
		claim(p, p.URL, "")
		for _, a := range p.Aliases {
			claim(p, a, "aliases")
		}
		for _, code := range p.Services {
			if s.Ref.Service(code) == nil && !s.refUnread {
				problems.Add(diag.Problem{File: p.File, Field: "services", Msg: fmt.Sprintf("expected codes of %s, found %q", referential.FileName, code)})
			}
		}
	}
	resolve := func(target string) *content.Page {
		if p := s.byFile[target]; p != nil && !p.Draft {
			return p
		}
		return nil
	}
	for _, p := range pages {
		if !p.Draft {
			p.ResolveLinks(resolve, problems)
		}
	}
	byDate := func(a, b *content.Page) int {
		if c := a.Weight - b.Weight; c != 0 {
			return c
		}
		if !a.Date.Equal(b.Date) {
			return b.Date.Compare(a.Date)
		}
		return s.Collator.Compare(a.Title, b.Title)
	}
	slices.SortFunc(s.Guides, byDate)
	slices.SortFunc(s.Actions, byDate)
	slices.SortFunc(s.Pages, func(a, b *content.Page) int { return strings.Compare(a.URL, b.URL) })

	s.ServiceGuides = map[string][]*content.Page{}
	themes := map[string]*Term{}
	audiences := map[string]*Term{}
	for _, g := range s.Guides {
		for _, code := range g.Services {
			s.ServiceGuides[code] = append(s.ServiceGuides[code], g)
		}
		for _, th := range g.Themes {
			t := themes[th]
			if t == nil {
				t = &Term{Slug: th, Name: ThemeName(th), URL: "/guides/themes/" + th + "/"}
				themes[th] = t
				s.Themes = append(s.Themes, t)
			}
			t.Guides = append(t.Guides, g)
		}
		for _, a := range g.Audiences {
			t := audiences[a]
			if t == nil {
				t = &Term{Slug: a, Name: content.AudienceName(a), URL: "/guides/publics/" + a + "/"}
				audiences[a] = t
			}
			t.Guides = append(t.Guides, g)
		}
	}
	slices.SortFunc(s.Themes, func(a, b *Term) int { return s.Collator.Compare(a.Name, b.Name) })
	for _, a := range content.Audiences {
		if t := audiences[a.Slug]; t != nil {
			s.Audiences = append(s.Audiences, t)
		}
	}
}

// Unread reports whether an input file (venue.FileName or
// referential.FileName) could not be read at all: a loader then skips its
// checks of references to that file, which would only repeat the problem.
func (s *Site) Unread(file string) bool {
	switch file {
	case venue.FileName:
		return s.venuesUnread
	case referential.FileName:
		return s.refUnread
	}
	return false
}

// Venue returns the venue with that id, or nil.
func (s *Site) Venue(id string) *Venue { return s.venueByID[id] }

// Page returns the content page of a source path ("guides/x.md"), or nil.
func (s *Site) Page(source string) *content.Page { return s.byFile[source] }

// themeNames gives French labels to the theme slugs used by the demo; other
// slugs are shown with their first letter capitalised and dashes as spaces.
var themeNames = map[string]string{
	"accueil": "Accueil", "distribution": "Distribution des pass", "equipement": "Équipement",
	"evaluation": "Évaluation", "illettrisme": "Illettrisme", "methode": "Méthode",
	"orientation": "Orientation", "parentalite": "Parentalité", "securite": "Sécurité",
	"territoires": "Territoires", "urgence": "Urgence", "emploi": "Emploi", "sante": "Santé",
}

// ThemeName returns the French label of a theme slug.
func ThemeName(slug string) string {
	if n, ok := themeNames[slug]; ok {
		return n
	}
	s := strings.ReplaceAll(slug, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
