// Command advice measures whether descent's advice is right: the verdict
// and the suggested learning rate (diagnose.Diagnosis) that every run ends
// with.
//
// Run it from anywhere in the repository:
//
//	go run ./bench/advice                # every case, a table on stdout
//	go run ./bench/advice -only iris     # the cases whose name contains "iris"
//	go run ./bench/advice -v             # also every hop of every start rate
//	go run ./bench/advice -json          # one JSON object per case, then a summary
//
// For every case (an objective, an optimizer without lr, a budget) the
// benchmark sweeps lr over the half-decades 1e-5 … 10 and records each
// run's final objective F_end (training: the full training objective),
// whether it diverged (status diverged, F_end not finite, or F_end > F₀),
// the verdict and the suggested rate. The good set is defined by Good.
// From every swept rate it then follows the advice up to three hops — a
// hop runs the same case with the same budget and seed at the suggested
// rate — stopping when there is no suggestion or it keeps the rate (within
// 1%). The metrics (see Score): honest, helpful, one-hop and reach-3, per
// case and pooled over all cases, with the goals honest 1.00, helpful ≥
// 0.95, one-hop ≥ 0.90, reach-3 ≥ 0.97.
//
// Runs are independent and deterministic (training seed Seed); they run on
// a pool of GOMAXPROCS goroutines and are printed in a fixed order. The
// program always exits 0 unless it cannot run at all: it is a
// measurement, not a test. Progress goes to stderr.
package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/descentgo/descent/internal/jsonnum"
)

// The goals of the advice.
const (
	GoalHonest  = 1.00
	GoalHelpful = 0.95
	GoalOneHop  = 0.90
	GoalReach3  = 0.97
)

func main() {
	only := flag.String("only", "", "run only the cases whose name contains this substring")
	asJSON := flag.Bool("json", false, "print one JSON object per case and a summary instead of the table")
	verbose := flag.Bool("v", false, "print every hop (case, start lr, verdict, suggestion, F_end) and every failure")
	root := flag.String("root", "", "the repository root (default: the directory of go.mod, searched upward)")
	commands := flag.Int("commands", 0, "instead of the cases, time N fresh processes of a few whole descent commands and print the advice's share of each")
	set := flag.String("set", "main", "the set of cases to run: "+setNames()+", or all (one line per set, then the held-out sets pooled and every set pooled)")
	flag.BoolVar(&Memory, "prev", false, "follow the advice with memory: each hop's advice is given the rate of the run before it, as descent's --prev-lr does")
	// -holdout, -holdout2, … are the older spelling of -set holdoutN.
	alias := make(map[string]*bool, len(Sets))
	for _, s := range Sets[1:] {
		alias[s.Name] = flag.Bool(s.Name, false, "the same as -set "+s.Name+": "+s.Doc)
	}
	flag.Parse()
	for _, s := range Sets[1:] {
		if *alias[s.Name] {
			*set = s.Name
		}
	}
	if *commands > 0 {
		r := *root
		if r == "" {
			var err error
			if r, err = findRoot(); err != nil {
				fmt.Fprintln(os.Stderr, "advice:", err)
				os.Exit(1)
			}
		}
		if err := commandCost(os.Stdout, os.Stderr, r, *commands); err != nil {
			fmt.Fprintln(os.Stderr, "advice:", err)
			os.Exit(1)
		}
		return
	}
	if *set == "all" {
		if err := allSets(os.Stdout, os.Stderr, *root, *only); err != nil {
			fmt.Fprintln(os.Stderr, "advice:", err)
			os.Exit(1)
		}
		return
	}
	cases, ok := lookupSet(*set)
	if !ok {
		fmt.Fprintf(os.Stderr, "advice: -set %q: unknown set; the sets are %s\n", *set, setNames())
		os.Exit(2)
	}
	Cases = cases
	if err := benchmark(os.Stdout, os.Stderr, *root, *only, *asJSON, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "advice:", err)
		os.Exit(1)
	}
}

