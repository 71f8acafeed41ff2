package mapdata

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"

	"labo/internal/csvio"
	"labo/internal/geo"
	"labo/internal/hours"
	"labo/internal/site"
	"labo/internal/venue"
)

// The encoders of this package append bytes by hand. The functions below
// are the reflection-based encoders they replaced (orb/geojson and
// encoding/json), kept as the reference: the bytes must stay the same.

func referenceGeoJSON(venues []*site.Venue, abs func(string) string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"type":"FeatureCollection","features":[`)
	for i, v := range venues {
		var g orb.Geometry
		if v.HasPoint {
			g = orb.Point{round6(v.Point.Lon()), round6(v.Point.Lat())}
		}
		f := geojson.NewFeature(g)
		f.ID = v.ID
		codes := make([]string, 0, len(v.Qualified))
		for _, s := range v.Qualified {
			codes = append(codes, s.Code)
		}
		dep := ""
		if v.Dept != nil {
			dep = v.Dept.Code
		}
		f.Properties = geojson.Properties{
			"id":                              v.ID, // also here: some tools keep only properties
			"nom":                             v.Nom,
			"adresse":                         v.Adresse,
			"commune":                         v.Commune,
			"code_postal":                     v.CodePostal,
			"departement":                     dep,
			"url":                             abs(v.URL),
			"services":                        list(v.ServiceList),
			"services_qualifies":              codes,
			"publics_specifiquement_adresses": list(v.PublicList),
			"prise_en_charge_specifique":      list(v.SupportList),
			"frais_a_charge":                  list(v.FeeList),
			"modalites_acces":                 list(v.AccessList),
			"modalites_accompagnement":        list(v.AccompanimentList),
			"qualifie":                        v.IsQualified(),
			"pass_numerique":                  v.Pass,
		}
		j, err := json.Marshal(f)
		if err != nil {
			return nil, err
		}
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('\n') // one feature per line: releases diff line by line
		b.Write(j)
	}
	b.WriteString("\n]}\n")
	return b.Bytes(), nil
}

func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// hostile returns copies of venues whose texts hold what JSON and CSV
// escape: quotes, backslashes, <, >, &, control characters, U+2028,
// invalid UTF-8, a leading space, commas and line breaks.
func hostileVenues(venues []*site.Venue) []*site.Venue {
	texts := []string{`Clic & Lien <b>"x"</b>`, "a\\b\tc\u2028d\u2029", "\xff\xfeé", " espace, virgule\nligne", "\x01\x1f\x7f"}
	out := make([]*site.Venue, len(venues))
	for i, v := range venues {
		c := *v
		t := texts[i%len(texts)]
		c.Nom, c.Adresse, c.Commune = c.Nom+t, t+c.Adresse, c.Commune+t
		if i%3 == 0 {
			c.ServiceList = append(append([]string(nil), c.ServiceList...), t)
		}
		out[i] = &c
	}
	return out
}

func sameBytes(t *testing.T, name string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-80)
	t.Errorf("%s differs from the reference at byte %d:\n got %q\nwant %q", name, i, got[lo:min(len(got), i+80)], want[lo:min(len(want), i+80)])
}

func TestGeoJSONSameAsReference(t *testing.T) {
	for name, venues := range map[string][]*site.Venue{"demo": demo(t).Venues, "synthetic": synthetic(t, 3000).Venues} {
		for _, vs := range [][]*site.Venue{venues, hostileVenues(venues)} {
			got, err := GeoJSON(vs, abs)
			if err != nil {
				t.Fatal(err)
			}
			want, err := referenceGeoJSON(vs, abs)
			if err != nil {
				t.Fatal(err)
			}
			sameBytes(t, name, got, want)
		}
	}
}

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
func referenceIndexes(list, vocab []string) []int {
	out := make([]int, 0, len(list))
	for _, v := range list {
		if i := slices.Index(vocab, v); i >= 0 {
			out = append(out, i)
		}
	}
	return out
}

// Venues encodes every venue of the site in the compact form of
// /carte/donnees/lieux.json, in the site's order (French order of names).
func referenceVenues(s *site.Site) ([]byte, error) {
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
			referenceIndexes(v.ServiceList, venue.Services), referenceIndexes(v.PublicList, venue.Publics),
			referenceIndexes(v.SupportList, venue.PrisesEnCharge), referenceIndexes(v.FeeList, venue.Frais),
			referenceIndexes(v.AccessList, venue.ModalitesAcces), referenceIndexes(v.AccompanimentList, venue.ModalitesAccompagnement),
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
func referenceFiches(d *site.Dept) ([]byte, error) {
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

// entry is one commune as the index files write it.
func referenceEntry(b *bytes.Buffer, c *geo.Commune) {
	name, _ := json.Marshal(c.Nom)
	b.WriteByte('[')
	b.WriteString(strconv.Quote(c.Code))
	b.WriteByte(',')
	b.Write(name)
	b.WriteString(",\"" + strings.Join(c.Postcodes, " ") + "\",\"" + c.Dept + "\",")
	if c.Precision == 0 {
		b.WriteString("null,null")
	} else {
		b.WriteString(strconv.FormatFloat(c.Point.Lat(), 'f', -1, 64) + "," + strconv.FormatFloat(c.Point.Lon(), 'f', -1, 64))
	}
	b.WriteString("," + strconv.Itoa(c.Population) + "]")
}

func referenceFile(cs []*geo.Commune) []byte {
	var b bytes.Buffer
	b.WriteString(`{"version":1,"communes":[`)
	for i, c := range cs {
		if i > 0 {
			b.WriteByte(',')
		}
		referenceEntry(&b, c)
	}
	b.WriteString("]}")
	return b.Bytes()
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

func TestVenuesAndFichesSameAsReference(t *testing.T) {
	for name, s := range map[string]*site.Site{"demo": demo(t), "synthetic": synthetic(t, 3000)} {
		for _, hostile := range []bool{false, true} {
			c := *s
			if hostile {
				c.Venues = hostileVenues(s.Venues)
			}
			got, err := Venues(&c)
			if err != nil {
				t.Fatal(err)
			}
			want, err := referenceVenues(&c)
			if err != nil {
				t.Fatal(err)
			}
			sameBytes(t, name+" venues", got, want)
			for _, d := range s.Depts {
				dc := *d
				if hostile {
					dc.Venues = hostileVenues(d.Venues)
				}
				got, err := Fiches(&dc)
				if err != nil {
					t.Fatal(err)
				}
				want, err := referenceFiches(&dc)
				if err != nil {
					t.Fatal(err)
				}
				sameBytes(t, name+" fiches "+d.Code, got, want)
			}
		}
	}
}

func TestCommuneFilesSameAsReference(t *testing.T) {
	lists, _ := communeFiles(geo.Communes())
	for _, name := range sortedKeys(lists) {
		sameBytes(t, name, file(lists[name]), referenceFile(lists[name]))
	}
}
