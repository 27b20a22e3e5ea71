//go:build !race

package train

// raceEnabled reports whether the race detector is on; it slows the code
// down about tenfold, so timing checks are skipped.
const raceEnabled = false
