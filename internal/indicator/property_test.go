package indicator

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"labo/internal/diag"
	"labo/internal/referential"
)

// demoDefinitions parses the demo site's indicator definitions.
func demoDefinitions(t testing.TB) (*Definitions, *referential.Referential) {
	t.Helper()
	refData, err := os.ReadFile("../../data/referentiel.toml")
	if err != nil {
		t.Fatal(err)
	}
	problems := &diag.List{}
	ref := referential.Parse(refData, problems)
	data, err := os.ReadFile("../../data/indicateurs.toml")
	if err != nil {
		t.Fatal(err)
	}
	defs := ParseDefinitions(data, ref, problems)
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return defs, ref
}

// randomUsages draws a small usage table with skewed categories, so that
// many cells fall under the threshold.
func randomUsages(rng *rand.Rand, defs *Definitions, ref *referential.Referential) (*Usages, []*Action) {
	u := &Usages{Depts: []string{"03", "23", "37", "63"}, VenueTypes: []string{"EPN", "FS", "MEDIATHEQUE"}}
	for _, f := range ref.Families {
		u.Families = append(u.Families, f.Code)
	}
	for _, s := range ref.Services {
		u.Services = append(u.Services, s.Code)
	}
	nActions := 1 + rng.IntN(3)
	var actions []*Action
	for i := range nActions {
		a := &Action{Slug: fmt.Sprintf("action-%d", i), Definitions: defs.Generic()}
		if rng.IntN(2) == 0 {
			for _, d := range defs.List {
				if d.Scope == Specific {
					a.Definitions = append(a.Definitions, d)
				}
			}
		}
		actions = append(actions, a)
		u.Actions = append(u.Actions, a.Slug)
	}
	skew := func(n int) int { // small indexes are frequent, large ones rare
		return min(n-1, int(float64(n)*rng.Float64()*rng.Float64()))
	}
	for ai := range actions {
		people := 1 + rng.IntN(60)
		for range people {
			p := int32(len(u.People))
			u.People = append(u.People, Person{Dept: int16(skew(len(u.Depts))), Age: int8(skew(len(AgeBands))), Sex: int8(skew(len(Sexes))), Diploma: int8(skew(len(Diplomas)))})
			n := 1 + rng.IntN(12)
			month := int16(300 + rng.IntN(4))
			dist := int8(skew(len(Distributors)))
			for range n {
				r := Record{Person: p, Action: int16(ai), Given: month, Service: -1, VenueType: -1, Family: -1, Distributor: dist}
				if rng.IntN(4) != 0 {
					r.Used = true
					r.UsedOn = month + int16(rng.IntN(3))
					r.Service = int16(skew(len(u.Services)))
					r.Family = int8(slices.Index(u.Families, ref.Service(u.Services[r.Service]).Family))
					r.VenueType = int16(skew(len(u.VenueTypes)))
					r.First = rng.IntN(3) != 0
				}
				u.Records = append(u.Records, r)
			}
		}
	}
	rng.Shuffle(len(u.Records), func(i, j int) { u.Records[i], u.Records[j] = u.Records[j], u.Records[i] })
	return u, actions
}

// TestDisclosureProperties checks, on random usage tables and thresholds,
// what disclosure control promises, with checks written independently of the
// algorithm: contributors are recomputed from the records with plain maps,
// and recoverability is decided by exact rank computations.
func TestDisclosureProperties(t *testing.T) {
	defs, ref := demoDefinitions(t)
	runs := 150
	if testing.Short() {
		runs = 30
	}
	for seed := range runs {
		rng := rand.New(rand.NewPCG(uint64(seed), 7))
		u, actions := randomUsages(rng, defs, ref)
		k := 2 + rng.IntN(12)
		c := Aggregate(u, actions, k)
		truth := bruteForce(u, c)
		c.Protect()
		name := fmt.Sprintf("seed %d (k=%d, %d records)", seed, k, len(u.Records))

		for x, want := range truth {
			if x.Value != want.value || int(x.People) != len(want.people) {
				t.Fatalf("%s: aggregated cell %d/%d, brute force %d/%d", name, x.Value, x.People, want.value, len(want.people))
			}
			if !x.Suppressed && len(want.people) > 0 && len(want.people) < k {
				t.Errorf("%s: published cell computed from %d people", name, len(want.people))
			}
		}
		for _, l := range c.lines {
			var hidden []*Cell
			for _, x := range l.cells {
				if x.Suppressed {
					hidden = append(hidden, x)
				}
			}
			if l.total.Suppressed {
				if len(hidden) == 0 && slices.ContainsFunc(l.cells, func(x *Cell) bool { return x.People > 0 }) {
					t.Errorf("%s: a suppressed total is the sum of its published cells", name)
				}
				continue
			}
			if len(hidden) == 1 {
				t.Errorf("%s: one suppressed cell in a line with a published total: recovered by subtraction", name)
			}
			// total − published cells = the hidden cells together: the
			// people behind them must be none or at least k.
			union := map[int32]bool{}
			for _, x := range hidden {
				for p := range truth[x].people {
					union[p] = true
				}
			}
			if len(union) > 0 && len(union) < k {
				t.Errorf("%s: a difference of published cells reveals a group of %d people", name, len(union))
			}
			if len(hidden) == 0 && len(l.cells) > 0 && (l.kind != rowLine || truth[l.cells[0]].additive) {
				sum := int64(0)
				for _, x := range l.cells {
					sum += x.Value
				}
				if sum != l.total.Value {
					t.Errorf("%s: published cells add up to %d, published total is %d", name, sum, l.total.Value)
				}
			}
		}
		if x := exactlyRecoverable(c); x != nil {
			t.Errorf("%s: a suppressed cell (%d people) can be computed from published cells", name, x.People)
		}
		res := c.publish(defs)
		checkPublished(t, name, res, c)
	}
}

