//go:build unix

package nationalsite

import (
	"syscall"
	"time"
)

// CPUTime is the processor time (user and system, every thread, the
// garbage collector's included) this process has used so far: on a shared
// machine, a benchmark's wall time says little, its CPU time is the figure.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