// allSets runs every set in turn (the cases whose name contains only) and
// prints one line of pooled metrics per set, then the held-out sets
// pooled and every set pooled: the before/after comparison a rule change
// is judged by (no set may gain a failure).
func allSets(stdout, stderr io.Writer, root, only string) error {
	start := time.Now()
	if root == "" {
		var err error
		if root, err = findRoot(); err != nil {
			return err
		}
	}
	ds := NewDatasets(root)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "set\truns\thonest\thelpful\tone-hop\treach-3\tfailures\t")
	line := func(name string, t Totals) {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%d\t\n", name, t.Runs, fracText(t.Honest), fracText(t.Helpful), fracText(t.OneHop), fracText(t.Reach3), t.Failures)
	}
	var held, all []*Result
	for _, set := range Sets {
		cases := matching(set.Cases, only)
		if len(cases) == 0 {
			continue
		}
		results := measure(cases, ds, io.Discard)
		line(set.Name, totals(results))
		all = append(all, results...)
		if set.Name != Sets[0].Name {
			held = append(held, results...)
		}
	}
	if len(all) == 0 {
		return fmt.Errorf("no case matches -only %q", only)
	}
	line("held-out sets", totals(held))
	line("every set", totals(all))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "\n%s (every set)\ntime: %.1fs\n", goalLine(goals(totals(all))), time.Since(start).Seconds())
	return nil
}

// matching returns the cases whose name contains only.
func matching(cases []Case, only string) []*Case {
	var out []*Case
	for i := range cases {
		if strings.Contains(cases[i].Name, only) {
			out = append(out, &cases[i])
		}
	}
	return out
}

// findRoot returns the nearest directory upward from the working
// directory that holds go.mod.
func findRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("no go.mod above the working directory: give -root")
		}
		dir = up
	}
}

// Result is one case measured.
type Result struct {
	Case   *Case
	Table  *Table
	Scores Scores
}

func benchmark(stdout, stderr io.Writer, root, only string, asJSON, verbose bool) error {
	start := time.Now()
	if root == "" {
		var err error
		if root, err = findRoot(); err != nil {
			return err
		}
	}
	cases := matching(Cases, only)
	if len(cases) == 0 {
		return fmt.Errorf("no case matches -only %q", only)
	}
	results := measure(cases, NewDatasets(root), stderr)
	elapsed := time.Since(start)
	if asJSON {
		return writeJSON(stdout, results, elapsed)
	}
	writeTable(stdout, results, elapsed, verbose)
	return nil
}

// Memory makes the hops follow the advice with memory (Table.Prev): the
// -prev flag.
var Memory bool

// job is one run to do.
type job struct {
	res  *Result
	node Node
	out  Run
}

