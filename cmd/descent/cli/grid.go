package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/viz"
	"github.com/spf13/cobra"
)

// parseGrid parses --grid lr=A..B:N,momentum=C..D:M: N rates spaced
// evenly in log from A to B, M momenta spaced evenly from C to D.
func parseGrid(s string) (lrs, momenta []float64, err error) {
	bad := func(format string, args ...any) error {
		return usagef("--grid: "+format+" (want lr=A..B:N,momentum=C..D:M, e.g. lr=1e-3..1:9,momentum=0..0.9:4)", args...)
	}
	for _, part := range strings.Split(s, ",") {
		key, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		rng, count, ok2 := strings.Cut(val, ":")
		a, b, ok3 := strings.Cut(rng, "..")
		if !ok || !ok2 || !ok3 {
			return nil, nil, bad("%q", part)
		}
		lo, e1 := strconv.ParseFloat(a, 64)
		hi, e2 := strconv.ParseFloat(b, 64)
		n, e3 := strconv.Atoi(count)
		if e1 != nil || e2 != nil || e3 != nil || !(hi >= lo) || math.IsInf(hi, 0) || math.IsNaN(lo) || n < 1 || n > 200 || (n == 1 && hi != lo) {
			return nil, nil, bad("%q: A ≤ B finite, 1 ≤ N ≤ 200", part)
		}
		var v []float64
		switch key {
		case "lr":
			if !(lo > 0) {
				return nil, nil, bad("lr range must be positive")
			}
			v = run.LogSpace(lo, hi, n)
		case "momentum":
			if !(lo >= 0 && hi < 1) {
				return nil, nil, bad("momentum must be in [0, 1)")
			}
			v = run.LinSpace(lo, hi, n)
		default:
			return nil, nil, bad("unknown key %q", key)
		}
		if key == "lr" {
			lrs = v
		} else {
			momenta = v
		}
	}
	if lrs == nil || momenta == nil {
		return nil, nil, bad("give both lr and momentum")
	}
	return lrs, momenta, nil
}

// compareGrid runs and reports the learning-rate × momentum map.
func compareGrid(c *cobra.Command, p *problem.Problem, specs []spec.Spec, s minimize.Settings, grid, plot string, asJSON bool) error {
	lrs, momenta, err := parseGrid(grid)
	if err != nil {
		return err
	}
	cfg := run.GridConfig{Problem: p, LRs: lrs, Momenta: momenta, Settings: s}
	if len(specs) == 1 {
		cfg.Opt = specs[0]
	} else if len(specs) > 1 {
		return usagef("--grid: give at most one --opt (its lr and momentum are set per cell)")
	}
	res, err := run.Grid(c.Context(), cfg)
	if err != nil {
		return cliError(err)
	}
	if plot != "" {
		d := viz.GridMapData{LRs: lrs, Momenta: momenta, BestRow: -1, BestCol: -1}
		for i := range momenta {
			row := make([]float64, len(lrs))
			div := make([]bool, len(lrs))
			for j := range lrs {
				row[j] = float64(res.F[i][j])
				div[j] = res.Status[i][j] == minimize.Diverged.String()
				if res.Best.LR == lrs[j] && res.Best.Momentum == momenta[i] {
					d.BestRow, d.BestCol = i, j
				}
			}
			d.F, d.Diverged = append(d.F, row), append(d.Diverged, div)
			d.Theory = append(d.Theory, float64(res.Theory[i]))
			d.Stable = append(d.Stable, float64(res.Stable[i]))
		}
		if err := viz.GridMap(plot, d, viz.GridMapOptions{Title: p.Name + " — " + res.Opt + ", final loss after " + strconv.Itoa(s.MaxIters) + " iterations"}); err != nil {
			return fmt.Errorf("--plot: %v", err)
		}
	}
	out := c.OutOrStdout()
	if asJSON {
		return writeJSON(out, res)
	}
	fmt.Fprintf(out, "%s — %s over %d rates × %d momenta, %d iterations each\n", p.Name, res.Opt, len(lrs), len(momenta), s.MaxIters)
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "MOMENTUM\tLARGEST STABLE LR\tTHEORY 2(1+β)/L\t")
	for i, b := range momenta {
		fmt.Fprintf(tw, "%.4g\t%s\t%s\t\n", b, num("%.4g", float64(res.Stable[i])), num("%.4g", float64(res.Theory[i])))
	}
	tw.Flush()
	if res.Best.LR > 0 {
		fmt.Fprintf(out, "best: lr %.4g, momentum %.4g → f = %.6g (L = %s at the start)\n", res.Best.LR, res.Best.Momentum, float64(res.Best.F), num("%.4g", float64(res.L)))
	} else {
		fmt.Fprintln(out, "best: every run diverged")
	}
	return nil
}
