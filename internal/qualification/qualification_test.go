package qualification

import (
	"strings"
	"testing"
	"time"

	"labo/internal/diag"
)

const header = "lieu_id,services,statut,qualifie_le,expire_le,pass_numerique\n"

func TestParseAndValidity(t *testing.T) {
	in := header + "a,DEM-01|OUT-02,qualifiée,2025-01-01,2027-01-01,oui\nb,DEM-01,en cours,,,non\n"
	var p diag.List
	qs := Parse("q.csv", []byte(in), &p)
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	d := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	tests := []struct {
		q     *Qualification
		day   string
		valid bool
		state string
	}{
		{qs[0], "2026-11-01", true, Qualified},
		{qs[0], "2025-01-01", true, Qualified},
		{qs[0], "2027-01-01", false, Expired},
		{qs[0], "2024-12-31", false, Pending},
		{qs[1], "2026-11-01", false, Pending},
	}
	for _, tt := range tests {
		if got := tt.q.ValidOn(d(tt.day)); got != tt.valid {
			t.Errorf("%s ValidOn(%s) = %v", tt.q.VenueID, tt.day, got)
		}
		if got := tt.q.State(d(tt.day)); got != tt.state {
			t.Errorf("%s State(%s) = %q, want %q", tt.q.VenueID, tt.day, got, tt.state)
		}
	}
	if len(qs[0].Services) != 2 || !qs[0].Pass || qs[1].Pass {
		t.Errorf("unexpected rows %+v", qs)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ row, want string }{
		{"a,DEM-01,validée,2025-01-01,2027-01-01,oui", `q.csv:2: statut: expected one of "qualifiée", "en cours", "suspendue", "expirée", found "validée"`},
		{"a,DEM-01,qualifiée,01/01/2025,2027-01-01,oui", `q.csv:2: qualifie_le: expected a date YYYY-MM-DD, found "01/01/2025"`},
		{"a,DEM-01,qualifiée,2025-01-01,2024-01-01,oui", `q.csv:2: expire_le: expected a date after qualifie_le 2025-01-01, found 2024-01-01`},
		{"a,DEM-01,qualifiée,,2027-01-01,oui", `q.csv:2: qualifie_le: expected the date of qualification`},
		{"a,DEM-01,qualifiée,2025-01-01,2027-01-01,yes", `q.csv:2: pass_numerique: expected "oui" or "non", found "yes"`},
		{",DEM-01,en cours,,,oui", `q.csv:2: lieu_id: expected the id of a venue`},
		{"a,,en cours,,,oui", `q.csv:2: services: expected referential service codes`},
	}
	for _, tt := range tests {
		var p diag.List
		Parse("q.csv", []byte(header+tt.row+"\n"), &p)
		if err := p.Err(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.row, err, tt.want)
		}
	}
}

func TestValidOnComparesCalendarDays(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no tz database")
	}
	var p diag.List
	q := Parse("q.csv", []byte(header+"a,DEM-01,qualifiée,2025-01-01,2026-11-01,oui\n"), &p)[0]
	if q.ValidOn(time.Date(2026, 11, 1, 0, 0, 0, 0, paris)) {
		t.Error("a qualification ending on 2026-11-01 must not be valid on that day, whatever the time zone")
	}
	if !q.ValidOn(time.Date(2026, 10, 31, 23, 30, 0, 0, paris)) {
		t.Error("valid the day before")
	}
}

// TestParseColumnsInAnyOrder checks fields are mapped by column name.
func TestParseColumnsInAnyOrder(t *testing.T) {
	in := "pass_numerique,expire_le,lieu_id,statut,services,qualifie_le\noui,2027-01-01,a,qualifiée,DEM-01|OUT-02,2025-01-01\n"
	var p diag.List
	qs := Parse("q.csv", []byte(in), &p)
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	want := Row{VenueID: "a", Services: "DEM-01|OUT-02", Status: Qualified, From: "2025-01-01", Until: "2027-01-01", Pass: "oui"}
	if len(qs) != 1 || qs[0].Row != want || qs[0].Line != 2 {
		t.Errorf("got %+v, want %+v on line 2", qs, want)
	}
}
