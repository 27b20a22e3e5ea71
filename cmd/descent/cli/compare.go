package cli

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/viz"
)

func newCompareCmd() *cobra.Command {
	var (
		pf                      problemFlags
		sf                      stopFlags
		shf                     sharpnessFlags
		stf                     stepFlags
		opts                    []string
		lrs, sched              string
		warmup                  int
		plot, contour, gif, win string
		traceDir                string
		traceEvery              int
		grid                    string
		asJSON                  bool
	)
	c := &cobra.Command{
		Use:   "compare (--func NAME | --expr FORMULA) --opt SPEC [--opt SPEC ...] [--lr a,b,c] [flags]",
		Short: "Race optimizers or learning rates on one problem and draw the loss curves and paths",
		Example: `  descent compare --expr "x^2 + 10*y^2" --start 3,1 --opt gd --lr 0.001,0.05,0.099,0.11 --max-iters 200 \
      --plot loss.png --contour paths.png --gif race.gif
  descent compare --func rosenbrock --opt gd:lr=0.001 --opt sgd:lr=0.001,momentum=0.9 --opt adam:lr=0.02 --opt lbfgs`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			var specs []spec.Spec
			for _, o := range opts {
				sp, err := parseOpt(o, &pf.maximize)
				if err != nil {
					return err
				}
				specs = append(specs, sp)
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
			var rates []float64
			if c.Flags().Changed("lr") {
				if rates, err = parseLRs(lrs); err != nil {
					return err
				}
			}
			window, err := parseWindow(win)
			if err != nil {
				return err
			}
			if (contour != "" || gif != "") && p.F.Dim() != 2 {
				return usagef("--contour/--gif draw 2-D problems only; %s has %d variables", p.Name, p.F.Dim())
			}
			for _, o := range []struct {
				flag, path string
				exts       []string
			}{
				{"--plot", plot, imageExts}, {"--contour", contour, imageExts}, {"--gif", gif, []string{".gif"}},
			} {
				if err := checkOutput(o.flag, o.path, o.exts...); err != nil {
					return err
				}
			}
			if grid != "" {
				return compareGrid(c, p, specs, s, grid, plot, asJSON)
			}
			if err := stf.check(); err != nil {
				return err
			}
			if err := shf.apply(&s, p); err != nil {
				return err
			}
			bar := newProgress("compare", len(run.Expand(specs, rates)), s.MaxIters)
			s.Observers = append(s.Observers, bar)
			reports, err := run.Compare(c.Context(), run.CompareConfig{
				Problem: p, Opts: specs, LRs: rates, Schedule: sc, Warmup: warmup,
				Settings: s, TraceDir: traceDir, TraceEvery: traceEvery, KeepPath: contour != "" || gif != "", Terms: cliTerms("--max-iters"),
			})
			bar.finish()
			if err != nil {
				return cliError(err)
			}
			if err := drawAll(p, reports, plot, contour, gif, window); err != nil {
				return err
			}
			if err := shf.draw(p, run.Expand(specs, rates), reports); err != nil {
				return err
			}
			if err := stf.draw(p.Name, reports); err != nil {
				return err
			}
			out := c.OutOrStdout()
			if asJSON {
				runs := make([]runJSON, len(reports))
				for i, r := range reports {
					runs[i] = shf.json(r)
				}
				if err := writeJSON(out, struct {
					Problem string    `json:"problem"`
					Runs    []runJSON `json:"runs"`
				}{p.Name, runs}); err != nil {
					return err
				}
			} else {
				printTable(out, p, reports)
			}
			// As minimize: 130 when interrupted, 3 when every run diverged.
			for _, r := range reports {
				if r.Status == minimize.Interrupted {
					return exitError{130}
				}
			}
			for _, r := range reports {
				if r.Status != minimize.Diverged {
					return nil
				}
			}
			return exitError{3}
		},
	}
	pf.register(c)
	sf.register(c)
	shf.register(c)
	stf.register(c)
	f := c.Flags()
	f.StringArrayVar(&opts, "opt", nil, "optimizer spec; repeat to race several (default gd)")
	f.StringVar(&lrs, "lr", "", "learning rates a,b,c: one run per rate for each --opt")
	f.StringVar(&sched, "schedule", "", "learning-rate schedule NAME[:key=value,...] for every run")
	f.IntVar(&warmup, "warmup", 0, "linear warmup steps, composed with the schedule")
	f.StringVar(&plot, "plot", "", "draw the loss curves to FILE (.png, .svg, .pdf)")
	f.StringVar(&contour, "contour", "", "draw the paths over a contour map to FILE (2-D problems)")
	f.StringVar(&gif, "gif", "", "animate the race to FILE.gif (2-D problems)")
	f.StringVar(&win, "window", "", "map window xmin,xmax,ymin,ymax (default: fit the paths and minima)")
	f.StringVar(&grid, "grid", "", "run a learning-rate × momentum map instead: lr=A..B:N,momentum=C..D:M (N rates log-spaced, M momenta evenly); --plot draws it as a heat map with the stability boundary")
	f.StringVar(&traceDir, "trace-dir", "", "write one trace CSV per run into DIR (created if missing)")
	f.IntVar(&traceEvery, "trace-every", 1, "with --trace-dir: keep row 0, every K-th row and the last (needed above an estimated 256 MB per trace)")
	f.BoolVar(&asJSON, "json", false, `print {"runs": [...]} as JSON on stdout`)
	return c
}

