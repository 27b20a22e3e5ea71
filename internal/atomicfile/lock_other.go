//go:build !unix

package atomicfile

import "os"

// lock does nothing where flock is not available.
func lock(*os.File) {}

// unlocked reports false where a live writer cannot be told from a dead
// one: Write then leaves other temporary files alone.
func unlocked(string) bool { return false }
