package indicator

import (
	"math"
	"slices"
)

// Protect applies disclosure control to every cell of the computation.
//
//  1. Primary suppression: a cell computed from 1 to k-1 people is
//     suppressed (a cell of 0 people is published: it describes nobody).
//  2. Secondary suppression: for every line (cells that add up to a total),
//     the suppressed cells must be at least two, and when the total is
//     published, the people behind the suppressed cells together (whose
//     sum anyone can compute by subtraction) must be 0 or at least k. While a
//     line breaks this rule, its published cell with the fewest people (but
//     at least one) is suppressed too, then the total when no such cell is
//     left; lines are checked again until none changes.
//  3. Audit: the lines are solved as a system of equations; if any
//     suppressed cell can still be computed exactly from published values,
//     one more cell of one of its lines is suppressed and step 2 runs again.
//
// The result is deterministic: lines and cells are visited in a fixed order.
func (c *Computation) Protect() {
	k := int32(c.K)
	c.linesOf = map[*Cell][]int{}
	for i, l := range c.lines {
		for _, x := range l.cells {
			c.linesOf[x] = append(c.linesOf[x], i)
		}
		c.linesOf[l.total] = append(c.linesOf[l.total], i)
	}
	for _, s := range c.order {
		for _, row := range s.cells {
			for _, x := range row {
				primary(x, k)
			}
		}
		for _, x := range s.all {
			primary(x, k)
		}
	}
	for {
		c.secondary()
		x := c.recoverable()
		if x == nil {
			return
		}
		if !c.suppressNear(x) {
			return // every cell of its lines is already suppressed
		}
	}
}

func primary(x *Cell, k int32) {
	if x.People > 0 && x.People < k {
		x.Suppressed, x.Primary = true, true
	}
}

func (c *Computation) secondary() {
	for changed := true; changed; {
		changed = false
		for i := range c.lines {
			if c.fix(&c.lines[i]) {
				changed = true
			}
		}
	}
}

// fix suppresses one more cell of l if l breaks the rule, and reports
// whether it did.
func (c *Computation) fix(l *line) bool {
	n := 0
	for _, x := range l.cells {
		if x.Suppressed {
			n++
		}
	}
	if l.total.Suppressed {
		// With the total and a cell suppressed, this line alone determines
		// neither. A suppressed total with every cell published is their sum.
		if n >= 1 {
			return false
		}
	} else if n == 0 || n >= 2 && c.unionSafe(l.cells) {
		return false
	}
	if x := c.choose(l.cells); x != nil {
		x.Suppressed = true
		return true
	}
	if !l.total.Suppressed {
		l.total.Suppressed = true
		return true
	}
	for _, x := range l.cells { // only cells of 0 people are left
		if !x.Suppressed {
			x.Suppressed = true
			return true
		}
	}
	return false
}

// unionSafe reports whether the people behind the suppressed cells of a
// line are, together, none or at least k.
func (c *Computation) unionSafe(cells []*Cell) bool {
	k := int32(c.K)
	seen := map[int32]bool{}
	for _, x := range cells {
		if !x.Suppressed {
			continue
		}
		if x.People >= k {
			return true
		}
		for _, p := range x.small {
			seen[p] = true
		}
	}
	return len(seen) == 0 || int32(len(seen)) >= k
}

// choose returns the published cell (of one person or more) whose
// suppression costs least: first the one that breaks the fewest other lines
// (so that suppression does not spread through the tables), then the one
// with the fewest people, then the smallest value; ties go to the first.
func (c *Computation) choose(cells []*Cell) *Cell {
	var best *Cell
	bestCost := 0
	for _, x := range cells {
		if x.Suppressed || x.People == 0 {
			continue
		}
		cost := c.cost(x)
		if best == nil || cost < bestCost || cost == bestCost && (x.People < best.People || x.People == best.People && x.Value < best.Value) {
			best, bestCost = x, cost
		}
	}
	return best
}

// cost counts the lines that suppressing x would leave breaking the rule.
func (c *Computation) cost(x *Cell) int {
	x.Suppressed = true
	n := 0
	for _, i := range c.linesOf[x] {
		if !c.ok(&c.lines[i]) {
			n++
		}
	}
	x.Suppressed = false
	return n
}

// ok reports whether a line follows the rule.
func (c *Computation) ok(l *line) bool {
	n := 0
	for _, x := range l.cells {
		if x.Suppressed {
			n++
		}
	}
	if l.total.Suppressed {
		return n >= 1
	}
	return n == 0 || n >= 2 && c.unionSafe(l.cells)
}

