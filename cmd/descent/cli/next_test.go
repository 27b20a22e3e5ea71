package cli

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// TestNextFlags builds the next run's flags from constructed diagnoses:
// every action kind, the rates' rounding, a schedule's rate, the budget's
// limit, standardizing and the fixed order.
func TestNextFlags(t *testing.T) {
	sp := spec.MustParse
	min := func(opt string, budget int) nextRun { return nextRun{opt: sp(opt), budget: budget} }
	tr := func(opt, model string, batch, epochs int) nextRun {
		return nextRun{train: true, opt: sp(opt), model: sp(model), batch: batch, budget: epochs}
	}
	withSched := func(r nextRun, s string) nextRun { r.sched = sp(s); return r }
	std := func(r nextRun) nextRun { r.standardized = true; return r }
	withL2 := func(r nextRun, l2 float64) nextRun { r.l2 = l2; return r }
	withPatience := func(r nextRun, p int) nextRun { r.patience = p; return r }
	a := func(acts ...diagnose.Action) diagnose.Diagnosis { return diagnose.Diagnosis{Actions: acts} }
	setLR := func(lr float64) diagnose.Action { return diagnose.Action{Kind: diagnose.SetLR, LR: lr} }
	keepLR := func(lr float64) diagnose.Action { return diagnose.Action{Kind: diagnose.KeepLR, LR: lr} }
	stdz := func(lr float64) diagnose.Action { return diagnose.Action{Kind: diagnose.Standardize, LR: lr} }
	budget := func(n int) diagnose.Action { return diagnose.Action{Kind: diagnose.RaiseBudget, Budget: n} }
	wd := func(v float64) diagnose.Action { return diagnose.Action{Kind: diagnose.SetWeightDecay, WeightDecay: v} }
	param := func(k string, v float64) diagnose.Action {
		return diagnose.Action{Kind: diagnose.SetParam, Param: k, Value: v}
	}
	batch := func(n int) diagnose.Action { return diagnose.Action{Kind: diagnose.RaiseBatch, Batch: n} }
	sched := func(s string) diagnose.Action { return diagnose.Action{Kind: diagnose.UseSchedule, Schedule: s} }
	l2 := func(v float64) diagnose.Action { return diagnose.Action{Kind: diagnose.SetL2, L2: v} }
	early := func(epoch, p int) diagnose.Action {
		return diagnose.Action{Kind: diagnose.EarlyStop, Epoch: epoch, Patience: p}
	}
	kind := func(k diagnose.ActionKind) diagnose.Action { return diagnose.Action{Kind: k} }

	tests := []struct {
		name string
		run  nextRun
		d    diagnose.Diagnosis
		want string // the flags joined by spaces; "" for none
	}{
		// set_lr and keep_lr
		{"set_lr", min("gd:lr=0.1", 500), a(setLR(0.3)), "--opt gd:lr=0.3"},
		{"set_lr 4 digits", min("gd:lr=0.01", 500), a(setLR(0.031622776601683794)), "--opt gd:lr=0.03162"},
		{"set_lr small", min("adam:lr=0.001", 500), a(setLR(1.2345678e-5)), "--opt adam:lr=1.235e-05"},
		{"set_lr without lr in the spec", min("adam", 500), a(setLR(0.01)), "--opt adam:lr=0.01"},
		{"set_lr keeps the other keys", min("sgd:momentum=0.9,lr=0.1", 500), a(setLR(0.05)), "--opt sgd:momentum=0.9,lr=0.05"},
		{"set_lr keeps maximize", min("adam:maximize=true,lr=0.1", 500), a(setLR(0.01)), "--opt adam:maximize=true,lr=0.01"},
		{"set_lr to the same number", min("gd:lr=0.010", 500), a(setLR(0.01)), ""},
		{"keep_lr alone", min("gd:lr=0.1", 500), a(keepLR(0.1)), ""},
		{"keep_lr alone, train", tr("adam:lr=0.01", "linear", 32, 20), a(keepLR(0.01)), ""},
		{"keep_lr alone, spec without lr", min("adam", 500), a(keepLR(0.001)), ""},
		{"no actions", min("gd:lr=0.1", 500), a(), ""},
		{"set_lr of a schedule's max_lr", withSched(min("sgd:lr=0.1", 500), "onecycle:max_lr=0.1,pct_start=0.3"),
			a(diagnose.Action{Kind: diagnose.SetLR, LR: 0.01, Param: "max_lr"}), "--schedule onecycle:max_lr=0.01,pct_start=0.3"},
		{"set_lr of a schedule's key the run did not give", withSched(min("sgd:lr=0.1", 500), "onecycle"),
			a(diagnose.Action{Kind: diagnose.SetLR, LR: 0.5, Param: "max_lr"}), "--schedule onecycle:max_lr=0.5"},
		{"set_lr of a schedule's key without a schedule", min("sgd:lr=0.1", 500),
			a(diagnose.Action{Kind: diagnose.SetLR, LR: 0.5, Param: "max_lr"}), ""},
		{"keep_lr of a schedule's key", withSched(min("sgd:lr=0.1", 500), "onecycle:max_lr=0.1"),
			a(diagnose.Action{Kind: diagnose.KeepLR, LR: 0.1, Param: "max_lr"}), ""},

		// raise_budget: known, and at most 10× the run's
		{"raise_budget", min("gd:lr=0.1", 500), a(budget(1302)), "--max-iters 1302"},
		{"raise_budget 10×", min("gd:lr=0.1", 500), a(budget(5000)), "--max-iters 5000"},
		{"raise_budget past 10×", min("gd:lr=0.1", 500), a(budget(5001)), ""},
		{"raise_budget 644394 after 500", min("rprop:lr=0.01", 500), a(setLR(50), budget(644394), param("step_max", 500)),
			"--opt rprop:lr=50,step_max=500"},
		{"raise_budget unknown", min("gd:lr=0.1", 500), a(budget(0)), ""},
		{"raise_budget of a run without a budget", min("gd:lr=0.1", 0), a(budget(1000)), ""},
		{"raise_budget of train", tr("adam:lr=0.01", "linear", 32, 20), a(budget(150)), "--epochs 150"},

		// standardize
		{"standardize with its rate", tr("adamw:lr=1", "linear", 32, 20), a(wd(0.001), stdz(0.1), keepLR(1)),
			"--standardize --opt adamw:lr=0.1,weight_decay=0.001"},
		{"standardize's rate replaces set_lr after it", tr("gd:lr=1e-05", "linear", 0, 1000), a(stdz(0.4), setLR(2e-5)),
			"--standardize --opt gd:lr=0.4"},
		{"standardize's rate replaces set_lr before it", tr("gd:lr=1e-05", "linear", 0, 1000), a(setLR(2e-5), budget(3000), stdz(0.4)),
			"--standardize --opt gd:lr=0.4"},
		{"standardize leaves the raw run's other actions", tr("adamw:lr=1", "linear", 32, 20),
			a(stdz(0.3), wd(0.001), sched("cosine"), batch(64), budget(40), l2(0.01), early(10, 3), param("beta2", 0.99)),
			"--standardize --opt adamw:lr=0.3,weight_decay=0.001"},
		{"standardize without a rate", tr("adamw:lr=1", "linear", 32, 20), a(wd(0.001), keepLR(1), sched("cosine"), batch(0), stdz(0)),
			"--opt adamw:lr=1,weight_decay=0.001 --schedule cosine"},
		{"standardize without a rate after set_lr", tr("gd:lr=1e-05", "linear", 0, 1000), a(setLR(3e-5), stdz(0)),
			"--opt gd:lr=3e-05"},
		{"standardize without a rate alone", tr("rmsprop:lr=0.01", "linear", 32, 20), a(keepLR(0.01), stdz(0)), ""},
		{"standardize under onecycle", withSched(tr("adam:lr=0.01", "linear", 32, 20), "onecycle:max_lr=0.01"),
			a(stdz(0.3), diagnose.Action{Kind: diagnose.KeepLR, LR: 0.01, Param: "max_lr"}), "--standardize --schedule onecycle:max_lr=0.3"},
		{"standardize in minimize", min("gd:lr=0.1", 500), a(stdz(0.4)), ""},
		{"standardize when standardized", std(tr("gd:lr=0.1", "linear", 0, 1000)), a(stdz(0.4)), ""},

		// the optimizer's other parameters
		{"set_weight_decay", tr("adamw:lr=1", "linear", 32, 20), a(wd(0.001), keepLR(1)), "--opt adamw:lr=1,weight_decay=0.001"},
		{"set_weight_decay, minimize", min("lion:lr=0.001,weight_decay=0.1", 2000), a(wd(0.01)), "--opt lion:lr=0.001,weight_decay=0.01"},
		{"set_param", min("rprop:lr=0.01", 500), a(param("step_max", 500)), "--opt rprop:lr=0.01,step_max=500"},
		{"set_param whole number in full", min("rprop", 500), a(param("step_max", 1e6)), "--opt rprop:step_max=1000000"},
		{"set_param fraction", min("rprop", 500), a(param("step_min", 1.5e-7)), "--opt rprop:step_min=1.5e-07"},

		// train's other flags
		{"raise_batch", tr("sgd:lr=0.1", "linear", 32, 20), a(keepLR(0.1), batch(128)), "--batch 128"},
		{"raise_batch without a size", tr("sgd:lr=0.1", "linear", 32, 20), a(batch(0)), ""},
		{"raise_batch in minimize", min("sgd:lr=0.1", 500), a(batch(128)), ""},
		{"use_schedule", tr("sgd:lr=0.1", "linear", 32, 20), a(keepLR(0.1), sched("cosine")), "--schedule cosine"},
		{"use_schedule with a schedule", withSched(tr("sgd:lr=0.1", "linear", 32, 20), "step:step_size=10"), a(sched("cosine")), ""},
		// stretch_schedule sets the schedule's length key, with set_lr
		{"stretch_schedule with set_lr", withSched(tr("lion:lr=0.001", "logistic", 16, 30), "polynomial:total_iters=200,power=2"),
			a(setLR(0.1), diagnose.Action{Kind: diagnose.StretchSchedule, Steps: 300}), "--opt lion:lr=0.1 --schedule polynomial:total_iters=300,power=2"},
		{"stretch_schedule of a key the run did not give", withSched(min("adam:lr=0.01", 400), "polynomial"),
			a(diagnose.Action{Kind: diagnose.StretchSchedule, Steps: 400}), "--schedule polynomial:total_iters=400"},
		{"stretch_schedule of a schedule without a length", withSched(min("adam:lr=0.01", 400), "step:step_size=100,gamma=0"),
			a(diagnose.Action{Kind: diagnose.StretchSchedule, Steps: 400}), ""},
		{"stretch_schedule without steps", withSched(min("adam:lr=0.01", 400), "polynomial:total_iters=200"),
			a(diagnose.Action{Kind: diagnose.StretchSchedule}), ""},
		{"set_l2", tr("adam:lr=0.01", "mlp:hidden=16,act=relu", 16, 200), a(l2(1e-3)), "--model mlp:hidden=16,act=relu,l2=0.001"},
		{"set_l2 over the model's", tr("adam:lr=0.01", "softmax:l2=0.0001", 16, 200), a(l2(1e-3)), "--model softmax:l2=0.001"},
		{"set_l2 given by --l2", withL2(tr("adam:lr=0.01", "softmax", 16, 200), 1e-4), a(l2(1e-3)), "--l2 0.001"},
		{"set_l2 in minimize", min("gd:lr=0.1", 500), a(l2(1e-3)), ""},
		{"early_stop", tr("adam:lr=0.01", "softmax", 16, 200), a(early(40, 5), l2(1e-3), keepLR(0.01)),
			"--model softmax:l2=0.001 --patience 5"},
		{"early_stop with that patience", withPatience(tr("adam:lr=0.01", "softmax", 16, 200), 5), a(early(40, 5)), ""},
		{"early_stop in minimize", min("gd:lr=0.1", 500), a(early(40, 5)), ""},

		// actions without a flag
		{"add_momentum", min("gd:lr=0.1", 500), a(kind(diagnose.AddMomentum)), ""},
		{"use_optimizer", min("gd:lr=0.1", 500), a(diagnose.Action{Kind: diagnose.UseOptimizer, Optimizers: []string{"lbfgs"}}), ""},
		{"clip_gradient", min("gd:lr=0.1", 500), a(kind(diagnose.ClipGradient)), ""},
		{"set_grad_tol", min("gd:lr=0.1", 500), a(kind(diagnose.SetGradTol)), ""},
		{"rescale", min("gd:lr=0.1", 500), a(kind(diagnose.RescaleVars)), ""},
		{"check_objective", min("gd:lr=0.1", 500), a(kind(diagnose.CheckObjective)), ""},
		{"flagless with set_lr", min("gd:lr=0.1", 500), a(setLR(0.01), kind(diagnose.AddMomentum), kind(diagnose.ClipGradient)), "--opt gd:lr=0.01"},

		// the fixed order, whatever the actions' order
		{"order", tr("adamw:lr=1", "linear", 32, 20),
			a(early(10, 3), batch(64), budget(40), l2(0.01), sched("cosine"), param("beta2", 0.99), wd(0.001), setLR(0.3)),
			"--opt adamw:lr=0.3,beta2=0.99,weight_decay=0.001 --schedule cosine --model linear:l2=0.01 --batch 64 --epochs 40 --patience 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := nextFlags(tc.run, tc.d)
			if s := strings.Join(got, " "); s != tc.want {
				t.Errorf("next = %q, want %q", s, tc.want)
			}
			if tc.want == "" && got != nil {
				t.Errorf("next = %#v, want nil (omitted from --json)", got)
			}
		})
	}
}

