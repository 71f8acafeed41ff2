package parallel

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
)

func TestEachRunsAllAndKeepsErrorOrder(t *testing.T) {
	items := make([]int, 100)
	for i := range items {
		items[i] = i
	}
	var sum atomic.Int64
	errs := Each(items, 3, func(i int) error {
		sum.Add(int64(i))
		if i%30 == 7 {
			return fmt.Errorf("item %d", i)
		}
		return nil
	})
	if sum.Load() != 4950 {
		t.Errorf("sum = %d, not every item ran", sum.Load())
	}
	if got := errors.Join(errs...).Error(); got != "item 7\nitem 37\nitem 67\nitem 97" {
		t.Errorf("errors = %q", got)
	}
	if Each([]int{}, 0, func(int) error { return nil }) != nil && len(Each([]int{}, 0, func(int) error { return nil })) != 0 {
		t.Error("empty input must give no error")
	}
}
