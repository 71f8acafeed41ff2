// Package mapdata writes the data files of the map: the open GeoJSON of the
// venues (RFC 7946), and the compact files the page
// scripts load (venues with code tables, national-standard rows per
// département for the CSV download, département outlines, the split commune
// index). Every format is described in docs/formats.md, "Map data".
package mapdata

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"labo/internal/appendenc"
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

// round5 keeps 5 decimals (about a metre), enough for a map.
func round5(x float64) float64 { return math.Round(x*1e5) / 1e5 }

// Venues encodes every venue of the site in the compact form of
// /carte/donnees/lieux.json, in the site's order (French order of names).
// The bytes are appended by hand (encoding/json reflection over 25,000
// rows of 17 values cost a tenth of a second); a test compares them with
// the encoding/json form they were first written in.
func Venues(s *site.Site) ([]byte, error) {
	str := appendenc.JSONStringHTML
	b := appendenc.Buffer(4096 + 200*len(s.Venues))
	b = append(b, `{"version":`...)
	b = appendenc.JSONInt(b, Version)
	b = append(b, `,"date":`...)
	b = str(b, s.Config.Date.Format("2006-01-02"))
	b = append(b, `,"familles":`...)
	fam := map[string]int{}
	b = nullableArray(b, len(s.Ref.Families), func(b []byte, i int) []byte {
		f := s.Ref.Families[i]
		fam[f.Code] = i
		b = append(b, '[')
		b = str(b, f.Code)
		b = append(b, ',')
		b = str(b, f.Title)
		return append(b, ']')
	})
	b = append(b, `,"services":`...)
	svc := map[string]int{}
	b = nullableArray(b, len(s.Ref.Services), func(b []byte, i int) []byte {
		x := s.Ref.Services[i]
		svc[x.Code] = i
		b = append(b, '[')
		b = str(b, x.Code)
		b = append(b, ',')
		b = str(b, x.Title)
		b = append(b, ',')
		b = appendenc.JSONInt(b, fam[x.FamilyRef.Code])
		b = append(b, ',')
		return append(b, bit(x.OnBehalf), ']')
	})
	for _, v := range []struct {
		name  string
		vocab []string
	}{{"nationaux", venue.Services}, {"publics", venue.Publics}, {"prises", venue.PrisesEnCharge}, {"frais", venue.Frais},
		{"acces", venue.ModalitesAcces}, {"accompagnements", venue.ModalitesAccompagnement}} {
		b = append(b, ',', '"')
		b = append(b, v.name...)
		b = append(b, '"', ':')
		b = nullableArray(b, len(v.vocab), func(b []byte, i int) []byte { return str(b, v.vocab[i]) })
	}
	b = append(b, `,"departements":`...)
	dep := map[*site.Dept]int{}
	b = nullableArray(b, len(s.Depts), func(b []byte, i int) []byte {
		d := s.Depts[i]
		dep[d] = i
		b = append(b, '[')
		b = str(b, d.Code)
		b = append(b, ',')
		b = str(b, d.Nom)
		b = append(b, ',')
		b = str(b, d.URL)
		return append(b, ']')
	})
	// Opening weeks are shared: each venue gives the number of its week.
	var weeks []byte
	weekNum := map[string]int{}  // by the week's JSON
	textWeek := map[string]int{} // by opening_hours text
	lieux := appendenc.Buffer(200 * len(s.Venues))
	var week []byte
	for i, v := range s.Venues {
		if v.Dept == nil {
			return nil, fmt.Errorf("venue %s has no département", v.ID)
		}
		if i > 0 {
			lieux = append(lieux, ',')
		}
		lieux = append(lieux, '[')
		for _, t := range []string{v.ID, v.Nom, v.Commune, v.CodePostal, v.Adresse} {
			lieux = str(lieux, t)
			lieux = append(lieux, ',')
		}
		lieux = appendenc.JSONInt(lieux, dep[v.Dept])
		if v.HasPoint {
			lieux = append(lieux, ',')
			lieux = appendenc.JSONFloat(lieux, round5(v.Point.Lon()))
			lieux = append(lieux, ',')
			lieux = appendenc.JSONFloat(lieux, round5(v.Point.Lat()))
		} else {
			lieux = append(lieux, ",null,null"...)
		}
		lieux = append(lieux, ",["...)
		for j, x := range v.Qualified {
			if j > 0 {
				lieux = append(lieux, ',')
			}
			lieux = appendenc.JSONInt(lieux, svc[x.Code])
		}
		lieux = append(lieux, ']')
		for _, l := range []struct{ list, vocab []string }{{v.ServiceList, venue.Services}, {v.PublicList, venue.Publics},
			{v.SupportList, venue.PrisesEnCharge}, {v.FeeList, venue.Frais}, {v.AccessList, venue.ModalitesAcces},
			{v.AccompanimentList, venue.ModalitesAccompagnement}} {
			lieux = append(lieux, ',')
			lieux = appendIndexes(lieux, l.list, l.vocab)
		}
		lieux = append(lieux, ',', bit(v.Pass), ',')
		n := -1
		if v.Hours != nil {
			// The week is a function of the opening_hours text, which
			// venues often share: evaluated once per text.
			var ok bool
			if n, ok = textWeek[v.Horaires]; !ok {
				week = appendWeek(week[:0], v.Hours)
				if n, ok = weekNum[string(week)]; !ok {
					n = len(weekNum)
					weekNum[string(week)] = n
					if n > 0 {
						weeks = append(weeks, ',')
					}
					weeks = append(weeks, week...)
				}
				textWeek[v.Horaires] = n
			}
		}
		lieux = appendenc.JSONInt(lieux, n)
		lieux = append(lieux, ']')
	}
	b = append(b, `,"semaines":[`...)
	b = append(b, weeks...)
	b = append(b, `],"lieux":[`...)
	b = append(b, lieux...)
	return append(b, "]}"...), nil
}

