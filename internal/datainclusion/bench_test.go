package datainclusion

import (
	"testing"

	"labo/internal/nationalsite"
)

func BenchmarkStructuresNational(b *testing.B) {
	s := nationalsite.Site(b)
	nationalsite.Bench(b, func() error { Structures(s); return nil })
}

func BenchmarkServicesNational(b *testing.B) {
	s := nationalsite.Site(b)
	nationalsite.Bench(b, func() error { Services(s); return nil })
}
