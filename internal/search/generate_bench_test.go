package search

import (
	"testing"

	"labo/internal/nationalsite"
)

// BenchmarkGenerateNational is the search part of a national build
// (nationalsite: 25,000 venues, 2,000 guides): documents, index, shards and
// every job's bytes.
func BenchmarkGenerateNational(b *testing.B) {
	s := nationalsite.Site(b)
	nationalsite.Bench(b, func() error {
		jobs, _ := Generate(s)
		for _, j := range jobs {
			if j.Make != nil {
				if _, err := j.Make(); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
