package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/lrfind"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/viz"
)

func newLRFindCmd() *cobra.Command {
	var (
		pf        problemFlags
		opt, plot string
		rule      string
		s         lrfind.Settings
		asJSON    bool
	)
	c := &cobra.Command{
		Use:   "lrfind (--func NAME | --expr FORMULA) [flags]",
		Short: "Learning-rate range test: sweep the rate exponentially and suggest one",
		Example: `  descent lrfind --expr "x^2 + 10*y^2" --start 3,1 --plot lrfind.png
  descent lrfind --func rosenbrock --opt sgd:momentum=0.9 --json`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			p, err := pf.build()
			if err != nil {
				return usage(err)
			}
			if err := checkOutput("--plot", plot, imageExts...); err != nil {
				return err
			}
			s.Rule = rule
			rep, err := run.LRFind(p, opt, s)
			if err != nil {
				return usage(err)
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
				fmt.Fprintf(out, "  suggested lr   none: %s\n", r.Rule)
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
	f.StringVar(&opt, "opt", "gd", "optimizer spec whose lr is swept")
	f.Float64Var(&s.StartLR, "start-lr", 1e-7, "first learning rate")
	f.Float64Var(&s.EndLR, "end-lr", 10, "last learning rate")
	f.IntVar(&s.Steps, "steps", 100, "number of rates (one optimizer step each)")
	f.StringVar(&rule, "rule", "minimum", "suggestion rule: minimum (a tenth of the rate at the lowest loss), steepest or valley")
	f.StringVar(&plot, "plot", "", "draw loss against lr to FILE (.png, .svg, .pdf)")
	f.BoolVar(&asJSON, "json", false, "print the sweep and the suggestion as JSON")
	return c
}
