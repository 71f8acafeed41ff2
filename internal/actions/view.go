// Package actions publishes the pilot actions and their indicators: a page
// per action (key figures, charts with their data tables, narrative, method
// and sources) and its printable A4 infographic, the list of actions, the
// dashboard across actions and territories (/indicateurs/), the methodology
// page, and the indicator datasets (long-format CSV, all actions and one per
// action).
//
// It reads only indicator.Results, the output of disclosure control: usage
// records, pseudonyms and cheque numbers never reach this package.
package actions

import (
	"html/template"
	"strings"
	"time"

	"labo/internal/chart"
	"labo/internal/frtext"
	"labo/internal/indicator"
)

// Figure is one key figure.
type Figure struct {
	Label  string
	Text   string // the value, or "secret"
	Note   string // "sur 1 356 chèques distribués"
	Secret bool
	Code   string // indicator code, for the anchor of its section
}

// TableView is the data table beside a chart.
type TableView struct {
	Caption string
	Header  string // first column
	Columns []string
	Rows    []TableRow
}

// TableRow is one line of a data table.
type TableRow struct {
	Label  string
	Cells  []Cell
	Strong bool // a total
}

// Cell is one value of a data table.
type Cell struct {
	Text   string
	Extra  string // "972 sur 1 356"
	Secret bool
}

// Block is a chart and its table, for one breakdown of an indicator.
type Block struct {
	Wide  bool   // a table of several columns: below the chart, not beside
	ID    string // anchor and chart id
	Title string
	Chart template.HTML
	Table TableView
}

// Section is one indicator of an action.
type Section struct {
	Def       *indicator.Definition
	ID        string
	Total     Cell
	TotalNote string // replaces the unit after the total
	Blocks    []Block
}

// label of a table row for an action, or all actions.
func rowLabel(r *indicator.Row) string {
	if r.Action == nil {
		return "Toutes les actions"
	}
	return r.Action.Page.Title
}

// extra writes "972 sur 1 356" for shares and means.
func extra(d *indicator.Definition, v indicator.Value) string {
	if v.Secret || v.Empty || v.Den == 0 {
		return ""
	}
	switch d.Calculation {
	case indicator.Share, indicator.Distribution:
		return frtext.Int(int(v.Num)) + " sur " + frtext.Int(int(v.Den))
	case indicator.Mean:
		return frtext.Int(int(v.Num)) + " pour " + frtext.Plural(int(v.Den), "personne", "personnes")
	}
	return ""
}

func cell(d *indicator.Definition, v indicator.Value) Cell {
	return Cell{Text: v.Text(d), Extra: extra(d, v), Secret: v.Secret}
}

