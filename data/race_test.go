//go:build race

package data

// raceEnabled reports whether the race detector is on; the long randomized
// tests then use fewer inputs.
const raceEnabled = true
