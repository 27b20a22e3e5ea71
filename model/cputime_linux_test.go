package model

import (
	"syscall"
	"time"
)

// threadCPU returns the CPU time consumed by the calling OS thread (the
// caller must hold runtime.LockOSThread). On a machine shared with other
// work, rates per CPU second are steadier than rates per wall second.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