// visible returns the categories of a table worth showing for a row: every
// category of a closed list (but an empty "non renseigné"), and for
// territories, venues, distributors and months only those where the row has
// something (for months, every month between the first and the last).
func visible(t *indicator.Table, r *indicator.Row) []int {
	present := func(v indicator.Value) bool { return v.Secret || !v.Empty && (v.Number != 0 || v.Den != 0) }
	var out []int
	switch t.Breakdown {
	case indicator.ByAge, indicator.BySex, indicator.ByDiploma, indicator.ByFamily:
		for i, c := range t.Categories {
			if c.Code != "nr" || present(r.Cells[i]) {
				out = append(out, i)
			}
		}
	case indicator.ByPeriod:
		first, last := -1, -1
		for i, v := range r.Cells {
			if present(v) {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		for i := first; first >= 0 && i <= last; i++ {
			out = append(out, i)
		}
	default:
		for i, v := range r.Cells {
			if present(v) {
				out = append(out, i)
			}
		}
	}
	return out
}

// shortMonth turns "2025-01" into "janv. 2025".
func shortMonth(code string) string {
	t, err := time.Parse("2006-01", code)
	if err != nil {
		return code
	}
	names := [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}
	return names[t.Month()-1] + " " + t.Format("2006")
}

func categoryLabel(t *indicator.Table, i int) string {
	if t.Breakdown == indicator.ByPeriod {
		return frtext.MonthYear(mustMonth(t.Categories[i].Code))
	}
	return t.Categories[i].Label
}

func mustMonth(code string) time.Time {
	t, _ := time.Parse("2006-01", code)
	return t
}

// describe writes the text alternative of a chart from its table: every
// value in order, secret ones named as such.
func describe(tv TableView) string {
	var parts []string
	for _, r := range tv.Rows {
		if r.Strong {
			continue
		}
		var vals []string
		for _, c := range r.Cells {
			vals = append(vals, c.Text)
		}
		parts = append(parts, r.Label+" : "+strings.Join(vals, ", "))
	}
	s := strings.Join(parts, " ; ") + "."
	if strings.Contains(s, "secret") {
		s += " « secret » : valeur non publiée (secret statistique)."
	}
	return s
}

// block builds the chart and table of one breakdown of an indicator for one
// action.
func block(t *indicator.Table, r *indicator.Row, idPrefix string) *Block {
	d := t.Def
	cats := visible(t, r)
	if len(cats) == 0 {
		return nil
	}
	id := idPrefix + "-" + d.Code + "-" + t.Breakdown
	b := &Block{ID: id, Title: d.Label + " : " + strings.ToLower(t.BreakdownLabel()[:1]) + t.BreakdownLabel()[1:]}
	tv := TableView{Caption: b.Title, Header: t.BreakdownLabel(), Columns: []string{d.Unit}}
	for _, i := range cats {
		tv.Rows = append(tv.Rows, TableRow{Label: categoryLabel(t, i), Cells: []Cell{cell(d, r.Cells[i])}})
	}
	if d.Calculation != indicator.Distribution {
		tv.Rows = append(tv.Rows, TableRow{Label: "Ensemble", Cells: []Cell{cell(d, r.Total)}, Strong: true})
	}
	b.Table = tv
	desc := describe(tv)
	switch {
	case t.Breakdown == indicator.ByPeriod:
		lc := chart.Lines{ID: id, Title: b.Title, Desc: desc, Unit: d.Unit}
		s := chart.LineSeries{Name: rowLabel(r)}
		for _, i := range cats {
			lc.Periods = append(lc.Periods, shortMonth(t.Categories[i].Code))
			v := r.Cells[i]
			s.Points = append(s.Points, chart.Point{Value: v.Number, Secret: v.Secret, Empty: v.Empty})
		}
		lc.Series = []chart.LineSeries{s}
		b.Chart = lc.SVG()
	case d.Calculation == indicator.Distribution:
		sc := chart.Stacked{ID: id, Title: b.Title, Desc: desc}
		row := chart.StackRow{}
		for _, i := range cats {
			sc.Categories = append(sc.Categories, categoryLabel(t, i))
			v := r.Cells[i]
			row.Segments = append(row.Segments, chart.Segment{Share: v.Number, Text: v.Text(d), Secret: v.Secret})
		}
		sc.Rows = []chart.StackRow{row}
		b.Chart = sc.SVG()
	case t.Breakdown == indicator.ByTerritory:
		if len(cats) < 2 {
			return b // one département: the table says it all
		}
		cc := chart.Choropleth{ID: id, Title: b.Title, Desc: desc, Unit: d.Unit}
		for _, i := range cats {
			code := t.Categories[i].Code
			if !chart.Known(code) {
				continue
			}
			v := r.Cells[i]
			cc.Areas = append(cc.Areas, chart.Area{Code: code, Name: t.Categories[i].Label, Value: v.Number, Text: v.Text(d), Secret: v.Secret})
		}
		b.Chart = cc.SVG()
	default:
		bc := chart.Bars{ID: id, Title: b.Title, Desc: desc, Styled: t.Breakdown == indicator.ByFamily}
		if d.IsPercent() {
			bc.Max = 100
		}
		for _, i := range cats {
			v := r.Cells[i]
			bc.Bars = append(bc.Bars, chart.Bar{Label: categoryLabel(t, i), Value: v.Number, Text: v.Text(d), Secret: v.Secret})
		}
		b.Chart = bc.SVG()
	}
	return b
}

// sections lists the indicators an action reports, with a block per
// breakdown.
func sections(res *indicator.Results, a *indicator.Action, idPrefix string) []*Section {
	var out []*Section
	for _, d := range a.Definitions {
		totals := res.Table(d.Code, indicator.Total)
		if totals == nil || totals.Row(a) == nil {
			continue
		}
		sec := &Section{Def: d, ID: d.Code, Total: cell(d, totals.Row(a).Total)}
		if v := totals.Row(a).Total; d.Calculation == indicator.Distribution && !v.Secret {
			// A distribution adds up to 100 %: say how many people it covers.
			sec.Total = Cell{Text: frtext.Int(int(v.Den))}
			sec.TotalNote = "personnes, réparties ci-dessous"
		}
		for _, b := range d.Breakdowns {
			t := res.Table(d.Code, b)
			if t == nil || t.Row(a) == nil {
				continue
			}
			if bl := block(t, t.Row(a), idPrefix); bl != nil {
				sec.Blocks = append(sec.Blocks, *bl)
			}
		}
		out = append(out, sec)
	}
	return out
}

// keyFigures are the totals of the indicators marked chiffre_cle, then of
// the specific ones.
func keyFigures(res *indicator.Results, a *indicator.Action) []Figure {
	var out []Figure
	for _, d := range a.Definitions {
		if !d.KeyFigure && d.Scope == indicator.Generic {
			continue
		}
		t := res.Table(d.Code, indicator.Total)
		if t == nil || t.Row(a) == nil {
			continue
		}
		v := t.Row(a).Total
		f := Figure{Label: d.Label, Text: v.Text(d), Secret: v.Secret, Code: d.Code, Note: d.Unit}
		if e := extra(d, v); e != "" {
			f.Note = e
		}
		out = append(out, f)
	}
	return out
}

// period writes "du 15 septembre 2025 au 31 janvier 2026".
func period(a *indicator.Action) string {
	return "du " + frtext.Date(a.Start) + " au " + frtext.Date(a.End)
}

func territories(a *indicator.Action) string {
	var names []string
	for _, d := range a.Depts {
		names = append(names, d.Nom+" ("+d.Code+")")
	}
	return strings.Join(names, ", ")
}

func euros(n int) string { return frtext.Int(n) + " €" }

func slugPrefix(a *indicator.Action) string { return "a-" + a.Slug }
