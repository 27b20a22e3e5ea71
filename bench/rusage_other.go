//go:build !unix

package main

// cpuSeconds is not available on this system.
func cpuSeconds() float64 { return 0 }

// maxRSS is not available on this system.
func maxRSS() int64 { return -1 }
