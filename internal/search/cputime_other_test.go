//go:build !unix

package search

import "time"

// cpuTime is not measured on this system.
func cpuTime() time.Duration { return 0 }
