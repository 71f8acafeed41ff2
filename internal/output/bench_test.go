package output

import (
	"fmt"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
)

// BenchmarkCreatePage measures what no build can go under: creating one
// page (a folder of its own and a 15 kB index.html, as /lieux/<id>/) in a
// new site folder under TMPDIR, on every processor. "tree" is how labo
// writes (a direct tree streaming into its staging folder), "os" is
// os.MkdirAll and os.WriteFile. ns/op times the number of files of a site,
// divided by the processors, is the wall time of its writes alone
// (docs/benchmarks.md, "Writing files").
func BenchmarkCreatePage(b *testing.B) {
	data := make([]byte, 15000)
	for i := range data {
		data[i] = 'a' + byte(i%26)
	}
	page := func(i int64) string { return fmt.Sprintf("lieux/%02d/lieu-%d/index.html", i%100, i) }
	b.Run("tree", func(b *testing.B) {
		t, err := NewDirectTree(filepath.Join(b.TempDir(), "public"))
		if err != nil {
			b.Fatal(err)
		}
		var n atomic.Int64
		b.SetBytes(int64(len(data)))
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if err := t.Add(page(n.Add(1)), data); err != nil {
					b.Error(err)
					return
				}
			}
		})
		b.StopTimer()
		t.Discard()
	})
	b.Run("os", func(b *testing.B) {
		root := b.TempDir()
		var n atomic.Int64
		b.SetBytes(int64(len(data)))
		b.ResetTimer()
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				name := filepath.Join(root, filepath.FromSlash(page(n.Add(1))))
				if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
					b.Error(err)
					return
				}
				if err := os.WriteFile(name, data, 0o644); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}
