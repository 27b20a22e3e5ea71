package schedule

import (
	"math"
	"strings"
	"testing"
)

func TestNewErrors(t *testing.T) {
	known := strings.Join(Names(), ", ")
	for _, c := range []struct {
		spec string
		lr   float64
		want string
	}{
		{"", 0.1, "schedule: empty specification"},
		{"cosin", 0.1, `unknown schedule "cosin" (known: ` + known + ")"},
		{"cosine", 0.1, `schedule "cosine": missing required t_max (half period T_max in steps)`},
		{"cosine:tmax=5", 0.1, `schedule "cosine" has no parameter "tmax" (valid: t_max, eta_min)`},
		{"cosine:t_max=0", 0.1, `schedule "cosine": invalid t_max 0: must be ≥ 1`},
		{"cosine:t_max=1.5", 0.1, `schedule "cosine": t_max=1.5: "1.5" is not an integer`},
		{"cosine:t_max=10,eta_min=-1", 0.1, `schedule "cosine": invalid eta_min -1: must be ≥ 0`},
		{"constant", -1, `schedule "constant": invalid base learning rate -1: must be finite and ≥ 0`},
		{"constant", math.NaN(), `schedule "constant": invalid base learning rate NaN: must be finite and ≥ 0`},
		{"constant:gamma=2", 0.1, `schedule "constant" has no parameter "gamma" (valid: factor, total_iters)`},
		{"step", 0.1, `schedule "step": missing required step_size (period of decay in steps)`},
		{"step:step_size=0", 0.1, `schedule "step": invalid step_size 0: must be ≥ 1`},
		{"step:step_size=10,gamma=0", 0.1, `schedule "step": invalid gamma 0: must be > 0`},
		{"step:step_size=10,gamma=-0.5", 0.1, `schedule "step": invalid gamma -0.5: must be > 0`},
		{"multistep", 0.1, `schedule "multistep": missing required milestones (increasing steps at which to decay, e.g. 30;80)`},
		{"multistep:milestones=80;30", 0.1, `schedule "multistep": milestones 80;30 are not strictly increasing`},
		{"multistep:milestones=30;30", 0.1, `schedule "multistep": milestones 30;30 are not strictly increasing`},
		{"multistep:milestones=-1;5", 0.1, `schedule "multistep": invalid milestone -1: must be ≥ 0`},
		{"multistep:milestones=30;x", 0.1, `schedule "multistep": milestones=30;x: "x" is not an integer`},
		{"multistep:milestones=30;80,gamma=0", 0.1, `schedule "multistep": invalid gamma 0: must be > 0`},
		{"exponential", 0.1, `schedule "exponential": missing required gamma (multiplicative factor of decay per step)`},
		{"exponential:gamma=0", 0.1, `schedule "exponential": invalid gamma 0: must be > 0`},
		{"inverse_time", 0.1, `schedule "inverse_time": missing required decay (decay rate per step)`},
		{"inverse_time:decay=-1", 0.1, `schedule "inverse_time": invalid decay -1: must be ≥ 0`},
		{"polynomial:total_iters=0", 0.1, `schedule "polynomial": invalid total_iters 0: must be ≥ 1`},
		{"polynomial:total_iters=-3", 0.1, `schedule "polynomial": invalid total_iters -3: must be ≥ 1`},
		{"polynomial:power=0", 0.1, `schedule "polynomial": invalid power 0: must be > 0`},
		{"cosine_restarts", 0.1, `schedule "cosine_restarts": missing required t_0 (first period T_0 in steps)`},
		{"cosine_restarts:t_0=0", 0.1, `schedule "cosine_restarts": invalid t_0 0: must be ≥ 1`},
		{"cosine_restarts:t_0=5,t_mult=0", 0.1, `schedule "cosine_restarts": invalid t_mult 0: must be ≥ 1`},
		{"linear:start_factor=0", 0.1, `schedule "linear": invalid start_factor 0: must be in (0, 1]`},
		{"linear:start_factor=1.5", 0.1, `schedule "linear": invalid start_factor 1.5: must be in (0, 1]`},
		{"linear:end_factor=1.5", 0.1, `schedule "linear": invalid end_factor 1.5: must be in [0, 1]`},
		{"linear:total_iters=0", 0.1, `schedule "linear": invalid total_iters 0: must be ≥ 1`},
		{"cyclic", 0.1, `schedule "cyclic": missing required max_lr (upper rate)`},
		{"cyclic:base_lr=0.1,max_lr=0.01", 0.1, `schedule "cyclic": max_lr 0.01 < base_lr 0.1: the cycle would run below base_lr (swap them)`},
		{"cyclic:max_lr=0.05", 0.1, `schedule "cyclic": max_lr 0.05 < base_lr 0.1: the cycle would run below base_lr (swap them)`},
		{"cyclic:max_lr=0.5,mode=tri", 0.1, `schedule "cyclic": mode=tri: "tri" is not one of triangular, triangular2, exp_range`},
		{"cyclic:max_lr=0.5,step_size_up=0", 0.1, `schedule "cyclic": invalid step_size_up 0: must be ≥ 1`},
		{"cyclic:max_lr=0.5,step_size_down=0", 0.1, `schedule "cyclic": invalid step_size_down 0: must be ≥ 1`},
		{"cyclic:max_lr=0.5,mode=exp_range,gamma=0", 0.1, `schedule "cyclic": invalid gamma 0: must be > 0`},
		{"cyclic:base_lr=-1,max_lr=0.5", 0.1, `schedule "cyclic": invalid base_lr -1: must be ≥ 0`},
		{"onecycle:max_lr=0.1", 0.1, `schedule "onecycle": missing required total_steps (steps in the cycle)`},
		{"onecycle:total_steps=100", 0.1, `schedule "onecycle": missing required max_lr (peak rate)`},
		{"onecycle:max_lr=0,total_steps=100", 0.1, `schedule "onecycle": invalid max_lr 0: must be > 0`},
		{"onecycle:max_lr=0.1,total_steps=0", 0.1, `schedule "onecycle": invalid total_steps 0: must be ≥ 1`},
		{"onecycle:max_lr=0.1,total_steps=100,pct_start=1.5", 0.1, `schedule "onecycle": invalid pct_start 1.5: must be in [0, 1]`},
		{"onecycle:max_lr=0.1,total_steps=10,pct_start=0.1", 0.1, `schedule "onecycle": pct_start·total_steps = 1 gives a rising phase of zero length (PyTorch divides by zero); change pct_start or total_steps`},
		{"onecycle:max_lr=0.1,total_steps=100,anneal_strategy=exp", 0.1, `schedule "onecycle": anneal_strategy=exp: "exp" is not one of cos, linear`},
		{"onecycle:max_lr=0.1,total_steps=100,div_factor=0", 0.1, `schedule "onecycle": invalid div_factor 0: must be > 0`},
		{"plateau:factor=1", 0.1, `schedule "plateau": invalid factor 1: must be in (0, 1)`},
		{"plateau:factor=0", 0.1, `schedule "plateau": invalid factor 0: must be in (0, 1)`},
		{"plateau:patience=-1", 0.1, `schedule "plateau": invalid patience -1: must be ≥ 0`},
		{"plateau:mode=avg", 0.1, `schedule "plateau": mode=avg: "avg" is not one of min, max`},
		{"plateau:threshold=-1", 0.1, `schedule "plateau": invalid threshold -1: must be ≥ 0`},
		{"plateau:cooldown=-2", 0.1, `schedule "plateau": invalid cooldown -2: must be ≥ 0`},
		{"plateau:min_lr=-0.1", 0.1, `schedule "plateau": invalid min_lr -0.1: must be ≥ 0`},
	} {
		s, err := New(c.spec, c.lr)
		if err == nil {
			t.Errorf("New(%q, %g) = %#v, want error %q", c.spec, c.lr, s, c.want)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("New(%q, %g):\n got %s\nwant %s", c.spec, c.lr, err, c.want)
		}
	}
}

