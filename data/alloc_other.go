//go:build !linux

package data

// MakeFloats returns make([]float64, n), for a data matrix (see alloc_linux.go: elsewhere
// there is no huge-page advice to give).
func MakeFloats(n int) []float64 { return make([]float64, n) }
