package lrfind

import (
	"math"
	"testing"

	"github.com/descentgo/descent/optim"
)

// diagQuad is f = ½ Σ λ_i x_i², L = max λ_i.
type diagQuad struct{ lam []float64 }

func (q diagQuad) Dim() int { return len(q.lam) }
func (q diagQuad) Value(x []float64) float64 {
	var s float64
	for i, v := range x {
		s += 0.5 * q.lam[i] * v * v
	}
	return s
}
func (q diagQuad) ValueGrad(g, x []float64) float64 {
	for i, v := range x {
		g[i] = q.lam[i] * v
	}
	return q.Value(x)
}

func TestSuggestionWithinStableRange(t *testing.T) {
	tests := []struct {
		name string
		lam  []float64
		x0   []float64
	}{
		{"x²+10y²", []float64{2, 20}, []float64{3, 1}},
		{"isotropic L=1", []float64{1, 1}, []float64{1, 1}},
		{"L=1000 kappa=10", []float64{100, 1000}, []float64{1, 1}},
		{"L=0.5", []float64{0.5, 0.05, 0.2}, []float64{2, -1, 1}},
		{"kappa=100 n=5", []float64{1, 3, 10, 30, 100}, []float64{1, 1, 1, 1, 1}},
		{"kappa=1000, far start", []float64{1e-3, 1}, []float64{100, 1}},
		{"L=1e4", []float64{1e4}, []float64{1e-3}},
	}
	for _, tc := range tests {
		L := 0.0
		for _, l := range tc.lam {
			L = math.Max(L, l)
		}
		for _, opt := range []optim.Optimizer{&optim.GD{}} {
			r, err := ForFunc(diagQuad{tc.lam}, tc.x0, opt, Settings{})
			if err != nil {
				t.Fatal(err)
			}
			lo, hi := 0.25*2/L, 0.6*2/L
			if r.Suggested < lo || r.Suggested > hi {
				t.Errorf("%s/%s: suggested %g (minimum %g, valley %g, steepest %g) outside [%g, %g]", tc.name, opt, r.Suggested, r.Minimum, r.Valley, r.Steepest, lo, hi)
			}
			if tc.name == "x²+10y²" && !r.StoppedEarly {
				t.Errorf("%s: sweep to 10 did not blow up", tc.name)
			}
			if tc.x0[0] != tc.x0[0] {
				t.Fatal("x0 modified")
			}
		}
	}
}

func TestValleyMatchesFastai(t *testing.T) {
	// fastai.callback.schedule.valley on this sequence (computed by hand):
	// the longest decreasing subsequence runs from index 1 (5) to 6 (0.5),
	// lds[6] = 6, max_start = 6 − 6 = 0, sections = 2, idx = 0 + 2 + 1 = 3.
	losses := []float64{4, 5, 3, 2.5, 2, 1, 0.5, 3, 9}
	lrs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}
	if got := valley(lrs, losses); got != 4 {
		t.Fatalf("valley = %g, want 4", got)
	}
	if got := minimum(lrs, losses); got != 0.7 {
		t.Fatalf("minimum = %g, want 0.7 (a tenth of lr 7 at the lowest loss 0.5)", got)
	}
	if got := steepest(lrs, losses); got != 6 {
		// slopes over log lr: (3−5)/log(3/2) = −4.93, (1−2)/log(6/5) = −5.48
		// (the most negative), (0.5−1)/log(7/6) = −3.24.
		t.Fatalf("steepest = %g, want 6", got)
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		s    Settings
		want string
	}{
		{Settings{StartLR: -1}, "start_lr: -1: must be a positive number"},
		{Settings{StartLR: 1, EndLR: 0.5}, "end_lr: 0.5: must be larger than the start rate 1"},
		{Settings{Steps: 3}, "steps: 3: need at least 5"},
	} {
		_, err := Sweep(func(float64) float64 { return 1 }, tc.s)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%+v: %v, want %q", tc.s, err, tc.want)
		}
	}
}
