//go:build !unix

package main

import (
	"os"
	"time"
)

// childUsage returns the CPU time of a finished process and -1: Windows
// has no resident size of a process in its usage.
func childUsage(ps *os.ProcessState) (time.Duration, int64) {
	return ps.UserTime() + ps.SystemTime(), -1
}
