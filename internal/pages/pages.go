// Package pages builds the views of the core pages (home, referential,
// venues, guides, plain pages, 404) and the site-wide files that list them
// (sitemap.xml, feed.xml, robots.txt, alias redirects).
package pages

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"labo/internal/content"
	"labo/internal/dataset"
	"labo/internal/frtext"
	"labo/internal/hours"
	"labo/internal/qualification"
	"labo/internal/referential"
	"labo/internal/render"
	"labo/internal/site"
)

// Nav is the main navigation, in order. Sections added by other packages
// (map, orientation, data) append their entry with AddNav.
func Nav() []render.NavItem {
	return []render.NavItem{
		{Name: "Trouver un lieu", URL: "/lieux/", Section: "lieux", Picto: "lieu"},
		{Name: "Carte", URL: "/carte/", Section: "carte", Picto: "carte"},
		{Name: "Orienter", URL: "/orienter/", Section: "orienter", Picto: "orienter"},
		{Name: "Guides", URL: "/guides/", Section: "guides", Picto: "guide"},
		{Name: "Référentiel", URL: "/referentiel/", Section: "referentiel", Picto: "pass"},
		{Name: "Indicateurs", URL: "/indicateurs/", Section: "indicateurs", Picto: "indicateurs"},
		{Name: "Données", URL: "/donnees/", Section: "donnees", Picto: "donnees"},
	}
}

// Footer lists the plain pages in the footer.
func Footer(s *site.Site) []render.NavItem {
	var out []render.NavItem
	for _, p := range s.Pages {
		out = append(out, render.NavItem{Name: p.Title, URL: p.URL})
	}
	return out
}

func page(path, title, desc, section string, crumbs []render.Crumb, data any) *render.Page {
	return &render.Page{Path: path, Title: title, Description: desc, Section: section, Crumbs: crumbs, Data: data}
}

func file(urlPath string) string { return strings.TrimPrefix(urlPath, "/") + "index.html" }

var home = render.Crumb{Name: "Accueil", URL: "/"}

// Core returns the jobs of the core pages: every part of Parts.
func Core(s *site.Site) []render.Job {
	var jobs []render.Job
	for _, p := range Parts() {
		js, _ := p.Gen(s)
		jobs = append(jobs, js...)
	}
	return jobs
}

// Part is a group of core pages with the inputs they read; build wraps each
// one into a build.Part (pages cannot import build).
type Part struct {
	Name         string
	Reads, Scope []string
	Gen          func(s *site.Site) ([]render.Job, []*dataset.Dataset)
}

// Inputs of the core parts, as build.Part patterns.
var (
	venueInputs = []string{"data/referentiel.toml", "data/lieux.csv", "data/qualifications.csv"}
	guideFiles  = []string{"content/guides/**"}
)

// Parts are the core pages split by the inputs they read, so that the dev
// server re-renders a guide and the lists that show it, not every venue.
// Every page also depends on site.toml, layouts/, static/ and the plain
// pages (listed in the footer): build treats those as global inputs.
func Parts() []Part {
	jobsOnly := func(f func(*site.Site) []render.Job) func(*site.Site) ([]render.Job, []*dataset.Dataset) {
		return func(s *site.Site) ([]render.Job, []*dataset.Dataset) { return f(s), nil }
	}
	return []Part{
		{Name: "home", Reads: append(slices.Clone(venueInputs), guideFiles...), Gen: jobsOnly(homeJobs)},
		{Name: "referentiel", Reads: venueInputs, Scope: guideFiles, Gen: jobsOnly(referentialJobs)},
		{Name: "lieux", Reads: venueInputs, Gen: jobsOnly(venueListJobs)},
		{Name: "venues", Reads: venueInputs, Gen: jobsOnly(venueJobs)},
		{Name: "guides", Reads: venueInputs, Scope: guideFiles, Gen: jobsOnly(guideJobs)},
		{Name: "pages", Reads: []string{"content/**"}, Gen: jobsOnly(plainJobs)},
	}
}

