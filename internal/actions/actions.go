package actions

import (
	"fmt"
	"strings"

	"labo/internal/chart"
	"labo/internal/content"
	"labo/internal/dataset"
	"labo/internal/frtext"
	"labo/internal/indicator"
	"labo/internal/render"
	"labo/internal/site"
)

var (
	home      = render.Crumb{Name: "Accueil", URL: "/"}
	actionsCr = render.Crumb{Name: "Actions pilotes", URL: "/actions/"}
	indicCr   = render.Crumb{Name: "Indicateurs", URL: "/indicateurs/"}
)

// Styles is the feature's style sheet, listed by each of its pages.
const Styles = "/css/indicateurs.css"

// ActionView is an action's page and infographic.
type ActionView struct {
	*content.Page
	Action      *indicator.Action
	HTML        []byte
	Territories string
	Period      string
	Budget      string
	Figures     []Figure
	Sections    []*Section
	K           int
	Secret      int // secret values on the page
	Dataset     string
	Sources     []string
	Attribution string
	Infographic []Block // the charts of the printable page
}

// infographic lists the charts of the A4 page, in order, when the action
// has them.
var infographic = [][2]string{
	{"services-par-famille", indicator.ByFamily}, {"profil", indicator.ByAge},
	{"profil", indicator.BySex}, {"profil", indicator.ByDiploma},
}

// ListView is /actions/.
type ListView struct {
	Cards []*Card
	K     int
}

// Card is an action in a list.
type Card struct {
	Title, URL, Summary string
	Territories, Period string
	Figures             []Figure
}

// DashboardView is /indicateurs/.
type DashboardView struct {
	Columns  []string     // key indicators
	Rows     []SummaryRow // one per action, then all actions
	Blocks   []Block      // charts across actions
	Cards    []*Card
	K        int
	Secret   int
	Cells    int
	Datasets []DatasetLink
}

// SummaryRow is one action in the dashboard's summary table.
type SummaryRow struct {
	Label, URL string
	Cells      []Cell
	Strong     bool
}

// DatasetLink points at a published CSV.
type DatasetLink struct{ Title, URL, Size string }

// MethodView is /indicateurs/methode/.
type MethodView struct {
	Generic, Specific []*MethodItem
	K                 int
	Attribution       string
}

// MethodItem explains one indicator.
type MethodItem struct {
	*indicator.Definition
	Formula    string
	Breakdowns []string
	Actions    []*indicator.Action
}

// Generate returns the pages and datasets of actions and indicators.
func Generate(s *site.Site) ([]render.Job, []*dataset.Dataset) {
	data := indicator.From(s)
	res := data.Results()
	var jobs []render.Job
	add := func(kind string, p *render.Page) {
		p.Styles = append(p.Styles, Styles)
		jobs = append(jobs, render.Job{Path: strings.TrimPrefix(p.Path, "/") + "index.html", Kind: kind, Page: p})
	}
	datasets := Datasets(res)

	list := &ListView{K: res.K}
	for _, a := range data.Actions {
		v := actionView(res, a)
		v.Dataset = "/" + actionDatasetPath(a)
		list.Cards = append(list.Cards, card(v))
		p := &render.Page{Path: a.Page.URL, Title: a.Page.Title, Description: a.Page.Summary, Section: "indicateurs",
			Crumbs: []render.Crumb{home, actionsCr}, Data: v, JSONLD: articleJSONLD(s, a)}
		add("actions/single", p)
		add("actions/infographie", &render.Page{Path: a.Page.URL + "infographie/", Title: "Infographie : " + a.Page.Title,
			Description: "Les résultats de l'action en une page, à imprimer.", Section: "indicateurs",
			Crumbs: []render.Crumb{home, actionsCr, {Name: a.Page.Title, URL: a.Page.URL}}, Data: v})
	}
	add("actions/list", &render.Page{Path: "/actions/", Title: "Actions pilotes",
		Description: "Les actions pilotes du Pass numérique : qui elles ont touché, ce qui a été utilisé, ce qui a changé.",
		Section:     "indicateurs", Crumbs: []render.Crumb{home}, Data: list})
	add("indicateurs/list", &render.Page{Path: "/indicateurs/", Title: "Indicateurs d'impact",
		Description: "Les indicateurs des actions pilotes, par action et par territoire, sans aucune donnée personnelle.",
		Section:     "indicateurs", Crumbs: []render.Crumb{home}, Data: dashboard(res, list.Cards, datasets)})
	add("indicateurs/methode", &render.Page{Path: "/indicateurs/methode/", Title: "Méthode des indicateurs",
		Description: "Comment chaque indicateur est calculé, et comment le secret statistique protège les personnes.",
		Section:     "indicateurs", Crumbs: []render.Crumb{home, indicCr}, Data: methodView(res, data.Actions)})
	return jobs, datasets
}

