package indicator

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"labo/internal/frtext"
	"labo/internal/geo"
)

// Cell is one aggregated value before publication: a number of cheques or
// people (or a sum, for means), with the people it was computed from.
type Cell struct {
	Value  int64 // cheques or people
	People int32 // distinct people the value was computed from
	// small lists those people while there are fewer than k of them, so that
	// the union of several small suppressed cells can be measured exactly.
	small      []int32
	Suppressed bool
	Primary    bool // suppressed because People is between 1 and k-1
}

// space is one way of breaking records down into categories.
type space struct {
	name  string // "territoire", "periode-remise", "periode-utilisation"…
	size  int
	cat   func(r *Record) int
	code  func(i int) string
	label func(i int) string
	fill  bool // keep every category between the first and last used (months)
}

// series is one quantity broken down one way, for some actions.
type series struct {
	kind     int // cheques, people or complement
	num, den atom
	sp       *space
	rows     []int16 // action indexes, sorted
	rowOf    map[int16]int
	raw      [][]Cell // [row][category in the full space]
	cats     []int    // categories kept, in the full space
	cells    [][]*Cell
	all      []*Cell // sum over rows, when there are two rows or more
	total    *series // the "ensemble" series of the same quantity
	atLeastN int     // people: at least this many matching cheques
}

const (
	kindCheques = iota
	kindPeople
	kindComplement // den minus num, where num is within den
)

type seriesKey struct {
	kind      int
	num, den  string
	breakdown string
}

// Computation holds every aggregated series of a site's indicators and the
// lines (sums) that link their cells, ready for disclosure control.
type Computation struct {
	K       int
	u       *Usages
	series  map[seriesKey]*series
	order   []*series
	lines   []line
	linesOf map[*Cell][]int // lines each cell belongs to
	actions []*Action
}

// line says that the cells add up to total.
type line struct {
	cells []*Cell
	total *Cell
	kind  int
}

// Kinds of lines.
const (
	rowLine    = iota // the categories of one action's row and its total
	columnLine        // one category for every action, and all actions
	partLine          // a part and the rest of a quantity, and the quantity
)

func (u *Usages) spaces() map[string]*space {
	minM, maxM := int16(1<<14), int16(-1)
	for i := range u.Records {
		r := &u.Records[i]
		minM, maxM = min(minM, r.Given), max(maxM, r.Given)
		if r.Used {
			minM, maxM = min(minM, r.UsedOn), max(maxM, r.UsedOn)
		}
	}
	if maxM < minM {
		minM, maxM = 0, 0
	}
	months := int(maxM-minM) + 1
	monthCode := func(i int) string { return Month(minM + int16(i)).Format("2006-01") }
	monthLabel := func(i int) string { return frtext.MonthYear(Month(minM + int16(i))) }
	vocab := func(name string, ls func() []string, labels func(i int) string, cat func(r *Record) int) *space {
		codes := ls()
		return &space{name: name, size: len(codes), cat: cat, code: func(i int) string { return codes[i] }, label: labels}
	}
	people := u.People
	sp := map[string]*space{
		total: {name: total, size: 1, cat: func(*Record) int { return 0 }, code: func(int) string { return "" }, label: func(int) string { return "Ensemble" }},
		ByTerritory: vocab(ByTerritory, func() []string { return u.Depts }, func(i int) string {
			if d := geo.DepartementByCode(u.Depts[i]); d != nil {
				return d.Nom + " (" + d.Code + ")"
			}
			return u.Depts[i]
		}, func(r *Record) int { return int(people[r.Person].Dept) }),
		"periode-remise":      {name: "periode-remise", size: months, cat: func(r *Record) int { return int(r.Given - minM) }, code: monthCode, label: monthLabel, fill: true},
		"periode-utilisation": {name: "periode-utilisation", size: months, cat: func(r *Record) int { return int(r.UsedOn - minM) }, code: monthCode, label: monthLabel, fill: true},
		ByAge:                 vocab(ByAge, func() []string { return slugs(AgeBands) }, func(i int) string { return AgeBands[i].Name }, func(r *Record) int { return int(people[r.Person].Age) }),
		BySex:                 vocab(BySex, func() []string { return slugs(Sexes) }, func(i int) string { return Sexes[i].Name }, func(r *Record) int { return int(people[r.Person].Sex) }),
		ByDiploma:             vocab(ByDiploma, func() []string { return slugs(Diplomas) }, func(i int) string { return Diplomas[i].Name }, func(r *Record) int { return int(people[r.Person].Diploma) }),
		ByFamily: vocab(ByFamily, func() []string { return u.Families }, func(i int) string {
			if i < len(u.FamilyName) {
				return u.FamilyName[i]
			}
			return u.Families[i]
		}, func(r *Record) int { return int(r.Family) }),
		ByVenueType:   vocab(ByVenueType, func() []string { return u.VenueTypes }, func(i int) string { return VenueTypeName(u.VenueTypes[i]) }, func(r *Record) int { return int(r.VenueType) }),
		ByDistributor: vocab(ByDistributor, func() []string { return slugs(Distributors) }, func(i int) string { return Distributors[i].Name }, func(r *Record) int { return int(r.Distributor) }),
	}
	return sp
}

