// Package orientpages builds the orientation assistant (/orienter/): the
// page with the three steps (need, situation, place) that the browser script
// drives, the same path as plain links for browsers without JavaScript
// (one page per need, then one per need and département), a printable
// "fiche d'orientation" per need and venue, and the data file per need that
// the script filters and sorts (package orient computes it).
package orientpages

import (
	"bytes"
	"html/template"
	"slices"
	"strings"
	"sync"

	"labo/internal/dataset"
	"labo/internal/frtext"
	"labo/internal/hours"
	"labo/internal/mapdata"
	"labo/internal/need"
	"labo/internal/orient"
	"labo/internal/pages"
	"labo/internal/referential"
	"labo/internal/render"
	"labo/internal/site"
)

// Addresses of the assistant.
const (
	Root     = "/orienter/"
	DataDir  = "/orienter/donnees/"
	ficheDir = "/orienter/fiche/"
)

// NeedURL is the no-JavaScript page of a need.
func NeedURL(n *need.Need) string { return Root + n.Slug + "/" }

// DeptURL lists the venues of a need in a département.
func DeptURL(n *need.Need, d *site.Dept) string { return NeedURL(n) + d.Slug() + "/" }

// FicheURL is the printable sheet of a venue for a need.
func FicheURL(n *need.Need, v *site.Venue) string { return ficheDir + n.Slug + "/" + v.ID + "/" }

// DataURL is the data file of a need.
func DataURL(n *need.Need) string { return DataDir + n.Slug + ".json" }

var (
	home   = render.Crumb{Name: "Accueil", URL: "/"}
	assist = render.Crumb{Name: "Orienter", URL: Root}
)

func file(urlPath string) string { return strings.TrimPrefix(urlPath, "/") + "index.html" }

// Generate returns the jobs of the assistant. It publishes no dataset: the
// data files are for the script, not open data (the venues are published
// by /donnees/).
//
// A national site has some 20,000 fiches and 1,000 département pages:
// their views are small (the candidate, the need, shared crumbs) and all
// their text is computed when the page renders, so that nothing per page
// is held in memory before its job runs. What is per venue or per opening
// hours (hours table, summary) is computed once per distinct value.
func Generate(s *site.Site) ([]render.Job, []*dataset.Dataset) {
	g := &gen{s: s, maps: newMapper(), communes: communeOrder(s.Venues)}
	var jobs []render.Job
	add := func(kind string, p *render.Page) {
		p.Section = "orienter"
		if p.Styles == nil {
			p.Styles = styles
		}
		jobs = append(jobs, render.Job{Path: file(p.Path), Kind: kind, Page: p})
	}
	// A fiche shows its venue only, and a département page the venues of
	// its département: keyed by them (render.Job.Key; the needs and the
	// referential are site-wide inputs), an edited venue re-renders its
	// own fiches, not the 20,000 others.
	keyed := func(key string) {
		jobs[len(jobs)-1].Key = key
	}
	idx := &IndexView{Communes: "/" + mapdata.CommunesDir, Supports: orient.Supports, Publics: publicChoices, Distances: distanceChoices, Costs: costChoices,
		SoonDays: orient.SoonDays, Date: s.Config.Date}
	for _, n := range orient.Needs(s) {
		cands := orient.Candidates(s, n)
		np := &needPage{gen: g, need: n, dataURL: DataURL(n)}
		idx.Needs = append(idx.Needs, &NeedItem{Need: n, URL: NeedURL(n), DataURL: np.dataURL, Count: len(cands)})

		jobs = append(jobs, render.Job{Path: strings.TrimPrefix(np.dataURL, "/"), Make: func() ([]byte, error) {
			return orient.NewData(s, n, cands, func(code string) string { return pages.ServiceURL(s.Ref.Service(code)) },
				func(v *site.Venue) string { return FicheURL(n, v) }).JSON()
		}})

		nv := needView(s, n, cands)
		needCrumbs := []render.Crumb{home, assist, {Name: n.Title, URL: NeedURL(n)}}
		add("orienter/need", &render.Page{Path: NeedURL(n), Title: n.Title, Description: n.Description,
			Crumbs: needCrumbs[:2], Data: nv})
		byDept := map[*site.Dept][]*orient.Candidate{}
		for _, c := range cands {
			byDept[c.Venue.Dept] = append(byDept[c.Venue.Dept], c)
		}
		deptCrumbs := map[*site.Dept][]render.Crumb{}
		for _, dg := range nv.Depts {
			if dg.Count == 0 {
				continue
			}
			d := dg.Dept
			deptCrumbs[d] = append(needCrumbs[:3:3], render.Crumb{Name: d.Nom, URL: dg.URL})
			add("orienter/dept", &render.Page{Path: dg.URL, Title: n.Title + " : " + d.Nom + " (" + d.Code + ")",
				Description: "Les lieux qualifiés du département " + d.Nom + " pour : " + strings.ToLower(n.Title) + ".",
				Crumbs:      needCrumbs, Data: &DeptView{np: np, Dept: d, cands: byDept[d]}})
			keyed(s.DeptKey(d))
		}
		for _, c := range cands {
			crumbs := needCrumbs
			if dc := deptCrumbs[c.Venue.Dept]; dc != nil {
				crumbs = dc
			}
			v := c.Venue
			add("orienter/fiche", &render.Page{Path: FicheURL(n, v), Title: "Fiche d'orientation : " + v.Nom,
				Description: "Fiche à imprimer et à remettre : " + v.Nom + ", " + v.Commune + ".",
				Crumbs:      crumbs, NoIndex: true, Scripts: ficheScripts, Data: &FicheView{np: np, c: c}})
			keyed(s.VenueKey(v))
		}
	}
	add("orienter/index", &render.Page{Path: Root, Title: "Orienter une personne vers le bon lieu",
		Description: "Pour les travailleurs sociaux et les aiguilleurs : le besoin, la situation, le lieu qualifié le plus proche, et une fiche à remettre.",
		Crumbs:      []render.Crumb{home}, Scripts: []string{"/js/orienter.js"}, Data: idx})
	return jobs, nil
}

