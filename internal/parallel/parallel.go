// Package parallel runs independent work items on a bounded pool of
// goroutines and collects every error, so callers can report all failures at
// once instead of stopping at the first.
package parallel

import (
	"runtime"
	"sync"
)

// Each calls fn for every item on min(workers, len(items)) goroutines
// (GOMAXPROCS when workers ≤ 0) and returns the errors in item order.
func Each[T any](items []T, workers int, fn func(T) error) []error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = min(workers, len(items))
	errs := make([]error, len(items))
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				errs[i] = fn(items[i])
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	out := errs[:0]
	for _, err := range errs {
		if err != nil {
			out = append(out, err)
		}
	}
	return out
}

// Chunks splits [0, n) into one range [lo, hi) per processor, for work
// that is cheaper done in runs than item by item.
func Chunks(n int) [][2]int {
	procs := runtime.GOMAXPROCS(0)
	chunks := make([][2]int, 0, procs)
	for lo, size := 0, (n+procs-1)/procs; lo < n; lo += size {
		chunks = append(chunks, [2]int{lo, min(lo+size, n)})
	}
	return chunks
}
