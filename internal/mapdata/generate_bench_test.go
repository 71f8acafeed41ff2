package mapdata

import (
	"testing"

	"labo/internal/geo"
	"labo/internal/nationalsite"
)

// BenchmarkGenerateNational is the map-data part of a national build
// (nationalsite: 25,000 venues): the compact venues, outlines, commune
// index, fiches and GeoJSON of every département, every job's bytes made.
func BenchmarkGenerateNational(b *testing.B) {
	s := nationalsite.Site(b)
	nationalsite.Bench(b, func() error {
		jobs, _ := Generate(s)
		for _, j := range jobs {
			if _, err := j.Make(); err != nil {
				return err
			}
		}
		return nil
	})
}

func BenchmarkCommuneIndex(b *testing.B) {
	communes := geo.Communes()
	nationalsite.Bench(b, func() error { CommuneIndex(communes); return nil })
}

func BenchmarkVenuesNational(b *testing.B) {
	s := nationalsite.Site(b)
	nationalsite.Bench(b, func() error { _, err := Venues(s); return err })
}

func BenchmarkFichesNational(b *testing.B) {
	s := nationalsite.Site(b)
	nationalsite.Bench(b, func() error {
		for _, d := range s.Depts {
			if _, err := Fiches(d); err != nil {
				return err
			}
		}
		return nil
	})
}

func BenchmarkGeoJSONNational(b *testing.B) {
	s := nationalsite.Site(b)
	nationalsite.Bench(b, func() error { _, err := GeoJSON(s.Venues, s.Config.Abs); return err })
}

func BenchmarkOutlines(b *testing.B) {
	nationalsite.Bench(b, func() error { _, err := Outlines(); return err })
}

func BenchmarkCommuneFiles(b *testing.B) {
	communes := geo.Communes()
	nationalsite.Bench(b, func() error { communeFiles(communes); return nil })
}
