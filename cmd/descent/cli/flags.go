package cli

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
	"github.com/descentgo/descent/viz"
)

// The command line is an edge: it parses text into the typed values the
// engines take, and renders the engines' typed errors with its own flag
// names. Libraries name a configuration field by its JSON name ("grad_tol");
// the flag is "--" and the name with dashes ("--grad-tol"), except where
// flagFor says otherwise.
var flagFor = map[string]string{
	"buffer_rows":     "--buffer",
	"resume":          "--resume",
	"sharpness_every": "--sharpness",
}

// flagName returns the flag for a configuration field.
func flagName(field string) string {
	if f, ok := flagFor[field]; ok {
		return f
	}
	return "--" + strings.ReplaceAll(field, "_", "-")
}

// cliError renders an engine error in the command line's words: a
// *spec.FieldError names its flag, the whole-problem errors say which
// flags to give, a checkpoint mismatch names the flag that differs. Every
// other error is returned as it is. All are usage errors (exit 2).
func cliError(err error) error {
	if err == nil {
		return nil
	}
	var me *train.MismatchError
	var fe *spec.FieldError
	var ns *train.NonFiniteStartError
	switch {
	case errors.As(err, &ns):
		err = fmt.Errorf("the training objective is %g at the initial weights: are the features badly scaled (try --standardize)?", ns.F)
	case errors.Is(err, problem.ErrNoFunction):
		err = errors.New("give the function to minimize: --func NAME (see `descent functions`) or --expr FORMULA")
	case errors.Is(err, problem.ErrFuncAndExpr):
		err = errors.New("--func and --expr are exclusive: give one")
	case errors.As(err, &me):
		f := flagName(me.Field)
		err = fmt.Errorf("--resume %s: the checkpoint was made with %s %s, this run has %s %s (leave the flag out to continue with the checkpoint's)", me.Dir, f, me.Checkpoint, f, me.Run)
	case errors.As(err, &fe):
		err = fmt.Errorf("%s: %w", flagName(fe.Field), cliError(fe.Err))
	case errors.Is(err, data.ErrMissingValue):
		var pe *data.ParseError
		if errors.As(err, &pe) {
			cp := *pe
			cp.Err = errors.New("missing value (use --drop-missing to skip such rows)")
			err = &cp
		}
	}
	return usageError{err}
}

// parseSpec parses the value of a specification flag such as --opt; empty
// text is the zero Spec (the default).
func parseSpec(flag, s string) (spec.Spec, error) {
	if strings.TrimSpace(s) == "" {
		return spec.Spec{}, nil
	}
	sp, err := spec.Parse(s)
	if err != nil {
		return spec.Spec{}, usagef("%s: %v", flag, err)
	}
	return sp, nil
}

// parseFloats parses a comma-separated list of finite numbers, as given to
// --start and --lr.
func parseFloats(flag, s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, usagef("%s: empty list", flag)
	}
	parts := strings.Split(s, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, usagef("%s: item %d: %q is not a finite number", flag, i+1, p)
		}
		out[i] = v
	}
	return out, nil
}

// parseLRs parses the --lr list: positive finite numbers separated by
// commas.
func parseLRs(s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, usagef("--lr: empty list (give rates like 0.001,0.01,0.1)")
	}
	v, err := parseFloats("--lr", s)
	if err != nil {
		return nil, err
	}
	for i, x := range v {
		if x <= 0 {
			return nil, usagef("--lr: item %d: learning rate %g must be positive", i+1, x)
		}
	}
	return v, nil
}

// cliTerms are the command line's names for the controls that advice
// mentions; budget is the flag of the budget ("--max-iters", "--epochs").
func cliTerms(budget string) diagnose.Terms {
	return diagnose.Terms{Budget: budget, Clip: "--clip-norm", Standardize: "--standardize"}
}

