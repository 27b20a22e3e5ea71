package data

import (
	"os"
	"strconv"
	"strings"
	"testing"
)

// anonHugeKB returns the process's AnonHugePages from
// /proc/self/smaps_rollup, in kB.
func anonHugeKB(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/smaps_rollup")
	if err != nil {
		t.Skip("no /proc/self/smaps_rollup:", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "AnonHugePages:" {
			v, err := strconv.Atoi(f[1])
			if err != nil {
				t.Fatal(l)
			}
			return v
		}
	}
	t.Skip("smaps_rollup has no AnonHugePages")
	return 0
}

// TestMakeFloatsHugePages: where the kernel's transparent huge pages are
// on (always or madvise), a 64 MB matrix from MakeFloats, once touched, is
// held mostly in huge pages, as the kernel reports them.
func TestMakeFloatsHugePages(t *testing.T) {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	if err != nil || strings.Contains(string(mode), "[never]") {
		t.Skip("transparent huge pages are off here")
	}
	before := anonHugeKB(t)
	x := MakeFloats(8 << 20)
	for i := 0; i < len(x); i += 512 {
		x[i] = 1
	}
	got := anonHugeKB(t) - before
	if got < 32<<10 {
		t.Errorf("AnonHugePages grew by %d kB after touching 64 MB from MakeFloats, want ≥ 32768 kB", got)
	}
	_ = x[len(x)-1]
}
