package schedule

import (
	"testing"
)

// TestGoValues checks that Go values whose zero fields mean PyTorch's
// defaults (and Zero an explicit 0) reproduce the torch reference cases.
func TestGoValues(t *testing.T) {
	values := map[string]func() Schedule{
		"constant":                   func() Schedule { return &Constant{} },
		"step:step_size=30":          func() Schedule { return &StepDecay{StepSize: 30} },
		"step:step_size=7,gamma=0.5": func() Schedule { return &StepDecay{StepSize: 7, Gamma: 0.5} },
		"multistep:milestones=30;80": func() Schedule { return &MultiStep{Milestones: []int{30, 80}} },
		"exponential:gamma=0.99":     func() Schedule { return &Exponential{Gamma: 0.99} },
		"inverse_time:decay=0.01":    func() Schedule { return &InverseTime{Decay: 0.01} },
		"polynomial":                 func() Schedule { return &Polynomial{} },
		"cosine:t_max=50":            func() Schedule { return &Cosine{TMax: 50} },
		"cosine_restarts:t_0=10":     func() Schedule { return &CosineRestarts{T0: 10} },
		"linear":                     func() Schedule { return &Linear{} },
		"linear:start_factor=1,end_factor=0,total_iters=150": func() Schedule {
			return &Linear{StartFactor: 1, EndFactor: Zero, TotalIters: 150}
		},
		"cyclic:max_lr=0.5,step_size_up=25":   func() Schedule { return &Cyclic{MaxLR: 0.5, StepSizeUp: 25} },
		"onecycle:max_lr=0.1,total_steps=250": func() Schedule { return &OneCycle{MaxLR: 0.1, TotalSteps: 250} },
		"plateau":                             func() Schedule { return &Plateau{} },
		"plateau:patience=0,threshold=0,factor=0.9": func() Schedule {
			return &Plateau{Patience: -1, Threshold: Zero, Factor: 0.9}
		},
	}
	used := map[string]bool{}
	for _, c := range loadTorch(t) {
		mk, ok := values[c.Spec]
		if !ok || c.Warmup != 0 {
			continue
		}
		used[c.Spec] = true
		s := mk()
		s.Init(c.BaseLR)
		for i, want := range c.LR {
			if got := s.LR(); relDiff(got, want) > 1e-12 {
				t.Fatalf("%T for %s: step %d: lr %.17g, torch %.17g", s, c.Spec, i, got, want)
			}
			s.Step(c.metric(i))
		}
	}
	if len(used) != len(values) {
		t.Errorf("matched %d of %d Go values to torch cases", len(used), len(values))
	}
}

// TestWarmupPlateau checks the composition with a schedule PyTorch's
// SequentialLR cannot hold: the warmup ramps lr·(t+1)/w, then plateau runs
// as if started at step w, seeing only the metrics from step w on.
func TestWarmupPlateau(t *testing.T) {
	var c torchCase
	for _, k := range loadTorch(t) {
		if k.Spec == "plateau:patience=3,cooldown=2,factor=0.5,threshold=0.01,threshold_mode=abs,min_lr=0.004" {
			c = k
		}
	}
	if c.LR == nil {
		t.Fatal("reference case not found")
	}
	const w = 12
	p, err := New(c.Spec, c.BaseLR)
	if err != nil {
		t.Fatal(err)
	}
	s := WithWarmup(p, w)
	s.Init(c.BaseLR)
	metrics := append(make([]float64, w), c.Metrics...) // warmup metrics must be ignored
	for i := range metrics[:w] {
		metrics[i] = float64(1000 - i) // would count as improvements
	}
	for i := 0; i < w+len(c.LR); i++ {
		want := c.BaseLR * float64(i+1) / w
		if i >= w {
			want = c.LR[i-w]
		}
		if got := s.LR(); relDiff(got, want) > 1e-15 {
			t.Fatalf("step %d: lr %.17g, want %.17g", i, got, want)
		}
		s.Step(metrics[i])
	}
	if WithWarmup(p, 0) != p {
		t.Error("WithWarmup(s, 0) != s")
	}
}

// TestOneCycleHold checks descent's decision past total_steps: the rate of
// step total_steps−1, max_lr/div_factor/final_div_factor, is held.
func TestOneCycleHold(t *testing.T) {
	for _, strategy := range []string{"cos", "linear"} {
		s := &OneCycle{MaxLR: 0.1, TotalSteps: 30, AnnealStrategy: strategy, ThreePhase: true}
		s.Init(1)
		for i := 0; i < 29; i++ {
			s.Step(0)
		}
		final := s.LR()
		// cos ends exactly at min; linear as (min−initial)·1 + initial,
		// which cancels (in PyTorch too).
		if relDiff(final, 0.1/25/1e4) > 1e-12 {
			t.Errorf("%s: lr at step 29 = %.17g, want %.17g", strategy, final, 0.1/25/1e4)
		}
		for i := 29; i < 1000; i++ {
			if s.LR() != final {
				t.Fatalf("%s: step %d: lr %.17g, want the held %.17g", strategy, i, s.LR(), final)
			}
			s.Step(0)
		}
	}
}

// TestCosinePastTMax checks the documented periodic continuation against the
// closed form η_min + (lr−η_min)(1+cos(πt/T))/2 over five periods.
func TestCosinePastTMax(t *testing.T) {
	s := &Cosine{TMax: 8, EtaMin: 0.01}
	s.Init(0.5)
	for i := 0; i <= 80; i++ {
		want := 0.01 + (0.5-0.01)*(1+cos(float64(i)*3.141592653589793/8))/2
		if relDiff(s.LR(), want) > 1e-13 {
			t.Fatalf("step %d: lr %.17g, closed form %.17g", i, s.LR(), want)
		}
		s.Step(0)
	}
}
