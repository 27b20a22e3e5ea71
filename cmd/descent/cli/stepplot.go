package cli

import (
	"fmt"
	"math"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/viz"
)

// stepFlags is --plot-step FILE of minimize and compare: the step size of
// every run against the iteration — the rate each step used (a schedule's
// warmup and decay) or, for a learning-rate-free method, the step it chose
// (DoG's η, Prodigy's and D-Adaptation's d·lr, …).
type stepFlags struct{ plot string }

func (sf *stepFlags) register(c *cobra.Command) {
	c.Flags().StringVar(&sf.plot, "plot-step", "", "draw each run's step size against iteration to FILE (.png, .svg, .pdf): the rate each step used, or the step a learning-rate-free method chose")
}

func (sf *stepFlags) check() error { return checkOutput("--plot-step", sf.plot, imageExts...) }

// stepSeries returns the step sizes of a run for the chart: the effective
// steps of a learning-rate-free method (row 0, before any step, shows the
// first), else the rates; nil for a method without either (line searches).
func stepSeries(r *run.Report) []float64 {
	h := r.Result.History
	v := h.Step
	if v == nil {
		v = h.LR
	} else if len(v) > 1 {
		v = append([]float64{v[1]}, v[1:]...)
	}
	for _, x := range v {
		if x > 0 && !math.IsInf(x, 0) {
			return v
		}
	}
	return nil
}

// draw writes the chart of the runs' step sizes.
func (sf *stepFlags) draw(title string, reports []*run.Report) error {
	if sf.plot == "" {
		return nil
	}
	var series []viz.Series
	for _, r := range reports {
		if v := stepSeries(r); v != nil {
			series = append(series, viz.Series{Label: r.Label(), Values: v})
		}
	}
	if len(series) == 0 {
		return fmt.Errorf("--plot-step: no run has a step size to draw (line searches choose theirs per iteration)")
	}
	opt := viz.LossOptions{Title: title, YLabel: "step size (lr, or the step an LR-free method chose)"}
	if err := viz.LossChart(sf.plot, series, opt); err != nil {
		return fmt.Errorf("--plot-step: %v", err)
	}
	return nil
}
