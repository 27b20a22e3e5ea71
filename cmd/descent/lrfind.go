package main

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"

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
		asJSON    bool
	)
	c := &cobra.Command{
		Use:   "lrfind (--func NAME | --expr FORMULA | --data FILE --model SPEC) [flags]",
		Short: "Learning-rate range test: sweep the rate exponentially and suggest one",
		Long: `lrfind takes one optimizer step per learning rate on an exponential sweep and
suggests a rate. On a function (--func, --expr) every step is on the function.
On a model (--data, --model) every step is on the next mini-batch of --batch
examples (default 32; full for the whole training objective), from the
model's initial weights, which are restored afterwards: the sweep does not
train the model that a later train run starts from.`,
		Example: `  descent lrfind --expr "x^2 + 10*y^2" --start 3,1 --plot lrfind.png
  descent lrfind --func rosenbrock --opt sgd:momentum=0.9 --json
  descent lrfind --data wine.csv --model mlp:hidden=32 --standardize --opt adam --batch 16`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if mf.data.path != "" || mf.model != "" {
				return lrfindModel(c, &pf, &mf, opt, plot, rule, s, asJSON)
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
			s.Rule = rule
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
			r := rep.Result
			fmt.Fprintf(out, "%s — learning-rate range test with %s, %d steps from %g", p.Name, rep.Spec, len(r.LRs), r.LRs[0])
			if r.StoppedEarly {
				fmt.Fprintf(out, ", stopped at lr %.4g where the loss blew up\n", r.LRs[len(r.LRs)-1])
			} else {
				fmt.Fprintf(out, " to %.4g\n", r.LRs[len(r.LRs)-1])
			}
			if r.Suggested > 0 {
				fmt.Fprintf(out, "  suggested lr   %.4g  (%s)\n", r.Suggested, r.Rule)
			} else {
				fmt.Fprintf(out, "  suggested lr   %s\n", r.Rule)
			}
			fmt.Fprintf(out, "  by rule        minimum %.4g · steepest %.4g · valley %.4g\n", r.Minimum, r.Steepest, r.Valley)
			if cv := rep.Curvature; cv != nil {
				if bound > 0 {
					fmt.Fprintf(out, "  stable bound   %.4g = %s, L = %.4g at the start\n", bound, cv.Rule, float64(cv.L))
				} else {
					fmt.Fprintf(out, "  stable bound   %s\n", cv.Rule)
				}
			}
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
	f.StringVar(&rule, "rule", "minimum", "suggestion rule: minimum (a tenth of the rate at the lowest loss), steepest or valley")
	f.StringVar(&plot, "plot", "", "draw loss against lr to FILE (.png, .svg, .pdf)")
	f.BoolVar(&asJSON, "json", false, "print the sweep and the suggestion as JSON")
	return c
}

// lrfindModel runs the range test on a model and a data set.
func lrfindModel(c *cobra.Command, pf *problemFlags, mf *modelFlags, opt, plot, rule string, s lrfind.Settings, asJSON bool) error {
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
	s.Rule = rule
	res, err := train.LRFind(cfg, s)
	if err != nil {
		return cliError(err)
	}
	name := fmt.Sprintf("%s, %s, batch %s", filepath.Base(cfg.Path), cfg.Model, batchLabel(cfg.Batch))
	if plot != "" {
		if err := viz.LRFindChart(plot, res.LRs, res.Losses, res.Smoothed, res.Suggested, 0, viz.LossOptions{Title: name + " — " + opt}); err != nil {
			return fmt.Errorf("--plot: %v", err)
		}
	}
	out := c.OutOrStdout()
	nz := func(v float64) run.Float {
		if v == 0 {
			return run.Float(math.NaN())
		}
		return run.Float(v)
	}
	rep := &run.LRFindReport{Spec: opt, StoppedEarly: res.StoppedEarly, Rule: res.Rule,
		SuggestedLR: nz(res.Suggested), MinimumLR: nz(res.Minimum), SteepestLR: nz(res.Steepest), ValleyLR: nz(res.Valley)}
	for i := range res.LRs {
		rep.Sweep = append(rep.Sweep, run.SweepPoint{LR: run.Float(res.LRs[i]), Loss: run.Float(res.Losses[i]), Smoothed: run.Float(res.Smoothed[i])})
	}
	if asJSON {
		return writeJSON(out, rep)
	}
	if len(res.LRs) == 0 {
		fmt.Fprintf(out, "%s — learning-rate range test with %s: the loss was not finite at the first rate\n", name, opt)
		return nil
	}
	fmt.Fprintf(out, "%s — learning-rate range test with %s, %d steps from %g", name, opt, len(res.LRs), res.LRs[0])
	if res.StoppedEarly {
		fmt.Fprintf(out, ", stopped at lr %.4g where the loss blew up\n", res.LRs[len(res.LRs)-1])
	} else {
		fmt.Fprintf(out, " to %.4g\n", res.LRs[len(res.LRs)-1])
	}
	if res.Suggested > 0 {
		fmt.Fprintf(out, "  suggested lr   %.4g  (%s)\n", res.Suggested, res.Rule)
	} else {
		fmt.Fprintf(out, "  suggested lr   none: %s\n", res.Rule)
	}
	fmt.Fprintf(out, "  by rule        minimum %.4g · steepest %.4g · valley %.4g\n", res.Minimum, res.Steepest, res.Valley)
	return nil
}

func batchLabel(b int) string {
	if b == 0 {
		return "full"
	}
	return strconv.Itoa(b)
}
