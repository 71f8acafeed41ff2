package gen

import (
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"labo/internal/geo"
)

//go:embed communes.tsv
var communesTSV string

// dept is a département of the embedded table with its largest communes.
type dept struct {
	*geo.Departement
	lat, lon, zoom float64
	population     int
	communes       []commune
	weights        []float64 // cumulative, for drawing a commune by population
}

type commune struct {
	insee, name string
	postcodes   []string
	population  int
}

var (
	deptsOnce sync.Once
	deptTable []*dept
	deptErr   error
)

// depts parses the embedded table once.
func depts() ([]*dept, error) {
	deptsOnce.Do(func() { deptTable, deptErr = parseCommunes(communesTSV) })
	return deptTable, deptErr
}

func parseCommunes(tsv string) ([]*dept, error) {
	var out []*dept
	for n, line := range strings.Split(tsv, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		bad := func() error { return fmt.Errorf("communes.tsv:%d: malformed line %q", n+1, line) }
		switch {
		case f[0] == "D" && len(f) == 6:
			d := &dept{Departement: geo.DepartementByCode(f[1])}
			if d.Departement == nil {
				return nil, fmt.Errorf("communes.tsv:%d: unknown département %q", n+1, f[1])
			}
			var err [4]error
			d.lat, err[0] = strconv.ParseFloat(f[2], 64)
			d.lon, err[1] = strconv.ParseFloat(f[3], 64)
			d.zoom, err[2] = strconv.ParseFloat(f[4], 64)
			d.population, err[3] = strconv.Atoi(f[5])
			for _, e := range err {
				if e != nil {
					return nil, bad()
				}
			}
			out = append(out, d)
		case f[0] == "C" && len(f) == 5 && len(out) > 0:
			pop, err := strconv.Atoi(f[4])
			if err != nil {
				return nil, bad()
			}
			d := out[len(out)-1]
			d.communes = append(d.communes, commune{insee: f[1], name: f[2], postcodes: strings.Split(f[3], "|"), population: pop})
			// Venues follow people, but not linearly: small towns have a
			// venue too (sqrt keeps Paris from taking everything).
			w := math.Sqrt(float64(max(pop, 1)))
			if k := len(d.weights); k > 0 {
				w += d.weights[k-1]
			}
			d.weights = append(d.weights, w)
		default:
			return nil, bad()
		}
	}
	return out, nil
}
