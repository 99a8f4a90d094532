//go:build unix

package main

import (
	"os"
	"syscall"
	"time"
)

// childUsage returns the CPU time (user and system) and the peak resident
// size in bytes of a finished process; -1 for a size it cannot tell.
func childUsage(ps *os.ProcessState) (time.Duration, int64) {
	ru, ok := ps.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), int64(ru.Maxrss) << 10 // KiB on Linux
}
