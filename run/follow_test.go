package run

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// TestFollowedAdviceEndsLower follows the advice once on catalogue
// functions where it used to send the user to a worse rate, and checks
// the outcome with whole runs, not with the advice's own probes: the run
// at the suggested rate must end below the run at lr (and below the start
// after a blow-up). Each case is a held-out benchmark case (bench/advice)
// whose hop ended higher before the rule named:
//   - a raise whose probe from the start ends more than twice as far above
//     f* as lr's probe takes another path there (fromStart): helical valley
//     under RAdam at 4.881e-4 was raised to 1.543e-3, which ends at 417
//     against 129; Three-hump camel under NAdam at 0.5 was raised to 0.947,
//     which ends at 0.245 against 0.069;
//   - a cut ranked from the start looks a decade ahead when √10 lower ends
//     its probe mid-bounce (stepDownFromStart): Matyas under NAdam at 10
//     was cut to 1.58, which diverges to 0.644 where lr ends at 0.024;
//     Goldstein–Price under NAdam at 10 blows up and was cut to 1, which
//     is thrown out of the basin to 840 (the start is at 600);
//   - a full-batch adaptive raise is capped where its jitter would rest
//     above the run (jitterFloor): RMSprop on Rosenbrock at 0.00316 ends
//     at 0.28 and was raised to 0.154, which ends at 0.53 (L·c²/2 = 4.5);
//     on a skewed bowl, a formula with no known lower bound (the lowest
//     value seen stands in), RMSprop at 0.00316 ends at 5.79 and was raised
//     to 5.6, which ends at 2.4e4;
//   - a cut of an oscillating adaptive run goes at least to the rate whose
//     step is a third of the way the run travelled (travelCap): NAdam on
//     Booth at 3.162 ends at 3.30 and was halved to 1.58, which ends at
//     60.2; on (x+y+z−3)² + 2(x−y)² + 4(y−z)² at 3.162 it ends at 4.0 and
//     was halved to 1.58, which ends at 26.7;
//   - a cut from the best point is not taken on probes whose fresh RAdam
//     state overshoots there in its unscaled first steps (warmupKick):
//     Goldstein–Price under RAdam at 0.001 ends at 41.1 and was cut to
//     1e-4, which ends at 90.3;
//   - a sign method's cut is no lower than the rate that covers, in the
//     budget, the way the run went along its farthest coordinate
//     (reachFloor): signSGD on Beale at 0.00316 ends at 0.0023 and was
//     halved to 0.00158, which covers 1.26 of the 1.91 and ends at 0.211.
//
// Keeping lr passes: the same run cannot end higher.
func TestFollowedAdviceEndsLower(t *testing.T) {
	for _, tc := range []struct {
		fn, opt string // fn: a catalogue name, or a formula (from start)
		lr      float64
		iters   int
		start   []float64
	}{
		{"helical-valley", "radam", 0.0004881, 1000, nil},
		{"three-hump-camel", "nadam", 0.5, 400, nil},
		{"matyas", "nadam", 10, 400, nil},
		{"goldstein-price", "nadam", 10, 500, nil},
		{"rosenbrock", "rmsprop", 0.003162, 1000, nil},
		{"(x+y)^2+100*(x-y)^2+(z-1)^2", "rmsprop", 0.003162, 500, []float64{2, -1, 4}},
		{"booth", "nadam", 3.1622776601683795, 300, nil},
		{"(x+y+z-3)^2+2*(x-y)^2+4*(y-z)^2", "nadam", 3.1622776601683795, 400, []float64{4, -2, 1}},
		{"goldstein-price", "radam", 0.001, 500, nil},
		{"beale", "signsgd", 0.00316, 800, nil},
	} {
		t.Run(tc.fn+"/"+tc.opt, func(t *testing.T) {
			ps := problem.Spec{Func: mustSpec(t, tc.fn)}
			if tc.start != nil {
				ps = problem.Spec{Expr: tc.fn, Start: tc.start}
			}
			p, err := problem.New(ps)
			if err != nil {
				t.Fatal(err)
			}
			runAt := runnerAt(t, p, tc.opt, tc.iters)
			rep := runAt(tc.lr)
			s := rep.Diagnosis.SuggestedLR
			if !(s > 0) || (s == tc.lr && rep.Status == minimize.Diverged) {
				t.Fatalf("lr %g: %s, suggested %g: %s", tc.lr, rep.Diagnosis.Verdict, s, rep.Diagnosis.Advice)
			}
			if s == tc.lr {
				return // the same run again: it cannot end higher
			}
			ref := float64(rep.F)
			if rep.Status == minimize.Diverged || math.IsNaN(ref) || math.IsInf(ref, 0) {
				ref = rep.Result.History.F[0]
			}
			if next := runAt(s); !(float64(next.F) < ref) {
				t.Errorf("lr %g (%s, f %.6g) → suggested %g ends at %.6g, not below %.6g: %s", tc.lr, rep.Diagnosis.Verdict, rep.F, s, next.F, ref, rep.Diagnosis.Advice)
			}
		})
	}
}

