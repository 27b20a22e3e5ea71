package schedule

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

type torchCase struct {
	Spec    string    `json:"spec"`
	BaseLR  float64   `json:"base_lr"`
	Warmup  int       `json:"warmup"`
	LR      []float64 `json:"lr"`
	Metrics []float64 `json:"metrics"`
	Note    string    `json:"note"`

	// schedule_extra.json: the optimizer ("sgd" with momentum 0.9, or
	// "adam") and its momentum (betas[0] for adam) before each step.
	Optimizer string    `json:"optimizer"`
	Momentum  []float64 `json:"momentum"`
}

// loadTorch returns the cases of schedule.json (gen_schedule.py) and
// schedule_extra.json (gen_schedule_extra.py: momentum, sequential,
// chained, lambda).
func loadTorch(t testing.TB) []torchCase {
	t.Helper()
	var all []torchCase
	for _, name := range []string{"schedule.json", "schedule_extra.json"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "torch", name))
		if err != nil {
			t.Fatal(err)
		}
		var f struct {
			Torch string      `json:"torch"`
			Steps int         `json:"steps"`
			Cases []torchCase `json:"cases"`
		}
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		if len(f.Cases) == 0 || f.Steps < 200 {
			t.Fatalf("%s: %d cases of %d steps", name, len(f.Cases), f.Steps)
		}
		all = append(all, f.Cases...)
	}
	return all
}

func (c torchCase) name() string {
	n := c.Spec
	if c.Warmup > 0 {
		n = fmt.Sprintf("warmup%d+%s", c.Warmup, c.Spec)
	}
	if c.Optimizer != "" {
		n += "/" + c.Optimizer
	}
	return n
}

func (c torchCase) build(t testing.TB) Schedule {
	t.Helper()
	s, err := New(c.Spec, c.BaseLR)
	if err != nil {
		t.Fatal(err)
	}
	s = WithWarmup(s, c.Warmup)
	s.Init(c.BaseLR)
	return s
}

func (c torchCase) metric(i int) float64 {
	if c.Metrics == nil {
		return math.NaN() // must be ignored by all but plateau
	}
	return c.Metrics[i]
}

// relDiff returns |a−b|/max(|a|,|b|), 0 if both are 0.
func relDiff(a, b float64) float64 {
	if a == b {
		return 0
	}
	return math.Abs(a-b) / math.Max(math.Abs(a), math.Abs(b))
}

// TestTorch replays the rates recorded from torch.optim.lr_scheduler by
// testdata/torch/gen_schedule.py.
func TestTorch(t *testing.T) {
	seen := map[string]bool{}
	worst := 0.0
	for _, c := range loadTorch(t) {
		t.Run(c.name(), func(t *testing.T) {
			s := c.build(t)
			for i, want := range c.LR {
				got := s.LR()
				if d := relDiff(got, want); d > 1e-12 || math.IsNaN(got) {
					t.Fatalf("step %d: lr = %.17g, torch %.17g (rel diff %.3g)", i, got, want, d)
				} else if d > worst {
					worst = d
				}
				s.Step(c.metric(i))
			}
		})
		sp, _ := splitName(c.Spec)
		seen[sp] = true
	}
	for _, n := range Names() {
		if !seen[n] {
			t.Errorf("schedule %q has no torch reference case", n)
		}
	}
	t.Logf("worst relative difference from torch: %.3g", worst)
}

// TestTorchMomentum replays the momentum (SGD's momentum, Adam's betas[0])
// that torch's OneCycleLR and CyclicLR set with their default
// cycle_momentum=True (gen_schedule_extra.py), through ApplyMomentum.
func TestTorchMomentum(t *testing.T) {
	n := 0
	for _, c := range loadTorch(t) {
		if c.Momentum == nil {
			continue
		}
		n++
		t.Run(c.name(), func(t *testing.T) {
			s := c.build(t)
			var o fakeOpt
			for i, want := range c.Momentum {
				if err := ApplyMomentum(s, &o); err != nil {
					t.Fatal(err)
				}
				if d := relDiff(o.m, want); d > 1e-12 || math.IsNaN(o.m) {
					t.Fatalf("step %d: momentum = %.17g, torch %.17g (rel diff %.3g)", i, o.m, want, d)
				}
				if d := relDiff(s.LR(), c.LR[i]); d > 1e-12 {
					t.Fatalf("step %d: lr = %.17g, torch %.17g", i, s.LR(), c.LR[i])
				}
				s.Step(c.metric(i))
			}
		})
	}
	if n < 8 {
		t.Errorf("%d momentum cases, want ≥ 8", n)
	}
}

// fakeOpt is an optimizer that has a momentum.
type fakeOpt struct{ m float64 }

func (o *fakeOpt) SetMomentum(m float64) { o.m = m }

func splitName(s string) (string, string) {
	for i, r := range s {
		if r == ':' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}