// resolveBreakdown names the space of a breakdown for an indicator: months
// are months of use when only used cheques count, of distribution otherwise.
func resolveBreakdown(d *Definition, b string) string {
	if b != ByPeriod {
		return b
	}
	if d.usedOnly() {
		return "periode-utilisation"
	}
	return "periode-remise"
}

// quantities lists the series an indicator needs for one breakdown.
func (d *Definition) quantities() []seriesSpec {
	switch d.Calculation {
	case Count:
		return []seriesSpec{{kind: kindCheques, num: d.num}}
	case DistinctCount, Distribution:
		return []seriesSpec{{kind: kindPeople, num: d.num}}
	case Mean:
		return []seriesSpec{{kind: kindCheques, num: d.num}, {kind: kindPeople, num: atom{people: true, atLeast: 1, cond: d.num.cond}}}
	case Share:
		k := kindCheques
		if d.num.people {
			k = kindPeople
		}
		return []seriesSpec{{kind: k, num: d.num}, {kind: k, num: d.den}}
	}
	return nil
}

type seriesSpec struct {
	kind     int
	num, den atom
}

func (sp seriesSpec) key(breakdown string) seriesKey {
	k := seriesKey{kind: sp.kind, num: sp.num.key(), breakdown: breakdown}
	if sp.kind == kindComplement {
		k.den = sp.den.key()
	}
	return k
}

// Aggregate computes every series the actions' indicators need. k is the
// disclosure threshold: cells keep the ids of their people while there are
// fewer than k of them.
func Aggregate(u *Usages, actions []*Action, k int) *Computation {
	c := &Computation{K: k, u: u, series: map[seriesKey]*series{}, actions: actions}
	spaces := u.spaces()
	need := func(spec seriesSpec, breakdown string, row int16) *series {
		key := spec.key(breakdown)
		s := c.series[key]
		if s == nil {
			s = &series{kind: spec.kind, num: spec.num, den: spec.den, sp: spaces[breakdown], rowOf: map[int16]int{}}
			if spec.kind == kindPeople {
				s.atLeastN = spec.num.atLeast
			}
			c.series[key] = s
			c.order = append(c.order, s)
		}
		if _, ok := s.rowOf[row]; !ok {
			s.rowOf[row] = -1
			s.rows = append(s.rows, row)
		}
		return s
	}
	for _, a := range actions {
		row := int16(slices.Index(u.Actions, a.Slug))
		if row < 0 {
			continue
		}
		for _, d := range a.Definitions {
			for _, b := range append([]string{total}, d.Breakdowns...) {
				rb := resolveBreakdown(d, b)
				for _, spec := range d.quantities() {
					need(spec, rb, row)
					need(spec, total, row)
				}
			}
		}
	}
	// Whenever one quantity is part of another (cheques used within cheques
	// distributed), their difference can be computed from published cells:
	// it is a quantity of its own, protected like the others.
	base := slices.Clone(c.order)
	for _, in := range base {
		for _, out := range base {
			if in == out || in.kind != out.kind || in.sp != out.sp || in.num.key() == out.num.key() || !in.num.within(out.num) {
				continue
			}
			spec := seriesSpec{kind: kindComplement, num: in.num, den: out.num}
			for _, row := range in.rows {
				if _, ok := out.rowOf[row]; ok {
					need(spec, in.sp.name, row)
					need(spec, total, row)
				}
			}
		}
	}
	for _, s := range c.order {
		slices.Sort(s.rows)
		s.raw = make([][]Cell, len(s.rows))
		for i, r := range s.rows {
			s.rowOf[r] = i
			s.raw[i] = make([]Cell, s.sp.size)
		}
	}
	c.tally()
	cats := c.categories()
	for _, s := range c.order {
		s.compact(cats[s.sp], k)
		key := seriesKey{kind: s.kind, num: s.num.key(), breakdown: total}
		if s.kind == kindComplement {
			key.den = s.den.key()
		}
		s.total = c.series[key]
	}
	c.link()
	return c
}

