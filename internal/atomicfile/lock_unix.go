//go:build unix

package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive flock on f, held until f is closed or the
// process ends (the kernel releases it when a killed writer's descriptors
// close). Failing to lock only means a later Write may not clean up after
// this one.
func lock(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }

// unlocked reports whether no process holds the lock on the file at
// path: its writer is gone.
func unlocked(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) == nil
}
