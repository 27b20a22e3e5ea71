package schedule

import "fmt"

// WithWarmup precedes s by a linear warmup of steps steps (Goyal et al.,
// "Accurate, Large Minibatch SGD: Training ImageNet in 1 Hour", 2017):
//
//	lr_t = lr·(t+1)/steps          for t < steps
//	lr_t = s.LR() after t−steps Steps of s   for t ≥ steps
//
// So the rate climbs from lr/steps to lr, and then s runs from its own
// step 0, delayed by steps: a cosine with t_max=N−steps after the warmup
// ends exactly at step N. s is stepped only after the warmup, so a plateau
// schedule sees no metrics from the warmup steps. In PyTorch this is
//
//	SequentialLR(opt, [LinearLR(opt, start_factor=1/steps, end_factor=1,
//	                            total_iters=steps−1), s], milestones=[steps])
//
// which the reference vectors check (for inner schedules that PyTorch's
// SequentialLR supports). steps ≤ 0 returns s unchanged. Init(lr) of the
// result calls s.Init(lr). The result implements Stateful if s does.
func WithWarmup(s Schedule, steps int) Schedule {
	if steps <= 0 {
		return s
	}
	return &warmup{inner: s, steps: steps}
}

type warmup struct {
	inner Schedule
	steps int
	base  float64
	t     int
}

func (w *warmup) Init(baseLR float64) {
	w.base, w.t = initBase("warmup", baseLR), 0
	w.inner.Init(baseLR)
}

func (w *warmup) LR() float64 {
	if w.t < w.steps {
		return w.base * float64(w.t+1) / float64(w.steps)
	}
	return w.inner.LR()
}

func (w *warmup) Step(metric float64) {
	if w.t >= w.steps {
		w.inner.Step(metric)
	}
	w.t++
}

// State returns the warmup's position with the inner schedule's state in
// Inner (nil if the inner schedule is not Stateful).
func (w *warmup) State() State {
	st := State{Name: "warmup", Base: w.base, Step: w.t, LR: w.LR()}
	if in, ok := w.inner.(Stateful); ok {
		is := in.State()
		st.Inner = &is
	}
	return st
}

func (w *warmup) SetState(st State) error {
	if err := checkState("warmup", st); err != nil {
		return err
	}
	in, ok := w.inner.(Stateful)
	if !ok {
		return fmt.Errorf("schedule: warmup: inner schedule %T is not Stateful", w.inner)
	}
	if st.Inner == nil {
		return fmt.Errorf("schedule: warmup: state has no inner state")
	}
	if err := in.SetState(*st.Inner); err != nil {
		return err
	}
	w.base, w.t = st.Base, st.Step
	return nil
}

// Momentum returns the wrapped schedule's momentum, if it sets one: during
// the warmup its step-0 value, which PyTorch's OneCycleLR or CyclicLR
// constructor writes before the SequentialLR starts.
func (w *warmup) Momentum() (float64, bool) { return MomentumOf(w.inner) }

// WatchesMetric reports whether the wrapped schedule watches a metric.
func (w *warmup) WatchesMetric() bool { return WatchesMetric(w.inner) }