// tally walks the records person by person and adds each person's cheques
// to the cells of every series.
func (c *Computation) tally() {
	u := c.u
	// Group record indexes by person (counting sort: O(n)).
	start := make([]int32, len(u.People)+1)
	for i := range u.Records {
		start[u.Records[i].Person+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	order := make([]int32, len(u.Records))
	next := slices.Clone(start[:len(u.People)])
	for i := range u.Records {
		p := u.Records[i].Person
		order[next[p]] = int32(i)
		next[p]++
	}

	// Series are shared out between workers; each walks every person and
	// tests the atoms its series need once per record.
	workers := max(1, min(runtime.GOMAXPROCS(0), len(c.order)))
	var wg sync.WaitGroup
	for w := range workers {
		var mine []*series
		for i := w; i < len(c.order); i += workers {
			mine = append(mine, c.order[i])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.tallySeries(mine, start, order)
		}()
	}
	wg.Wait()
}

func (c *Computation) tallySeries(list []*series, start, order []int32) {
	u := c.u
	var preds []func(*Record) bool
	atomIdx := map[string]int{}
	addAtom := func(a atom) int {
		k := a.key()
		if i, ok := atomIdx[k]; ok {
			return i
		}
		atomIdx[k] = len(preds)
		preds = append(preds, a.cond.bind(u))
		return len(preds) - 1
	}
	type work struct {
		s        *series
		num, den int
		row      []int // action index → row of the series, -1 if none
	}
	ws := make([]work, len(list))
	for i, s := range list {
		ws[i] = work{s: s, num: addAtom(s.num), den: -1, row: make([]int, len(u.Actions))}
		if s.kind == kindComplement {
			ws[i].den = addAtom(s.den)
		}
		for a := range ws[i].row {
			ws[i].row[a] = -1
		}
		for r, a := range s.rows {
			ws[i].row[a] = r
		}
	}
	k := int32(c.K)
	match := make([][]bool, len(preds)) // [atom][record of the person]
	type tallyCell struct{ cat, a, b int }
	var tallies []tallyCell
	add := func(cat int, a, b int) {
		for i := range tallies {
			if tallies[i].cat == cat {
				tallies[i].a += a
				tallies[i].b += b
				return
			}
		}
		tallies = append(tallies, tallyCell{cat, a, b})
	}
	for p := range u.People {
		recs := order[start[p]:start[p+1]]
		if len(recs) == 0 {
			continue
		}
		action := u.Records[recs[0]].Action
		for ai, pred := range preds {
			m := match[ai][:0]
			for _, ri := range recs {
				m = append(m, pred(&u.Records[ri]))
			}
			match[ai] = m
		}
		for _, w := range ws {
			s := w.s
			row := w.row[action]
			if row < 0 {
				continue
			}
			tallies = tallies[:0]
			for j, ri := range recs {
				inNum := match[w.num][j]
				inDen := w.den >= 0 && match[w.den][j]
				if !inNum && !inDen {
					continue
				}
				add(s.sp.cat(&u.Records[ri]), b2i(inNum), b2i(inDen))
			}
			cells := s.raw[row]
			for _, t := range tallies {
				var v int64
				switch s.kind {
				case kindCheques:
					v = int64(t.a)
				case kindPeople:
					if t.a >= s.atLeastN {
						v = 1
					}
				case kindComplement:
					if s.num.people {
						if t.b >= s.den.atLeast && t.a < s.num.atLeast {
							v = 1
						}
					} else {
						v = int64(t.b - t.a)
					}
				}
				if v == 0 {
					continue
				}
				cell := &cells[t.cat]
				cell.Value += v
				cell.People++
				if cell.People < k {
					cell.small = append(cell.small, int32(p))
				} else {
					cell.small = nil
				}
			}
		}
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// allRows are the breakdowns published for all actions together (the
// dashboard's key figures and map). Each all-actions row links the actions'
// tables, and every link can force more secondary suppression, so the other
// breakdowns are published per action only.
var allRows = []string{total, ByTerritory}

// categories lists, for each space, the categories that have a value in
// some row of some series (every month between the first and the last for
// periods). Series of one space share them, so that a part, its rest and the
// whole always have the same cells.
func (c *Computation) categories() map[*space][]int {
	used := map[*space][]bool{}
	for _, s := range c.order {
		u := used[s.sp]
		if u == nil {
			u = make([]bool, s.sp.size)
			used[s.sp] = u
		}
		for _, row := range s.raw {
			for i := range row {
				if row[i].People > 0 {
					u[i] = true
				}
			}
		}
	}
	out := map[*space][]int{}
	for sp, u := range used {
		first, last := slices.Index(u, true), -1
		for i := range u {
			if u[i] {
				last = i
			}
		}
		var cats []int
		for i := range u {
			if u[i] || sp.name == total || sp.fill && first >= 0 && i >= first && i <= last {
				cats = append(cats, i)
			}
		}
		out[sp] = cats
	}
	return out
}

// compact keeps the categories of the series' space and adds the
// all-actions row.
func (s *series) compact(cats []int, k int) {
	s.cats = cats
	s.cells = make([][]*Cell, len(s.raw))
	for r := range s.raw {
		s.cells[r] = make([]*Cell, len(s.cats))
		for j, cat := range s.cats {
			s.cells[r][j] = &s.raw[r][cat]
		}
	}
	if len(s.rows) < 2 || !slices.Contains(allRows, s.sp.name) {
		return
	}
	s.all = make([]*Cell, len(s.cats))
	for j := range s.cats {
		sum := &Cell{}
		for r := range s.cells {
			x := s.cells[r][j]
			sum.Value += x.Value
			sum.People += x.People
		}
		if sum.People < int32(k) {
			for r := range s.cells {
				sum.small = append(sum.small, s.cells[r][j].small...)
			}
		}
		s.all[j] = sum
	}
}

// link lists every sum that a reader could use to recover a cell: within
// each row, the categories add up to the row's total; within each category,
// the actions add up to all actions; and a part plus the rest of a quantity
// make the whole.
func (c *Computation) link() {
	for _, s := range c.order {
		t := s.total
		if s.sp.name != total && t != nil {
			for r, row := range s.rows {
				c.lines = append(c.lines, line{cells: s.cells[r], total: t.cells[t.rowOf[row]][0], kind: rowLine})
			}
			if s.all != nil && t.all != nil && slices.Equal(s.rows, t.rows) {
				c.lines = append(c.lines, line{cells: s.all, total: t.all[0], kind: rowLine})
			}
		}
		if s.all != nil {
			for j := range s.cats {
				col := make([]*Cell, len(s.cells))
				for r := range s.cells {
					col[r] = s.cells[r][j]
				}
				c.lines = append(c.lines, line{cells: col, total: s.all[j], kind: columnLine})
			}
		}
		if s.kind != kindComplement {
			continue
		}
		num := c.series[seriesKey{kind: kindOf(s.num), num: s.num.key(), breakdown: s.sp.name}]
		den := c.series[seriesKey{kind: kindOf(s.den), num: s.den.key(), breakdown: s.sp.name}]
		for r, row := range s.rows {
			nr, dr := num.rowOf[row], den.rowOf[row]
			for j, cat := range s.cats {
				nc, dc := num.cell(nr, cat), den.cell(dr, cat)
				c.lines = append(c.lines, line{cells: []*Cell{nc, s.cells[r][j]}, total: dc, kind: partLine})
			}
		}
		if s.all != nil && num.all != nil && den.all != nil && slices.Equal(s.rows, num.rows) && slices.Equal(s.rows, den.rows) {
			for j, cat := range s.cats {
				c.lines = append(c.lines, line{cells: []*Cell{num.allCell(cat), s.all[j]}, total: den.allCell(cat), kind: partLine})
			}
		}
	}
}

func kindOf(a atom) int {
	if a.people {
		return kindPeople
	}
	return kindCheques
}

// cell returns the cell of a row for a category of the full space; a
// category that was dropped (no value anywhere) is an empty cell.
func (s *series) cell(row, cat int) *Cell {
	if i, ok := slices.BinarySearch(s.cats, cat); ok {
		return s.cells[row][i]
	}
	return &Cell{}
}

func (s *series) allCell(cat int) *Cell {
	if i, ok := slices.BinarySearch(s.cats, cat); ok {
		return s.all[i]
	}
	return &Cell{}
}

func (s *series) String() string {
	var b strings.Builder
	b.WriteString(s.num.key())
	if s.kind == kindComplement {
		b.WriteString(" minus-from " + s.den.key())
	}
	b.WriteString(" by " + s.sp.name)
	return b.String()
}
