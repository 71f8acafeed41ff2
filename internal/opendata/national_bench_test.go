package opendata

import (
	"testing"

	"labo/internal/nationalsite"
)

// BenchmarkGenerateNational is opendata.Generate alone on the national site
// (nationalsite: 25,000 venues): what is computed before any job runs.
func BenchmarkGenerateNational(b *testing.B) {
	s := nationalsite.Site(b)
	nationalsite.Bench(b, func() error { Generate(s); return nil })
}

// BenchmarkDatasetNational makes each dataset of the national site.
func BenchmarkDatasetNational(b *testing.B) {
	s := nationalsite.Site(b)
	_, datasets := Generate(s)
	for _, d := range datasets {
		b.Run(d.Name, func(b *testing.B) {
			nationalsite.Bench(b, func() error { _, err := d.Produce(); return err })
		})
	}
}
