package cli

import (
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/spec"
)

// problemFlags are the flags that name a problem.
type problemFlags struct {
	fn, expr, vars, start string
	startSet              bool // --start was given (an empty list is an error)
	maximize              bool
}

func (p *problemFlags) register(c *cobra.Command) {
	f := c.Flags()
	f.StringVar(&p.fn, "func", "", "catalogue function `NAME[:key=value,...]` (see: descent functions)")
	f.StringVar(&p.expr, "expr", "", `formula to minimize, e.g. "(1-x)^2 + 100*(y-x^2)^2"`)
	f.StringVar(&p.vars, "vars", "", "variable order for --expr, e.g. x,y (default: order of first appearance)")
	f.Func("start", "start point v1,v2,... (default: the catalogue's start, or zeros)", func(v string) error {
		p.start, p.startSet = v, true
		return nil
	})
	f.BoolVar(&p.maximize, "maximize", false, "maximize the function instead (minimizes −f, reports f)")
}

func (p *problemFlags) build() (*problem.Problem, error) {
	fs, err := parseSpec("--func", p.fn)
	if err != nil {
		return nil, err
	}
	s := problem.Spec{Func: fs, Expr: p.expr, Maximize: p.maximize}
	if p.vars != "" {
		for _, v := range strings.Split(p.vars, ",") {
			s.Vars = append(s.Vars, strings.TrimSpace(v))
		}
	}
	if p.start != "" || p.startSet {
		v, err := parseFloats("--start", p.start)
		if err != nil {
			return nil, err
		}
		s.Start = v
	}
	if s.Vars == nil && eulerUse.MatchString(p.expr) {
		fmt.Fprintln(os.Stderr, "descent: note: e in --expr is Euler's number 2.71828…; to minimize over a variable named e, list the variables with --vars")
	}
	pr, err := problem.New(s)
	return pr, cliError(err)
}

// eulerUse matches e standing alone in a formula (not in 1e5 nor in a
// longer name).
var eulerUse = regexp.MustCompile(`(^|[^A-Za-z0-9_.])e([^A-Za-z0-9_(]|$)`)

// stopFlags are the stopping rules.
type stopFlags struct {
	maxIters          int
	gradTol, fTol     float64
	patience          int
	timeout           time.Duration
	clipNorm, clipVal float64
}

func (s *stopFlags) register(c *cobra.Command) {
	d := minimize.DefaultSettings()
	f := c.Flags()
	f.IntVar(&s.maxIters, "max-iters", d.MaxIters, "iteration budget (0 = none)")
	f.Float64Var(&s.gradTol, "grad-tol", d.GradTol, "stop when ‖∇f‖₂ < G (0 = off)")
	f.Float64Var(&s.fTol, "f-tol", 0, "stop when the relative change of f is below F ... (0 = off)")
	f.IntVar(&s.patience, "patience", 1, "... for K consecutive iterations")
	f.DurationVar(&s.timeout, "timeout", 0, "wall-clock budget, e.g. 30s (0 = none)")
	f.Float64Var(&s.clipNorm, "clip-norm", 0, "clip the gradient to global ℓ2 norm C before each step (0 = off)")
	f.Float64Var(&s.clipVal, "clip-value", 0, "clip each gradient component to [-V, V] (0 = off)")
}

func (s *stopFlags) settings() (minimize.Settings, error) {
	for _, f := range []struct {
		name string
		v    float64
	}{{"--grad-tol", s.gradTol}, {"--f-tol", s.fTol}, {"--clip-norm", s.clipNorm}, {"--clip-value", s.clipVal}} {
		if math.IsNaN(f.v) || math.IsInf(f.v, 0) {
			return minimize.Settings{}, usagef("%s %g: must be a finite number", f.name, f.v)
		}
	}
	switch {
	case s.maxIters < 0:
		return minimize.Settings{}, usagef("--max-iters %d: must be ≥ 0", s.maxIters)
	case s.gradTol < 0:
		return minimize.Settings{}, usagef("--grad-tol %g: must be ≥ 0", s.gradTol)
	case s.fTol < 0:
		return minimize.Settings{}, usagef("--f-tol %g: must be ≥ 0", s.fTol)
	case s.patience < 1:
		return minimize.Settings{}, usagef("--patience %d: must be ≥ 1", s.patience)
	case s.timeout < 0:
		return minimize.Settings{}, usagef("--timeout %v: must be ≥ 0", s.timeout)
	case s.clipNorm < 0:
		return minimize.Settings{}, usagef("--clip-norm %g: must be ≥ 0", s.clipNorm)
	case s.clipVal < 0:
		return minimize.Settings{}, usagef("--clip-value %g: must be ≥ 0", s.clipVal)
	}
	return minimize.Settings{
		Stop:     minimize.Stop{MaxIters: s.maxIters, GradTol: s.gradTol, FTol: s.fTol, Patience: s.patience, Timeout: s.timeout},
		ClipNorm: s.clipNorm, ClipValue: s.clipVal,
	}, nil
}

