package optim

import (
	"strings"
	"testing"
)

// TestCheckMemory (issue 13): a user-sized memory longer than the run, or
// above 1 GiB (L-BFGS keeps m·(2n+2) values: m = 1000 pairs for n = 1e5
// parameters is 1.49 GiB), is refused with the key and the valid range.
func TestCheckMemory(t *testing.T) {
	for _, tc := range []struct {
		a        Algorithm
		n, steps int
		want     string
	}{
		{&LBFGS{History: 100000000}, 2, 1000, "history=100000000: longer than the run's 1000 steps, so never filled: use at most 1000"},
		{&BB{Memory: 1000000000}, 2, 1000, "memory=1000000000: longer than the run's 1000 steps"},
		{&LBFGS{History: 1000}, 100000, 5000, "history=1000: needs 1.49 GiB for 100000 parameters, above the limit of 1 GiB: use at most 671"},
		{&LBFGS{History: 10}, 2, 1000, ""},
		{&LBFGS{History: 10}, 2, 0, ""},
		{&Adam{}, 1 << 30, 10, ""},
	} {
		err := CheckMemory(tc.a, tc.n, tc.steps)
		if (tc.want == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%T n=%d steps=%d: %v, want %q", tc.a, tc.n, tc.steps, err, tc.want)
		}
	}
}
