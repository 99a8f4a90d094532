//go:build !unix

package matrix_test

import "time"

// cpuTime is the wall time since the process started where the system
// gives no CPU time of the process (Windows: the benchmarks then report
// wall time).
func cpuTime() time.Duration { return time.Since(processStart) }

var processStart = time.Now()