// measure runs the sweep and the hops of every case, round by round: each
// round runs, on a pool of GOMAXPROCS goroutines, every rate that some
// table is still missing.
func measure(cases []*Case, ds *Datasets, stderr io.Writer) []*Result {
	grid := Grid()
	results := make([]*Result, len(cases))
	for i, c := range cases {
		results[i] = &Result{Case: c, Table: NewTable(math.NaN(), grid)}
		results[i].Table.Prev = Memory
	}
	ctx := context.Background()
	workers := runtime.GOMAXPROCS(0)
	total := 0
	for round := 0; ; round++ {
		var jobs []*job
		for _, r := range results {
			for _, n := range r.Table.MissingNodes() {
				jobs = append(jobs, &job{res: r, node: n})
			}
		}
		if len(jobs) == 0 {
			break
		}
		t0 := time.Now()
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for {
					i := int(next.Add(1)) - 1
					if i >= len(jobs) {
						return
					}
					j := jobs[i]
					j.out = Execute(ctx, j.res.Case, ds, j.node.LR, j.node.Prev)
				}
			})
		}
		wg.Wait()
		for _, j := range jobs {
			if j.out.Err != "" {
				fmt.Fprintf(stderr, "advice: %s at lr %s: %s\n", j.res.Case.Name, fmtLR(j.node.LR), j.out.Err)
			}
			j.res.Table.Add(j.out)
		}
		total += len(jobs)
		if round == 0 {
			// Every run of a case starts at the same point: F₀ is the
			// grid's (the first run that reached its start).
			for _, r := range results {
				for _, lr := range grid {
					if run, ok := r.Table.Get(lr); ok && !math.IsNaN(run.F0) {
						r.Table.F0 = run.F0
						break
					}
				}
			}
		}
		for _, j := range jobs {
			f0 := j.res.Table.F0
			if j.out.Err == "" && math.Abs(j.out.F0-f0) > 1e-12*math.Max(1, math.Abs(f0)) {
				fmt.Fprintf(stderr, "advice: %s at lr %s starts at F0 %g, not %g\n", j.res.Case.Name, fmtLR(j.node.LR), j.out.F0, f0)
			}
		}
		fmt.Fprintf(stderr, "advice: round %d: %d runs in %.1fs on %d workers\n", round, len(jobs), time.Since(t0).Seconds(), workers)
	}
	for _, r := range results {
		r.Scores = Score(r.Table)
	}
	fmt.Fprintf(stderr, "advice: %d runs\n", total)
	return results
}

// fracText is "0.92 (12/13)", or "—" when the metric does not apply.
func fracText(f Frac) string {
	if f.N == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f (%d/%d)", f.Value(), f.Pass, f.N)
}

// rangeText is the good set as a range of grid rates.
func rangeText(s Scores) string {
	if s.GoodLo == 0 && !math.IsInf(s.FBest, 1) && !math.IsNaN(s.FBest) {
		return "below the grid"
	}
	if s.GoodLo == 0 {
		return "none"
	}
	t := fmt.Sprintf("[%.3g, %.3g]", s.GoodLo, s.GoodHi)
	if s.Gaps {
		t += " gaps"
	}
	return t
}

// verdictOrder lists the verdicts in the order the table prints them.
var verdictOrder = []string{"converged", "too_slow", "oscillating", "diverged", "stalled", "unbounded", "noise_floor", "overfitting", "error"}

// verdictShort abbreviates verdicts in the table.
var verdictShort = map[string]string{"converged": "conv", "too_slow": "slow", "oscillating": "osc", "diverged": "div",
	"stalled": "stall", "unbounded": "unb", "noise_floor": "noise", "overfitting": "overfit", "error": "ERR"}