func newMinimizeCmd() *cobra.Command {
	var (
		pf             problemFlags
		sf             stopFlags
		shf            sharpnessFlags
		stf            stepFlags
		opt, sched, tr string
		traceEvery     int
		plot           string
		warmup         int
		asJSON         bool
		prevLR         float64
	)
	c := &cobra.Command{
		Use:   "minimize (--func NAME | --expr FORMULA) [flags]",
		Short: "Minimize a formula or a catalogue function and say why the run stopped",
		Example: `  descent minimize --expr "(1-x)^2 + 100*(y-x^2)^2" --start -1.2,1 --opt adam:lr=0.01 --max-iters 5000
  descent minimize --func rosenbrock --opt lbfgs --json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			o, err := parseOpt(opt, &pf.maximize)
			if err != nil {
				return err
			}
			sc, err := parseSpec("--schedule", sched)
			if err != nil {
				return err
			}
			p, err := pf.build()
			if err != nil {
				return err
			}
			s, err := sf.settings()
			if err != nil {
				return err
			}
			if err := checkOutput("--plot", plot, imageExts...); err != nil {
				return err
			}
			if err := stf.check(); err != nil {
				return err
			}
			if err := shf.apply(&s, p); err != nil {
				return err
			}
			bar := newProgress(p.Name, 1, s.MaxIters)
			s.Observers = append(s.Observers, bar)
			rep, err := run.Minimize(c.Context(), run.Config{
				Problem: p, Opt: o, Schedule: sc, Warmup: warmup, Settings: s, Trace: tr, TraceEvery: traceEvery, Terms: cliTerms("--max-iters"),
				PrevLR: prevLR,
			})
			bar.finish()
			if err != nil {
				return cliError(err)
			}
			if err := drawAll(p, []*run.Report{rep}, plot, "", "", [4]float64{}); err != nil {
				return err
			}
			if err := shf.draw(p, run.Expand([]spec.Spec{o}, nil), []*run.Report{rep}); err != nil {
				return err
			}
			if err := stf.draw(p.Name, []*run.Report{rep}); err != nil {
				return err
			}
			base, _ := parseSpec("--opt", opt) // as given, maximize=true too
			if base.IsZero() {
				base = run.DefaultOpt
			}
			next := nextFlags(nextRun{opt: base, sched: sc, budget: s.MaxIters}, rep.Diagnosis)
			out := c.OutOrStdout()
			if asJSON {
				js := shf.json(rep)
				js.Next = next
				if err := writeJSON(out, js); err != nil {
					return err
				}
			} else {
				printReport(out, p, rep)
				printNext(out, next)
			}
			return statusExit(rep.Status)
		},
	}
	pf.register(c)
	sf.register(c)
	shf.register(c)
	stf.register(c)
	f := c.Flags()
	f.StringVar(&opt, "opt", run.DefaultOpt.String(), "optimizer `NAME[:key=value,...]` (see: descent optimizers)")
	f.StringVar(&sched, "schedule", "", "learning-rate schedule NAME[:key=value,...]")
	f.IntVar(&warmup, "warmup", 0, "linear warmup steps, composed with the schedule")
	f.Float64Var(&prevLR, "prev-lr", 0, prevLRUsage)
	f.StringVar(&tr, "trace", "", "write one row per iteration to FILE (.csv or .jsonl)")
	f.IntVar(&traceEvery, "trace-every", 1, "with --trace: keep row 0, every K-th row and the last (needed above an estimated 256 MB)")
	f.StringVar(&plot, "plot", "", "draw f against iteration to FILE (.png, .svg, .pdf)")
	f.BoolVar(&asJSON, "json", false, "print one JSON object on stdout")
	return c
}

func printReport(w io.Writer, p *problem.Problem, r *run.Report) {
	fmt.Fprintf(w, "%s — %d variables, optimizer %s\n", p.Name, len(p.Vars), r.Spec)
	fmt.Fprintf(w, "  status       %s: %s\n", r.Status, r.Message)
	fmt.Fprintf(w, "  iterations   %d (%d evaluations, %s; advice %s)\n", r.Iterations, r.Evaluations, fmtDuration(r.ElapsedSeconds), fmtDuration(r.AdviceSeconds))
	fmt.Fprintf(w, "  f            %s\n", num("%.10g", float64(r.F)))
	fmt.Fprintf(w, "  ‖∇f‖         %s\n", num("%.3g", float64(r.GradNorm)))
	fmt.Fprintf(w, "  x            %s\n", fmtPoint(p.Vars, r.X))
	if r.Best.Iteration != r.Iterations {
		fmt.Fprintf(w, "  best         f = %s at iteration %d, %s\n", num("%.10g", float64(r.Best.F)), r.Best.Iteration, fmtPoint(p.Vars, r.Best.X))
	}
	if a := r.Averaged; a != nil {
		fmt.Fprintf(w, "  averaged     f = %s, %s (the optimizer's averaged point: use it)\n", num("%.10g", float64(a.F)), fmtPoint(p.Vars, a.X))
	}
	if k := p.Known; k != nil {
		if k.Unbounded {
			fmt.Fprintf(w, "  known        no minimum: unbounded below\n")
		} else {
			fmt.Fprintf(w, "  known        f* = %.10g at %s\n", k.FMin, k.MinimaString())
		}
	}
	if c := r.Curvature; c != nil {
		if b := float64(c.StableLRBound); b > 0 {
			fmt.Fprintf(w, "  curvature    L = %.4g at the %s point; stable lr < %.4g by %s\n", float64(c.L), c.Point, b, c.Rule)
		} else {
			fmt.Fprintf(w, "  curvature    L = %.4g at the %s point; lr bound %s\n", float64(c.L), c.Point, c.Rule)
		}
	}
	printSharpness(w, r)
	d := r.Diagnosis
	fmt.Fprintf(w, "  verdict      %s: %s\n", d.Verdict, d.Advice)
	if d.SuggestedLR > 0 {
		fmt.Fprintf(w, "  suggested %s %.4g\n", d.RateName(), d.SuggestedLR)
	}
}

func fmtPoint(vars []string, x []run.Float) string {
	parts := make([]string, len(x))
	for i, v := range x {
		name := fmt.Sprintf("x%d", i+1)
		if i < len(vars) {
			name = vars[i]
		}
		parts[i] = name + "=" + num("%.8g", float64(v))
	}
	if len(parts) > 8 {
		parts = append(parts[:4:4], fmt.Sprintf("… (%d more)", len(parts)-4))
	}
	return strings.Join(parts, "  ")
}

func fmtDuration(sec float64) string {
	return time.Duration(sec * float64(time.Second)).Round(time.Microsecond).String()
}

// printSharpness summarizes the measured sharpness: first, last and largest
// λmax and the iterations.
func printSharpness(w io.Writer, r *run.Report) {
	first, last, top := math.NaN(), math.NaN(), math.Inf(-1)
	firstK, lastK, topK, n := 0, 0, 0, 0
	for k, v := range r.Result.History.Sharpness {
		if math.IsNaN(v) {
			continue
		}
		if n == 0 {
			first, firstK = v, k
		}
		last, lastK = v, k
		if v > top {
			top, topK = v, k
		}
		n++
	}
	if n == 0 {
		return
	}
	fmt.Fprintf(w, "  sharpness    λmax = %.4g at iteration %d, %.4g at %d, largest %.4g at %d (%d measurements)\n",
		first, firstK, last, lastK, top, topK, n)
}
