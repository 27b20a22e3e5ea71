package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCompareGrid: the map over x² + 10y² (L = 20) reports per momentum
// the largest stable grid rate, one grid cell from 2(1+β)/L at most, and
// draws the heat map.
func TestCompareGrid(t *testing.T) {
	plot := filepath.Join(t.TempDir(), "grid.png")
	out, errs, code := runCLI(t, "compare", "--expr", "x^2+10*y^2", "--start", "1,1", "--grid", "lr=1e-3..1:13,momentum=0..0.9:4", "--plot", plot, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		LRs     []float64  `json:"lrs"`
		Momenta []float64  `json:"momenta"`
		Stable  []*float64 `json:"stable"`
		Theory  []*float64 `json:"theory"`
		L       float64    `json:"L"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.LRs) != 13 || len(r.Momenta) != 4 || math.Abs(r.LRs[12]-1) > 1e-12 || math.Abs(r.Momenta[3]-0.9) > 1e-12 {
		t.Fatalf("grid %v × %v", r.LRs, r.Momenta)
	}
	step := math.Pow(10, 0.25) // 13 rates over 3 decades
	for i, b := range r.Momenta {
		theory := 2 * (1 + b) / 20
		if r.Stable[i] == nil || *r.Stable[i] > theory*(1+1e-12) || *r.Stable[i] < theory/(step*step) {
			t.Errorf("β = %g: largest stable %v, theory %g", b, r.Stable[i], theory)
		}
	}
	if st, err := os.Stat(plot); err != nil || st.Size() < 1000 {
		t.Errorf("plot: %v", err)
	}
	for _, bad := range []string{"lr=1..0.1:3,momentum=0..0.5:2", "lr=0..1:3,momentum=0..0.5:2", "lr=0.1..1:3", "lr=0.1..1:3,momentum=0..1:2", "lr=0.1..1:0,momentum=0..0.5:2", "x=1..2:2"} {
		_, errs, code := runCLI(t, "compare", "--func", "sphere", "--grid", bad)
		if code != 2 || !strings.Contains(errs, "--grid") {
			t.Errorf("--grid %s: exit %d: %s", bad, code, errs)
		}
	}
}

// FuzzParseGrid: --grid either gives increasing positive rates and
// momenta in [0, 1) or a usage error, never a panic.
func FuzzParseGrid(f *testing.F) {
	for _, s := range []string{"lr=1e-3..1:9,momentum=0..0.9:4", "lr=1..1:1,momentum=0..0:1", "lr=..:", "momentum=0..0.99:200,lr=0.1..10:3", "lr=1e-400..1:3,momentum=0..0.5:2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lrs, mom, err := parseGrid(s)
		if err != nil {
			return
		}
		for k, v := range lrs {
			if !(v > 0) || math.IsInf(v, 0) || (k > 0 && v < lrs[k-1]) {
				t.Fatalf("%q: rates %v", s, lrs)
			}
		}
		for _, v := range mom {
			if !(v >= 0 && v < 1) {
				t.Fatalf("%q: momenta %v", s, mom)
			}
		}
	})
}
