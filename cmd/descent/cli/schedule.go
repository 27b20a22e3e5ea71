package cli

import (
	"fmt"
	"io"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/viz"
)

// scheduleJSON is what `descent schedule --json` prints: the rate of every
// step, and the momentum (β1 for the Adam family) when the schedule cycles
// it.
type scheduleJSON struct {
	Schedule string    `json:"schedule"`
	BaseLR   float64   `json:"base_lr"`
	Steps    []int     `json:"steps"`
	LR       []float64 `json:"lr"`
	Momentum []float64 `json:"momentum,omitempty"`
}

func newScheduleCmd() *cobra.Command {
	var (
		steps  int
		lr     float64
		plot   string
		logY   bool
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "schedule SPEC [--steps N] [--lr BASE] [--plot FILE] [--json]",
		Short: "Print and draw the learning rate a schedule gives at every step",
		Long: `schedule runs a learning-rate schedule (see ` + "`descent optimizers`" + ` for the
names and keys) for --steps optimizer steps from the base rate --lr, and
prints the rate of every step — and the momentum for onecycle and cyclic,
which cycle it as PyTorch does — as a table or, with --json, as
{"schedule", "base_lr", "steps": [...], "lr": [...], "momentum": [...]}.
--plot draws the rate against the step. Keys that default to the run's
length (cosine's t_max, onecycle's total_steps) default to --steps.
plateau, which reacts to a validation loss, cannot be shown.

sequential and chained take their schedules as one value separated by |,
with ; written for , inside each; lambda takes a formula of the step t.`,
		Example: `  descent schedule onecycle:max_lr=0.1 --steps 1000 --plot onecycle.png
  descent schedule "sequential:schedulers=linear:start_factor=0.1;total_iters=5|cosine,milestones=5" --steps 100
  descent schedule "lambda:expr=min(1, (t+1)/10) * 0.98^t" --steps 200 --json`,
		Args: func(c *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("schedule takes one SPEC (e.g. cosine:t_max=100), got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			if steps < 1 {
				return usagef("--steps %d: must be ≥ 1", steps)
			}
			if err := checkOutput("--plot", plot, imageExts...); err != nil {
				return err
			}
			sp, err := parseSpec("SPEC", args[0])
			if err != nil {
				return err
			}
			if sp.Name == "" {
				return usagef("SPEC: empty specification")
			}
			s, err := schedule.NewSpec(sp, schedule.Context{BaseLR: lr, Steps: steps})
			if err != nil {
				return usage(err)
			}
			if schedule.WatchesMetric(s) {
				return usagef("schedule %q steps on a monitored metric (the validation loss), which there is none of here", sp.Name)
			}
			res := scheduleJSON{Schedule: sp.String(), BaseLR: lr, Steps: make([]int, steps), LR: make([]float64, steps)}
			_, cycles := schedule.MomentumOf(s)
			if cycles {
				res.Momentum = make([]float64, steps)
			}
			for i := range steps {
				res.Steps[i], res.LR[i] = i, s.LR()
				if cycles {
					res.Momentum[i], _ = schedule.MomentumOf(s)
				}
				s.Step(0)
			}
			if plot != "" {
				opt := viz.LossOptions{Title: fmt.Sprintf("%s (lr=%g)", sp, lr), XLabel: "step", YLabel: "learning rate", LinearY: !logY}
				if err := viz.LossChart(plot, []viz.Series{{Values: res.LR}}, opt); err != nil {
					return fmt.Errorf("--plot: %v", err)
				}
			}
			out := c.OutOrStdout()
			if asJSON {
				return writeJSON(out, res)
			}
			printSchedule(out, res)
			return nil
		},
	}
	f := c.Flags()
	f.IntVar(&steps, "steps", 100, "number of optimizer steps to show")
	f.Float64Var(&lr, "lr", 0.1, "the optimizer's initial (base) learning rate")
	f.StringVar(&plot, "plot", "", "draw the rate against the step to FILE (.png, .svg, .pdf)")
	f.BoolVar(&logY, "log", false, "logarithmic rate axis in --plot")
	f.BoolVar(&asJSON, "json", false, "print the rates as JSON")
	return c
}

func printSchedule(w io.Writer, r scheduleJSON) {
	fmt.Fprintf(w, "# %s, base lr %g\n", r.Schedule, r.BaseLR)
	if r.Momentum != nil {
		fmt.Fprintf(w, "%6s  %-22s  %s\n", "step", "lr", "momentum")
	} else {
		fmt.Fprintf(w, "%6s  %s\n", "step", "lr")
	}
	for i, v := range r.LR {
		if r.Momentum != nil {
			fmt.Fprintf(w, "%6d  %-22s  %s\n", r.Steps[i], strconv.FormatFloat(v, 'g', -1, 64), strconv.FormatFloat(r.Momentum[i], 'g', -1, 64))
		} else {
			fmt.Fprintf(w, "%6d  %s\n", r.Steps[i], strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
}
