package csvio

import (
	"strings"
	"testing"

	"labo/internal/diag"
)

type row struct {
	ID  string `csv:"id"`
	Nom string `csv:"nom"`
}

var hdr = Header{Columns: []string{"id", "nom"}, Exact: true}

func TestReadKeepsLines(t *testing.T) {
	in := "\ufeffid,nom\r\na,\"Multi\nline\"\r\n\r\nb,Deux\n"
	var rows []row
	var p diag.List
	lines := Read("t.csv", []byte(in), hdr, &rows, &p)
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	if len(rows) != 2 || rows[0].Nom != "Multi\nline" || rows[1].ID != "b" {
		t.Fatalf("rows = %+v", rows)
	}
	if lines[0] != 2 || lines[1] != 5 {
		t.Errorf("lines = %v, want [2 5]", lines)
	}
}

func TestReadProblems(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"columns", "id,nom\na,b,c\nd,e\n", "t.csv:2: expected 2 fields like the header, found 3"},
		{"order", "nom,id\na,b\n", "t.csv:1: expected the columns in the standard's order id,nom, found nom,id"},
		{"unknown", "id,nom,x\n", `t.csv:1:3: unknown column "x" (expected id,nom)`},
		{"missing", "id\n", `t.csv:1: missing column "nom"`},
		{"duplicate", "id,nom,nom\n", `t.csv:1:3: duplicate column "nom"`},
		{"utf8", "id,nom\na,\xff\n", "t.csv:2: expected UTF-8 text"},
		{"quote", "id,nom\na,b\"c\n", `t.csv:2:4: expected a quote only around a whole field`},
		{"unclosed", "id,nom\na,\"bc\n", `t.csv:2:`},
		{"empty", "", "t.csv:1: expected a header line with the columns id,nom, found an empty file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rows []row
			var p diag.List
			Read("t.csv", []byte(tt.in), hdr, &rows, &p)
			if err := p.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestWriteRoundTrip(t *testing.T) {
	in := []row{{"a", `avec "guillemets", et virgule`}, {"b", "Deux"}}
	out, err := Write(in)
	if err != nil {
		t.Fatal(err)
	}
	var back []row
	var p diag.List
	Read("t.csv", out, hdr, &back, &p)
	if p.Err() != nil || len(back) != 2 || back[0] != in[0] {
		t.Fatalf("round trip: %v %+v\n%s", p.Err(), back, out)
	}
}

func TestSplit(t *testing.T) {
	got := Split(" a | b||c ", "|")
	if strings.Join(got, ",") != "a,b,c" || Split("  ", "|") != nil {
		t.Errorf("Split = %q", got)
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{"id,nom\na,b\n", "\ufeffid,nom\r\n\"x\"\"\",y\r\n", "id\n", "id,nom\n\"a", "id,nom\na,b,c"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var rows []row
		var p diag.List
		lines := Read("t.csv", data, hdr, &rows, &p)
		if len(lines) != len(rows) {
			t.Fatalf("%d lines for %d rows", len(lines), len(rows))
		}
		for i := 1; i < len(lines); i++ {
			if lines[i] <= lines[i-1] {
				t.Fatalf("lines not increasing: %v", lines)
			}
		}
	})
}

func TestRecords(t *testing.T) {
	in := "\ufeff nom , id\r\nAmbert,a\r\n\r\nx\nThiers,\"b\"\nc,d,e\n"
	var p diag.List
	header, records, lines := Records("t.csv", []byte(in), Header{Columns: []string{"id", "nom"}}, &p)
	if got := p.Err(); got == nil || got.Error() != "t.csv:4: expected 2 fields like the header, found 1\nt.csv:6: expected 2 fields like the header, found 3" {
		t.Errorf("problems = %v", got)
	}
	if strings.Join(header, "|") != "nom|id" || len(records) != 2 || strings.Join(records[1], "|") != "Thiers|b" || len(lines) != 2 || lines[0] != 2 || lines[1] != 5 {
		t.Errorf("header %q, records %q, lines %v", header, records, lines)
	}
	if idx := Columns(header, []string{"id", "nom"}); idx[0] != 1 || idx[1] != 0 {
		t.Errorf("Columns = %v", idx)
	}
	if h, r, l := Records("t.csv", []byte("id\n"), hdr, &diag.List{}); h != nil || r != nil || l != nil {
		t.Errorf("bad header: got %q %q %v", h, r, l)
	}
}