// nullableArray appends a JSON array of n items, or null when n is 0, as
// encoding/json writes a nil slice.
func nullableArray(b []byte, n int, item func(b []byte, i int) []byte) []byte {
	if n == 0 {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range n {
		if i > 0 {
			b = append(b, ',')
		}
		b = item(b, i)
	}
	return append(b, ']')
}

func bit(b bool) byte {
	if b {
		return '1'
	}
	return '0'
}

// appendIndexes appends the position of each value of list in vocab;
// values outside the vocabulary cannot happen (the venue reader rejects
// them).
func appendIndexes(b []byte, list, vocab []string) []byte {
	b = append(b, '[')
	first := true
	for _, v := range list {
		if i := slices.Index(vocab, v); i >= 0 {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendenc.JSONInt(b, i)
		}
	}
	return append(b, ']')
}

// appendWeek appends the schedule's spans as [from, to] pairs, Monday
// first: [[[540,720],[840,1080]],[],…].
func appendWeek(b []byte, h *hours.Schedule) []byte {
	b = append(b, '[')
	for d, spans := range h.Weekly() {
		if d > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		for i, sp := range spans {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '[')
			b = appendenc.JSONInt(b, sp.From)
			b = append(b, ',')
			b = appendenc.JSONInt(b, sp.To)
			b = append(b, ']')
		}
		b = append(b, ']')
	}
	return append(b, ']')
}

// Fiches is /carte/donnees/fiches/<code>.json for one département: the
// national-standard row of each of its venues, for the CSV download, by
// venue id: {"version":1,"entete":"id,pivot,…","lignes":{"<id>":"<row>"}}.
func Fiches(d *site.Dept) ([]byte, error) {
	venues := slices.Clone(d.Venues)
	slices.SortFunc(venues, func(a, b *site.Venue) int { return strings.Compare(a.ID, b.ID) }) // ids are unique: the keys in encoding/json's order of a map
	b := appendenc.Buffer(64 + len(fichesHeader) + 800*len(venues))
	b = append(b, `{"version":`...)
	b = appendenc.JSONInt(b, Version)
	b = append(b, `,"entete":`...)
	b = appendenc.JSONStringHTML(b, fichesHeader)
	b = append(b, `,"lignes":{`...)
	var line []byte
	for i, v := range venues {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendenc.JSONStringHTML(b, v.ID)
		b = append(b, ':')
		line = appendenc.CSVRecord(line[:0], v.Row.Fields())
		b = appendenc.JSONStringHTML(b, string(line[:len(line)-1]))
	}
	return append(b, "}}"...), nil
}

// fichesHeader is the CSV header line of the fiches: the standard's columns.
var fichesHeader = strings.Join(venue.Columns, ",")
