package cli

import (
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/lrfind"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/train"
	"github.com/descentgo/descent/viz"
)

func newLRFindCmd() *cobra.Command {
	var (
		pf        problemFlags
		mf        modelFlags
		opt, plot string
		rule      string
		s         lrfind.Settings
		noCheck   bool
		asJSON    bool
	)
	c := &cobra.Command{
		Use:   "lrfind (--func NAME | --expr FORMULA | --data FILE --model SPEC) [flags]",
		Short: "Learning-rate range test: sweep the rate exponentially, suggest one, check it",
		Long: `lrfind takes one optimizer step per learning rate on an exponential sweep
(fastai's range test: the loss smoothed by a moving average, the sweep
stopped when it exceeds 4× its minimum) and suggests a rate by --rule:
valley (fastai's default: about halfway into the longest valley of the
loss), steep (the steepest descent of the loss in log lr) or minimum (a
tenth of the rate at the lowest loss). The suggestion is then validated:
short runs (--validation-steps, default --steps) from the start with fresh
optimizer state at the rule's rate and at a third and three times it; a
neighbour reaching a clearly lower loss replaces it, and a rate whose run
diverges is never suggested (the next lower one is tried).
On a function (--func, --expr) every step is on the function.
On a model (--data, --model) every step is on the next mini-batch of --batch
examples (default 32; full for the whole training objective), from the
model's initial weights, which are restored afterwards: the sweep does not
train the model that a later train run starts from.`,
		Example: `  descent lrfind --expr "x^2 + 10*y^2" --start 3,1 --plot lrfind.png
  descent lrfind --func rosenbrock --opt sgd:momentum=0.9 --json
  descent lrfind --data wine.csv --model mlp:hidden=32 --standardize --opt adam --batch 16`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			r, err := parseRule(rule)
			if err != nil {
				return usage(err)
			}
			s.Rule, s.SkipValidation = r, noCheck
			if mf.data.path != "" || mf.model != "" {
				return lrfindModel(c, &pf, &mf, opt, plot, s, asJSON)
			}
			o, err := parseOpt(opt, &pf.maximize)
			if err != nil {
				return err
			}
			p, err := pf.build()
			if err != nil {
				return err
			}
			if err := checkOutput("--plot", plot, imageExts...); err != nil {
				return err
			}
			rep, err := run.LRFind(p, o, s)
			if err != nil {
				return cliError(err)
			}
			bound := 0.0
			if rep.Curvature != nil && float64(rep.Curvature.StableLRBound) > 0 {
				bound = float64(rep.Curvature.StableLRBound)
			}
			if plot != "" {
				r := rep.Result
				if err := viz.LRFindChart(plot, r.LRs, r.Losses, r.Smoothed, r.Suggested, bound, viz.LossOptions{Title: p.Name + " — " + rep.Spec}); err != nil {
					return fmt.Errorf("--plot: %v", err)
				}
			}
			out := c.OutOrStdout()
			if asJSON {
				return writeJSON(out, rep)
			}
			printLRFind(out, p.Name, rep.Spec, rep.Result, s)
			printBound(out, rep.Curvature, "at the start")
			return nil
		},
	}
	pf.register(c)
	f := c.Flags()
	mf.register(f)
	for _, name := range []string{"stream", "buffer"} {
		f.MarkHidden(name) // accepted, but a sweep reads few batches
	}
	f.StringVar(&opt, "opt", run.DefaultOpt.String(), "optimizer spec whose lr is swept")
	f.Float64Var(&s.StartLR, "start-lr", 1e-7, "first learning rate")
	f.Float64Var(&s.EndLR, "end-lr", 10, "last learning rate")
	f.IntVar(&s.Steps, "steps", 100, "number of rates (one optimizer step each)")
	f.StringVar(&rule, "rule", string(lrfind.Valley), "suggestion rule: valley (about halfway into the longest valley of the loss), steep (its steepest descent) or minimum (a tenth of the rate at the lowest loss)")
	f.IntVar(&s.ValidationSteps, "validation-steps", 0, "steps of each validation run of the suggestion (0: --steps)")
	f.BoolVar(&noCheck, "no-validate", false, "print the rule's rate without validation runs")
	f.StringVar(&plot, "plot", "", "draw loss against lr to FILE (.png, .svg, .pdf)")
	f.BoolVar(&asJSON, "json", false, "print the sweep and the suggestion as JSON")
	return c
}

