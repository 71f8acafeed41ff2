package indicator

import (
	"math"
	"slices"
	"strconv"

	"labo/internal/frtext"
)

// Value is one published cell. A secret cell carries no number at all, so
// that no template or writer can leak it by mistake.
type Value struct {
	Secret bool    // suppressed: shown as "secret", never as a number
	Empty  bool    // nothing to compute (a share of nobody)
	Number float64 // cheques, people, a percentage or a mean
	Num    int64   // share: numerator; mean: cheques
	Den    int64   // share: denominator; mean: people
}

// Status is the published status of a value, as in the datasets.
func (v Value) Status() string {
	switch {
	case v.Secret:
		return StatusSecret
	case v.Empty:
		return StatusEmpty
	}
	return StatusPublished
}

// Statuses of a value in the datasets.
const (
	StatusPublished = "publié"
	StatusSecret    = "secret"
	StatusEmpty     = "sans objet"
)

// Category is one modality of a breakdown.
type Category struct{ Code, Label string }

// Row is one action's line of a table; Action is nil for all actions
// together.
type Row struct {
	Action *Action
	Cells  []Value
	Total  Value
}

// Table is one indicator broken down one way, for every action that reports
// it (and all of them together when they are several).
type Table struct {
	Def        *Definition
	Breakdown  string // as written in `ventilations`, or "ensemble"
	Space      string // "periode-utilisation" or "periode-remise" for periods
	Categories []Category
	Rows       []*Row // one per action, in the order of the actions
	All        *Row   // nil unless two actions or more report the indicator
}

// Row returns the row of an action, or nil.
func (t *Table) Row(a *Action) *Row {
	for _, r := range t.Rows {
		if r.Action == a {
			return r
		}
	}
	return nil
}

// BreakdownLabel names the table's breakdown for a reader.
func (t *Table) BreakdownLabel() string {
	switch t.Space {
	case "periode-utilisation":
		return "Mois d'utilisation"
	case "periode-remise":
		return "Mois de remise du chèque"
	}
	return BreakdownName(t.Breakdown)
}

// Results are the protected indicators of a site.
type Results struct {
	K          int
	Defs       *Definitions
	Actions    []*Action
	Tables     []*Table
	Cells      int // published values, totals included
	Suppressed int // of which secret
	byKey      map[[2]string]*Table
}

// Table returns the table of an indicator and a breakdown ("ensemble" for
// the totals), or nil.
func (r *Results) Table(code, breakdown string) *Table { return r.byKey[[2]string{code, breakdown}] }

// Total is the breakdown name of the tables of totals.
const Total = total

// Compute aggregates, protects and publishes the indicators of the actions.
func Compute(u *Usages, defs *Definitions, actions []*Action, k int) *Results {
	c := Aggregate(u, actions, k)
	c.Protect()
	return c.publish(defs)
}

func (c *Computation) publish(defs *Definitions) *Results {
	res := &Results{K: c.K, Defs: defs, Actions: c.actions, byKey: map[[2]string]*Table{}}
	for _, d := range defs.List {
		var reporters []*Action
		for _, a := range c.actions {
			if a.Reports(d) && slices.Contains(c.u.Actions, a.Slug) {
				reporters = append(reporters, a)
			}
		}
		if len(reporters) == 0 {
			continue
		}
		for _, b := range append([]string{total}, d.Breakdowns...) {
			t := c.table(d, b, reporters)
			res.Tables = append(res.Tables, t)
			res.byKey[[2]string{d.Code, b}] = t
			for _, row := range append(slices.Clone(t.Rows), t.All) {
				if row == nil {
					continue
				}
				cells := row.Cells
				if b == total {
					cells = []Value{row.Total}
				}
				for _, v := range cells {
					res.Cells++
					if v.Secret {
						res.Suppressed++
					}
				}
			}
		}
	}
	return res
}

func (c *Computation) get(spec seriesSpec, breakdown string) *series {
	return c.series[spec.key(breakdown)]
}

