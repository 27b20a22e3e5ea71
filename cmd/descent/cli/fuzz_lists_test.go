package cli

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzNumberLists: --start and --lr lists either parse to finite numbers
// (positive for --lr), one per comma-separated item, that print back to
// the same values, or give a usage error (exit 2) — never a panic.
func FuzzNumberLists(f *testing.F) {
	for _, s := range []string{"1,2", " -1.2 , 1 ", "1e-400", "1e400", "nan", "0x1p-3", "1,,2", "", ",", "0.1,0.01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parseFloats("--start", s)
		if err != nil {
			var ue usageError
			if !errors.As(err, &ue) {
				t.Fatalf("%q: error %v is not a usage error", s, err)
			}
		} else {
			if len(v) != strings.Count(s, ",")+1 {
				t.Fatalf("%q: %d values", s, len(v))
			}
			for _, x := range v {
				if math.IsNaN(x) || math.IsInf(x, 0) {
					t.Fatalf("%q: non-finite %g", s, x)
				}
				if y, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', -1, 64), 64); y != x {
					t.Fatalf("%q: %g does not round-trip", s, x)
				}
			}
		}
		if lr, err := parseLRs(s); err == nil {
			for _, x := range lr {
				if !(x > 0) {
					t.Fatalf("%q: rate %g accepted", s, x)
				}
			}
		}
	})
}
