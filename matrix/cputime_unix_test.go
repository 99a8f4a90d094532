//go:build unix

package matrix_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time used by the process so far (all threads,
// user and system): under a loaded machine it varies far less than the wall
// time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