type truthCell struct {
	value    int64
	people   map[int32]bool
	additive bool // cells of its lines partition its records
}

// bruteForce recomputes every cell of every series from the records with
// maps, one record at a time.
func bruteForce(u *Usages, c *Computation) map[*Cell]truthCell {
	out := map[*Cell]truthCell{}
	for _, s := range c.order {
		num := s.num.cond.bind(u)
		var den func(*Record) bool
		if s.kind == kindComplement {
			den = s.den.cond.bind(u)
		}
		type key struct {
			row    int
			cat    int
			person int32
		}
		nNum, nDen := map[key]int{}, map[key]int{}
		for i := range u.Records {
			r := &u.Records[i]
			row, ok := s.rowOf[r.Action]
			if !ok {
				continue
			}
			k := key{row, s.sp.cat(r), r.Person}
			if num(r) {
				nNum[k]++
			}
			if den != nil && den(r) {
				nDen[k]++
			}
		}
		cells := map[[2]int]*truthCell{}
		get := func(row, cat int) *truthCell {
			tc := cells[[2]int{row, cat}]
			if tc == nil {
				tc = &truthCell{people: map[int32]bool{}}
				cells[[2]int{row, cat}] = tc
			}
			return tc
		}
		keys := map[key]bool{}
		for k := range nNum {
			keys[k] = true
		}
		for k := range nDen {
			keys[k] = true
		}
		for k := range keys {
			var v int64
			switch s.kind {
			case kindCheques:
				v = int64(nNum[k])
			case kindPeople:
				if nNum[k] >= s.num.atLeast {
					v = 1
				}
			case kindComplement:
				if s.num.people {
					if nDen[k] >= s.den.atLeast && nNum[k] < s.num.atLeast {
						v = 1
					}
				} else {
					v = int64(nDen[k] - nNum[k])
				}
			}
			if v > 0 {
				tc := get(k.row, k.cat)
				tc.value += v
				tc.people[k.person] = true
			}
		}
		personLevel := slices.Contains([]string{total, ByTerritory, ByAge, BySex, ByDiploma}, s.sp.name)
		additive := s.kind == kindCheques || !s.num.people || personLevel
		for r := range s.rows {
			for j, cat := range s.cats {
				tc := get(r, cat)
				tc.additive = additive
				out[s.cells[r][j]] = *tc
			}
		}
		if s.all != nil {
			for j, cat := range s.cats {
				sum := truthCell{people: map[int32]bool{}, additive: additive}
				for r := range s.rows {
					tc := get(r, cat)
					sum.value += tc.value
					for p := range tc.people {
						sum.people[p] = true
					}
				}
				out[s.all[j]] = sum
			}
		}
	}
	return out
}

