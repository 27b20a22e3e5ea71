//go:build js

package yield

import (
	"runtime"
	"sync/atomic"
)

var calls atomic.Uint32

// Point yields to the scheduler every 64th call.
func Point() {
	if calls.Add(1)%64 == 0 {
		runtime.Gosched()
	}
}