// Shared by the pages (never modified).
var (
	styles       = []string{"/css/orienter.css"}
	ficheScripts = []string{"/js/orienter-fiche.js"}
)

// gen is what the pages of one Generate share.
type gen struct {
	s        *site.Site
	maps     *mapper
	hours    sync.Map       // opening_hours text → *hoursText
	communes map[string]int // commune name → rank in French order
}

// communeOrder ranks the venues' communes in French order, names that
// collate alike sharing a rank. Pages render in parallel and a collator
// is not safe for concurrent use: they sort by rank instead. The collator
// is this function's own, for the same reason.
func communeOrder(venues []*site.Venue) map[string]int {
	coll := frtext.NewCollator()
	type named struct {
		name string
		key  []byte
	}
	var names []named
	seen := map[string]bool{}
	for _, v := range venues {
		if !seen[v.Commune] {
			seen[v.Commune] = true
			names = append(names, named{v.Commune, coll.Key(v.Commune)})
		}
	}
	slices.SortFunc(names, func(a, b named) int { return bytes.Compare(a.key, b.key) })
	rank := make(map[string]int, len(names))
	for i, n := range names {
		if i > 0 && bytes.Equal(n.key, names[i-1].key) {
			rank[n.name] = rank[names[i-1].name]
		} else {
			rank[n.name] = i
		}
	}
	return rank
}

// needPage is what the pages of one need share.
type needPage struct {
	*gen
	need    *need.Need
	dataURL string
}

// hoursText is the French text of one opening_hours value.
type hoursText struct {
	summary string        // one line: cards, mail
	table   template.HTML // the fiche's week table, and the comments
}

// hoursOf returns the text of the venue's hours, nil when not given,
// computed once per distinct opening_hours value and build.
func (g *gen) hoursOf(v *site.Venue) *hoursText {
	if v.Hours == nil {
		return nil
	}
	if t, ok := g.hours.Load(v.Horaires); ok {
		return t.(*hoursText)
	}
	t := &hoursText{summary: v.Hours.Summary(), table: hoursTable(v.Hours)}
	g.hours.Store(v.Horaires, t)
	return t
}