// exactlyRecoverable returns a suppressed cell of one person or more whose
// value follows from the lines and the published cells, deciding with exact rational arithmetic:
// the cell is determined when adding its unit vector to the equations does
// not raise their rank.
func exactlyRecoverable(c *Computation) *Cell {
	idx := map[*Cell]int{}
	var vars []*Cell
	var rows [][]int
	for _, l := range c.lines {
		var eq []int
		add := func(x *Cell, sign int) {
			if !x.Suppressed {
				return
			}
			i, ok := idx[x]
			if !ok {
				i = len(vars)
				idx[x] = i
				vars = append(vars, x)
			}
			eq = append(eq, sign*(i+1))
		}
		for _, x := range l.cells {
			add(x, 1)
		}
		add(l.total, -1)
		if len(eq) > 0 {
			rows = append(rows, eq)
		}
	}
	// Solve each group of linked cells on its own.
	parent := make([]int, len(vars))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			i = parent[i]
		}
		return i
	}
	for _, eq := range rows {
		a := find(absInt(eq[0]) - 1)
		for _, v := range eq[1:] {
			if b := find(absInt(v) - 1); b != a {
				parent[b] = a
			}
		}
	}
	groups := map[int][]int{}
	for i := range vars {
		groups[find(i)] = append(groups[find(i)], i)
	}
	for _, members := range groups {
		col := map[int]int{}
		for j, v := range members {
			col[v] = j
		}
		var eqs [][]int
		for _, eq := range rows {
			if _, ok := col[absInt(eq[0])-1]; ok {
				eqs = append(eqs, eq)
			}
		}
		matrix := func(extra int) [][]*big.Rat {
			m := make([][]*big.Rat, 0, len(eqs)+1)
			newRow := func() []*big.Rat {
				r := make([]*big.Rat, len(members))
				for i := range r {
					r[i] = new(big.Rat)
				}
				return r
			}
			for _, eq := range eqs {
				r := newRow()
				for _, v := range eq {
					if v > 0 {
						r[col[v-1]].Add(r[col[v-1]], big.NewRat(1, 1))
					} else {
						r[col[-v-1]].Sub(r[col[-v-1]], big.NewRat(1, 1))
					}
				}
				m = append(m, r)
			}
			if extra >= 0 {
				r := newRow()
				r[extra].SetInt64(1)
				m = append(m, r)
			}
			return m
		}
		basis := echelon(matrix(-1))
		for j, v := range members {
			if vars[v].People > 0 && inRowSpace(basis, j, len(members)) {
				return vars[v]
			}
		}
	}
	return nil
}

func absInt(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// echelon reduces m to reduced row echelon form with exact arithmetic and
// returns its non-zero rows.
func echelon(m [][]*big.Rat) [][]*big.Rat {
	if len(m) == 0 {
		return nil
	}
	r := 0
	for col := 0; col < len(m[0]) && r < len(m); col++ {
		p := -1
		for i := r; i < len(m); i++ {
			if m[i][col].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[r], m[p] = m[p], m[r]
		inv := new(big.Rat).Inv(m[r][col])
		for j := col; j < len(m[0]); j++ {
			m[r][j].Mul(m[r][j], inv)
		}
		for i := range m {
			if i == r || m[i][col].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Set(m[i][col])
			for j := col; j < len(m[0]); j++ {
				m[i][j].Sub(m[i][j], new(big.Rat).Mul(f, m[r][j]))
			}
		}
		r++
	}
	return m[:r]
}

// inRowSpace reports whether the unit vector of column j is a combination
// of the rows of a reduced echelon basis: reducing it by each row (at that
// row's pivot) must leave nothing.
func inRowSpace(basis [][]*big.Rat, j, n int) bool {
	v := make([]*big.Rat, n)
	for i := range v {
		v[i] = new(big.Rat)
	}
	v[j].SetInt64(1)
	for _, row := range basis {
		p := slices.IndexFunc(row, func(x *big.Rat) bool { return x.Sign() != 0 })
		if p < 0 || v[p].Sign() == 0 {
			continue
		}
		f := new(big.Rat).Set(v[p])
		for i := range v {
			v[i].Sub(v[i], new(big.Rat).Mul(f, row[i]))
		}
	}
	return !slices.ContainsFunc(v, func(x *big.Rat) bool { return x.Sign() != 0 })
}

// checkPublished checks the published tables against the protected cells:
// a value is published only when every quantity it is computed from is.
func checkPublished(t *testing.T, name string, res *Results, c *Computation) {
	t.Helper()
	for _, tb := range res.Tables {
		rows := slices.Clone(tb.Rows)
		if tb.All != nil {
			rows = append(rows, tb.All)
		}
		for _, row := range rows {
			for _, v := range append(slices.Clone(row.Cells), row.Total) {
				if v.Secret && (v.Number != 0 || v.Num != 0 || v.Den != 0) {
					t.Errorf("%s: %s: a secret value carries a number", name, tb.Def.Code)
				}
				if tb.Def.IsPercent() && !v.Secret && !v.Empty && (v.Number < 0 || v.Number > 100) {
					t.Errorf("%s: %s: share %v out of range", name, tb.Def.Code, v.Number)
				}
			}
		}
		if tb.Breakdown == total {
			continue
		}
		// Percentages of suppressed counts are suppressed too.
		if tb.Def.Calculation == Distribution {
			counts := res.Table(tb.Def.Code, total)
			for _, row := range tb.Rows {
				if counts.Row(row.Action).Total.Secret {
					for _, v := range row.Cells {
						if !v.Secret && v.Number != 0 {
							t.Errorf("%s: %s: share published with a secret total", name, tb.Def.Code)
						}
					}
				}
			}
		}
	}
	_ = c
}
