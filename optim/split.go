package optim

import (
	"runtime"
	"sync"
)

// splitMin is the number of parameters from which an element-wise step is
// split across cores: below it a step takes under about 0.2 ms and the
// hand-off would cost more than it saves.
const splitMin = 1 << 16

// splitPart is the smallest part a split gives one core.
const splitPart = 1 << 15

// splitter runs an element-wise update over [0, n) in contiguous parts on
// the package's worker goroutines, one part per core up to GOMAXPROCS.
// Each element is computed by the same scalar code whatever the part it
// falls in, so the result is bit-identical for any GOMAXPROCS (and to the
// unsplit loop). The zero value is ready; run allocates only its first
// WaitGroup.
type splitter struct {
	wg *sync.WaitGroup
}

// splitWork is one part of a split: body(lo, hi), then done.
type splitWork struct {
	body   func(lo, hi int)
	lo, hi int
	wg     *sync.WaitGroup
}

var (
	splitOnce sync.Once
	splitCh   chan splitWork
)

// splitWorkers starts the package's workers once: runtime.NumCPU() − 1
// goroutines that live as long as the process, as the runtime's own do.
func splitWorkers() {
	splitCh = make(chan splitWork)
	for range max(runtime.NumCPU()-1, 1) {
		go func() {
			for w := range splitCh {
				w.body(w.lo, w.hi)
				w.wg.Done()
			}
		}()
	}
}

// run calls body over [0, n): on the calling goroutine when n < splitMin
// or GOMAXPROCS is 1, else in parts, the first on the calling goroutine.
// body must touch only the elements of its range.
func (s *splitter) run(n int, body func(lo, hi int)) {
	if n < splitMin {
		// Decided before asking the runtime: GOMAXPROCS(0) takes a lock,
		// which on a small problem costs as much as the step itself.
		body(0, n)
		return
	}
	parts := min(runtime.GOMAXPROCS(0), runtime.NumCPU(), n/splitPart)
	if parts < 2 {
		body(0, n)
		return
	}
	splitOnce.Do(splitWorkers)
	if s.wg == nil {
		s.wg = new(sync.WaitGroup)
	}
	size := (n + parts - 1) / parts
	s.wg.Add(parts - 1)
	for p := 1; p < parts; p++ {
		splitCh <- splitWork{body: body, lo: p * size, hi: min((p+1)*size, n), wg: s.wg}
	}
	body(0, size)
	s.wg.Wait()
}