func printTable(w io.Writer, p *problem.Problem, reports []*run.Report) {
	fmt.Fprintf(w, "%s — %d runs from %s\n\n", p.Name, len(reports), fmtStart(p.Start))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "RUN\tSTATUS\tITERS\tFINAL f\tVERDICT\tSUGGESTED LR")
	for _, r := range reports {
		sug := "—"
		if r.Diagnosis.SuggestedLR > 0 {
			sug = fmt.Sprintf("%.4g", r.Diagnosis.SuggestedLR)
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%s\t%s\t%s\n", r.Spec, r.Status, r.Iterations, num("%.6g", float64(r.F)), r.Diagnosis.Verdict, sug)
	}
	tw.Flush()
	fmt.Fprintln(w)
	for _, r := range reports {
		fmt.Fprintf(w, "%s: %s\n", r.Spec, r.Diagnosis.Advice)
	}
}

// drawAll renders the requested pictures of a set of runs.
func drawAll(p *problem.Problem, reports []*run.Report, plot, contour, gif string, window [4]float64) error {
	if plot != "" {
		series := make([]viz.Series, len(reports))
		for i, r := range reports {
			series[i] = viz.Series{Label: r.Label(), Values: r.Result.History.F, Diverged: r.Status == minimize.Diverged}
		}
		opt := viz.LossOptions{Title: p.Name}
		if k := p.Known; k != nil && !k.Unbounded {
			opt.FMin, opt.HasFMin = k.FMin, true
		}
		if err := viz.LossChart(plot, series, opt); err != nil {
			return fmt.Errorf("--plot: %v", err)
		}
	}
	if contour == "" && gif == "" {
		return nil
	}
	paths := make([]viz.Path, len(reports))
	for i, r := range reports {
		xs, ys := r.FinitePath()
		paths[i] = viz.Path{Label: r.Label(), X: xs, Y: ys}
	}
	copt := viz.ContourOptions{Window: window, Title: p.Name}
	if k := p.Known; k != nil {
		for _, m := range k.Minima {
			copt.Minima = append(copt.Minima, [2]float64{m[0], m[1]})
		}
	}
	f2 := func2(p)
	if contour != "" {
		if err := viz.Contour(contour, f2, paths, copt); err != nil {
			return fmt.Errorf("--contour: %v", err)
		}
	}
	if gif != "" {
		if err := viz.GIF(gif, f2, paths, viz.GIFOptions{ContourOptions: copt}); err != nil {
			return fmt.Errorf("--gif: %v", err)
		}
	}
	return nil
}

// func2 evaluates a 2-D problem at (x, y).
func func2(p *problem.Problem) func(x, y float64) float64 {
	pt := make([]float64, 2)
	return func(x, y float64) float64 {
		pt[0], pt[1] = x, y
		return p.F.Value(pt)
	}
}
