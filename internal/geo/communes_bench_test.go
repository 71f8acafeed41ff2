package geo

import "testing"

// BenchmarkLoadCommunes decodes the embedded commune table, which every
// build and check does once (venue checks look communes up).
func BenchmarkLoadCommunes(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		loadCommunes()
	}
}
