package mapdata

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"labo/internal/geo"
	"labo/internal/site"
	"labo/internal/synth"
	"labo/internal/venue"
)

// root is the repository root, which is also the demo site.
func root(t testing.TB) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

func loadSite(t testing.TB, dir string) *site.Site {
	t.Helper()
	s, problems := site.Load(os.DirFS(dir), "")
	if err := problems.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

func demo(t testing.TB) *site.Site { return loadSite(t, root(t)) }

// synthetic builds a site of n synthetic venues.
func synthetic(t testing.TB, n int) *site.Site {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Site(root(t), dir, n, true); err != nil {
		t.Fatal(err)
	}
	return loadSite(t, dir)
}

func abs(p string) string { return "https://example.org" + p }

// checkRFC7946 validates a FeatureCollection of venue Points against RFC 7946
// and against the venues it describes: WGS84 longitude first, coordinates in
// range, at most 6 decimals, no foreign "crs", unique ids, every venue once.
func checkRFC7946(t *testing.T, b []byte, venues []*site.Venue) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var fc struct {
		Type     string          `json:"type"`
		CRS      json.RawMessage `json:"crs"`
		Features []struct {
			Type     string `json:"type"`
			ID       any    `json:"id"`
			Geometry *struct {
				Type        string        `json:"type"`
				Coordinates []json.Number `json:"coordinates"`
			} `json:"geometry"`
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := dec.Decode(&fc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if fc.Type != "FeatureCollection" || fc.CRS != nil {
		t.Fatalf("type %q, crs %s: want a FeatureCollection without crs (RFC 7946 §4)", fc.Type, fc.CRS)
	}
	byID := map[string]*site.Venue{}
	for _, v := range venues {
		byID[v.ID] = v
	}
	seen := map[string]bool{}
	for i, f := range fc.Features {
		id, ok := f.ID.(string)
		if f.Type != "Feature" || !ok || id == "" {
			t.Fatalf("feature %d: type %q, id %v", i, f.Type, f.ID)
		}
		if seen[id] {
			t.Errorf("duplicate id %s", id)
		}
		seen[id] = true
		v := byID[id]
		if v == nil {
			t.Errorf("feature %s is not a venue", id)
			continue
		}
		if f.Geometry == nil {
			if v.HasPoint {
				t.Errorf("%s has a position but a null geometry", id)
			}
			continue
		}
		if f.Geometry.Type != "Point" || len(f.Geometry.Coordinates) != 2 {
			t.Errorf("%s: geometry %+v, want a Point of 2 numbers", id, f.Geometry)
			continue
		}
		var c [2]float64
		for k, n := range f.Geometry.Coordinates {
			if _, frac, ok := strings.Cut(n.String(), "."); ok && len(frac) > 6 {
				t.Errorf("%s: coordinate %s has more than 6 decimals", id, n)
			}
			c[k], _ = n.Float64()
		}
		if c[0] < -180 || c[0] > 180 || c[1] < -90 || c[1] > 90 {
			t.Errorf("%s: coordinates %v out of range", id, c)
		}
		if math.Abs(c[0]-v.Point.Lon()) > 1e-6 || math.Abs(c[1]-v.Point.Lat()) > 1e-6 {
			t.Errorf("%s: coordinates %v, want longitude %v then latitude %v", id, c, v.Point.Lon(), v.Point.Lat())
		}
		if !geo.InFrance(c[1], c[0]) {
			t.Errorf("%s: %v is not in France read as longitude, latitude", id, c)
		}
		for _, k := range []string{"nom", "commune", "code_postal", "url", "services", "services_qualifies", "qualifie", "pass_numerique"} {
			if _, ok := f.Properties[k]; !ok {
				t.Errorf("%s: property %s missing", id, k)
			}
		}
		if f.Properties["qualifie"] != v.IsQualified() || f.Properties["pass_numerique"] != v.Pass {
			t.Errorf("%s: qualifie/pass_numerique wrong", id)
		}
	}
	if len(seen) != len(venues) {
		t.Errorf("%d features for %d venues: a venue was dropped", len(seen), len(venues))
	}
}

func TestGeoJSONIsRFC7946(t *testing.T) {
	for name, s := range map[string]*site.Site{"demo": demo(t), "synthetic": synthetic(t, 3000)} {
		t.Run(name, func(t *testing.T) {
			b, err := GeoJSON(s.Venues, abs)
			if err != nil {
				t.Fatal(err)
			}
			checkRFC7946(t, b, s.Venues)
			// The files per département hold the same venues, split.
			n := 0
			for _, d := range s.Depts {
				b, err := GeoJSON(d.Venues, abs)
				if err != nil {
					t.Fatal(err)
				}
				checkRFC7946(t, b, d.Venues)
				n += len(d.Venues)
			}
			if n != len(s.Venues) {
				t.Errorf("département files hold %d venues, want %d", n, len(s.Venues))
			}
		})
	}
}

// decoded mirrors static/js/lib/venues.js decodeVenues for the fields tested.
type decoded struct {
	Version      int                 `json:"version"`
	Services     [][4]any            `json:"services"`
	Departements [][3]string         `json:"departements"`
	Semaines     [][7][][2]int       `json:"semaines"`
	Lieux        [][]json.RawMessage `json:"lieux"`
}

func TestVenuesCompactRoundTrip(t *testing.T) {
	s := demo(t)
	b, err := Venues(s)
	if err != nil {
		t.Fatal(err)
	}
	var d decoded
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if d.Version != 1 || len(d.Lieux) != len(s.Venues) {
		t.Fatalf("version %d, %d venues, want 1 and %d", d.Version, len(d.Lieux), len(s.Venues))
	}
	for i, v := range s.Venues {
		row := d.Lieux[i]
		var id string
		var lon, lat *float64
		var qual []int
		var dep, pass, week int
		json.Unmarshal(row[0], &id)
		json.Unmarshal(row[5], &dep)
		json.Unmarshal(row[6], &lon)
		json.Unmarshal(row[7], &lat)
		json.Unmarshal(row[8], &qual)
		json.Unmarshal(row[15], &pass)
		json.Unmarshal(row[16], &week)
		if id != v.ID || d.Departements[dep][0] != v.Dept.Code || d.Departements[dep][2] != v.Dept.URL {
			t.Errorf("row %d: id %s dep %v, want %s in %s", i, id, d.Departements[dep], v.ID, v.Dept.Code)
		}
		if v.HasPoint != (lon != nil) || (lon != nil && (math.Abs(*lon-v.Point.Lon()) > 6e-6 || math.Abs(*lat-v.Point.Lat()) > 6e-6)) {
			t.Errorf("%s: position %v,%v, want %v", id, lon, lat, v.Point)
		}
		var codes []string
		for _, q := range qual {
			codes = append(codes, d.Services[q][0].(string))
		}
		var want []string
		for _, svc := range v.Qualified {
			want = append(want, svc.Code)
		}
		if !slices.Equal(codes, want) || (pass == 1) != v.Pass {
			t.Errorf("%s: qualified %v pass %d, want %v %v", id, codes, pass, want, v.Pass)
		}
		if (week >= 0) != (v.Hours != nil) {
			t.Errorf("%s: week index %d with hours %v", id, week, v.Hours != nil)
		} else if week >= 0 && !reflect.DeepEqual(d.Semaines[week], weekly(v.Hours)) {
			t.Errorf("%s: weekly spans %v, want %v", id, d.Semaines[week], weekly(v.Hours))
		}
	}
}

// TestVenuesSizeBudget: the map's data for 25,000 venues stays under 1.5 MB
// gzipped (the budget), so the map loads fast on a slow line.
func TestVenuesSizeBudget(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 25,000 venues")
	}
	s := synthetic(t, 25000)
	b, err := Venues(s)
	if err != nil {
		t.Fatal(err)
	}
	var z bytes.Buffer
	w, _ := gzip.NewWriterLevel(&z, gzip.DefaultCompression)
	w.Write(b)
	w.Close()
	t.Logf("lieux.json for %d venues: %d bytes, %d gzipped", len(s.Venues), len(b), z.Len())
	if z.Len() > 1_500_000 {
		t.Errorf("lieux.json gzipped is %d bytes for 25,000 venues, over the 1.5 MB budget", z.Len())
	}
}

func TestFichesAreStandardRows(t *testing.T) {
	s := demo(t)
	for _, d := range s.Depts {
		b, err := Fiches(d)
		if err != nil {
			t.Fatal(err)
		}
		var f fiches
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		if f.Entete != strings.Join(venue.Columns, ",") {
			t.Errorf("header %q", f.Entete)
		}
		for _, v := range d.Venues {
			rec, err := csv.NewReader(strings.NewReader(f.Lignes[v.ID])).Read()
			if err != nil {
				t.Fatalf("%s: %v", v.ID, err)
			}
			r := v.Row
			want := []string{r.ID, r.Pivot, r.Nom, r.Commune, r.CodePostal, r.CodeInsee, r.Adresse, r.ComplementAdresse,
				r.Latitude, r.Longitude, r.Typologie, r.Telephone, r.Courriels, r.SiteWeb, r.Horaires, r.PresentationResume,
				r.PresentationDetail, r.Source, r.Itinerance, r.StructureParente, r.DateMaj, r.Services, r.Publics,
				r.PriseEnCharge, r.Frais, r.Dispositifs, r.FormationsLabels, r.AutresFormations, r.ModalitesAcces,
				r.ModalitesAccompagnement, r.FicheAccesLibre, r.PriseRdv}
			if !slices.Equal(rec, want) {
				t.Errorf("%s: row %q\nwant %q", v.ID, rec, want)
			}
		}
	}
}

func TestSplitRecords(t *testing.T) {
	got, err := splitRecords([]byte("a,b\n\"x\ny\",2\r\nlast,1"))
	if err != nil || !slices.Equal(got, []string{"a,b", "\"x\ny\",2", "last,1"}) {
		t.Errorf("splitRecords = %q, %v", got, err)
	}
	if _, err := splitRecords([]byte("\"open\n")); err == nil {
		t.Error("an unterminated quote must be an error")
	}
}

func TestSearchForm(t *testing.T) {
	for name, want := range map[string]string{
		"Saint-Flour": "st-flour", "Sainte-Marie-aux-Mines": "ste-marie-aux-mines", "La Rochelle": "la-rochelle",
		"L'Abergement-Clémenciat": "l-abergement-clemenciat", "Œuilly": "oeuilly", "Saintes": "saintes",
		"Le Puy-en-Velay": "le-puy-en-velay", "Évry-Courcouronnes": "evry-courcouronnes", "Mont-Saint-Michel": "mont-st-michel",
	} {
		if got := SearchForm(name); got != want {
			t.Errorf("SearchForm(%q) = %q, want %q", name, got, want)
		}
	}
	for form, want := range map[string]string{"la-rochelle": "rochelle", "l-abergement": "abergement", "les-sables": "sables", "lens": "", "le": ""} {
		if got := WithoutArticle(form); got != want {
			t.Errorf("WithoutArticle(%q) = %q, want %q", form, got, want)
		}
	}
}

type indexFile struct {
	Communes [][7]any `json:"communes"`
}

func codes(t *testing.T, files map[string][]byte, name string) map[string]bool {
	t.Helper()
	var f indexFile
	if err := json.Unmarshal(files[name], &f); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string]bool{}
	for _, e := range f.Communes {
		out[e[0].(string)] = true
	}
	return out
}

// TestCommuneIndexFindsEveryCommune plays the client's lookup (geo.js
// nameKey: the longest key that starts the search form) for every commune's
// full name and postcodes, and checks the commune is in the file it picks.
func TestCommuneIndexFindsEveryCommune(t *testing.T) {
	all := geo.Communes()
	files := CommuneIndex(all)
	var idx struct {
		Version     int
		Noms        []string
		Postaux     []string
		Attribution string
	}
	if err := json.Unmarshal(files["index.json"], &idx); err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, k := range idx.Noms {
		keys[k] = true
		if files["noms/"+k+".json"] == nil {
			t.Fatalf("key %s has no file", k)
		}
	}
	cache := map[string]map[string]bool{}
	in := func(name, code string) bool {
		if cache[name] == nil {
			cache[name] = codes(t, files, name)
		}
		return cache[name][code]
	}
	biggest := 0
	for name, b := range files {
		if name != "index.json" {
			biggest = max(biggest, len(b))
		}
	}
	if biggest > 80_000 {
		t.Errorf("largest index file is %d bytes: a search should download little", biggest)
	}
	for _, c := range all {
		for _, form := range []string{SearchForm(c.Nom), WithoutArticle(SearchForm(c.Nom))} {
			if len(form) < 2 {
				continue
			}
			key := ""
			for n := 2; n <= len(form); n++ {
				if keys[form[:n]] {
					key = form[:n]
				}
			}
			if key == "" || !in("noms/"+key+".json", c.Code) {
				t.Errorf("%s %s: not found under key %q", c.Code, c.Nom, key)
			}
		}
		for _, cp := range c.Postcodes {
			p := cp[:2]
			if p == "97" || p == "98" {
				p = cp[:3]
			}
			if !slices.Contains(idx.Postaux, p) || !in("postaux/"+p+".json", c.Code) {
				t.Errorf("%s %s: not found under postcode prefix %s", c.Code, c.Nom, p)
			}
		}
	}
}

func TestOutlines(t *testing.T) {
	b, err := Outlines()
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Properties struct{ Code, Nom string }
			Geometry   struct {
				Type        string
				Coordinates [][][][2]float64
			}
		}
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 101 {
		t.Fatalf("%s with %d features, want 101 départements", fc.Type, len(fc.Features))
	}
	for _, f := range fc.Features {
		if geo.DepartementByCode(f.Properties.Code) == nil || f.Geometry.Type != "MultiPolygon" || len(f.Geometry.Coordinates) == 0 {
			t.Errorf("feature %+v", f.Properties)
		}
		for _, poly := range f.Geometry.Coordinates {
			for _, ring := range poly {
				if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
					t.Errorf("%s: ring of %d points, not closed", f.Properties.Code, len(ring))
				}
				for _, p := range ring {
					if s := fmt.Sprint(p[0]); strings.Contains(s, ".") && len(strings.SplitN(s, ".", 2)[1]) > 3 {
						t.Errorf("%s: %v has more than 3 decimals", f.Properties.Code, p)
					}
				}
			}
		}
	}
	if len(b) > 200_000 {
		t.Errorf("contours.json is %d bytes: the background must stay light", len(b))
	}
}

// FuzzSplitRecords: whatever the fields hold (quotes, commas, line breaks),
// splitting the CSV that encoding/csv writes gives one line per record, each
// of which reads back to its fields.
func FuzzSplitRecords(f *testing.F) {
	f.Add("a", "b,c", "d\"e")
	f.Add("multi\nline", "", "\r\n")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		rows := [][]string{{a, b}, {c, a}, {b, c}}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.WriteAll(rows)
		lines, err := splitRecords(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if len(lines) != len(rows) {
			t.Fatalf("%d lines for %d records: %q", len(lines), len(rows), lines)
		}
		for i, l := range lines {
			want, err := csv.NewReader(strings.NewReader(strings.Join(lines[i:i+1], ""))).Read()
			if err != nil {
				continue // encoding/csv does not read back what it wrote for some inputs (\r); nothing to compare
			}
			all, _ := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
			if i < len(all) && !slices.Equal(want, all[i]) {
				t.Fatalf("line %d %q reads %q, want %q", i, l, want, all[i])
			}
		}
	})
}
