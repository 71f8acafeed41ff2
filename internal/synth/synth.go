// Package synth writes deterministic synthetic venue files at national scale
// (data/lieux.csv in the national standard, data/qualifications.csv), for
// the map's size budget test and its browser benchmark. Venues sit in real
// communes (internal/geo), with plausible names, hours and vocabularies; a
// few have no position, as itinerant venues do.
package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"labo/internal/csvio"
	"labo/internal/geo"
	"labo/internal/venue"
)

var (
	kinds = []struct{ name, typ string }{
		{"Espace numérique", "TIERS_LIEUX"}, {"France Services", "FS"}, {"Médiathèque", "MEDIATHEQUE"},
		{"CCAS", "CCAS"}, {"Centre social", "CS"}, {"Point numérique CAF", "CAF"}, {"Association Clic et Vous", "ASSO"},
	}
	streets  = []string{"place de la Mairie", "rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "place du Marché", "rue de l'École"}
	hoursSet = []string{
		"Mo-Fr 09:00-12:00,14:00-17:00; PH off",
		"Tu-Sa 10:00-18:00",
		"Mo,We,Fr 09:00-12:30",
		"Mo-Th 08:30-12:00,13:30-17:00; Fr 08:30-12:00",
		"We 14:00-18:00; Sa 09:00-12:00",
		"",
	}
	services = []string{"DEM-01", "DEM-02", "DEM-03", "DEM-04", "DEM-05", "OUT-01", "OUT-02", "OUT-03", "OUT-04", "OUT-05",
		"EMP-01", "EMP-02", "EMP-03", "SEC-01", "SEC-02", "SEC-05", "FAM-01", "FAM-03", "EQU-01", "EQU-03"}
)

type qualification struct {
	LieuID   string `csv:"lieu_id"`
	Services string `csv:"services"`
	Statut   string `csv:"statut"`
	Depuis   string `csv:"qualifie_le"`
	Jusqu    string `csv:"expire_le"`
	Pass     string `csv:"pass_numerique"`
}

// pick returns a random subset of list (each item with probability p), in list order.
func pick(r *rand.Rand, list []string, p float64) []string {
	var out []string
	for _, x := range list {
		if r.Float64() < p {
			out = append(out, x)
		}
	}
	return out
}

// Venues returns n venues and their qualifications as CSV files, the same
// for the same n and seed.
func Venues(n int, seed uint64) (lieux, qualifications []byte, err error) {
	r := rand.New(rand.NewPCG(seed, 0x6c61626f))
	var places []*geo.Commune
	for _, c := range geo.Communes() {
		if c.Precision == 'c' && len(c.Postcodes) > 0 {
			places = append(places, c)
		}
	}
	rows := make([]venue.Row, 0, n)
	var quals []qualification
	for i := range n {
		c := places[r.IntN(len(places))]
		k := kinds[r.IntN(len(kinds))]
		id := fmt.Sprintf("syn-%05d-%s", i, strings.ToLower(c.Code))
		row := venue.Row{
			ID: id, Pivot: fmt.Sprintf("%014d", 10000000000000+i), Nom: k.name + " de " + c.Nom,
			Commune: c.Nom, CodePostal: c.Postcodes[0], CodeInsee: c.Code,
			Adresse: fmt.Sprintf("%d %s", 1+r.IntN(60), streets[r.IntN(len(streets))]), Typologie: k.typ,
			Telephone: fmt.Sprintf("+33%09d", 100000000+r.IntN(800000000)), Horaires: hoursSet[r.IntN(len(hoursSet))],
			Source: "Synthétique", DateMaj: fmt.Sprintf("2026-%02d-%02d", 1+r.IntN(10), 1+r.IntN(28)),
			Services:                strings.Join(pick(r, venue.Services, 0.35), "|"),
			Publics:                 strings.Join(pick(r, venue.Publics, 0.15), "|"),
			PriseEnCharge:           strings.Join(pick(r, venue.PrisesEnCharge, 0.12), "|"),
			Frais:                   venue.Frais[r.IntN(len(venue.Frais))],
			ModalitesAcces:          strings.Join(pick(r, venue.ModalitesAcces[:4], 0.5), "|"),
			ModalitesAccompagnement: strings.Join(pick(r, venue.ModalitesAccompagnement, 0.5), "|"),
		}
		if r.IntN(100) != 0 { // 1 % itinerant, without a position
			row.Latitude = fmt.Sprintf("%.5f", c.Point.Lat()+(r.Float64()-0.5)*0.02)
			row.Longitude = fmt.Sprintf("%.5f", c.Point.Lon()+(r.Float64()-0.5)*0.02)
			row.Itinerance = "Fixe"
		} else {
			row.Itinerance = "Itinérant"
		}
		rows = append(rows, row)
		if r.IntN(10) < 4 {
			svc := pick(r, services, 0.25)
			if len(svc) == 0 {
				svc = []string{services[r.IntN(len(services))]}
			}
			pass := "non"
			if r.IntN(3) > 0 {
				pass = "oui"
			}
			quals = append(quals, qualification{LieuID: id, Services: strings.Join(svc, "|"), Statut: "qualifiée",
				Depuis: "2025-06-01", Jusqu: "2027-06-01", Pass: pass})
		}
	}
	if lieux, err = csvio.Write(rows); err != nil {
		return nil, nil, err
	}
	qualifications, err = csvio.Write(quals)
	return lieux, qualifications, err
}

// Site writes a site folder in dir: site.toml from root (the demo, with
// tiles disabled when noTiles is set), its content/ and data/, and n venues:
// the demo's own, then synthetic ones.
func Site(root, dir string, n int, noTiles bool) error {
	for _, name := range []string{"content", "data"} {
		if err := os.CopyFS(filepath.Join(dir, name), os.DirFS(filepath.Join(root, name))); err != nil {
			return err
		}
	}
	toml, err := os.ReadFile(filepath.Join(root, "site.toml"))
	if err != nil {
		return err
	}
	var out [][]byte
	for _, l := range bytes.Split(toml, []byte("\n")) {
		key := bytes.TrimSpace(l)
		switch {
		case noTiles && bytes.HasPrefix(key, []byte("tiles")):
			l = []byte(`tiles = ""`)
		case bytes.HasPrefix(key, []byte("previous_release")):
			continue // no previous release of synthetic venues to compare with
		}
		out = append(out, l)
	}
	toml = bytes.Join(out, []byte("\n"))
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), toml, 0o644); err != nil {
		return err
	}
	// The demo's own venues stay (its usage records and actions name them);
	// synthetic ones make up the rest of the n.
	demo, err := os.ReadFile(filepath.Join(root, "data", "lieux.csv"))
	if err != nil {
		return err
	}
	demoQuals, err := os.ReadFile(filepath.Join(root, "data", "qualifications.csv"))
	if err != nil {
		return err
	}
	lieux, quals, err := Venues(max(0, n-(bytes.Count(demo, []byte("\n"))-1)), 2026)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "data", "lieux.csv"), appendRows(demo, lieux), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "data", "qualifications.csv"), appendRows(demoQuals, quals), 0o644)
}

// appendRows adds the data lines of b (its header dropped) to a, a CSV file
// with the same header.
func appendRows(a, b []byte) []byte {
	_, rows, _ := bytes.Cut(b, []byte("\n"))
	out := append([]byte{}, a...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(out, rows...)
}
