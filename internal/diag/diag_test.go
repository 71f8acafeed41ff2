package diag

import "testing"

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "data/lieux.csv", Line: 14, Field: "code_postal", Msg: `expected 5 digits, found "6300"`},
			`data/lieux.csv:14: code_postal: expected 5 digits, found "6300"`},
		{Problem{File: "site.toml", Line: 3, Col: 1, Msg: "unknown key"}, "site.toml:3:1: unknown key"},
		{Problem{File: "content/a.md", Msg: "empty file"}, "content/a.md: empty file"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestListSortsAndErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list must give a nil error")
	}
	l.Addf("b.csv", 2, "x", "second")
	l.Addf("a.csv", 9, "y", "first")
	l.Addf("b.csv", 1, "z", "between")
	want := "a.csv:9: y: first\nb.csv:1: z: between\nb.csv:2: x: second"
	if got := l.Err().Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