func verdictText(v map[string]int) string {
	var parts []string
	seen := map[string]bool{}
	for _, k := range verdictOrder {
		seen[k] = true
		if n := v[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", verdictShort[k], n))
		}
	}
	var rest []string
	for k := range v {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	for _, k := range rest {
		parts = append(parts, fmt.Sprintf("%s %d", k, v[k]))
	}
	return strings.Join(parts, " ")
}

// Totals are the pooled metrics of all cases.
type Totals struct {
	Honest, Helpful, OneHop, Reach3 Frac
	Runs, Failures                  int
}

func totals(results []*Result) Totals {
	var t Totals
	for _, r := range results {
		s := r.Scores
		t.Honest = t.Honest.Plus(s.Honest)
		t.Helpful = t.Helpful.Plus(s.Helpful)
		t.OneHop = t.OneHop.Plus(s.OneHop)
		t.Reach3 = t.Reach3.Plus(s.Reach3)
		t.Runs += len(r.Table.Runs) + len(r.Table.Hops)
		t.Failures += len(s.Failures)
	}
	return t
}

// goal is one goal with its mark.
type goal struct {
	Name  string  `json:"name"`
	Min   float64 `json:"min"`
	Value Float   `json:"value"`
	Pass  bool    `json:"pass"`
}

// Float is a float64 whose JSON form is null for NaN (package jsonnum).
type Float = jsonnum.Float

func goals(t Totals) []goal {
	mk := func(name string, min float64, f Frac) goal {
		v := f.Value()
		return goal{Name: name, Min: min, Value: Float(v), Pass: f.N == 0 || v >= min-1e-12}
	}
	return []goal{mk("honest", GoalHonest, t.Honest), mk("helpful", GoalHelpful, t.Helpful),
		mk("one-hop", GoalOneHop, t.OneHop), mk("reach-3", GoalReach3, t.Reach3)}
}

func goalLine(gs []goal) string {
	var parts []string
	for _, g := range gs {
		mark := "pass"
		if !g.Pass {
			mark = "FAIL"
		}
		op := "≥ "
		if g.Min == 1 {
			op = ""
		}
		parts = append(parts, fmt.Sprintf("%s %s%.2f: %.2f %s", g.Name, op, g.Min, float64(g.Value), mark))
	}
	return "goal: " + strings.Join(parts, ", ")
}

func writeTable(w io.Writer, results []*Result, elapsed time.Duration, verbose bool) {
	fmt.Fprintf(w, "descent advice benchmark: %d cases, lr swept over 10^(k/2), k = -10…2, up to %d hops; training seed %d; GOMAXPROCS %d\n\n",
		len(results), MaxHops, Seed, runtime.GOMAXPROCS(0))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "case\tgood range\thonest\thelpful\tone-hop\treach-3\tfailures\tverdicts (sweep)")
	for _, r := range results {
		s := r.Scores
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", r.Case.Name, rangeText(s), fracText(s.Honest), fracText(s.Helpful),
			fracText(s.OneHop), fracText(s.Reach3), len(s.Failures), verdictText(s.Verdicts))
	}
	t := totals(results)
	fmt.Fprintf(tw, "overall (%d runs)\t\t%s\t%s\t%s\t%s\t%d\t\n", t.Runs, fracText(t.Honest), fracText(t.Helpful),
		fracText(t.OneHop), fracText(t.Reach3), t.Failures)
	tw.Flush()
	fmt.Fprintf(w, "\n%s\n", goalLine(goals(t)))
	fmt.Fprintf(w, "time: %.1fs\n", elapsed.Seconds())
	fmt.Fprintln(w, adviceCost(results))

	writeFailureSummary(w, results)
	if verbose {
		writeHops(w, results)
		writeFailures(w, results)
	}
}

// writeFailureSummary counts the failures by metric, check and verdict and
// shows the first example of each.
func writeFailureSummary(w io.Writer, results []*Result) {
	type key struct{ metric, check, verdict string }
	count := map[key]int{}
	first := map[key]string{}
	var keys []key
	for _, r := range results {
		for _, f := range r.Scores.Failures {
			k := key{f.Metric, f.Check, f.Verdict}
			if count[k] == 0 {
				keys = append(keys, k)
				first[k] = r.Case.Name + " " + failureText(f)
			}
			count[k]++
		}
	}
	if len(keys) == 0 {
		return
	}
	sort.SliceStable(keys, func(i, j int) bool {
		if keys[i].metric != keys[j].metric {
			return metricRank(keys[i].metric) < metricRank(keys[j].metric)
		}
		return count[keys[i]] > count[keys[j]]
	})
	fmt.Fprintln(w, "\nfailures by check and verdict (first example):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, k := range keys {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%s\n", k.metric, k.check, k.verdict, count[k], first[k])
	}
	tw.Flush()
}

func metricRank(m string) int {
	switch m {
	case "honest":
		return 0
	case "helpful":
		return 1
	case "one-hop":
		return 2
	}
	return 3
}

func g4(v float64) string { return fmt.Sprintf("%.4g", v) }

func suggestText(s float64) string {
	if s == 0 {
		return "none"
	}
	return fmt.Sprintf("%.3g", s)
}

func failureText(f Failure) string {
	return fmt.Sprintf("lr %.3g: %s, suggests %s, F %s → %s", f.LR, f.Verdict, suggestText(f.Suggest), g4(f.FBefore), g4(f.FAfter))
}

