package schedule

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// TestStateResume saves every reference schedule midway, passes the state
// through JSON, restores it into a freshly built schedule and checks that the
// rest of the run is bit-identical to the uninterrupted one (and to torch).
func TestStateResume(t *testing.T) {
	for _, c := range loadTorch(t) {
		t.Run(c.name(), func(t *testing.T) {
			for _, cut := range []int{0, 1, c.Warmup, c.Warmup + 1, 97, len(c.LR) - 1} {
				a := c.build(t)
				for i := 0; i < cut; i++ {
					a.Step(c.metric(i))
				}
				st := a.(Stateful).State()
				if st.Step != cut {
					t.Fatalf("State().Step = %d after %d steps", st.Step, cut)
				}
				b, err := json.Marshal(st)
				if err != nil {
					t.Fatalf("marshal %+v: %v", st, err)
				}
				var back State
				if err := json.Unmarshal(b, &back); err != nil {
					t.Fatalf("unmarshal %s: %v", b, err)
				}
				r := c.build(t)
				r.Step(1) // disturb: SetState must overwrite everything
				if err := r.(Stateful).SetState(back); err != nil {
					t.Fatalf("SetState(%s): %v", b, err)
				}
				for i := cut; i < len(c.LR); i++ {
					if x, y := a.LR(), r.LR(); math.Float64bits(x) != math.Float64bits(y) {
						t.Fatalf("cut %d, step %d: resumed lr %.17g, uninterrupted %.17g (state %s)", cut, i, y, x, b)
					}
					if relDiff(r.LR(), c.LR[i]) > 1e-12 {
						t.Fatalf("cut %d, step %d: resumed lr %.17g, torch %.17g", cut, i, r.LR(), c.LR[i])
					}
					a.Step(c.metric(i))
					r.Step(c.metric(i))
				}
			}
		})
	}
}

func TestStateJSONNonFinite(t *testing.T) {
	p, err := New("plateau", 0.1)
	if err != nil {
		t.Fatal(err)
	}
	st := p.(Stateful).State()
	if !math.IsInf(st.Best, 1) {
		t.Fatalf("initial best = %g, want +Inf", st.Best)
	}
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"best":"+Inf"`) {
		t.Errorf("JSON %s does not hold best as \"+Inf\"", b)
	}
	var back State
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !math.IsInf(back.Best, 1) || back.LR != 0.1 || back.Name != "plateau" {
		t.Errorf("round trip of %s gave %+v", b, back)
	}
	if err := json.Unmarshal([]byte(`{"name":"plateau","lr":"fast"}`), &back); err == nil {
		t.Error(`unmarshal of lr "fast" succeeded`)
	}
}

func TestSetStateErrors(t *testing.T) {
	cos, _ := New("cosine:t_max=10", 0.1)
	good := cos.(Stateful).State()
	for _, c := range []struct {
		s    Schedule
		st   State
		want string
	}{
		{cos, State{Name: "step", Base: 0.1}, `schedule: state of "step" given to "cosine"`},
		{cos, State{Name: "cosine", Base: 0.1, Step: -1}, `schedule: cosine: state step -1 < 0`},
		{cos, State{Name: "cosine", Base: 0.1, LR: math.NaN()}, `schedule: cosine: state lr NaN is not a rate`},
		{cos, State{Name: "cosine", Base: -2}, `schedule: cosine: state base_lr: invalid base learning rate -2: must be finite and ≥ 0`},
		{&CosineRestarts{T0: 5}, State{Name: "cosine_restarts", Base: 0.1, TCur: 5, TI: 5}, `schedule: cosine_restarts: state t_cur=5, t_i=5: need 0 ≤ t_cur < t_i`},
		{&Plateau{}, State{Name: "plateau", Base: 0.1, BadEpochs: -1}, `schedule: plateau: state num_bad_epochs=-1, cooldown_counter=0: must be ≥ 0`},
		{WithWarmup(cos, 5), State{Name: "warmup", Base: 0.1}, `schedule: warmup: state has no inner state`},
		{WithWarmup(cos, 5), State{Name: "warmup", Base: 0.1, Inner: &State{Name: "step"}}, `schedule: state of "step" given to "cosine"`},
		{WithWarmup(plain{}, 5), State{Name: "warmup", Base: 0.1, Inner: &good}, `schedule: warmup: inner schedule schedule.plain is not Stateful`},
	} {
		err := c.s.(Stateful).SetState(c.st)
		if err == nil || err.Error() != c.want {
			t.Errorf("%T.SetState(%+v) = %v, want %s", c.s, c.st, err, c.want)
		}
	}
}

// plain is a Schedule that is not Stateful.
type plain struct{}

func (plain) Init(float64) {}
func (plain) LR() float64  { return 1 }
func (plain) Step(float64) {}

// TestReinit checks that Init clears all state: a schedule run, re-initialized
// and run again repeats torch's rates.
func TestReinit(t *testing.T) {
	for _, c := range loadTorch(t) {
		s := c.build(t)
		for i := range c.LR {
			s.Step(c.metric(i))
		}
		s.Init(c.BaseLR)
		for i, want := range c.LR {
			if relDiff(s.LR(), want) > 1e-12 {
				t.Fatalf("%s: after re-Init, step %d: lr %.17g, torch %.17g", c.name(), i, s.LR(), want)
			}
			s.Step(c.metric(i))
		}
	}
}

// TestNoAlloc checks that LR and Step allocate nothing.
func TestNoAlloc(t *testing.T) {
	for _, c := range loadTorch(t) {
		s := c.build(t)
		i := 0
		n := testing.AllocsPerRun(100, func() {
			_ = s.LR()
			s.Step(c.metric(i % len(c.LR)))
			i++
		})
		if n != 0 {
			t.Errorf("%s: %v allocations per LR+Step", c.name(), n)
		}
	}
}