func hoursTable(h *hours.Schedule) template.HTML {
	var b htmlBuf
	b.raw(`<table class="hours fiche__hours">` + "\n" + `<caption class="visually-hidden">Horaires d'ouverture de la semaine</caption>` + "\n<tbody>\n")
	for _, l := range h.French() {
		b.raw(`<tr><th scope="row">`)
		b.text(l.Day)
		b.raw(`</th><td>`)
		if l.Closed {
			b.raw("fermé")
		} else {
			b.text(strings.Join(l.Spans, " et "))
		}
		if l.Comment != "" {
			b.raw(" (")
			b.text(l.Comment)
			b.raw(")")
		}
		b.raw("</td></tr>\n")
	}
	b.raw("</tbody>\n</table>")
	if note := strings.Join(h.Comments(), " ; "); note != "" {
		b.raw("\n<p>")
		b.text(note)
		b.raw("</p>")
	}
	return b.html()
}

// Choice is one button of a single-choice question of step 2.
type Choice struct {
	Value, Label, Picto string
	Default             bool
}

var (
	publicChoices = []Choice{{"", "Pas de public particulier", "", true}, {"Seniors", "Une personne âgée", "senior", false},
		{"Jeunes", "Un ou une jeune", "jeune", false}, {"Familles et/ou enfants", "Une famille", "famille", false}}
	distanceChoices = []Choice{{"2", "À pied (2 km)", "", false}, {"10", "En bus ou en voiture (10 km)", "", true},
		{"30", "Plus loin (30 km)", "", false}, {"0", "Peu importe", "", false}}
	costChoices = []Choice{{"", "Peu importe", "", true}, {string(orient.CostFreeOrPass), "Gratuit ou avec le Pass numérique", "pass", false},
		{string(orient.CostFree), "Gratuit seulement", "", false}}
)

// IndexView is the assistant's page.
type IndexView struct {
	Communes  string // folder of the commune index (package mapdata)
	Needs     []*NeedItem
	Supports  []string
	Publics   []Choice
	Distances []Choice
	Costs     []Choice
	SoonDays  int
	Date      any
}

// NeedItem is a need in step 1.
type NeedItem struct {
	*need.Need
	URL, DataURL string
	Count        int // venues qualified for it
}

// NeedView is the no-JavaScript page of a need: its services and the
// départements that have venues for it.
type NeedView struct {
	Need     *need.Need
	Services []*pages.ServiceItem
	Depts    []*DeptCount
	Total    int
}

// DeptCount is a département with the number of venues for a need.
type DeptCount struct {
	Dept     *site.Dept
	URL      string
	Count    int
	OnBehalf int
}

func needView(s *site.Site, n *need.Need, cands []*orient.Candidate) *NeedView {
	v := &NeedView{Need: n, Total: len(cands)}
	for _, svc := range n.Services {
		v.Services = append(v.Services, &pages.ServiceItem{Service: svc, URL: pages.ServiceURL(svc), Venues: len(s.ServiceVenues[svc.Code])})
	}
	byDept := map[*site.Dept]*DeptCount{}
	for _, d := range s.Depts {
		dc := &DeptCount{Dept: d, URL: DeptURL(n, d)}
		byDept[d] = dc
		v.Depts = append(v.Depts, dc)
	}
	for _, c := range cands {
		if dc := byDept[c.Venue.Dept]; dc != nil {
			dc.Count++
			if c.Tier == 0 && n.Urgent {
				dc.OnBehalf++
			}
		}
	}
	return v
}

// DeptView lists a need's venues in a département, by tier.
type DeptView struct {
	np    *needPage
	Dept  *site.Dept
	cands []*orient.Candidate // the need's candidates in the département, in Candidates order
}

// Need is the need of the list.
func (d *DeptView) Need() *need.Need { return d.np.need }

// Count is the number of venues listed.
func (d *DeptView) Count() int { return len(d.cands) }

// Group is a tier of venues.
type Group struct {
	Title, Intro string
	np           *needPage
	cands        []*orient.Candidate
}