func actionView(res *indicator.Results, a *indicator.Action) *ActionView {
	v := &ActionView{Page: a.Page, Action: a, HTML: a.Page.Render(), Territories: territories(a), Period: period(a),
		Budget: fmt.Sprintf("%s de %s, soit %s", frtext.Plural(a.Budget, "chèque", "chèques"), euros(a.ChequeValue), euros(a.BudgetEuros())),
		K:      res.K, Sources: a.Sources, Attribution: chart.Attribution}
	v.Figures = keyFigures(res, a)
	v.Sections = sections(res, a, slugPrefix(a))
	for _, want := range infographic {
		t := res.Table(want[0], want[1])
		if t == nil || t.Row(a) == nil {
			continue
		}
		if b := block(t, t.Row(a), "info-"+a.Slug); b != nil && b.Chart != "" {
			v.Infographic = append(v.Infographic, *b)
		}
	}
	for _, s := range v.Sections {
		if s.Total.Secret {
			v.Secret++
		}
		for _, b := range s.Blocks {
			for _, r := range b.Table.Rows {
				if !r.Strong && r.Cells[0].Secret {
					v.Secret++
				}
			}
		}
	}
	return v
}

func card(v *ActionView) *Card {
	c := &Card{Title: v.Title, URL: v.URL, Summary: v.Summary, Territories: v.Territories, Period: v.Period}
	for _, f := range v.Figures {
		if len(c.Figures) < 3 {
			c.Figures = append(c.Figures, f)
		}
	}
	return c
}

func dashboard(res *indicator.Results, cards []*Card, datasets []*dataset.Dataset) *DashboardView {
	v := &DashboardView{Cards: cards, K: res.K, Secret: res.Suppressed, Cells: res.Cells}
	var keys []*indicator.Definition
	for _, d := range res.Defs.Generic() {
		if d.KeyFigure {
			keys = append(keys, d)
			v.Columns = append(v.Columns, d.Label)
		}
	}
	var totalRows []*indicator.Row
	for _, a := range res.Actions {
		r := SummaryRow{Label: a.Page.Title, URL: a.Page.URL}
		for _, d := range keys {
			c := Cell{Text: "–"}
			if t := res.Table(d.Code, indicator.Total); t != nil && t.Row(a) != nil {
				c = cell(d, t.Row(a).Total)
			}
			r.Cells = append(r.Cells, c)
		}
		v.Rows = append(v.Rows, r)
	}
	all := SummaryRow{Label: "Toutes les actions", Strong: true}
	for _, d := range keys {
		c := Cell{Text: "–"}
		if t := res.Table(d.Code, indicator.Total); t != nil && t.All != nil {
			c = cell(d, t.All.Total)
			totalRows = append(totalRows, t.All)
		}
		all.Cells = append(all.Cells, c)
	}
	if len(totalRows) > 0 {
		v.Rows = append(v.Rows, all)
	}
	if b := mapBlock(res, "personnes-accompagnees"); b != nil {
		v.Blocks = append(v.Blocks, *b)
	}
	if b := actionsBars(res, "personnes-accompagnees"); b != nil {
		v.Blocks = append(v.Blocks, *b)
	}
	if b := monthLines(res, "personnes-accompagnees"); b != nil {
		v.Blocks = append(v.Blocks, *b)
	}
	for _, br := range []string{indicator.ByAge, indicator.ByDiploma} {
		if b := profileStack(res, "profil", br); b != nil {
			v.Blocks = append(v.Blocks, *b)
		}
	}
	for _, d := range datasets {
		v.Datasets = append(v.Datasets, DatasetLink{Title: d.Title, URL: "/" + d.Path})
	}
	return v
}

// mapBlock maps an indicator by département, all actions together.
func mapBlock(res *indicator.Results, code string) *Block {
	t := res.Table(code, indicator.ByTerritory)
	if t == nil {
		return nil
	}
	r := t.All
	if r == nil && len(t.Rows) == 1 {
		r = t.Rows[0]
	}
	if r == nil {
		return nil
	}
	b := block(t, r, "tableau")
	if b == nil {
		return nil
	}
	b.Title = t.Def.Label + " par département de résidence, toutes actions"
	b.Table.Caption = b.Title
	return b
}

// actionsBars compares the actions on one indicator's total.
func actionsBars(res *indicator.Results, code string) *Block {
	t := res.Table(code, indicator.Total)
	if t == nil {
		return nil
	}
	d := t.Def
	b := &Block{ID: "tableau-" + code + "-actions", Title: d.Label + " par action"}
	tv := TableView{Caption: b.Title, Header: "Action", Columns: []string{d.Unit}}
	bc := chart.Bars{ID: b.ID, Title: b.Title}
	for _, r := range t.Rows {
		c := cell(d, r.Total)
		tv.Rows = append(tv.Rows, TableRow{Label: rowLabel(r), Cells: []Cell{c}})
		bc.Bars = append(bc.Bars, chart.Bar{Label: shortTitle(r.Action), Value: r.Total.Number, Text: c.Text, Secret: c.Secret})
	}
	if t.All != nil {
		tv.Rows = append(tv.Rows, TableRow{Label: "Toutes les actions", Cells: []Cell{cell(d, t.All.Total)}, Strong: true})
	}
	bc.Desc = describe(tv)
	b.Chart, b.Table = bc.SVG(), tv
	return b
}