func (c *Computation) table(d *Definition, b string, reporters []*Action) *Table {
	rb := resolveBreakdown(d, b)
	t := &Table{Def: d, Breakdown: b, Space: rb}
	specs := d.quantities()
	ss := make([]*series, len(specs))
	for i, spec := range specs {
		ss[i] = c.get(spec, rb)
	}
	var compl *series
	if d.Calculation == Share {
		compl = c.get(seriesSpec{kind: kindComplement, num: d.num, den: d.den}, rb)
	}
	shape := ss[len(ss)-1] // denominators and people define the categories
	for _, cat := range shape.cats {
		t.Categories = append(t.Categories, Category{Code: shape.sp.code(cat), Label: shape.sp.label(cat)})
	}
	totals := make([]*series, len(specs))
	for i, spec := range specs {
		totals[i] = c.get(spec, total)
	}
	var complTotal *series
	if compl != nil {
		complTotal = c.get(seriesSpec{kind: kindComplement, num: d.num, den: d.den}, total)
	}
	cellsAt := func(list []*series, extra *series, row int16, cat int, all bool) []*Cell {
		out := make([]*Cell, 0, len(list)+1)
		for _, s := range append(slices.Clone(list), extra) {
			if s == nil {
				continue
			}
			switch {
			case all && s.all != nil:
				out = append(out, s.allCell(cat))
			case all:
				out = append(out, &Cell{Suppressed: true})
			default:
				out = append(out, s.cell(s.rowOf[row], cat))
			}
		}
		return out
	}
	makeRow := func(a *Action, all bool) *Row {
		row := int16(slices.Index(c.u.Actions, a.Slug))
		r := &Row{Action: a}
		if all {
			r.Action = nil
		}
		totalCells := cellsAt(totals, complTotal, row, 0, all)
		r.Total = value(d, totalCells, totalCells)
		for _, cat := range shape.cats {
			r.Cells = append(r.Cells, value(d, cellsAt(ss, compl, row, cat, all), totalCells))
		}
		return r
	}
	var rows []int16
	for _, a := range reporters {
		t.Rows = append(t.Rows, makeRow(a, false))
		rows = append(rows, int16(slices.Index(c.u.Actions, a.Slug)))
	}
	slices.Sort(rows)
	// The all-actions row sums the series' rows: publish it only when those
	// are exactly the actions that report the indicator.
	if len(reporters) >= 2 && shape.all != nil && slices.Equal(rows, shape.rows) {
		t.All = makeRow(reporters[0], true)
	}
	return t
}

// value computes a published value from the cells of its quantities, in the
// order of Definition.quantities (then the complement of a share), and the
// cells of the row's totals (for distributions).
func value(d *Definition, cells, totals []*Cell) Value {
	for _, x := range cells {
		if x.Suppressed {
			return Value{Secret: true}
		}
	}
	switch d.Calculation {
	case Count, DistinctCount:
		return Value{Number: float64(cells[0].Value)}
	case Distribution:
		if totals[0].Suppressed {
			return Value{Secret: true}
		}
		if totals[0].Value == 0 {
			return Value{Empty: true}
		}
		return Value{Number: 100 * float64(cells[0].Value) / float64(totals[0].Value), Num: cells[0].Value, Den: totals[0].Value}
	case Share:
		if cells[1].Value == 0 {
			return Value{Empty: true}
		}
		return Value{Number: 100 * float64(cells[0].Value) / float64(cells[1].Value), Num: cells[0].Value, Den: cells[1].Value}
	case Mean:
		if cells[1].Value == 0 {
			return Value{Empty: true}
		}
		return Value{Number: float64(cells[0].Value) / float64(cells[1].Value), Num: cells[0].Value, Den: cells[1].Value}
	}
	return Value{Empty: true}
}

// Text formats a value for a reader: "1 000", "62 %", "6,4", "secret".
func (v Value) Text(d *Definition) string {
	switch {
	case v.Secret:
		return "secret"
	case v.Empty:
		return "–"
	case d.IsPercent():
		return frtext.Decimal(math.Round(v.Number), 0) + " %"
	case d.Calculation == Mean:
		return frtext.Decimal(v.Number, 1)
	}
	return frtext.Int(int(v.Number))
}

// CSV formats a value for a dataset: a dot decimal, nothing when secret.
func (v Value) CSV(d *Definition) string {
	switch {
	case v.Secret, v.Empty:
		return ""
	case d.IsPercent():
		return strconv.FormatFloat(math.Round(v.Number*10)/10, 'f', -1, 64)
	case d.Calculation == Mean:
		return strconv.FormatFloat(math.Round(v.Number*100)/100, 'f', -1, 64)
	}
	return strconv.FormatInt(int64(v.Number), 10)
}