// Groups splits the venues: for an urgent need, those that can do it for
// the person first; the itinerant ones last.
func (d *DeptView) Groups() []*Group {
	var tiers [2][]*orient.Candidate
	var itinerant []*orient.Candidate
	for _, c := range d.cands {
		if !c.Venue.HasPoint {
			itinerant = append(itinerant, c)
			continue
		}
		tiers[c.Tier] = append(tiers[c.Tier], c)
	}
	var out []*Group
	group := func(title, intro string, cs []*orient.Candidate) {
		if len(cs) == 0 {
			return
		}
		// by commune, then by name (candidates come in French name order)
		rank := d.np.communes
		slices.SortStableFunc(cs, func(a, b *orient.Candidate) int { return rank[a.Venue.Commune] - rank[b.Venue.Commune] })
		out = append(out, &Group{Title: title, Intro: intro, np: d.np, cands: cs})
	}
	if d.np.need.Urgent {
		group("D'abord : les lieux qui peuvent faire à la place de la personne",
			"Ces lieux sont qualifiés pour faire la démarche avec la personne, ou à sa place, quand elle ne peut pas attendre.", tiers[0])
		group("Ensuite : les lieux qui aident à faire soi-même", "Ces lieux accompagnent la personne pour qu'elle fasse la démarche elle-même.", tiers[1])
	} else {
		group("Les lieux qualifiés, par commune", "", tiers[0])
	}
	group("Lieux itinérants", "Ces services se déplacent : appelez-les pour savoir quand ils passent près de chez la personne.", itinerant)
	return out
}

// Cards renders the group's venue cards, with the pictograms the layout
// gives (place, hours, print).
func (g *Group) Cards(lieu, horloge, imprimer template.HTML) template.HTML {
	b := htmlBuf{b: make([]byte, 0, 1400*len(g.cands))}
	for _, c := range g.cands {
		g.np.card(&b, c, lieu, horloge, imprimer)
	}
	return b.html()
}

// card writes a venue proposed for the need, with why it matches.
func (np *needPage) card(b *htmlBuf, c *orient.Candidate, lieu, horloge, imprimer template.HTML) {
	v := c.Venue
	b.raw(`<article class="card orient-card" id="lieu-`)
	b.text(v.ID)
	b.raw(`">` + "\n" + `<h3 class="card__title"><a href="`)
	b.url(v.URL)
	b.raw(`">`)
	b.text(v.Nom)
	b.raw(`</a></h3>` + "\n" + `<p class="card__where">`)
	b.raw(string(lieu))
	b.raw(" ")
	b.text(v.Adresse)
	b.raw(", ")
	b.text(v.CodePostal)
	b.raw(" ")
	b.text(v.Commune)
	b.raw(`</p>` + "\n" + `<p class="card__when">`)
	b.raw(string(horloge))
	if h := np.hoursOf(v); h != nil && h.summary != "" {
		b.raw(" ")
		b.text(h.summary)
	} else {
		b.raw(" Horaires non communiqués : appelez avant de venir.")
	}
	b.raw(`</p>` + "\n" + `<p class="orient-card__label">Pourquoi ce lieu :</p>` + "\n" + `<ul class="orient-card__why">`)
	for _, r := range Reasons(c) {
		b.raw("<li>")
		b.text(r)
		b.raw("</li>")
	}
	b.raw("</ul>\n")
	if hasAccess(v) {
		b.raw(`<p class="orient-card__label">Comment y aller :</p>` + "\n")
		accessList(b, v)
		b.raw("\n")
	}
	b.raw(`<p class="orient-card__fiche"><a class="button" href="`)
	b.url(FicheURL(np.need, v))
	b.raw(`">`)
	b.raw(string(imprimer))
	b.raw(` Fiche à imprimer<span class="visually-hidden"> : `)
	b.text(v.Nom)
	b.raw("</span></a></p>\n</article>")
}

// Reasons says in plain words why the venue is proposed for the need; the
// browser script writes the same sentences from the same facts.
func Reasons(c *orient.Candidate) []string {
	v := c.Venue
	out := make([]string, 0, len(c.Services)+4)
	for _, svc := range c.Services {
		if svc.OnBehalf {
			out = append(out, "Qualifié pour : "+svc.Title+" (le médiateur peut faire à la place de la personne)")
		} else {
			out = append(out, "Qualifié pour : "+svc.Title)
		}
	}
	if len(v.SupportList) > 0 {
		out = append(out, "Accompagnement adapté : "+frList(v.SupportList))
	}
	if len(v.PublicList) > 0 {
		out = append(out, "Accueille en priorité : "+frList(v.PublicList))
	}
	switch {
	case c.Free && v.Pass:
		out = append(out, "Gratuit, Pass numérique accepté")
	case c.Free:
		out = append(out, "Gratuit")
	case v.Pass:
		out = append(out, "Pass numérique accepté")
	}
	if c.Remote {
		out = append(out, "Aide aussi à distance (téléphone ou visio)")
	}
	return out
}

