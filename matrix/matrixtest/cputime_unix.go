//go:build unix

package matrixtest

import (
	"syscall"
	"time"
)

// CPUTime returns the CPU time used by the process so far (all threads,
// user and system), for benchmarks: under a loaded machine it varies far
// less than the wall time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
