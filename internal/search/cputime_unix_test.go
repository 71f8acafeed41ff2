//go:build unix

package search

import (
	"syscall"
	"time"
)

// cpuTime is the processor time (user and system) used by this process so
// far. Benchmarks report it beside wall time, which a busy machine inflates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