func frList(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " et " + items[len(items)-1]
}

// The ways to reach a venue: without an appointment, by phone, online
// booking, mail.

func walkIn(v *site.Venue) bool { return slices.Contains(v.AccessList, orient.WalkInAccess) }

func byMail(v *site.Venue) bool {
	return len(v.EmailList) > 0 && (slices.Contains(v.AccessList, "Contacter par mail") || slices.Contains(v.AccessList, "Envoyer un mail avec une fiche de prescription"))
}

func hasAccess(v *site.Venue) bool {
	return walkIn(v) || v.Telephone != "" || v.PriseRdv != "" || byMail(v)
}

// accessList writes the ways in as a list.
func accessList(b *htmlBuf, v *site.Venue) {
	b.raw(`<ul class="orient-access">`)
	if walkIn(v) {
		b.raw("<li>Sans rendez-vous, aux heures d&#39;ouverture</li>")
	}
	if v.Telephone != "" {
		b.raw(`<li>Par téléphone : <a href="tel:`)
		b.urlPart(v.Telephone)
		b.raw(`">`)
		b.text(pages.FrenchPhone(v.Telephone))
		b.raw("</a></li>")
	}
	if v.PriseRdv != "" {
		b.raw(`<li><a href="`)
		b.url(v.PriseRdv)
		b.raw(`">Prendre rendez-vous en ligne</a></li>`)
	}
	if byMail(v) {
		b.raw(`<li>Par courriel : <a href="`)
		b.url("mailto:" + v.EmailList[0])
		b.raw(`">`)
		b.text(v.EmailList[0])
		b.raw("</a></li>")
	}
	b.raw("</ul>")
}

// FicheView is the printable sheet of a venue for a need.
type FicheView struct {
	np *needPage
	c  *orient.Candidate
}

// Venue is the venue of the fiche.
func (f *FicheView) Venue() *site.Venue { return f.c.Venue }

// Need is the need of the fiche.
func (f *FicheView) Need() *need.Need { return f.np.need }

// Main is the service the fiche is for.
func (f *FicheView) Main() *referential.Service { return f.c.Main() }

// DataURL is the need's data file, from which the script reads the hours.
func (f *FicheView) DataURL() string { return f.np.dataURL }

// Print is the fiche's address, printed at the bottom.
func (f *FicheView) Print() string { return f.np.s.Config.Abs(FicheURL(f.np.need, f.c.Venue)) }

// DataAttrs are the attributes the fiche's script reads: the venue, the
// need and its data file.
func (f *FicheView) DataAttrs() template.HTMLAttr {
	var b htmlBuf
	b.raw(`data-venue="`)
	b.text(f.c.Venue.ID)
	b.raw(`" data-need="`)
	b.text(f.np.need.Slug)
	b.raw(`" data-data="`)
	b.text(f.np.dataURL)
	b.raw(`"`)
	return template.HTMLAttr(b.b) // #nosec: escaped above
}

// Heading names the venue, the need and the service.
func (f *FicheView) Heading() template.HTML {
	var b htmlBuf
	b.raw(`<h1 class="fiche__title">`)
	b.text(f.c.Venue.Nom)
	b.raw("</h1>\n" + `<p class="fiche__for">Pour : <strong>`)
	b.text(f.np.need.Title)
	b.raw("</strong></p>\n" + `<p class="fiche__service">Service : <strong>`)
	b.text(f.c.Main().Title)
	b.raw("</strong></p>")
	return b.html()
}

// Address is the postal address, complement included.
func (f *FicheView) Address() template.HTML {
	v := f.c.Venue
	var b htmlBuf
	b.raw(`<p class="fiche__address">`)
	b.text(v.Adresse)
	if v.ComplementAdresse != "" {
		b.raw("<br>")
		b.text(v.ComplementAdresse)
	}
	b.raw("<br>")
	b.text(v.CodePostal)
	b.raw(" ")
	b.text(v.Commune)
	b.raw("</p>")
	return b.html()
}