func addTo(jobs *[]render.Job) func(kind string, p *render.Page, reads ...string) {
	return func(kind string, p *render.Page, reads ...string) {
		*jobs = append(*jobs, render.Job{Path: file(p.Path), Kind: kind, Page: p, Reads: reads})
	}
}

func homeJobs(s *site.Site) []render.Job {
	var jobs []render.Job
	add := addTo(&jobs)
	add("index", page("/", s.Config.Title, s.Config.Tagline, "", nil, homeView(s)))
	add("404", &render.Page{Path: "/404.html", Title: "Page introuvable", NoIndex: true, Data: nil})
	jobs[len(jobs)-1].Path = "404.html"
	return jobs
}

// guideReads are the files of the guides a list shows.
func guideReads(guides []*content.Page) []string {
	out := make([]string, len(guides))
	for i, g := range guides {
		out[i] = g.File
	}
	return out
}

func referentialJobs(s *site.Site) []render.Job {
	var jobs []render.Job
	add := addTo(&jobs)
	refCrumbs := []render.Crumb{home, {Name: "Référentiel", URL: "/referentiel/"}}
	add("referentiel/list", page("/referentiel/", "Le référentiel des services",
		"Les services de médiation numérique que l'on peut payer avec le Pass numérique, classés par famille.",
		"referentiel", refCrumbs[:1], referentialView(s)))
	for _, f := range s.Ref.Families {
		add("referentiel/family", page(FamilyURL(f), f.Title, f.Description, "referentiel", refCrumbs, familyView(s, f)))
	}
	for _, svc := range s.Ref.Services {
		// The view (thousands of venues grouped by département) is made
		// when the page is rendered: a guide edit re-renders the pages of
		// its services only.
		jobs = append(jobs, render.Job{Path: file(ServiceURL(svc)), Kind: "referentiel/single", Reads: guideReads(s.ServiceGuides[svc.Code]),
			Lazy: func() *render.Page {
				crumbs := append(slices.Clone(refCrumbs), render.Crumb{Name: svc.FamilyRef.Title, URL: FamilyURL(svc.FamilyRef)})
				return page(ServiceURL(svc), svc.Title, svc.Description, "referentiel", crumbs, serviceView(s, svc))
			}})
	}
	return jobs
}

func venueListJobs(s *site.Site) []render.Job {
	var jobs []render.Job
	add := addTo(&jobs)
	lieux := []render.Crumb{home, {Name: "Lieux", URL: "/lieux/"}}
	add("lieux/list", page("/lieux/", "Tous les lieux", fmt.Sprintf("%s de médiation numérique, classés par région et département.", frtext.Plural(len(s.Venues), "lieu", "lieux")),
		"lieux", lieux[:1], venuesIndexView(s)))
	for _, r := range s.Regions {
		// Its map and counts are made when the page is rendered: a build
		// into an existing folder usually keeps the page as it is.
		jobs = append(jobs, render.Job{Path: file(r.URL), Kind: "lieux/region", Lazy: func() *render.Page {
			p := page(r.URL, "Lieux en "+r.Nom, fmt.Sprintf("Les lieux de médiation numérique de la région %s.", r.Nom), "lieux", lieux, regionView(s, r))
			p.Styles = mapStyles
			return p
		}})
	}
	for _, d := range s.Depts {
		jobs = append(jobs, render.Job{Path: file(d.URL), Kind: "lieux/departement", Key: s.DeptKey(d), Lazy: func() *render.Page {
			crumbs := append(slices.Clone(lieux), render.Crumb{Name: d.Region.Nom, URL: d.Region.URL})
			p := page(d.URL, "Lieux : "+d.Nom+" ("+d.Code+")",
				fmt.Sprintf("Les lieux de médiation numérique du département %s (%s) et les services pour lesquels ils sont qualifiés.", d.Nom, d.Code),
				"lieux", crumbs, deptView(s, d))
			p.Styles = mapStyles
			return p
		}})
	}
	jobs = append(jobs, locatorJobs(s)...)
	return jobs
}