// writeHops prints every chain: the start rate and its hops.
func writeHops(w io.Writer, results []*Result) {
	fmt.Fprintln(w, "\nhops (good: F_end within 5% of the best decrease):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "case\tstart lr\thop\tlr\tstatus\tverdict\tsuggestion\tF_end\tgood")
	for _, r := range results {
		t, s := r.Table, r.Scores
		fmt.Fprintf(tw, "%s: %s; F0 %s, F_best %s\n", r.Case.Name, r.Case.Describe(), g4(t.F0), g4(s.FBest))
		for _, g := range t.Grid {
			for i, n := range t.chain(g) {
				run, _ := t.getNode(n)
				lr := n.LR
				good := ""
				if Good(run, t.F0, s.FBest) {
					good = "good"
				}
				fmt.Fprintf(tw, "%s\t%.3g\t%d\t%.4g\t%s\t%s\t%s\t%s\t%s\n", r.Case.Name, g, i, lr, run.Status, run.Verdict,
					suggestText(run.Suggest), g4(run.FEnd), good)
			}
		}
	}
	tw.Flush()
}

func writeFailures(w io.Writer, results []*Result) {
	fmt.Fprintln(w, "\nall failures:")
	for _, r := range results {
		for _, f := range r.Scores.Failures {
			fmt.Fprintf(w, "  %s  %s (%s): %s\n", r.Case.Name, f.Metric, f.Check, failureText(f))
		}
	}
}

// The JSON forms.
type (
	jsonFrac struct {
		Pass  int   `json:"pass"`
		N     int   `json:"n"`
		Value Float `json:"value"`
	}
	jsonRun struct {
		LR       Float  `json:"lr"`
		FEnd     Float  `json:"f_end"`
		Status   string `json:"status"`
		Diverged bool   `json:"diverged"`
		Good     bool   `json:"good"`
		Verdict  string `json:"verdict"`
		Suggest  Float  `json:"suggested_lr"`
		Err      string `json:"error,omitempty"`
		// Prev is the previous rate the hop's advice was given (-prev).
		Prev Float `json:"prev_lr,omitempty"`
	}
	jsonFailure struct {
		Metric  string `json:"metric"`
		Check   string `json:"check"`
		LR      Float  `json:"lr"`
		Verdict string `json:"verdict"`
		Suggest Float  `json:"suggested_lr"`
		FBefore Float  `json:"f_before"`
		FAfter  Float  `json:"f_after"`
	}
	jsonCase struct {
		Case     string         `json:"case"`
		Kind     string         `json:"kind"`
		Setup    string         `json:"setup"`
		Seed     int            `json:"seed"`
		F0       Float          `json:"f0"`
		FBest    Float          `json:"f_best"`
		GoodLo   Float          `json:"good_lo"`
		GoodHi   Float          `json:"good_hi"`
		Gaps     bool           `json:"good_gaps"`
		Honest   jsonFrac       `json:"honest"`
		Helpful  jsonFrac       `json:"helpful"`
		OneHop   jsonFrac       `json:"one_hop"`
		Reach3   jsonFrac       `json:"reach_3"`
		Verdicts map[string]int `json:"verdicts"`
		Failures []jsonFailure  `json:"failures"`
		Chains   [][]Float      `json:"chains"` // per swept rate: the rates visited
		Runs     []jsonRun      `json:"runs"`   // in rate order
	}
	jsonSummary struct {
		Summary  bool     `json:"summary"`
		Cases    int      `json:"cases"`
		Runs     int      `json:"runs"`
		Seed     int      `json:"seed"`
		Honest   jsonFrac `json:"honest"`
		Helpful  jsonFrac `json:"helpful"`
		OneHop   jsonFrac `json:"one_hop"`
		Reach3   jsonFrac `json:"reach_3"`
		Failures int      `json:"failures"`
		Goals    []goal   `json:"goals"`
		Seconds  float64  `json:"seconds"`
	}
)

func jf(f Frac) jsonFrac { return jsonFrac{f.Pass, f.N, Float(f.Value())} }

func nanIfZero(v float64) Float {
	if v == 0 {
		return Float(math.NaN())
	}
	return Float(v)
}

func writeJSON(w io.Writer, results []*Result, elapsed time.Duration) error {
	enc := json.NewEncoder(w)
	for _, r := range results {
		t, s := r.Table, r.Scores
		jc := jsonCase{Case: r.Case.Name, Kind: r.Case.Kind(), Setup: r.Case.Describe(), Seed: Seed,
			F0: Float(t.F0), FBest: Float(s.FBest), GoodLo: nanIfZero(s.GoodLo), GoodHi: nanIfZero(s.GoodHi), Gaps: s.Gaps,
			Honest: jf(s.Honest), Helpful: jf(s.Helpful), OneHop: jf(s.OneHop), Reach3: jf(s.Reach3),
			Verdicts: s.Verdicts, Failures: []jsonFailure{}}
		for _, f := range s.Failures {
			jc.Failures = append(jc.Failures, jsonFailure{f.Metric, f.Check, Float(f.LR), f.Verdict, nanIfZero(f.Suggest), Float(f.FBefore), Float(f.FAfter)})
		}
		for _, g := range t.Grid {
			var c []Float
			for _, lr := range t.Chain(g) {
				c = append(c, Float(lr))
			}
			jc.Chains = append(jc.Chains, c)
		}
		lrs := make([]float64, 0, len(t.Runs))
		for lr := range t.Runs {
			lrs = append(lrs, lr)
		}
		sort.Float64s(lrs)
		for _, lr := range lrs {
			run := t.Runs[lr]
			jc.Runs = append(jc.Runs, jsonRun{Float(lr), Float(run.FEnd), run.Status, run.Diverged, Good(run, t.F0, s.FBest),
				run.Verdict, nanIfZero(run.Suggest), run.Err, 0})
		}
		hops := slices.Collect(maps.Keys(t.Hops))
		slices.SortFunc(hops, func(a, b Node) int {
			if c := cmp.Compare(a.LR, b.LR); c != 0 {
				return c
			}
			return cmp.Compare(a.Prev, b.Prev)
		})
		for _, n := range hops {
			run := t.Hops[n]
			jc.Runs = append(jc.Runs, jsonRun{Float(n.LR), Float(run.FEnd), run.Status, run.Diverged, Good(run, t.F0, s.FBest),
				run.Verdict, nanIfZero(run.Suggest), run.Err, Float(n.Prev)})
		}
		if err := enc.Encode(jc); err != nil {
			return err
		}
	}
	t := totals(results)
	return enc.Encode(jsonSummary{Summary: true, Cases: len(results), Runs: t.Runs, Seed: Seed,
		Honest: jf(t.Honest), Helpful: jf(t.Helpful), OneHop: jf(t.OneHop), Reach3: jf(t.Reach3),
		Failures: t.Failures, Goals: goals(t), Seconds: elapsed.Seconds()})
}

// adviceCost sums the runs' wall times and their advice's, by kind, and
// gives the advice's share: what the analysis after a run costs beside
// the run (measured in each run, so a loaded machine slows both alike).
func adviceCost(results []*Result) string {
	var run, adv [2]float64
	var n [2]int
	for _, r := range results {
		k := 0
		if r.Case.Kind() == "train" {
			k = 1
		}
		for _, x := range slices.Concat(slices.Collect(maps.Values(r.Table.Runs)), slices.Collect(maps.Values(r.Table.Hops))) {
			run[k] += x.Seconds
			adv[k] += x.AdviceSeconds
			n[k]++
		}
	}
	var parts []string
	for k, name := range []string{"minimize", "train"} {
		if n[k] > 0 && run[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d runs, %.3gs + %.3gs of advice (%.0f %%)", name, n[k], run[k], adv[k], 100*adv[k]/run[k]))
		}
	}
	return "advice cost: " + strings.Join(parts, "; ")
}
