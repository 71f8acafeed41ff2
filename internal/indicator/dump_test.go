package indicator

import (
	"fmt"
	"os"
	"testing"

	"labo/internal/site"
)

func TestDump(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	s, problems := site.Load(os.DirFS("../.."), "")
	d := Load(s, problems)
	if problems.Len() > 0 {
		t.Fatal(problems.Err())
	}
	r := d.Results()
	fmt.Println("cells", r.Cells, "suppressed", r.Suppressed)
	for _, tb := range r.Tables {
		fmt.Printf("== %s by %s (%s)\n", tb.Def.Code, tb.Breakdown, tb.Space)
		rows := tb.Rows
		if tb.All != nil {
			rows = append(rows, tb.All)
		}
		for _, row := range rows {
			name := "ALL"
			if row.Action != nil {
				name = row.Action.Slug
			}
			fmt.Printf("  %-32s total=%-8s", name, row.Total.Text(tb.Def))
			for i, c := range row.Cells {
				fmt.Printf(" %s=%s", tb.Categories[i].Code, c.Text(tb.Def))
			}
			fmt.Println()
		}
	}
}

func TestDumpSeries(t *testing.T) {
	if os.Getenv("DUMP") == "" {
		t.Skip()
	}
	s, problems := site.Load(os.DirFS("../.."), "")
	d := Load(s, problems)
	c := Aggregate(d.usages, d.Actions, d.k)
	c.Protect()
	for _, se := range c.order {
		if se.sp.name != os.Getenv("DUMP") {
			continue
		}
		fmt.Println("==", se)
		for r, row := range se.cells {
			fmt.Printf("  %-30s", d.usages.Actions[se.rows[r]])
			for j, x := range row {
				fmt.Printf(" %s:%d/%d%s", se.sp.code(se.cats[j]), x.Value, x.People, flag(x))
			}
			fmt.Println()
		}
	}
}

func flag(x *Cell) string {
	switch {
	case x.Primary:
		return "P"
	case x.Suppressed:
		return "S"
	}
	return ""
}