func venueJobs(s *site.Site) []render.Job {
	jobs := make([]render.Job, 0, len(s.Venues))
	for _, v := range s.Venues {
		// The view is made when the page is rendered, and dropped after.
		jobs = append(jobs, render.Job{Path: file(v.URL), Kind: "lieux/single", Key: s.VenueKey(v),
			Lazy: func() *render.Page { return venuePage(s, v) }})
	}
	return jobs
}

var lieuxCrumbs = []render.Crumb{home, {Name: "Lieux", URL: "/lieux/"}}

func venuePage(s *site.Site, v *site.Venue) *render.Page {
	crumbs := lieuxCrumbs
	if v.Dept != nil {
		crumbs = append(slices.Clone(lieuxCrumbs), render.Crumb{Name: v.Dept.Region.Nom, URL: v.Dept.Region.URL}, render.Crumb{Name: v.Dept.Nom, URL: v.Dept.URL})
	}
	p := page(v.URL, v.Nom, venueDescription(v), "lieux", crumbs, venueView(s, v))
	p.JSONLD = venueJSONLD(s, v)
	p.Styles = mapStyles
	return p
}

func guideJobs(s *site.Site) []render.Job {
	var jobs []render.Job
	add := addTo(&jobs)
	guides := []render.Crumb{home, {Name: "Guides", URL: "/guides/"}}
	add("guides/list", page("/guides/", "Guides et bonnes pratiques",
		"Des guides de méthode pour les travailleurs sociaux, les médiateurs, les aiguilleurs et les commanditaires.",
		"guides", guides[:1], guidesView(s)), guideFiles...)
	for _, t := range s.Themes {
		add("guides/term", page(t.URL, "Guides : "+t.Name, "Les guides du thème "+t.Name+".", "guides", guides, termView(t, "thème")), guideReads(t.Guides)...)
	}
	for _, t := range s.Audiences {
		add("guides/term", page(t.URL, "Guides pour : "+t.Name, "Les guides écrits pour : "+t.Name+".", "guides", guides, termView(t, "public")), guideReads(t.Guides)...)
	}
	for _, g := range s.Guides {
		reads := []string{g.File}
		_, prev, next := neighbours(s, g)
		for _, n := range []*content.Page{prev, next} {
			if n != nil {
				reads = append(reads, n.File)
			}
		}
		// The view is made when the page is rendered: after an edit, the
		// dev server renders a few guides, not 2,000 views.
		jobs = append(jobs, render.Job{Path: file(g.URL), Kind: "guides/single", Reads: reads, Lazy: func() *render.Page {
			p := page(g.URL, g.Title, g.Summary, "guides", guides, guideView(s, g))
			p.JSONLD = articleJSONLD(s, g)
			return p
		}})
	}
	return jobs
}

func plainJobs(s *site.Site) []render.Job {
	var jobs []render.Job
	add := addTo(&jobs)
	for _, pg := range s.Pages {
		add("_default/single", page(pg.URL, pg.Title, pg.Summary, "", []render.Crumb{home}, &PageView{Page: pg, HTML: pg.Render()}))
	}
	for _, pg := range append(append(slices.Clone(s.Guides), s.Actions...), s.Pages...) {
		for _, a := range pg.Aliases {
			target := pg.URL
			jobs = append(jobs, render.Job{Path: file(a), Make: func() ([]byte, error) { return redirect(s.Config.Abs(target)), nil }})
		}
	}
	return jobs
}

// FamilyURL is the address of a family page.
func FamilyURL(f *referential.Family) string { return "/referentiel/" + strings.ToLower(f.Code) + "/" }

// ServiceURL is the address of a service page.
func ServiceURL(s *referential.Service) string {
	return "/referentiel/" + strings.ToLower(s.Code) + "/"
}

// HomeView is the home page's data.
type HomeView struct {
	Steps     []Step
	Guides    []*content.Page
	Families  []*referential.Family
	Venues    int
	Qualified int
	Depts     []*site.Dept
	Regions   []*site.Region
	Services  int
	OnBehalf  []*referential.Service
	Communes  []string
	BuildDate string
}

// Step is one of the six steps of the network's method.
type Step struct {
	N          int
	Name, Text string
}