// TestInitPanics checks that invalid Go values are programmer errors.
func TestInitPanics(t *testing.T) {
	for _, c := range []struct {
		s    Schedule
		lr   float64
		want string
	}{
		{&Cosine{}, 0.1, `schedule "cosine": invalid t_max 0: must be ≥ 1`},
		{&StepDecay{StepSize: 5, Gamma: -1}, 0.1, `schedule "step": invalid gamma -1: must be > 0`},
		{&MultiStep{}, 0.1, `schedule "multistep": no milestones`},
		{&Exponential{}, 0.1, `schedule "exponential": invalid gamma 0: must be > 0`},
		{&OneCycle{MaxLR: 1}, 0.1, `schedule "onecycle": invalid total_steps 0: must be ≥ 1`},
		{&Plateau{Mode: "low"}, 0.1, `schedule "plateau": invalid mode "low": must be min or max`},
		{&Cyclic{MaxLR: 1, Mode: "sine"}, 0.1, `schedule "cyclic": invalid mode "sine": must be triangular, triangular2 or exp_range`},
		{&Constant{}, math.Inf(1), `schedule "constant": invalid base learning rate +Inf: must be finite and ≥ 0`},
		{WithWarmup(&Constant{}, 3), -1, `schedule "warmup": invalid base learning rate -1: must be finite and ≥ 0`},
	} {
		func() {
			defer func() {
				r := recover()
				if r == nil {
					t.Errorf("%T.Init(%g) did not panic", c.s, c.lr)
				} else if r != c.want {
					t.Errorf("%T.Init(%g) panicked with\n %v\nwant %s", c.s, c.lr, r, c.want)
				}
			}()
			c.s.Init(c.lr)
		}()
	}
}
