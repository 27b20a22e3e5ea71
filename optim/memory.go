package optim

import "fmt"

// MaxMemoryBytes bounds what an algorithm's user-sized memory (L-BFGS's
// history, Barzilai–Borwein's nonmonotone window) may allocate: 1 GiB.
const MaxMemoryBytes = 1 << 30

// Memoried is an algorithm that keeps a memory of past iterations whose
// length the user sets: its spec key, that length, and the float64 values
// it allocates for n parameters.
type Memoried interface {
	MemorySize(n int) (key string, length, floats int)
}

// smallMemory is the length up to which a memory longer than the run is
// harmless (the defaults are 10).
const smallMemory = 1000

// CheckMemory reports a user-sized memory that cannot be used or would
// not fit: longer than the run's steps and than smallMemory (a memory of m
// past iterations is never full before step m; steps ≤ 0 means unknown) or above
// MaxMemoryBytes for n parameters. The error names the key and the valid
// range; an algorithm without such a memory passes.
func CheckMemory(a Algorithm, n, steps int) error {
	m, ok := a.(Memoried)
	if !ok {
		return nil
	}
	key, length, floats := m.MemorySize(n)
	if steps > 0 && length > steps && length > smallMemory {
		return fmt.Errorf("%s=%d: longer than the run's %d steps, so never filled: use at most %d", key, length, steps, steps)
	}
	if float64(floats)*8 > MaxMemoryBytes {
		return fmt.Errorf("%s=%d: needs %.3g GiB for %d parameters, above the limit of 1 GiB: use at most %d", key, length, float64(floats)*8/(1<<30), n, length*MaxMemoryBytes/8/max(floats, 1))
	}
	return nil
}