// Footer is the date the fiche is handed over (filled by hand, or by the
// script), the Pass, the date of the information and the fiche's address.
func (f *FicheView) Footer() template.HTML {
	var b htmlBuf
	b.raw(`<p>Fiche remise le : <span class="fiche__date">………………………</span>`)
	if f.c.Venue.Pass {
		b.raw(" · Pass numérique accepté")
	}
	b.raw(" · Informations au ")
	b.text(frtext.Date(f.np.s.Config.Date))
	b.raw("</p>\n" + `<p class="fiche__source">`)
	b.text(f.Print())
	b.raw("</p>")
	return b.html()
}

// Phone is the phone link, or "".
func (f *FicheView) Phone() template.HTML {
	v := f.c.Venue
	if v.Telephone == "" {
		return ""
	}
	var b htmlBuf
	b.raw(`<a href="tel:`)
	b.urlPart(v.Telephone)
	b.raw(`">`)
	b.text(pages.FrenchPhone(v.Telephone))
	b.raw("</a>")
	return b.html()
}

// Map is the small static map with its caption, or "" for an itinerant
// venue.
func (f *FicheView) Map() template.HTML {
	if !f.c.Venue.HasPoint {
		return ""
	}
	return `<figure class="fiche__map">` + f.np.maps.svg(f.c.Venue) + `<figcaption>Plan de situation (sans les rues).</figcaption></figure>`
}

// Access lists the ways in, or "".
func (f *FicheView) Access() template.HTML {
	v := f.c.Venue
	if !hasAccess(v) {
		return ""
	}
	var b htmlBuf
	accessList(&b, v)
	return b.html()
}

// Hours is the week's table and the comments, or what to do without them.
func (f *FicheView) Hours() template.HTML {
	if h := f.np.hoursOf(f.c.Venue); h != nil {
		return h.table
	}
	return "<p>Horaires non communiqués : appelez avant de vous déplacer.</p>"
}

// ToBring is the checklist of the fiche's service (other lists would make
// it too long to read), or "".
func (f *FicheView) ToBring() template.HTML {
	list := f.c.Main().ToBring
	if len(list) == 0 {
		return ""
	}
	b := htmlBuf{b: []byte(`<ul class="checklist">`)}
	for _, x := range list {
		b.raw("<li>")
		b.text(x)
		b.raw("</li>")
	}
	b.raw("</ul>")
	return b.html()
}

// MailtoHref is the href attribute of a message the social worker can send
// to the person from their own mail program; nothing goes through the site.
func (f *FicheView) MailtoHref() template.HTMLAttr {
	v, n := f.c.Venue, f.np.need
	var m strings.Builder
	m.Grow(512)
	m.WriteString("Bonjour,\n\nPour : ")
	m.WriteString(n.Title)
	m.WriteString("\n\nLieu : ")
	m.WriteString(v.Nom)
	m.WriteString("\nAdresse : ")
	m.WriteString(v.Adresse)
	m.WriteString(", ")
	m.WriteString(v.CodePostal)
	m.WriteString(" ")
	m.WriteString(v.Commune)
	m.WriteString("\n")
	if v.Telephone != "" {
		m.WriteString("Téléphone : ")
		m.WriteString(pages.FrenchPhone(v.Telephone))
		m.WriteString("\n")
	}
	if h := f.np.hoursOf(v); h != nil && h.summary != "" {
		m.WriteString("Horaires : ")
		m.WriteString(h.summary)
		m.WriteString("\n")
	}
	if list := f.c.Main().ToBring; len(list) > 0 {
		m.WriteString("\nÀ apporter :\n")
		for _, x := range list {
			m.WriteString("- ")
			m.WriteString(x)
			m.WriteString("\n")
		}
	}
	m.WriteString("\nLa fiche complète : ")
	m.WriteString(f.Print())
	m.WriteString("\n")
	b := make([]byte, 0, 3*m.Len()+200)
	b = append(b, `href="mailto:?subject=`...)
	b = appendMailEscaped(b, "Fiche d'orientation : ")
	b = appendMailEscaped(b, v.Nom)
	b = append(b, "&amp;body="...)
	b = appendMailEscaped(b, m.String())
	b = append(b, '"')
	return template.HTMLAttr(b) // #nosec: percent-encoded, no quote or ampersand left
}

// appendMailEscaped percent-encodes for a mailto: header value as
// url.QueryEscape does, but with spaces as %20 (RFC 6068), not +.
func appendMailEscaped(b []byte, s string) []byte {
	const hex = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return b
}