// parseOpt parses --opt. The key maximize=true, which optimizers took
// before maximization moved to the problem (--maximize), is still accepted
// here and reported in *maximize.
func parseOpt(s string, maximize *bool) (spec.Spec, error) {
	sp, err := parseSpec("--opt", s)
	if err != nil {
		return sp, err
	}
	if v, ok := sp.Get("maximize"); ok {
		switch v {
		case "true":
			*maximize = true
		case "false":
		default:
			return sp, usagef("--opt: maximize=%s: want true or false", v)
		}
		sp = sp.Without("maximize")
	}
	return sp, nil
}

// sharpnessFlags are --sharpness K and --plot-sharpness FILE of minimize and
// compare: the top Hessian eigenvalue every K iterations, and its chart.
type sharpnessFlags struct {
	every int
	plot  string
}

func (sf *sharpnessFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.IntVar(&sf.every, "sharpness", 0, "measure the sharpness λmax(∇²f) by Lanczos every K iterations (0 = off; costs up to min(n, 40) Hessian–vector products each)")
	f.StringVar(&sf.plot, "plot-sharpness", "", "draw λmax against iteration with the stability limit 2/lr to FILE (.png, .svg, .pdf); needs --sharpness")
}

// apply checks the flags and turns the measurement on in s for p.
func (sf *sharpnessFlags) apply(s *minimize.Settings, p *problem.Problem) error {
	switch {
	case sf.every < 0:
		return usagef("--sharpness %d: must be ≥ 0 (0 = off)", sf.every)
	case sf.plot != "" && sf.every == 0:
		return usagef("--plot-sharpness needs --sharpness K (measure every K iterations)")
	}
	if err := checkOutput("--plot-sharpness", sf.plot, imageExts...); err != nil {
		return err
	}
	if sf.every > 0 {
		s.SharpnessEvery = sf.every
		s.Sharpness = run.SharpnessFunc(p.Objective())
	}
	return nil
}

// draw writes the sharpness chart of the runs made with specs (in order),
// each with its optimizer's stability limit on a quadratic, factor/lr
// (optim.StableLR at L = 1: 2 for gradient descent, 2(1+β) for heavy-ball
// momentum), and no limit line for optimizers without one.
func (sf *sharpnessFlags) draw(p *problem.Problem, specs []spec.Spec, reports []*run.Report) error {
	if sf.plot == "" {
		return nil
	}
	series := make([]viz.SharpnessSeries, len(reports))
	for i, r := range reports {
		series[i] = viz.SharpnessSeries{Label: r.Label(), Values: r.Result.History.Sharpness}
		if i < len(specs) {
			if alg, err := optim.NewSpec(specs[i]); err == nil {
				if b := optim.StableLR(alg, 1); b.LR > 0 {
					series[i].LR, series[i].Factor = r.Result.History.LR, b.LR
				}
			}
		}
	}
	if err := viz.SharpnessChart(sf.plot, series, viz.SharpnessOptions{Title: p.Name}); err != nil {
		return fmt.Errorf("--plot-sharpness: %v", err)
	}
	return nil
}

// runJSON is a run's JSON output: the report, with --sharpness the
// measurements as "sharpness": [{"iter": k, "lambda_max": v}, ...], and
// for minimize the flags of the next run that the diagnosis's actions
// give as "next": ["--opt", "rprop:lr=50,step_max=500"] (see nextFlags;
// absent when nothing changes).
type runJSON struct {
	*run.Report
	Sharpness []run.SharpnessPoint `json:"sharpness,omitempty"`
	Next      []string             `json:"next,omitempty"`
}

func (sf *sharpnessFlags) json(r *run.Report) runJSON {
	return runJSON{Report: r, Sharpness: run.SharpnessPoints(r.Result.History, sf.every)}
}

// prevLRUsage is the help of --prev-lr (minimize and train).
const prevLRUsage = "the learning rate of the previous run (onecycle's max_lr under onecycle), when this run's rate follows its advice: advice that turns back goes at most halfway, to √(prev·lr) (0 = none)"
