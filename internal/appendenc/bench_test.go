package appendenc

import (
	"strings"
	"testing"
)

var french = strings.Repeat("Apprendre à utiliser un ordinateur, un smartphone ou une tablette, envoyer des courriels, ranger ses documents, échanger en visio. ", 4)

func BenchmarkJSONString(b *testing.B) {
	buf := make([]byte, 0, 4096)
	b.SetBytes(int64(len(french)))
	for b.Loop() {
		buf = JSONString(buf[:0], french)
	}
}

func BenchmarkCSVField(b *testing.B) {
	buf := make([]byte, 0, 4096)
	b.SetBytes(int64(len(french)))
	for b.Loop() {
		buf = CSVField(buf[:0], french)
	}
}
