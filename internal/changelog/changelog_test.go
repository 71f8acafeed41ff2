package changelog

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"labo/internal/venue"
)

func date(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

func rel(published string, venues ...*Venue) *Release {
	r := &Release{Date: date(published), Venues: map[string]*Venue{}}
	for _, v := range venues {
		r.Venues[v.ID] = v
	}
	return r
}

func v(id, commune string, qualified []string, until string) *Venue {
	return &Venue{Row: venue.Row{ID: id, Nom: "Lieu " + id, Commune: commune, Telephone: "+33473000000", DateMaj: "2026-01-01"},
		Qualified: qualified, Until: date(until)}
}

func TestDiff(t *testing.T) {
	changed := v("b", "Riom", nil, "")
	changed.Telephone = "+33473111111"
	changed.DateMaj = "2026-06-01"
	checked := v("c", "Riom", nil, "")
	checked.DateMaj = "2026-06-01"
	expired := v("e", "Thiers", nil, "")
	expired.Lapse = "suspendue"
	prev := rel("2026-05-01",
		v("b", "Riom", nil, ""),
		v("c", "Riom", nil, ""),
		v("closed", "Ambert", []string{"DEM-01"}, "2027-01-01"),
		v("e", "Thiers", []string{"OUT-01"}, "2027-01-01"),
		v("q", "Issoire", nil, ""),
		v("r", "Issoire", []string{"DEM-01"}, "2026-06-01"),
		v("s", "Issoire", []string{"DEM-01", "OUT-01"}, "2027-01-01"),
		v("same", "Issoire", []string{"DEM-01"}, "2027-01-01"),
	)
	cur := rel("2026-11-01",
		v("a", "Aubusson", []string{"EQU-01"}, "2028-01-01"),
		changed, checked, expired,
		v("q", "Issoire", []string{"DEM-02"}, "2028-02-01"),
		v("r", "Issoire", []string{"DEM-01"}, "2028-06-01"),
		v("s", "Issoire", []string{"DEM-01", "SEC-01"}, "2027-01-01"),
		v("same", "Issoire", []string{"DEM-01"}, "2027-01-01"),
	)
	var got []string
	for _, c := range Diff(prev, cur) {
		got = append(got, c.Kind+" "+c.ID+" ["+strings.Join(c.Fields, "|")+"] "+c.Detail)
	}
	want := []string{
		"ajouté a [] Nouveau lieu à Aubusson.",
		"fermé closed [] Retiré de la liste des lieux. Il était qualifié pour DEM-01.",
		"modifié b [telephone|date_maj] Modifié : téléphone.",
		"modifié c [date_maj] Informations vérifiées, sans changement.",
		"qualifié a [] Qualifié pour EQU-01 jusqu'au 1er janvier 2028.",
		"qualifié q [] Qualifié pour DEM-02 jusqu'au 1er février 2028.",
		"requalifié r [] Qualification renouvelée jusqu'au 1er juin 2028.",
		"requalifié s [] Nouveaux services qualifiés : SEC-01. Services qui ne sont plus qualifiés : OUT-01.",
		"expiré e [] La qualification est suspendue. Services qui étaient qualifiés : OUT-01.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestLoad(t *testing.T) {
	header := strings.Join(venue.Columns, ",") + "\n"
	row := "lieu-a,12345678900011,Espace,Riom,63200,,1 rue,,,,,,,,,,,,,,2026-01-15,,,,,,,,,,,\n"
	fsys := fstest.MapFS{
		"lieux.csv":          {Data: []byte(header + row)},
		"qualifications.csv": {Data: []byte("lieu_id,services,statut,qualifie_le,expire_le,pass_numerique\nlieu-a,OUT-01|DEM-01,qualifiée,2025-01-01,2027-01-01,oui\nlieu-a,SEC-01,expirée,2023-01-01,2025-01-01,oui\n")},
		"datapackage.json":   {Data: []byte(`{"created": "2026-05-01T00:00:00+02:00"}`)},
	}
	r, err := Load(fsys, "avant")
	if err != nil {
		t.Fatal(err)
	}
	a := r.Venues["lieu-a"]
	if !r.Date.Equal(date("2026-05-01")) || a == nil || strings.Join(a.Qualified, ",") != "DEM-01,OUT-01" || !a.Until.Equal(date("2027-01-01")) {
		t.Errorf("release %v %+v", r.Date, a)
	}
	delete(fsys, "lieux.csv")
	if _, err := Load(fsys, "avant"); err == nil || !strings.Contains(err.Error(), "previous release avant: expected a lieux.csv") {
		t.Errorf("missing lieux.csv: %v", err)
	}
	fsys["lieux.csv"] = &fstest.MapFile{Data: []byte("id,nom\nx,y\n")}
	if _, err := Load(fsys, "avant"); err == nil {
		t.Error("a file that is not in the standard was accepted")
	}
}