// Steps are the backbone of the site.
var Steps = []Step{
	{1, "Atteindre", "Les pass passent par des personnes de confiance : travailleurs sociaux, associations, mairies."},
	{2, "Rapprocher", "Un chèque de 10 € donne envie de pousser la porte d'un lieu qu'on ne connaissait pas."},
	{3, "Orienter", "On envoie chaque personne vers le lieu qui sait répondre à son besoin."},
	{4, "Résoudre", "Si c'est urgent, le médiateur fait la démarche avec la personne, ou pour elle."},
	{5, "R(é)assurer", "On prend le temps d'expliquer, sans juger, pour redonner confiance."},
	{6, "Émanciper", "Atelier après atelier, la personne apprend à faire seule."},
}

func homeView(s *site.Site) *HomeView {
	v := &HomeView{Steps: Steps, Families: s.Ref.Families, Venues: len(s.Venues), Depts: s.Depts, Regions: s.Regions, Services: len(s.Ref.Services)}
	for _, x := range s.Venues {
		if x.IsQualified() {
			v.Qualified++
		}
	}
	for _, svc := range s.Ref.Services {
		if svc.OnBehalf {
			v.OnBehalf = append(v.OnBehalf, svc)
		}
	}
	v.Guides = s.Guides[:min(3, len(s.Guides))]
	return v
}

// ReferentialView lists families with their services.
type ReferentialView struct {
	Families []*FamilyView
	Levels   []string
	Steps    []string
}

// FamilyView is a family with its services and venue counts.
type FamilyView struct {
	*referential.Family
	URL      string
	Services []*ServiceItem
}

// ServiceItem is a service in a list.
type ServiceItem struct {
	*referential.Service
	URL    string
	Venues int
}

func familyView(s *site.Site, f *referential.Family) *FamilyView {
	fv := &FamilyView{Family: f, URL: FamilyURL(f)}
	for _, svc := range f.Services {
		fv.Services = append(fv.Services, &ServiceItem{Service: svc, URL: ServiceURL(svc), Venues: len(s.ServiceVenues[svc.Code])})
	}
	return fv
}

func referentialView(s *site.Site) *ReferentialView {
	v := &ReferentialView{Levels: referential.Levels, Steps: referential.Steps}
	for _, f := range s.Ref.Families {
		v.Families = append(v.Families, familyView(s, f))
	}
	return v
}

// ServiceView is a service page.
type ServiceView struct {
	*referential.Service
	Family *FamilyView
	Depts  []*DeptVenues
	Count  int
	Guides []*content.Page
	// Compact lists venues as links (name, commune) rather than cards when
	// there are more than CardLimit.
	Compact bool
}

// DeptVenues groups venues of one département.
type DeptVenues struct {
	Dept   *site.Dept
	Venues []*VenueCard
	Links  []VenueLink // instead of Venues in compact lists
}

func serviceView(s *site.Site, svc *referential.Service) *ServiceView {
	v := &ServiceView{Service: svc, Family: familyView(s, svc.FamilyRef), Guides: s.ServiceGuides[svc.Code]}
	venues := s.ServiceVenues[svc.Code]
	v.Count = len(venues)
	v.Compact = v.Count > CardLimit
	v.Depts = groupByDept(s, venues, v.Compact)
	return v
}

// groupByDept groups venues by département, as cards, or as links when
// compact.
func groupByDept(s *site.Site, venues []*site.Venue, compact bool) []*DeptVenues {
	var out []*DeptVenues
	idx := map[*site.Dept]*DeptVenues{}
	for _, x := range venues {
		g := idx[x.Dept]
		if g == nil {
			g = &DeptVenues{Dept: x.Dept}
			idx[x.Dept] = g
			out = append(out, g)
		}
		if compact {
			g.Links = append(g.Links, VenueLink{URL: x.URL, Nom: x.Nom, Commune: x.Commune})
		} else {
			g.Venues = append(g.Venues, card(s, x))
		}
	}
	slices.SortFunc(out, func(a, b *DeptVenues) int {
		switch {
		case a.Dept == b.Dept:
			return 0
		case a.Dept == nil:
			return 1
		case b.Dept == nil:
			return -1
		}
		return strings.Compare(a.Dept.Code, b.Dept.Code)
	})
	return out
}