// shortTitle keeps the part of an action's title before a colon.
func shortTitle(a *indicator.Action) string {
	t := a.Page.Title
	if i := strings.Index(t, " : "); i > 0 {
		t = t[:i]
	}
	if len([]rune(t)) > 28 {
		t = strings.TrimSpace(string([]rune(t)[:27])) + "…"
	}
	return t
}

// monthLines draws one line per action over the months.
func monthLines(res *indicator.Results, code string) *Block {
	t := res.Table(code, indicator.ByPeriod)
	if t == nil {
		return nil
	}
	d := t.Def
	b := &Block{ID: "tableau-" + code + "-mois", Title: d.Label + " chaque mois, par action"}
	lc := chart.Lines{ID: b.ID, Title: b.Title, Unit: d.Unit}
	tv := TableView{Caption: b.Title, Header: "Mois"}
	for _, c := range t.Categories {
		lc.Periods = append(lc.Periods, shortMonth(c.Code))
		tv.Rows = append(tv.Rows, TableRow{Label: frtext.MonthYear(mustMonth(c.Code))})
	}
	for _, r := range t.Rows {
		tv.Columns = append(tv.Columns, shortTitle(r.Action))
		s := chart.LineSeries{Name: shortTitle(r.Action)}
		shown := visible(t, r)
		for i, v := range r.Cells {
			inside := len(shown) > 0 && i >= shown[0] && i <= shown[len(shown)-1]
			p := chart.Point{Value: v.Number, Secret: v.Secret, Empty: v.Empty || !inside}
			s.Points = append(s.Points, p)
			c := cell(d, v)
			if !inside {
				c = Cell{Text: "–"}
			}
			tv.Rows[i].Cells = append(tv.Rows[i].Cells, c)
		}
		lc.Series = append(lc.Series, s)
	}
	lc.Desc = "Une ligne par action, un point par mois ; le tableau qui suit donne chaque valeur."
	b.Chart, b.Table, b.Wide = lc.SVG(), tv, true
	return b
}

// profileStack compares the actions' profiles on one breakdown.
func profileStack(res *indicator.Results, code, breakdown string) *Block {
	t := res.Table(code, breakdown)
	if t == nil {
		return nil
	}
	d := t.Def
	b := &Block{ID: "tableau-" + code + "-" + breakdown, Title: d.Label + " : " + strings.ToLower(t.BreakdownLabel()) + ", par action"}
	sc := chart.Stacked{ID: b.ID, Title: b.Title}
	tv := TableView{Caption: b.Title, Header: "Action"}
	var cats []int
	for i, c := range t.Categories {
		keep := c.Code != "nr"
		for _, r := range t.Rows {
			keep = keep || r.Cells[i].Secret || r.Cells[i].Number != 0
		}
		if keep {
			cats = append(cats, i)
			sc.Categories = append(sc.Categories, c.Label)
			tv.Columns = append(tv.Columns, c.Label)
		}
	}
	for _, r := range t.Rows {
		row := chart.StackRow{Label: shortTitle(r.Action)}
		tr := TableRow{Label: rowLabel(r)}
		for _, i := range cats {
			v := r.Cells[i]
			row.Segments = append(row.Segments, chart.Segment{Share: v.Number, Text: v.Text(d), Secret: v.Secret})
			tr.Cells = append(tr.Cells, cell(d, v))
		}
		sc.Rows = append(sc.Rows, row)
		tv.Rows = append(tv.Rows, tr)
	}
	sc.Desc = describe(tv)
	b.Chart, b.Table, b.Wide = sc.SVG(), tv, true
	return b
}

func methodView(res *indicator.Results, actions []*indicator.Action) *MethodView {
	v := &MethodView{K: res.K, Attribution: chart.Attribution}
	for _, d := range res.Defs.List {
		it := &MethodItem{Definition: d, Formula: Formula(d)}
		for _, b := range d.Breakdowns {
			it.Breakdowns = append(it.Breakdowns, indicator.BreakdownName(b))
		}
		for _, a := range actions {
			if a.Reports(d) {
				it.Actions = append(it.Actions, a)
			}
		}
		if d.Scope == indicator.Generic {
			v.Generic = append(v.Generic, it)
		} else {
			v.Specific = append(v.Specific, it)
		}
	}
	return v
}

func articleJSONLD(s *site.Site, a *indicator.Action) any {
	return map[string]any{
		"@context": "https://schema.org", "@type": "Article",
		"headline": a.Page.Title, "description": a.Page.Summary,
		"datePublished": a.Page.Date.Format("2006-01-02"), "inLanguage": "fr",
		"url": s.Config.Abs(a.Page.URL), "publisher": map[string]any{"@type": "Organization", "name": s.Config.Title},
	}
}