// TestNextRoundTrip: the --opt of the next line parses as the command
// line parses it, builds the optimizer, and gives the rate the suggested
// line prints.
func TestNextRoundTrip(t *testing.T) {
	for _, opt := range []string{"gd:lr=0.1", "adam", "sgd:lr=0.01,momentum=0.9", "rprop:lr=0.01"} {
		for _, lr := range []float64{50, 0.031622776601683794, 1.2345678e-5, 123456.789, 3.3333333e-9, 0.31622776601683794} {
			d := diagnose.Diagnosis{SuggestedLR: lr, Actions: []diagnose.Action{{Kind: diagnose.SetLR, LR: lr}}}
			next := nextFlags(nextRun{opt: spec.MustParse(opt), budget: 100}, d)
			i := slices.Index(next, "--opt")
			if i < 0 || i+1 >= len(next) {
				t.Fatalf("%s, lr %g: no --opt in %q", opt, lr, next)
			}
			var maximize bool
			sp, err := parseOpt(next[i+1], &maximize)
			if err != nil {
				t.Fatalf("%s, lr %g: --opt %s: %v", opt, lr, next[i+1], err)
			}
			alg, err := optim.NewSpec(sp)
			if err != nil {
				t.Fatalf("%s, lr %g: --opt %s: %v", opt, lr, next[i+1], err)
			}
			alg.Init(1)
			got, ok := optim.StepLR(alg)
			line := fmt.Sprintf("%.4g", d.SuggestedLR) // the suggested line's number
			if !ok || fmt.Sprintf("%.4g", got) != line {
				t.Errorf("%s, lr %g: --opt %s gives lr %g (%v), the suggested line %s", opt, lr, next[i+1], got, ok, line)
			}
			if text, _ := sp.Get("lr"); text != line {
				t.Errorf("%s, lr %g: --opt %s writes lr=%s, the suggested line %s", opt, lr, next[i+1], text, line)
			}
		}
	}
}

