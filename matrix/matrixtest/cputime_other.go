//go:build !unix

package matrixtest

import "time"

// CPUTime is the wall time since the process started where the system
// gives no CPU time of the process (Windows: the benchmarks then report
// wall time).
func CPUTime() time.Duration { return time.Since(processStart) }

var processStart = time.Now()
