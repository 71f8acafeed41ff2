// Package orientpages builds the orientation assistant (/orienter/): the
// page with the three steps (need, situation, place) that the browser script
// drives, the same path as plain links for browsers without JavaScript
// (one page per need, then one per need and département), a printable
// "fiche d'orientation" per need and venue, and the data file per need that
// the script filters and sorts (package orient computes it).
package orientpages

import (
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"labo/internal/dataset"
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
func Generate(s *site.Site) ([]render.Job, []*dataset.Dataset) {
	var jobs []render.Job
	add := func(kind string, p *render.Page) {
		p.Section = "orienter"
		jobs = append(jobs, render.Job{Path: file(p.Path), Kind: kind, Page: p})
	}
	maps := newMapper()
	idx := &IndexView{Communes: "/" + mapdata.CommunesDir, Supports: orient.Supports, Publics: publicChoices, Distances: distanceChoices, Costs: costChoices,
		SoonDays: orient.SoonDays, Date: s.Config.Date}
	for _, n := range orient.Needs(s) {
		cands := orient.Candidates(s, n)
		item := &NeedItem{Need: n, URL: NeedURL(n), DataURL: DataURL(n), Count: len(cands)}
		idx.Needs = append(idx.Needs, item)

		data := orient.NewData(s, n, cands, func(code string) string { return pages.ServiceURL(s.Ref.Service(code)) },
			func(v *site.Venue) string { return FicheURL(n, v) })
		jobs = append(jobs, render.Job{Path: strings.TrimPrefix(DataURL(n), "/"), Make: data.JSON})

		nv := needView(s, n, cands)
		add("orienter/need", &render.Page{Path: NeedURL(n), Title: n.Title, Description: n.Description,
			Crumbs: []render.Crumb{home, assist}, Data: nv})
		for _, dg := range nv.Depts {
			if dg.Count == 0 {
				continue
			}
			add("orienter/dept", &render.Page{Path: dg.URL, Title: n.Title + " : " + dg.Dept.Nom + " (" + dg.Dept.Code + ")",
				Description: fmt.Sprintf("Les lieux qualifiés du département %s pour : %s.", dg.Dept.Nom, strings.ToLower(n.Title)),
				Crumbs:      []render.Crumb{home, assist, {Name: n.Title, URL: NeedURL(n)}}, Data: deptView(s, n, dg.Dept, cands)})
		}
		for _, c := range cands {
			crumbs := []render.Crumb{home, assist, {Name: n.Title, URL: NeedURL(n)}}
			if c.Venue.Dept != nil {
				crumbs = append(crumbs, render.Crumb{Name: c.Venue.Dept.Nom, URL: DeptURL(n, c.Venue.Dept)})
			}
			p := &render.Page{Path: FicheURL(n, c.Venue), Title: "Fiche d'orientation : " + c.Venue.Nom,
				Description: "Fiche à imprimer et à remettre : " + c.Venue.Nom + ", " + c.Venue.Commune + ".",
				Crumbs:      crumbs, NoIndex: true, Styles: []string{"/css/orienter.css"}, Scripts: []string{"/js/orienter-fiche.js"},
				Data: ficheView(s, n, c, maps)}
			add("orienter/fiche", p)
		}
	}
	add("orienter/index", &render.Page{Path: Root, Title: "Orienter une personne vers le bon lieu",
		Description: "Pour les travailleurs sociaux et les aiguilleurs : le besoin, la situation, le lieu qualifié le plus proche, et une fiche à remettre.",
		Crumbs:      []render.Crumb{home}, Styles: []string{"/css/orienter.css"}, Scripts: []string{"/js/orienter.js"}, Data: idx})
	for _, j := range jobs {
		if j.Page != nil && j.Page.Styles == nil {
			j.Page.Styles = []string{"/css/orienter.css"}
		}
	}
	return jobs, nil
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
	Need   *need.Need
	Dept   *site.Dept
	Groups []*Group
	Count  int
}

// Group is a tier of venues.
type Group struct {
	Title, Intro string
	Cards        []*Card
}

// Card is a venue proposed for a need, with why it matches.
type Card struct {
	*orient.Candidate
	Fiche   string
	Hours   string
	Phone   string
	Reasons []string
	Access  []Access
}

// Access is one way to reach the venue: a sentence, and a link (Tel is a
// phone number for a tel: link, URL a web or mailto: address).
type Access struct {
	Text, Tel, URL, Link string
}

func card(s *site.Site, n *need.Need, c *orient.Candidate) *Card {
	v := c.Venue
	cd := &Card{Candidate: c, Fiche: FicheURL(n, v), Phone: pages.FrenchPhone(v.Telephone)}
	if v.Hours != nil {
		cd.Hours = v.Hours.Summary()
	}
	cd.Reasons = Reasons(c)
	cd.Access = accessModes(v)
	return cd
}

// Reasons says in plain words why the venue is proposed for the need; the
// browser script writes the same sentences from the same facts.
func Reasons(c *orient.Candidate) []string {
	v := c.Venue
	var out []string
	for _, svc := range c.Services {
		r := "Qualifié pour : " + svc.Title
		if svc.OnBehalf {
			r += " (le médiateur peut faire à la place de la personne)"
		}
		out = append(out, r)
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

func accessModes(v *site.Venue) []Access {
	var out []Access
	if slices.Contains(v.AccessList, orient.WalkInAccess) {
		out = append(out, Access{Text: "Sans rendez-vous, aux heures d'ouverture"})
	}
	if v.Telephone != "" {
		out = append(out, Access{Text: "Par téléphone :", Tel: v.Telephone, Link: pages.FrenchPhone(v.Telephone)})
	}
	if v.PriseRdv != "" {
		out = append(out, Access{URL: v.PriseRdv, Link: "Prendre rendez-vous en ligne"})
	}
	if len(v.EmailList) > 0 && (slices.Contains(v.AccessList, "Contacter par mail") || slices.Contains(v.AccessList, "Envoyer un mail avec une fiche de prescription")) {
		out = append(out, Access{Text: "Par courriel :", URL: "mailto:" + v.EmailList[0], Link: v.EmailList[0]})
	}
	return out
}

func deptView(s *site.Site, n *need.Need, d *site.Dept, cands []*orient.Candidate) *DeptView {
	v := &DeptView{Need: n, Dept: d}
	var tiers [2][]*orient.Candidate
	var itinerant []*orient.Candidate
	for _, c := range cands {
		if c.Venue.Dept != d {
			continue
		}
		v.Count++
		if !c.Venue.HasPoint {
			itinerant = append(itinerant, c)
			continue
		}
		tiers[c.Tier] = append(tiers[c.Tier], c)
	}
	group := func(title, intro string, cs []*orient.Candidate) {
		if len(cs) == 0 {
			return
		}
		// by commune, then by name (candidates come in French name order)
		slices.SortStableFunc(cs, func(a, b *orient.Candidate) int { return s.Collator.Compare(a.Venue.Commune, b.Venue.Commune) })
		g := &Group{Title: title, Intro: intro}
		for _, c := range cs {
			g.Cards = append(g.Cards, card(s, n, c))
		}
		v.Groups = append(v.Groups, g)
	}
	if n.Urgent {
		group("D'abord : les lieux qui peuvent faire à la place de la personne",
			"Ces lieux sont qualifiés pour faire la démarche avec la personne, ou à sa place, quand elle ne peut pas attendre.", tiers[0])
		group("Ensuite : les lieux qui aident à faire soi-même", "Ces lieux accompagnent la personne pour qu'elle fasse la démarche elle-même.", tiers[1])
	} else {
		group("Les lieux qualifiés, par commune", "", tiers[0])
	}
	group("Lieux itinérants", "Ces services se déplacent : appelez-les pour savoir quand ils passent près de chez la personne.", itinerant)
	return v
}

// FicheView is the printable sheet.
type FicheView struct {
	Need      *need.Need
	Card      *Card
	Main      *referential.Service
	Hours     []hours.DayLine
	HoursNote string
	ToBring   []string
	Map       template.HTML
	Mailto    string
	Print     string // the fiche's address, printed at the bottom
	DataURL   string
}

func ficheView(s *site.Site, n *need.Need, c *orient.Candidate, maps *mapper) *FicheView {
	v := c.Venue
	f := &FicheView{Need: n, Card: card(s, n, c), Main: c.Main(), Print: s.Config.Abs(FicheURL(n, v)), DataURL: DataURL(n)}
	if v.Hours != nil {
		f.Hours = v.Hours.French()
		f.HoursNote = strings.Join(v.Hours.Comments(), " ; ")
	}
	f.ToBring = f.Main.ToBring // the service of the fiche: other lists would make it too long to read
	if v.HasPoint {
		f.Map = maps.svg(v)
	}
	f.Mailto = mailto(s, n, c, f)
	return f
}

// mailto prepares a message the social worker can send to the person from
// their own mail program; nothing goes through the site.
func mailto(s *site.Site, n *need.Need, c *orient.Candidate, f *FicheView) string {
	v := c.Venue
	var b strings.Builder
	fmt.Fprintf(&b, "Bonjour,\n\nPour : %s\n\nLieu : %s\nAdresse : %s, %s %s\n", n.Title, v.Nom, v.Adresse, v.CodePostal, v.Commune)
	if f.Card.Phone != "" {
		fmt.Fprintf(&b, "Téléphone : %s\n", f.Card.Phone)
	}
	if f.Card.Hours != "" {
		fmt.Fprintf(&b, "Horaires : %s\n", f.Card.Hours)
	}
	if len(f.ToBring) > 0 {
		b.WriteString("\nÀ apporter :\n")
		for _, x := range f.ToBring {
			b.WriteString("- " + x + "\n")
		}
	}
	fmt.Fprintf(&b, "\nLa fiche complète : %s\n", f.Print)
	return "mailto:?subject=" + mailEscape("Fiche d'orientation : "+v.Nom) + "&body=" + mailEscape(b.String())
}

// mailEscape percent-encodes for a mailto: header value (RFC 6068: spaces
// as %20, not +).
func mailEscape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }
