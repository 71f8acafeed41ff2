package search

import (
	"testing"

	"labo/internal/nationalsite"
)

// BenchmarkIndexTokensNational tokenises every field of the national
// documents, as the first pass of the index does.
func BenchmarkIndexTokensNational(b *testing.B) {
	docs := Docs(nationalsite.Site(b))
	words := 0
	nationalsite.Bench(b, func() error {
		ix := newInverted()
		words = 0
		for _, d := range docs {
			for _, f := range d.Fields {
				words += len(ix.tokens(f.Text))
			}
		}
		return nil
	})
	b.ReportMetric(float64(words), "words")
}