// TestRpropCeilingRaised: Rprop's steps on Brown's badly scaled function
// grow to their ceiling Δmax = 50 (x must travel 10⁶), so the advice
// raises step_max tenfold (a set_param action); followed, with lr at the
// size the steps grow to, 500 iterations end far lower (5.8e11 against
// 9.5e11 at step_max 50), and once more (5000) at 1.4.
func TestRpropCeilingRaised(t *testing.T) {
	p, err := problem.New(problem.Spec{Func: mustSpec(t, "brown-badly-scaled")})
	if err != nil {
		t.Fatal(err)
	}
	opt := "rprop"
	var last float64 = math.Inf(1)
	for hop := 0; hop < 2; hop++ {
		rep := runnerAt(t, p, opt, 500)(0.001)
		var a *diagnose.Action
		for i := range rep.Diagnosis.Actions {
			if rep.Diagnosis.Actions[i].Kind == diagnose.SetParam {
				a = &rep.Diagnosis.Actions[i]
			}
		}
		if a == nil || a.Param != "step_max" || !(a.Value > 0) {
			t.Fatalf("hop %d (%s): no set_param step_max action: %+v: %s", hop, opt, rep.Diagnosis.Actions, rep.Diagnosis.Advice)
		}
		if hop > 0 && !(float64(rep.F) < last) {
			t.Fatalf("hop %d (%s) ends at %g, not below %g", hop, opt, rep.F, last)
		}
		last = float64(rep.F)
		v := strconv.FormatFloat(a.Value, 'g', -1, 64)
		opt = "rprop:step_max=" + v
		next := runnerAt(t, p, opt, 500)(a.Value)
		if !(float64(next.F) < 0.9*last) {
			t.Errorf("hop %d: step_max %s at lr %s ends at %g, not clearly below %g", hop, v, v, next.F, last)
		}
	}
}

// runnerAt returns a function that minimizes p with the optimizer opt at
// rate lr for iters iterations (the default settings otherwise).
func runnerAt(t *testing.T, p *problem.Problem, opt string, iters int) func(lr float64) *Report {
	return runnerWith(t, p, opt, "", iters)
}

// catalogueRunner is runnerWith on the catalogue function name.
func catalogueRunner(t *testing.T, name, opt, sched string, iters int) func(lr float64) *Report {
	t.Helper()
	p, err := problem.New(problem.Spec{Func: mustSpec(t, name)})
	if err != nil {
		t.Fatal(err)
	}
	return runnerWith(t, p, opt, sched, iters)
}

