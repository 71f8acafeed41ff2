// Package mapdata writes the data files of the map: the open GeoJSON of the
// venues (RFC 7946, with orb/geojson), and the compact files the page
// scripts load (venues with code tables, national-standard rows per
// département for the CSV download, département outlines, the split commune
// index). Every format is described in docs/formats.md, "Map data".
package mapdata

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"

	"labo/internal/csvio"
	"labo/internal/hours"
	"labo/internal/site"
	"labo/internal/venue"
)

// Paths of the map's own data, relative to the site root.
const (
	Dir          = "carte/donnees/"
	VenuesPath   = Dir + "lieux.json"
	OutlinesPath = Dir + "contours.json"
	CommunesDir  = Dir + "communes/"
	FichesDir    = Dir + "fiches/"
)

// Version of the compact formats; bump it when a layout changes.
const Version = 1

type compact struct {
	Version         int           `json:"version"`
	Date            string        `json:"date"`
	Familles        [][2]string   `json:"familles"`
	Services        [][4]any      `json:"services"`
	Nationaux       []string      `json:"nationaux"`
	Publics         []string      `json:"publics"`
	Prises          []string      `json:"prises"`
	Frais           []string      `json:"frais"`
	Acces           []string      `json:"acces"`
	Accompagnements []string      `json:"accompagnements"`
	Departements    [][3]string   `json:"departements"`
	Semaines        [][7][][2]int `json:"semaines"`
	Lieux           [][17]any     `json:"lieux"`
}

// indexes maps each value of list to its position in vocab; values outside
// the vocabulary cannot happen (the venue reader rejects them).
func indexes(list, vocab []string) []int {
	out := make([]int, 0, len(list))
	for _, v := range list {
		if i := slices.Index(vocab, v); i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// round5 keeps 5 decimals (about a metre), enough for a map.
func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

// Venues encodes every venue of the site in the compact form of
// /carte/donnees/lieux.json, in the site's order (French order of names).
func Venues(s *site.Site) ([]byte, error) {
	c := compact{
		Version: Version, Date: s.Config.Date.Format("2006-01-02"),
		Nationaux: venue.Services, Publics: venue.Publics, Prises: venue.PrisesEnCharge, Frais: venue.Frais,
		Acces: venue.ModalitesAcces, Accompagnements: venue.ModalitesAccompagnement,
		Semaines: [][7][][2]int{}, Lieux: make([][17]any, 0, len(s.Venues)),
	}
	fam := map[string]int{}
	for i, f := range s.Ref.Families {
		fam[f.Code] = i
		c.Familles = append(c.Familles, [2]string{f.Code, f.Title})
	}
	svc := map[string]int{}
	for i, x := range s.Ref.Services {
		svc[x.Code] = i
		behalf := 0
		if x.OnBehalf {
			behalf = 1
		}
		c.Services = append(c.Services, [4]any{x.Code, x.Title, fam[x.FamilyRef.Code], behalf})
	}
	dep := map[*site.Dept]int{}
	for i, d := range s.Depts {
		dep[d] = i
		c.Departements = append(c.Departements, [3]string{d.Code, d.Nom, d.URL})
	}
	weeks := map[string]int{}
	for _, v := range s.Venues {
		if v.Dept == nil {
			return nil, fmt.Errorf("venue %s has no département", v.ID)
		}
		var lon, lat any
		if v.HasPoint {
			lon, lat = round5(v.Point.Lon()), round5(v.Point.Lat())
		}
		qual := make([]int, 0, len(v.Qualified))
		for _, x := range v.Qualified {
			qual = append(qual, svc[x.Code])
		}
		week := -1
		if v.Hours != nil {
			w := weekly(v.Hours)
			key := fmt.Sprint(w)
			i, ok := weeks[key]
			if !ok {
				i = len(c.Semaines)
				weeks[key] = i
				c.Semaines = append(c.Semaines, w)
			}
			week = i
		}
		pass := 0
		if v.Pass {
			pass = 1
		}
		c.Lieux = append(c.Lieux, [17]any{
			v.ID, v.Nom, v.Commune, v.CodePostal, v.Adresse, dep[v.Dept], lon, lat, qual,
			indexes(v.ServiceList, venue.Services), indexes(v.PublicList, venue.Publics),
			indexes(v.SupportList, venue.PrisesEnCharge), indexes(v.FeeList, venue.Frais),
			indexes(v.AccessList, venue.ModalitesAcces), indexes(v.AccompanimentList, venue.ModalitesAccompagnement),
			pass, week,
		})
	}
	return json.Marshal(c)
}

// weekly is the schedule's spans as [from, to] pairs, Monday first.
func weekly(h *hours.Schedule) [7][][2]int {
	var out [7][][2]int
	for d, spans := range h.Weekly() {
		out[d] = make([][2]int, 0, len(spans))
		for _, sp := range spans {
			out[d] = append(out[d], [2]int{sp.From, sp.To})
		}
	}
	return out
}

type fiches struct {
	Version int               `json:"version"`
	Entete  string            `json:"entete"`
	Lignes  map[string]string `json:"lignes"`
}

// Fiches is /carte/donnees/fiches/<code>.json for one département: the
// national-standard row of each of its venues, for the CSV download.
func Fiches(d *site.Dept) ([]byte, error) {
	rows := make([]venue.Row, len(d.Venues))
	for i, v := range d.Venues {
		rows[i] = v.Row
	}
	b, err := csvio.Write(rows)
	if err != nil {
		return nil, err
	}
	lines, err := splitRecords(b)
	if err != nil {
		return nil, err
	}
	if len(lines) != len(rows)+1 {
		return nil, fmt.Errorf("fiches %s: %d CSV records for %d venues", d.Code, len(lines)-1, len(rows))
	}
	f := fiches{Version: Version, Entete: lines[0], Lignes: make(map[string]string, len(rows))}
	for i, v := range d.Venues {
		f.Lignes[v.ID] = lines[i+1]
	}
	return json.Marshal(f)
}

// splitRecords cuts RFC 4180 CSV text into records (a quoted field may hold
// line breaks), without their line endings.
func splitRecords(b []byte) ([]string, error) {
	var out []string
	start, quoted := 0, false
	for i, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			out = append(out, strings.TrimSuffix(string(b[start:i]), "\r"))
			start = i + 1
		}
	}
	if quoted {
		return nil, fmt.Errorf("unterminated quoted field")
	}
	if start < len(b) {
		out = append(out, string(b[start:]))
	}
	return out, nil
}