// lrfindModel runs the range test on a model and a data set.
func lrfindModel(c *cobra.Command, pf *problemFlags, mf *modelFlags, opt, plot string, s lrfind.Settings, asJSON bool) error {
	if pf.fn != "" || pf.expr != "" || pf.start != "" || pf.vars != "" {
		return usagef("--data/--model and --func/--expr/--start/--vars are exclusive: sweep a model or a function")
	}
	if mf.data.path == "" {
		return usagef("--model needs --data FILE")
	}
	if mf.model == "" {
		return usagef("--data needs --model SPEC")
	}
	if err := checkOutput("--plot", plot, imageExts...); err != nil {
		return err
	}
	if mf.batch == "" {
		mf.batch = "32"
	}
	cfg, err := mf.config(opt)
	if err != nil {
		return err
	}
	res, err := train.LRFind(cfg, s)
	if err != nil {
		return cliError(err)
	}
	name := fmt.Sprintf("%s, %s, batch %s", filepath.Base(cfg.Path), cfg.Model, batchLabel(cfg.Batch))
	rep := run.NewLRFindReport(opt, res)
	bound := 0.0
	if cv, err := train.StartCurvature(cfg); err == nil && cv != nil {
		rep.Curvature = &run.Curvature{L: cv.L, StableLRBound: cv.StableLRBound, Rule: cv.Rule, Point: cv.Point, Exact: cv.Exact}
		if b := float64(cv.StableLRBound); b > 0 {
			bound = b
		}
	}
	if plot != "" {
		if err := viz.LRFindChart(plot, res.LRs, res.Losses, res.Smoothed, res.Suggested, bound, viz.LossOptions{Title: name + " — " + opt}); err != nil {
			return fmt.Errorf("--plot: %v", err)
		}
	}
	out := c.OutOrStdout()
	if asJSON {
		return writeJSON(out, rep)
	}
	printLRFind(out, name, opt, res, s)
	printBound(out, rep.Curvature, "at the start weights")
	return nil
}

// parseRule reads a --rule value: valley, steep or minimum, in any case;
// steepest, the name before steep, is steep.
func parseRule(text string) (lrfind.Rule, error) {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "steepest" {
		return lrfind.Steep, nil
	}
	if r := lrfind.Rule(t); r.Valid() {
		return r, nil
	}
	names := make([]string, len(lrfind.Rules))
	for i, r := range lrfind.Rules {
		names[i] = string(r)
	}
	return "", fmt.Errorf("--rule %q: use %s", text, strings.Join(names, ", "))
}

// printLRFind prints a range test: the sweep, the rule's suggestion and the
// validation table.
func printLRFind(out io.Writer, name, opt string, r *lrfind.Result, s lrfind.Settings) {
	if len(r.LRs) == 0 {
		fmt.Fprintf(out, "%s — learning-rate range test with %s: %s\n", name, opt, r.Note)
		return
	}
	fmt.Fprintf(out, "%s — learning-rate range test with %s, %d steps from %g", name, opt, len(r.LRs), r.LRs[0])
	if r.StoppedEarly {
		fmt.Fprintf(out, ", stopped at lr %.4g where the loss blew up\n", r.LRs[len(r.LRs)-1])
	} else {
		fmt.Fprintf(out, " to %.4g\n", r.LRs[len(r.LRs)-1])
	}
	if r.Suggested > 0 {
		fmt.Fprintf(out, "  suggested lr   %.4g  (rule %s: %s)\n", r.Suggested, r.Rule, r.Note)
	} else {
		fmt.Fprintf(out, "  suggested lr   none (rule %s): %s\n", r.Rule, r.Note)
	}
	if r.Proposed > 0 {
		fmt.Fprintf(out, "  by rule        valley %.4g · steep %.4g · minimum %.4g  (read from lr %.3g to %.3g)\n",
			r.Valley, r.Steep, r.Minimum, r.LRs[r.From], r.LRs[r.To-1])
	}
	if len(r.Validation) == 0 {
		return
	}
	steps := s.ValidationSteps
	if steps == 0 {
		steps = s.Steps
	}
	if steps == 0 {
		steps = 100
	}
	fmt.Fprintf(out, "  validation     %d steps from the start (loss %.4g), fresh optimizer state\n", steps, r.F0)
	fmt.Fprintf(out, "    %-10s  %-12s  %s\n", "lr", "final loss", "verdict")
	for _, c := range r.Validation {
		loss := "-"
		if !math.IsInf(c.Loss, 0) {
			loss = fmt.Sprintf("%.5g", c.Loss)
		}
		mark := ""
		if c.LR == r.Suggested {
			mark = "  ← suggested"
		}
		fmt.Fprintf(out, "    %-10.4g  %-12s  %s%s\n", c.LR, loss, strings.ReplaceAll(string(c.Verdict), "_", " "), mark)
	}
}

func batchLabel(b int) string {
	if b == 0 {
		return "full"
	}
	return strconv.Itoa(b)
}

// printBound prints the stable-bound line of a range test's report.
func printBound(out io.Writer, cv *run.Curvature, where string) {
	if cv == nil {
		return
	}
	if b := float64(cv.StableLRBound); b > 0 {
		fmt.Fprintf(out, "  stable bound   %.4g = %s, L = %.4g %s\n", b, cv.Rule, float64(cv.L), where)
	} else {
		fmt.Fprintf(out, "  stable bound   %s\n", cv.Rule)
	}
}