// TestShellWord: a value a shell would read otherwise is quoted on the
// next line.
func TestShellWord(t *testing.T) {
	for in, want := range map[string]string{
		"--opt":                          "--opt",
		"rprop:lr=50,step_max=500":       "rprop:lr=50,step_max=500",
		"adam:lr=1.235e-05":              "adam:lr=1.235e-05",
		"multistep:milestones=30;80":     "'multistep:milestones=30;80'",
		"mlp:hidden=64,32,act=relu":      "mlp:hidden=64,32,act=relu",
		"it's":                           `'it'\''s'`,
		"a b":                            "'a b'",
		"":                               "''",
		"exponential:gamma=0.9,x=$(rm)*": "'exponential:gamma=0.9,x=$(rm)*'",
	} {
		if got := shellWord(in); got != want {
			t.Errorf("shellWord(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestPrintNext: the next line quotes what a shell would read otherwise,
// and is not printed when nothing changes.
func TestPrintNext(t *testing.T) {
	var b strings.Builder
	printNext(&b, []string{"--opt", "sgd:lr=0.1", "--schedule", "multistep:milestones=30;80"})
	if want := "  next         --opt sgd:lr=0.1 --schedule 'multistep:milestones=30;80'\n"; b.String() != want {
		t.Errorf("next line %q, want %q", b.String(), want)
	}
	b.Reset()
	printNext(&b, nil)
	if b.Len() != 0 {
		t.Errorf("nothing to change printed %q", b.String())
	}
}

// nextLine returns the flags of the text report's next line, nil without
// one, and fails unless it follows the suggested line.
func nextLine(t *testing.T, out string) []string {
	t.Helper()
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "  next         "); ok {
			if i == 0 || !strings.HasPrefix(lines[i-1], "  suggested ") {
				t.Errorf("the next line does not follow the suggested line:\n%s", out)
			}
			return strings.Fields(rest)
		}
	}
	return nil
}

// withNext returns args with the flags of next put in: a flag the command
// had gets the new value, any other is added.
func withNext(args, next []string) []string {
	out := slices.Clone(args)
	for i := 0; i < len(next); i++ {
		flag := next[i]
		if flag == "--standardize" {
			if !slices.Contains(out, flag) {
				out = append(out, flag)
			}
			continue
		}
		i++
		if j := slices.Index(out, flag); j >= 0 {
			out[j+1] = next[i]
		} else {
			out = append(out, flag, next[i])
		}
	}
	return out
}

// TestNextMinimize runs minimize on Brown's badly scaled function under
// Rprop, whose diagnosis raises lr to 50 and step_max to 500 and finds
// 644,394 iterations needed (more than 10× the budget: left to the
// advice's words), and checks the next line, the "next" of --json (whose
// shape is the documented one), and that the next run takes those flags.
func TestNextMinimize(t *testing.T) {
	args := []string{"minimize", "--func", "brown-badly-scaled", "--opt", "rprop:lr=0.01", "--max-iters", "500"}
	want := []string{"--opt", "rprop:lr=50,step_max=500"}
	out, js := checkNext(t, args, want, "optimizer rprop:lr=50,step_max=500\n", reportF)
	if !strings.Contains(out, "  suggested lr 50\n  next ") {
		t.Errorf("the next line does not follow suggested lr 50:\n%s", out)
	}
	var r reportJSON
	if err := decodeStrict([]byte(js), &r); err != nil {
		t.Errorf("--json does not have the documented shape: %v\n%s", err, js)
	}

	// A run with nothing to change has no next line and no "next".
	out, _, _ = runCLI(t, "minimize", "--func", "rosenbrock", "--opt", "lbfgs")
	js, _, _ = runCLI(t, "minimize", "--func", "rosenbrock", "--opt", "lbfgs", "--json")
	if strings.Contains(out, "next ") || strings.Contains(js, `"next"`) {
		t.Errorf("a converged run has a next line:\n%s\n%s", out, js)
	}
}

var (
	fLine   = regexp.MustCompile(`(?m)^  f {12}(\S+)$`)
	objLine = regexp.MustCompile(`(?m)^  train .*objective (\S+)`)
)

// reportF is minimize's final f in the text report out.
func reportF(t *testing.T, out string) float64 { return reportNumber(t, fLine, out) }

// trainObjective is train's final training objective in the text report
// out.
func trainObjective(t *testing.T, out string) float64 { return reportNumber(t, objLine, out) }

func reportNumber(t *testing.T, re *regexp.Regexp, out string) float64 {
	t.Helper()
	m := re.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no %s in:\n%s", re, out)
	}
	f, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestNextTrain trains a linear model on raw diabetes under AdamW at lr 1
// (batch 32, 20 epochs). The advice keeps lr 1, offers cosine for the
// noise floor, standardizing — last, without a rate of its own ("with its
// own rate to find") — and weight decay 0.001 with it. The next line takes
// the weight decay and the schedule, not --standardize, which has no rate
// to go with; --json has the same as "next", and the next run takes them
// and ends lower.
func TestNextTrain(t *testing.T) {
	args := []string{"train", "--data", diabetesData, "--model", "linear", "--opt", "adamw:lr=1", "--batch", "32", "--epochs", "20"}
	want := []string{"--opt", "adamw:lr=1,weight_decay=0.001", "--schedule", "cosine"}
	r := trainNext(t, args, want, "adamw:lr=1,weight_decay=0.001, batch 32")
	var std *actionJSON
	wd := false
	for i, a := range r.Diagnosis.Actions {
		switch a.Kind {
		case "standardize":
			std = &r.Diagnosis.Actions[i]
		case "set_weight_decay":
			wd = a.WeightDecay == 0.001
		}
	}
	if std == nil || std.LR != 0 || !wd {
		t.Errorf("actions %+v: want standardize without a rate and set_weight_decay 0.001", r.Diagnosis.Actions)
	}
}

// TestNextTrainStandardize trains a linear model on raw diabetes by
// full-batch gradient descent at lr 1e-6: the advice's first action is to
// standardize, with lr 0.1242 there, ahead of the raise to 6.794e-06 for
// the raw features. The next line standardizes at the action's rate.
func TestNextTrainStandardize(t *testing.T) {
	args := []string{"train", "--data", diabetesData, "--model", "linear", "--opt", "gd:lr=1e-6", "--batch", "full", "--epochs", "200"}
	want := []string{"--standardize", "--opt", "gd:lr=0.1242"}
	r := trainNext(t, args, want, "gd:lr=0.1242, batch full")
	if a := r.Diagnosis.Actions; len(a) == 0 || a[0].Kind != "standardize" || fmt.Sprintf("%.4g", a[0].LR) != "0.1242" {
		t.Errorf("actions %+v: want standardize at 0.1242 first", a)
	}
	if s := r.Diagnosis.SuggestedLR; s == nil || fmt.Sprintf("%.4g", *s) != "6.794e-06" {
		t.Errorf("suggested_lr %v, want 6.794e-06 (the raw features' rate, which standardize's replaces)", s)
	}
}

// trainNext is checkNext for train, with its --json decoded.
func trainNext(t *testing.T, args, want []string, header string) trainNextJSON {
	t.Helper()
	_, js := checkNext(t, args, want, header, trainObjective)
	var r trainNextJSON
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// checkNext runs the command args and checks that its next line, after
// the suggested line, and its --json "next" are want; then runs it again
// with those flags, whose report must contain header and end lower by
// value. It returns the first run's text and --json outputs.
func checkNext(t *testing.T, args, want []string, header string, value func(*testing.T, string) float64) (out, js string) {
	t.Helper()
	out, errs, code := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if next := nextLine(t, out); !slices.Equal(next, want) {
		t.Fatalf("next %q, want %q:\n%s", next, want, out)
	}
	js, errs, code = runCLI(t, append(args, "--json")...)
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errs)
	}
	var r struct {
		Next []string `json:"next"`
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Next, want) {
		t.Errorf("--json next %q, want %q", r.Next, want)
	}
	again := withNext(args, want)
	out2, errs, code := runCLI(t, again...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", again, code, errs)
	}
	if !strings.Contains(out2, header) {
		t.Errorf("%v: not run under %q:\n%s", again, header, out2)
	}
	if v1, v2 := value(t, out), value(t, out2); !(v2 < v1) {
		t.Errorf("the next run %v ends at %g, the first at %g", again, v2, v1)
	}
	return out, js
}
