//go:build !unix

package nationalsite

import "time"

// CPUTime is 0 where getrusage is missing.
func CPUTime() time.Duration { return 0 }