// VenueCard is the same anatomy everywhere a venue is listed. Its summary
// lines are methods, computed only when a card is rendered (once per venue
// and build: the partial is cached), not for every list that holds it.
type VenueCard struct {
	*site.Venue
}

// HoursSummary is the opening hours in one French line, or "".
func (c *VenueCard) HoursSummary() string {
	if c.Hours == nil {
		return ""
	}
	return c.Hours.Summary()
}

// Families are the families of the services the venue is qualified for.
func (c *VenueCard) Families() []*referential.Family {
	var out []*referential.Family
	for _, svc := range c.Qualified {
		if !slices.Contains(out, svc.FamilyRef) {
			out = append(out, svc.FamilyRef)
		}
	}
	return out
}

// VenueLink is a venue in a compact list: plain fields, cheap to render
// thousands of times.
type VenueLink struct{ URL, Nom, Commune string }

func card(_ *site.Site, v *site.Venue) *VenueCard { return &VenueCard{Venue: v} }

// VenuesIndexView lists régions, départements and every venue.
type VenuesIndexView struct {
	Regions   []*site.Region
	Total     int
	Qualified int
	Depts     []*DeptVenues
}

// CardLimit is the number of venues above which a page that lists venues
// of many départements (the venue index, a service) shows compact links or
// only the départements instead of a card per venue: a national network's
// 20,000 cards would make a 30 MB page nobody can use.
const CardLimit = 300

func venuesIndexView(s *site.Site) *VenuesIndexView {
	v := &VenuesIndexView{Regions: s.Regions, Total: len(s.Venues)}
	for _, x := range s.Venues {
		if x.IsQualified() {
			v.Qualified++
		}
	}
	if len(s.Venues) <= CardLimit {
		v.Depts = groupByDept(s, s.Venues, false)
	}
	return v
}

// DeptView is a département page: its venues and the "listed vs qualified"
// view per service.
type DeptView struct {
	*site.Dept
	Venues    []*VenueCard
	Qualified int
	Pass      int // venues accepting the Pass numérique
	Fresh     int // venues updated in the 12 months before the build date
	Services  []*DeptService
	Families  []*DeptFamily // Services grouped by family, for the table
	Map       template.HTML // static SVG map of the département and its venues
	MapURL    string        // the interactive map centred on the département
	GeoJSON   string        // the département's venues as GeoJSON
	Unlocated int           // venues without a position (not on the maps)
}

// DeptFamily is a family's rows of the per-service table.
type DeptFamily struct {
	Family   *referential.Family
	Services []*DeptService
}

// DeptService counts venues qualified for a service in a département.
type DeptService struct {
	*referential.Service
	URL       string
	Qualified int
}

func deptView(s *site.Site, d *site.Dept) *DeptView {
	v := &DeptView{Dept: d}
	yearAgo := s.Config.Date.AddDate(-1, 0, 0)
	counts := map[string]int{}
	for _, x := range d.Venues {
		v.Venues = append(v.Venues, card(s, x))
		if x.IsQualified() {
			v.Qualified++
		}
		if !x.Updated.Before(yearAgo) {
			v.Fresh++
		}
		for _, svc := range x.Qualified {
			counts[svc.Code]++
		}
	}
	for _, svc := range s.Ref.Services {
		ds := &DeptService{Service: svc, URL: ServiceURL(svc), Qualified: counts[svc.Code]}
		v.Services = append(v.Services, ds)
		if n := len(v.Families); n == 0 || v.Families[n-1].Family != svc.FamilyRef {
			v.Families = append(v.Families, &DeptFamily{Family: svc.FamilyRef})
		}
		v.Families[len(v.Families)-1].Services = append(v.Families[len(v.Families)-1].Services, ds)
	}
	for _, x := range d.Venues {
		if x.Pass {
			v.Pass++
		}
		if !x.HasPoint {
			v.Unlocated++
		}
	}
	v.Map = deptMap(d)
	if c, ok := deptCentre(d.Code); ok {
		v.MapURL = MapLink(c, 9)
	}
	v.GeoJSON = d.URL + "lieux.geojson" // written by internal/mapdata
	return v
}

