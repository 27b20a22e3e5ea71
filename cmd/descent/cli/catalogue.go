package cli

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/serve"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
)

func newFunctionsCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "functions [NAME[:key=value,...]]",
		Short: "List the catalogue of test functions with their known minima, or describe one",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			out := c.OutOrStdout()
			if len(args) == 1 {
				f, err := testfunc.Lookup(args[0])
				if err != nil {
					return usage(err)
				}
				_, err = fmt.Fprint(out, f.Describe())
				return err
			}
			all := testfunc.All()
			if asJSON {
				type row struct {
					Name    string      `json:"name"`
					Title   string      `json:"title"`
					N       int         `json:"n"`
					Formula string      `json:"formula"`
					Start   []float64   `json:"start"`
					FMin    run.Float   `json:"f_min"`
					Minima  [][]float64 `json:"minima"`
					Source  string      `json:"source"`
				}
				rows := make([]row, len(all))
				for i, f := range all {
					rows[i] = row{f.Name, f.Title, f.N, f.Formula, f.Start, run.Float(f.FMin), f.Minima, f.Source}
				}
				return writeJSON(out, rows)
			}
			tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tN\tSTART\tf*\tMINIMIZERS")
			for _, f := range all {
				fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", f.Name, f.N, fmtVec(f.Start), f.FMinString(), f.MinimaString())
			}
			return tw.Flush()
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the catalogue as JSON")
	return c
}

func fmtVec(v []float64) string {
	s := "("
	for i, x := range v {
		if i == 4 && len(v) > 5 {
			s += ", …"
			break
		}
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("%g", x)
	}
	return s + ")"
}

func newOptimizersCmd() *cobra.Command {
	var asJSON bool
	c := &cobra.Command{
		Use:   "optimizers",
		Short: "List the optimizers and schedules with their parameters and defaults",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			out := c.OutOrStdout()
			if asJSON {
				// The shapes of GET /api/optimizers and /api/schedules.
				return writeJSON(out, struct {
					Optimizers []serve.OptimizerInfo `json:"optimizers"`
					Schedules  []serve.ScheduleInfo  `json:"schedules"`
				}{serve.Optimizers(), serve.Schedules()})
			}
			fmt.Fprintln(out, "Optimizers (--opt NAME:key=value,...):")
			for _, n := range optim.Names() {
				e, _ := optim.Lookup(n)
				fmt.Fprintf(out, "\n%s — %s\n%s", n, e.Summary, spec.Help(e.Params))
			}
			fmt.Fprintln(out, "\nSchedules (--schedule NAME:key=value,...):")
			for _, n := range schedule.Names() {
				e, _ := schedule.Lookup(n)
				fmt.Fprintf(out, "\n%s — %s\n%s", n, e.Summary, spec.Help(e.Params))
			}
			return nil
		},
	}
	c.Flags().BoolVar(&asJSON, "json", false, "print the optimizers and schedules as JSON (the HTTP API's shapes)")
	return c
}