// suppressNear suppresses one more cell in a line that contains x: a
// published cell of one person or more if there is one, else a published
// total, else a published cell of nobody (its zero is then unknown to the
// reader too), else the same one step further away.
func (c *Computation) suppressNear(x *Cell) bool {
	near := []*Cell{x}
	seen := map[*Cell]bool{x: true}
	for len(near) > 0 {
		var lines []int
		for _, y := range near {
			lines = append(lines, c.linesOf[y]...)
		}
		var cands []*Cell
		for _, i := range lines {
			for _, y := range append(slices.Clone(c.lines[i].cells), c.lines[i].total) {
				if !seen[y] {
					seen[y] = true
					cands = append(cands, y)
				}
			}
		}
		if y := c.choose(cands); y != nil {
			y.Suppressed = true
			return true
		}
		for _, i := range lines {
			if l := &c.lines[i]; !l.total.Suppressed {
				l.total.Suppressed = true
				return true
			}
		}
		for _, y := range cands {
			if !y.Suppressed {
				y.Suppressed = true
				return true
			}
		}
		near = cands
	}
	return false
}

// recoverable returns a suppressed cell of one person or more whose value
// the lines determine exactly, or nil. Each line is an equation (cells − total = 0) whose
// published terms are known; a suppressed cell is determined when its unit
// vector lies in the row space of the equations restricted to suppressed
// cells. Components of linked cells are solved separately to keep systems
// small.
func (c *Computation) recoverable() *Cell {
	idx := map[*Cell]int{}
	var vars []*Cell
	var eqs [][]int // each equation as signed variable indexes (+i+1 cell, -(i+1) total)
	for _, l := range c.lines {
		var eq []int
		for _, x := range l.cells {
			if x.Suppressed {
				eq = append(eq, varIndex(idx, &vars, x)+1)
			}
		}
		if l.total.Suppressed {
			eq = append(eq, -(varIndex(idx, &vars, l.total) + 1))
		}
		if len(eq) > 0 {
			eqs = append(eqs, eq)
		}
	}
	if len(vars) == 0 {
		return nil
	}
	// Union-find over variables linked by an equation.
	parent := make([]int, len(vars))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for _, eq := range eqs {
		a := find(abs(eq[0]) - 1)
		for _, v := range eq[1:] {
			if b := find(abs(v) - 1); b != a {
				parent[b] = a
			}
		}
	}
	comps := map[int][]int{} // root → equations
	for i, eq := range eqs {
		r := find(abs(eq[0]) - 1)
		comps[r] = append(comps[r], i)
	}
	roots := make([]int, 0, len(comps))
	for r := range comps {
		roots = append(roots, r)
	}
	slices.Sort(roots)
	for _, r := range roots {
		var members []int
		for i := range vars {
			if find(i) == r {
				members = append(members, i)
			}
		}
		col := map[int]int{}
		for j, v := range members {
			col[v] = j
		}
		m := make([][]float64, 0, len(comps[r]))
		for _, ei := range comps[r] {
			row := make([]float64, len(members))
			for _, v := range eqs[ei] {
				if v > 0 {
					row[col[v-1]] += 1
				} else {
					row[col[-v-1]] -= 1
				}
			}
			m = append(m, row)
		}
		if j := determined(m, func(j int) bool { return vars[members[j]].People > 0 }); j >= 0 {
			return vars[members[j]]
		}
	}
	return nil
}

func varIndex(idx map[*Cell]int, vars *[]*Cell, x *Cell) int {
	if i, ok := idx[x]; ok {
		return i
	}
	idx[x] = len(*vars)
	*vars = append(*vars, x)
	return idx[x]
}

func abs(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// determined reduces m to row echelon form and returns the first column
// whose unit vector is in the row space (a variable the equations fix), or
// -1. Only columns for which want is true count: a cell of nobody may be
// recovered, its zero says nothing about anyone.
func determined(m [][]float64, want func(col int) bool) int {
	const eps = 1e-9
	if len(m) == 0 {
		return -1
	}
	cols := len(m[0])
	pivotRow := 0
	pivots := make([]int, 0, cols)
	for col := 0; col < cols && pivotRow < len(m); col++ {
		best := -1
		for r := pivotRow; r < len(m); r++ {
			if math.Abs(m[r][col]) > eps && (best < 0 || math.Abs(m[r][col]) > math.Abs(m[best][col])) {
				best = r
			}
		}
		if best < 0 {
			continue
		}
		m[pivotRow], m[best] = m[best], m[pivotRow]
		pr := m[pivotRow]
		inv := 1 / pr[col]
		for j := col; j < cols; j++ {
			pr[j] *= inv
		}
		for r := range m {
			if r == pivotRow || math.Abs(m[r][col]) <= eps {
				continue
			}
			f := m[r][col]
			row := m[r]
			for j := col; j < cols; j++ {
				row[j] -= f * pr[j]
			}
		}
		pivots = append(pivots, col)
		pivotRow++
	}
	for i, col := range pivots {
		alone := true
		for j := 0; j < cols; j++ {
			if j != col && math.Abs(m[i][j]) > eps {
				alone = false
				break
			}
		}
		if alone && want(col) {
			return col
		}
	}
	return -1
}