// runnerWith is runnerAt under the schedule sched ("" for none). The rate
// goes where the user sets it: to the schedule's own rate parameter when
// it has one (onecycle's max_lr, schedule.Entry.Rate; the optimizer's lr
// is then left as given), else to the optimizer's lr.
func runnerWith(t *testing.T, p *problem.Problem, opt, sched string, iters int) func(lr float64) *Report {
	var sp spec.Spec
	if sched != "" {
		sp = mustSpec(t, sched)
	}
	e, _ := schedule.Lookup(sp.Name)
	return func(lr float64) *Report {
		s := minimize.DefaultSettings()
		s.MaxIters = iters
		o, sc, v := mustSpec(t, opt), sp, strconv.FormatFloat(lr, 'g', -1, 64)
		if e.Rate != "" {
			sc = sc.With(e.Rate, v)
		} else {
			o = o.With("lr", v)
		}
		rep, err := Minimize(context.Background(), Config{Problem: p, Opt: o, Schedule: sc, Settings: s})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
}

// TestOneCycleAdviceIsAboutMaxLR: onecycle takes its rates from max_lr and
// ignores the optimizer's lr, so the advice after a onecycle run is about
// max_lr — its set_lr action names the parameter, and the text says so.
// Adam at its default lr (0.001) under onecycle with max_lr 0.01 on
// Rosenbrock is too slow after 2,000 iterations (f 3.1); the suggestion,
// set as max_lr, must end lower in a whole run. (The advice used to speak
// of the optimizer's lr: "0.01 is the rate it starts from, now 0.001" —
// setting adam's lr to 0.01 changes nothing under onecycle.)
func TestOneCycleAdviceIsAboutMaxLR(t *testing.T) {
	runAt := catalogueRunner(t, "rosenbrock", "adam", "onecycle", 2000)
	rep := runAt(0.01)
	d := rep.Diagnosis
	a := d.Actions
	if len(a) == 0 || a[0].Kind != diagnose.SetLR || a[0].Param != "max_lr" || !(a[0].LR > 0.01) || d.RateName() != "max_lr" || !strings.Contains(d.Advice, "its max_lr, now 0.01") {
		t.Fatalf("%s: actions %+v; want set_lr of max_lr above 0.01: %s", d.Verdict, a, d.Advice)
	}
	if next := runAt(a[0].LR); !(float64(next.F) < float64(rep.F)) {
		t.Errorf("max_lr 0.01 ends at %g; the suggested max_lr %g ends at %g", float64(rep.F), a[0].LR, float64(next.F))
	}
}

// TestOneCycleNotCutOnConstantProbes: RAdam with onecycle from max_lr
// 0.001 on Wood's function ends at 563.7 after 1,500 iterations, and was
// cut to max_lr 1e-4 — which ends at 13,730 — because a constant-rate
// probe from the start at 1e-4 reaches 115.8 in a tenth of the budget,
// below the whole run: a run that warms up from max_lr/25 is behind
// constant probes at first whatever its rate. Followed, the advice must
// not end higher.
func TestOneCycleNotCutOnConstantProbes(t *testing.T) {
	runAt := catalogueRunner(t, "wood", "radam", "onecycle", 1500)
	rep := runAt(0.001)
	s := rep.Diagnosis.SuggestedLR
	if !(s > 0) {
		t.Fatalf("no suggestion: %s", rep.Diagnosis.Advice)
	}
	if s == 0.001 {
		return // the same run: it cannot end higher
	}
	if next := runAt(s); !(float64(next.F) <= float64(rep.F)) {
		t.Errorf("max_lr 0.001 ends at %g; the suggested %g ends at %g: %s", float64(rep.F), s, float64(next.F), rep.Diagnosis.Advice)
	}
}

// TestStalledRaiseChecked: Adam with cosine on Brown's badly scaled
// function at 1e-5 stalls (f stays at 1e12: each step moves x by about lr
// where it must travel 10⁶); its tenfold raise, 1e-4, stalls too. Climbed
// by probes as a slow run's raise, the advice's whole run ends lower than
// 1e-4's.
func TestStalledRaiseChecked(t *testing.T) {
	runAt := catalogueRunner(t, "brown-badly-scaled", "adam", "cosine", 1000)
	rep := runAt(1e-5)
	s := rep.Diagnosis.SuggestedLR
	if rep.Diagnosis.Verdict != diagnose.Stalled || !(s > 1e-5) {
		t.Fatalf("%s, suggested %g; want stalled and a raise: %s", rep.Diagnosis.Verdict, s, rep.Diagnosis.Advice)
	}
	if got, ten := float64(runAt(s).F), float64(runAt(1e-4).F); !(got < ten) {
		t.Errorf("lr %g ends at %g, not below %g at 1e-4: %s", s, got, ten, rep.Diagnosis.Advice)
	}
}

// TestFlatterBestPointRaise: gradient descent on Freudenstein–Roth at 3e-4,
// half the stable bound measured at the start (L = 3334), ends at 78.1
// after 1,000 iterations and used to be kept there ("already near the
// stable limit"); the best point is flatter, so the advice raises the rate
// past the start's bound (flatterBest), and the raised rate's whole run
// must end lower (0.001, above the start's bound 6e-4, ends at 58).
func TestFlatterBestPointRaise(t *testing.T) {
	runAt := catalogueRunner(t, "freudenstein-roth", "gd", "", 1000)
	const lr = 0.0002999
	rep := runAt(lr)
	s := rep.Diagnosis.SuggestedLR
	if !(s > 1.05*lr) || !(s > float64(rep.Curvature.StableLRBound)) {
		t.Fatalf("suggested %g, want a raise past the start's bound %g: %s", s, float64(rep.Curvature.StableLRBound), rep.Diagnosis.Advice)
	}
	if next := runAt(s); !(float64(next.F) < float64(rep.F)) {
		t.Errorf("lr %g ends at %.6g; the suggested %g ends at %.6g, not lower", lr, rep.F, s, next.F)
	}
}

// TestPlateauAdviceBelowTheStartBound: gradient descent on Jennrich–Sampson
// at 0.00316, three thousand times the stable bound at the start (1.08e-6,
// L = 1.9e6), jumps onto the plateau at f = 2020 in its first step and
// converges there (f* = 124.4); every rate localMin's ladder tries lands
// there too, and the advice used to say "try another start point". It now
// suggests a rate near half the start's bound, whose whole run must end
// below the plateau.
func TestPlateauAdviceBelowTheStartBound(t *testing.T) {
	runAt := catalogueRunner(t, "jennrich-sampson", "gd", "", 500)
	rep := runAt(0.00316)
	s := rep.Diagnosis.SuggestedLR
	if !(s > 0) || s >= 0.00316 || strings.Contains(rep.Diagnosis.Advice, "another start point") {
		t.Fatalf("f %g: suggested %g: %s", rep.F, s, rep.Diagnosis.Advice)
	}
	if next := runAt(s); !(float64(next.F) < 1000) {
		t.Errorf("the suggested %g ends at %.6g, not below the plateau at 2020: %s", s, next.F, rep.Diagnosis.Advice)
	}
}

// TestSignMethodCycleIsCut: Lion moves every coordinate by ±lr, so at lr
// 10 on Matyas (start (1, 0.5), f = 0.085, minimum 0 at the origin) each
// step jumps 10 per coordinate and the next one jumps back: the run never
// goes below its start, and probes from its best point — the start —
// bounce alike, so the advice used to keep lr (and to suggest adding
// momentum to a method that has it). A sign method is advised as an
// adaptive one now, and a run that never went below its start gets its
// cut ranked from the start: the whole run at the suggested rate must end
// far below the start.
func TestSignMethodCycleIsCut(t *testing.T) {
	runAt := catalogueRunner(t, "matyas", "lion", "", 300)
	rep := runAt(10)
	d := rep.Diagnosis
	if !(float64(rep.F) >= 0.085) || d.Verdict != diagnose.Oscillating {
		t.Fatalf("lr 10 ends at %g, %s: the premise is off", rep.F, d.Verdict)
	}
	if s := d.SuggestedLR; !(s > 0 && s < 1) || strings.Contains(d.Advice, "momentum") {
		t.Fatalf("suggested %g, want a cut below 1 and no momentum: %s", s, d.Advice)
	}
	if next := runAt(d.SuggestedLR); !(float64(next.F) < 1e-3*0.085) {
		t.Errorf("the suggested %g ends at %.6g, not far below the start's 0.085", d.SuggestedLR, next.F)
	}
}

// TestAdadeltaSlowRunRaised: Adadelta's first steps are lr·√(ε/(1−ρ)) per
// coordinate, 0.3 % of lr, so on the sphere at lr 1e-5 with cosine the
// run travels 1e-5 in 300 iterations (f 2 → 1.99997). The advice used to
// read that as a rate already above the way travelled and keep 1e-5; the
// rate is raised now, and the whole run at it ends far lower.
func TestAdadeltaSlowRunRaised(t *testing.T) {
	run := catalogueRunner(t, "sphere", "adadelta", "cosine", 300)
	rep := run(1e-5)
	s := rep.Diagnosis.SuggestedLR
	if !(s > 1e-4) {
		t.Fatalf("f %g: suggested %g, want a raise: %s", rep.F, s, rep.Diagnosis.Advice)
	}
	if next := run(s); !(float64(next.F) < 0.5*float64(rep.F)) {
		t.Errorf("lr 1e-5 ends at %g; the suggested %g ends at %g, not far lower", rep.F, s, next.F)
	}
}

// TestConvergedInAnotherBasin: Adam at 1 on the double well
// x⁴ − 2x² + y² + 0.5x from (0.1, 1), which slopes towards the lower well
// (x ≈ −1.06, f ≈ −1.51), throws x into the upper one in its first steps
// and converges there (f ≈ −0.517). The formula has no known minimum, so
// only a probe from the start can show the lower basin: the advice moves
// the rate, and a whole run there ends below −1.
func TestConvergedInAnotherBasin(t *testing.T) {
	p, err := problem.New(problem.Spec{Expr: "x^4-2*x^2+y^2+0.5*x", Start: []float64{0.1, 1}})
	if err != nil {
		t.Fatal(err)
	}
	runAt := runnerAt(t, p, "adam", 400)
	rep := runAt(1)
	if rep.Diagnosis.Verdict != diagnose.Converged || !(float64(rep.F) > -0.6) {
		t.Fatalf("lr 1: %s at f %g, want converged in the upper well", rep.Diagnosis.Verdict, rep.F)
	}
	s := rep.Diagnosis.SuggestedLR
	if !(s > 0) || s == 1 {
		t.Fatalf("suggested %g, want another rate: %s", s, rep.Diagnosis.Advice)
	}
	if next := runAt(s); !(float64(next.F) < -1) {
		t.Errorf("lr %g ends at %g, not in the lower well: %s", s, next.F, rep.Diagnosis.Advice)
	}
}

// TestWarmupProbedFromTheStart: RAdam with onecycle from max_lr 1e-4 on
// Wood's function ends at 13,729 after 1500 iterations, far above f* = 0.
// The schedule starts at max_lr/25, so the probes from the start follow
// it (warmProber): at constant rates they ranked steps the next run never
// takes there, and the advice was 3.16e-5, whose whole run ends at 17,270.
// Followed, the advice ends below lr's run.
func TestWarmupProbedFromTheStart(t *testing.T) {
	runAt := catalogueRunner(t, "wood", "radam", "onecycle", 1500)
	rep := runAt(1e-4)
	s := rep.Diagnosis.SuggestedLR
	if !(s > 0) {
		t.Fatalf("no suggestion: %s", rep.Diagnosis.Advice)
	}
	if next := runAt(s); !(float64(next.F) < float64(rep.F)) {
		t.Errorf("max_lr %g ends at %g, not below max_lr 1e-4's %g: %s", s, next.F, rep.F, rep.Diagnosis.Advice)
	}
}

// TestRAdamProbeContinuesItsState: RAdam with onecycle at max_lr 0.0316 on
// Himmelblau's function ends at 11.8 after 400 iterations. A fresh RAdam
// probed from there takes unrectified first steps of lr·|g| and every
// higher rate overshot: the advice kept 0.0316. The probe now continues
// the run's rectified state, and the raise it checks ends near the
// minimum (0.316: 2e-14).
func TestRAdamProbeContinuesItsState(t *testing.T) {
	runAt := catalogueRunner(t, "himmelblau", "radam", "onecycle", 400)
	rep := runAt(0.03162)
	s := rep.Diagnosis.SuggestedLR
	if !(s > 0.05) {
		t.Fatalf("suggested %g, want a raise: %s", s, rep.Diagnosis.Advice)
	}
	if next := runAt(s); !(float64(next.F) < 1e-3) {
		t.Errorf("max_lr %g ends at %g, want near the minimum 0: %s", s, next.F, rep.Diagnosis.Advice)
	}
}

// TestScheduleEndedBeforeTheBudget: Adam at 0.01 on Booth's function with
// polynomial:total_iters=200,power=2 over 400 iterations: the rate is 0
// from iteration 200 and f stands at 35.6 for the other 200, which read
// "stalled" with no rate. The advice now diagnoses the 200 iterations
// that moved: a raise, and the schedule stretched over the run's 400
// steps, which the next run's flags carry. Followed, the raise ends
// lower.
func TestScheduleEndedBeforeTheBudget(t *testing.T) {
	runAt := catalogueRunner(t, "booth", "adam", "polynomial:total_iters=200,power=2", 400)
	rep := runAt(0.01)
	d := rep.Diagnosis
	s := d.SuggestedLR
	if !(s > 0.01) || d.Verdict != diagnose.TooSlow {
		t.Fatalf("%s, suggested %g, want too_slow and a raise: %s", d.Verdict, s, d.Advice)
	}
	if !slices.ContainsFunc(d.Actions, func(a diagnose.Action) bool { return a.Kind == diagnose.StretchSchedule && a.Steps == 400 }) {
		t.Errorf("actions %+v: want stretch_schedule to 400 steps", d.Actions)
	}
	if next := runAt(s); !(float64(next.F) < float64(rep.F)) {
		t.Errorf("lr %g ends at %g, not below lr 0.01's %g: %s", s, next.F, rep.F, d.Advice)
	}
}

// TestBlowUpCutStepsUpFromTheStart: RAdam at 0.1 on Himmelblau's function
// blows up to 8.6e6 in 400 iterations; the tenfold cut, 0.01, ends at
// 17.1, far from the minima (f = 0). Its probe from the start goes less
// far than that of 0.0316, √10 higher, which is safe there: the advice is
// 0.0316, whose whole run ends near a minimum, below the tenfold cut's.
func TestBlowUpCutStepsUpFromTheStart(t *testing.T) {
	runAt := catalogueRunner(t, "himmelblau", "radam", "", 400)
	rep := runAt(0.1)
	d := rep.Diagnosis
	s := d.SuggestedLR
	if d.Verdict != diagnose.Diverged || !(s > 0.01*1.01) || !(s < 0.1) {
		t.Fatalf("%s, suggested %g; want diverged and a cut to less than tenfold: %s", d.Verdict, s, d.Advice)
	}
	if next, tenfold := runAt(s), runAt(0.01); !(float64(next.F) < float64(tenfold.F)) || !(float64(next.F) < 1) {
		t.Errorf("lr %g ends at %g, lr 0.01 at %g; want below both it and 1: %s", s, next.F, tenfold.F, d.Advice)
	}
}

// TestRAdamBlowUpProbedThroughItsWarmup: RAdam with onecycle at max_lr
// 0.316 on Rosenbrock's function blows up at iteration 5, in its
// unrectified first steps (lr·m̂, unscaled, at |∇f| ≈ 230). Probes from
// the start at a constant rate take those steps at the full rate, which
// the next run, starting at max_lr/25, never does: they found every
// rate down to 0.001 overshooting, whose whole run ends at 4.2. The
// probes from the start now follow the warmup after RAdam's blow-up too,
// and the advice's whole run ends near the minimum.
func TestRAdamBlowUpProbedThroughItsWarmup(t *testing.T) {
	runAt := catalogueRunner(t, "rosenbrock", "radam", "onecycle", 2000)
	rep := runAt(0.3162)
	d := rep.Diagnosis
	s := d.SuggestedLR
	if d.Verdict != diagnose.Diverged || !(s > 0.001*1.01) || !(s < 0.3162) {
		t.Fatalf("%s, suggested %g; want diverged and a cut above 0.001: %s", d.Verdict, s, d.Advice)
	}
	if next := runAt(s); !(float64(next.F) < 0.1) {
		t.Errorf("max_lr %g ends at %g, want below 0.1: %s", s, next.F, d.Advice)
	}
}