// RegionView is a région page: its départements on a map and in a table.
type RegionView struct {
	*site.Region
	Depts     []*RegionDept
	Qualified int
	Map       template.HTML
}

// RegionDept is a row of the région's table.
type RegionDept struct {
	*site.Dept
	Qualified, Pass, Fresh int
}

func regionView(s *site.Site, r *site.Region) *RegionView {
	v := &RegionView{Region: r, Map: regionMap(r)}
	yearAgo := s.Config.Date.AddDate(-1, 0, 0)
	for _, d := range r.Depts {
		rd := &RegionDept{Dept: d}
		for _, x := range d.Venues {
			if x.IsQualified() {
				rd.Qualified++
			}
			if x.Pass {
				rd.Pass++
			}
			if !x.Updated.Before(yearAgo) {
				rd.Fresh++
			}
		}
		v.Qualified += rd.Qualified
		v.Depts = append(v.Depts, rd)
	}
	return v
}

// VenueView is a venue page.
type VenueView struct {
	*site.Venue
	Hours      []HoursRow // Monday to Sunday; nil without opening hours
	HoursNote  string
	Quals      []*QualView
	Families   []*FamilyServices
	Directions string
	OSM        string
	Stale      bool
	WeekJSON   string // weekly spans in minutes, Monday first, for the "open now" script
	Phone      string
	Locator    template.HTML // small static map of the venue in its département
	MapURL     string        // the venue on the interactive map
}

// HoursRow is a day of the opening hours table: "fermé", the spans, and the
// comments of the day in brackets. Lines of the venue page are made in Go
// when a template would need many actions for them (each costs about a
// microsecond, on 25,000 pages).
type HoursRow struct{ Day, Text string }

func hoursRows(lines []hours.DayLine) []HoursRow {
	rows := make([]HoursRow, len(lines))
	for i, l := range lines {
		text := "fermé"
		if !l.Closed {
			text = strings.Join(l.Spans, " et ")
		}
		if l.Comment != "" {
			text += " (" + l.Comment + ")"
		}
		rows[i] = HoursRow{l.Day, text}
	}
	return rows
}

// QualView is a qualification with its state on the build date.
type QualView struct {
	*qualification.Qualification
	State    string
	Period   string // ", du 1 mars 2025 au 1 mars 2027", either end left out when open
	Services string // titles, comma separated
}

// FamilyServices groups qualified services by family.
type FamilyServices struct {
	Family   *referential.Family
	Services []ServiceLink
}

// ServiceLink is a qualified service on a venue page.
type ServiceLink struct {
	URL, Title string
	OnBehalf   bool
}

func venueView(s *site.Site, v *site.Venue) *VenueView {
	vv := &VenueView{Venue: v}
	if v.Hours != nil {
		vv.Hours = hoursRows(v.Hours.French())
		vv.HoursNote = strings.Join(v.Hours.Comments(), " ; ")
		vv.WeekJSON = weekJSON(v.Hours)
	}
	for _, q := range v.Quals {
		qv := &QualView{Qualification: q, State: q.State(s.Config.Date)}
		if !q.FromDate.IsZero() {
			qv.Period = ", du " + frtext.Date(q.FromDate)
		}
		if !q.Until.IsZero() {
			qv.Period += " au " + frtext.Date(q.Until)
		}
		titles := make([]string, 0, len(q.Services))
		for _, code := range q.Services {
			if svc := s.Ref.Service(code); svc != nil {
				titles = append(titles, svc.Title)
			}
		}
		qv.Services = strings.Join(titles, ", ")
		vv.Quals = append(vv.Quals, qv)
	}
	for _, svc := range v.Qualified {
		n := len(vv.Families)
		if n == 0 || vv.Families[n-1].Family != svc.FamilyRef {
			vv.Families = append(vv.Families, &FamilyServices{Family: svc.FamilyRef})
			n++
		}
		vv.Families[n-1].Services = append(vv.Families[n-1].Services, ServiceLink{URL: ServiceURL(svc), Title: svc.Title, OnBehalf: svc.OnBehalf})
	}
	if v.HasPoint {
		lat, lon := strconv.FormatFloat(v.Point.Lat(), 'f', 5, 64), strconv.FormatFloat(v.Point.Lon(), 'f', 5, 64)
		vv.Directions = "https://www.openstreetmap.org/directions?to=" + url.QueryEscape(lat+","+lon)
		vv.OSM = "https://www.openstreetmap.org/?mlat=" + lat + "&mlon=" + lon + "#map=17/" + lat + "/" + lon
		vv.Locator = locator(v)
		vv.MapURL = "/carte/?lieu=" + url.QueryEscape(v.ID)
	}
	vv.Stale = v.Updated.Before(s.Config.Date.AddDate(-1, 0, 0))
	vv.Phone = FrenchPhone(v.Telephone)
	return vv
}

