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
	b.ReportAllocs()
	for b.Loop() {
		jobs, _ := Generate(s)
		for _, j := range jobs {
			if _, err := j.Make(); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkCommuneIndex(b *testing.B) {
	communes := geo.Communes()
	b.ReportAllocs()
	for b.Loop() {
		CommuneIndex(communes)
	}
}

func BenchmarkVenuesNational(b *testing.B) {
	s := nationalsite.Site(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Venues(s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFichesNational(b *testing.B) {
	s := nationalsite.Site(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range s.Depts {
			if _, err := Fiches(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkGeoJSONNational(b *testing.B) {
	s := nationalsite.Site(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GeoJSON(s.Venues, s.Config.Abs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOutlines(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Outlines(); err != nil {
			b.Fatal(err)
		}
	}
}
