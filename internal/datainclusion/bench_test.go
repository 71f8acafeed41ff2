package datainclusion

import (
	"testing"

	"labo/internal/nationalsite"
)

func BenchmarkStructuresNational(b *testing.B) {
	s := nationalsite.Site(b)
	b.ReportAllocs()
	for b.Loop() {
		Structures(s)
	}
}

func BenchmarkServicesNational(b *testing.B) {
	s := nationalsite.Site(b)
	b.ReportAllocs()
	for b.Loop() {
		Services(s)
	}
}