// FrenchPhone formats +33473000000 as "04 73 00 00 00"; other numbers are
// returned as they are.
func FrenchPhone(p string) string {
	if !strings.HasPrefix(p, "+33") || len(p) != 12 {
		return p
	}
	d := "0" + p[3:]
	return d[0:2] + " " + d[2:4] + " " + d[4:6] + " " + d[6:8] + " " + d[8:10]
}

func venueDescription(v *site.Venue) string {
	if v.PresentationResume != "" {
		return v.PresentationResume
	}
	return fmt.Sprintf("%s, %s %s : lieu de médiation numérique.", v.Adresse, v.CodePostal, v.Commune)
}

// GuidesView is the guides index.
type GuidesView struct {
	Guides    []*content.Page
	Themes    []*site.Term
	Audiences []*site.Term
}

func guidesView(s *site.Site) *GuidesView {
	return &GuidesView{Guides: s.Guides, Themes: s.Themes, Audiences: s.Audiences}
}

// TermView is a theme or audience page.
type TermView struct {
	*site.Term
	Kind string
}

func termView(t *site.Term, kind string) *TermView { return &TermView{Term: t, Kind: kind} }

// GuideView is a guide page.
type GuideView struct {
	*content.Page
	HTML      []byte
	Services  []*ServiceItem
	Audiences []content.Label
	Themes    []*site.Term
	Prev      *content.Page // previous and next within the first theme
	Next      *content.Page
	Theme     *site.Term
}

func guideView(s *site.Site, g *content.Page) *GuideView {
	v := &GuideView{Page: g, HTML: g.Render()}
	for _, code := range g.Services {
		if svc := s.Ref.Service(code); svc != nil {
			v.Services = append(v.Services, &ServiceItem{Service: svc, URL: ServiceURL(svc), Venues: len(s.ServiceVenues[code])})
		}
	}
	for _, a := range g.Audiences {
		v.Audiences = append(v.Audiences, content.Label{Slug: a, Name: content.AudienceName(a)})
	}
	for _, t := range s.Themes {
		if slices.Contains(g.Themes, t.Slug) {
			v.Themes = append(v.Themes, t)
		}
	}
	v.Theme, v.Prev, v.Next = neighbours(s, g)
	return v
}

// neighbours returns the first theme of a guide and the guides before and
// after it there.
func neighbours(s *site.Site, g *content.Page) (theme *site.Term, prev, next *content.Page) {
	if len(g.Themes) == 0 {
		return nil, nil, nil
	}
	for _, t := range s.Themes {
		if t.Slug != g.Themes[0] {
			continue
		}
		theme = t
		i := slices.Index(t.Guides, g)
		if i > 0 {
			prev = t.Guides[i-1]
		}
		if i >= 0 && i+1 < len(t.Guides) {
			next = t.Guides[i+1]
		}
	}
	return theme, prev, next
}

// PageView is a plain page.
type PageView struct {
	*content.Page
	HTML []byte
}

func weekJSON(h *hours.Schedule) string {
	var b strings.Builder
	b.WriteByte('[')
	for d, spans := range h.Weekly() {
		if d > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		for i, sp := range spans {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, "[%d,%d]", sp.From, sp.To)
		}
		b.WriteByte(']')
	}
	b.WriteByte(']')
	return b.String()
}
