package main

import (
	"cmp"
	"math"
	"slices"
	"sort"
	"strings"
)

// MaxHops is the number of times the advice is followed from a start rate.
const MaxHops = 3

// GoodTol is the fraction of the achievable decrease F₀ − F_best that a
// good rate may leave unachieved (see Good).
const GoodTol = 0.05

// HelpTol is the fraction of F₀ − F_best by which following a suggestion
// may raise the final objective and still count as helpful.
const HelpTol = 1e-3

// SameTol is the relative difference within which a suggested rate counts
// as the current rate (the advice says: keep it).
const SameTol = 0.01

// Run is the outcome of one run of a case at one learning rate.
type Run struct {
	LR       float64 `json:"lr"`
	F0       float64 `json:"f0"`    // the objective at the start
	FEnd     float64 `json:"f_end"` // the objective at the end (training: the full training objective)
	Status   string  `json:"status"`
	Diverged bool    `json:"diverged"` // status diverged, F_end not finite, or F_end > F₀
	Verdict  string  `json:"verdict"`
	Suggest  float64 `json:"suggested_lr"` // 0: no suggestion
	// Prev is the rate of the run before this one on its chain, which the
	// advice was given (descent's --prev-lr), in a table that follows
	// with memory (Table.Prev); 0 otherwise.
	Prev float64 `json:"prev_lr,omitempty"`
	Err  string  `json:"error,omitempty"`
	// The run's wall time and its advice's (the front ends'
	// elapsed_seconds and advice_seconds).
	Seconds       float64 `json:"elapsed_seconds"`
	AdviceSeconds float64 `json:"advice_seconds"`
}

// IsDiverged is the benchmark's divergence rule: the run's status is
// diverged, its final objective is not finite, or it ended above its start
// value.
func IsDiverged(status string, f0, fEnd float64) bool {
	return status == "diverged" || math.IsNaN(fEnd) || math.IsInf(fEnd, 0) || fEnd > f0
}

// Good reports whether a run is good — the definition of the good set:
//
// A learning rate is good for a case iff its run did not diverge and
//
//	F_end(lr) − F_best ≤ 0.05·(F₀ − F_best),
//
// where F₀ is the objective at the start and F_best the lowest final
// objective F_end over the runs of the swept grid (1e-5 … 10 in
// half-decades) that did not diverge: a good rate achieves at least 95% of
// the best decrease the sweep found. A rate off the grid (a suggestion) is
// judged by its own run against the same F₀ and F_best, so the good set is a
// set of rates, not of grid points. When every swept run diverged, the
// sweep goes on below the grid (Below: 10^(k/2), k = −11 … −16, every
// one run) and F_best is the lowest of those that did not diverge; they
// only set F_best — the start rates stay the grid's. When they diverge
// too, F_best is undefined (+Inf) and no rate is good.
func Good(r Run, f0, fBest float64) bool {
	if r.Diverged || math.IsInf(fBest, 1) || math.IsNaN(fBest) {
		return false
	}
	return r.FEnd-fBest <= GoodTol*(f0-fBest)
}

// Same reports whether the suggested rate s equals the current rate lr
// within SameTol.
func Same(s, lr float64) bool { return math.Abs(s-lr) <= SameTol*math.Abs(lr) }

// (Rates are compared with their signs: −s, standardized, is not s.)

// Grid returns the swept rates 10^(k/2), k = −10 … 2: 1e-5, 3.16e-5, …, 10.
func Grid() []float64 {
	var g []float64
	for k := -10; k <= 2; k++ {
		g = append(g, math.Pow(10, float64(k)/2))
	}
	return g
}

// Below returns the rates that extend the sweep below the grid when every
// grid run diverged: 10^(k/2), k = −11 … −16 (3.16e-6 … 1e-8).
func Below() []float64 {
	var b []float64
	for k := -11; k >= -16; k-- {
		b = append(b, math.Pow(10, float64(k)/2))
	}
	return b
}

// Table holds the runs of one case, keyed by their rate.
type Table struct {
	F0   float64
	Grid []float64
	// Below are the rates swept when every grid run diverged (see Good).
	Below []float64
	Runs  map[float64]Run
	// Prev makes the hops follow the advice with memory: each hop's
	// advice is given the rate of the run before it (descent's
	// --prev-lr), so a hop's run depends on its path; those runs are in
	// Hops, keyed by their rate and the previous one.
	Prev bool
	Hops map[Node]Run
}

// A Node is a run on a chain: its rate and the previous rate its advice
// was given (0: none — a swept rate, a table without Prev, or a hop to or
// from standardized features, whose rates do not compare).
type Node struct{ LR, Prev float64 }

// NewTable returns an empty table over the grid.
func NewTable(f0 float64, grid []float64) *Table {
	return &Table{F0: f0, Grid: grid, Below: Below(), Runs: map[float64]Run{}, Hops: map[Node]Run{}}
}

// allDiverged reports whether every grid rate has run and diverged.
func (t *Table) allDiverged() bool {
	for _, lr := range t.Grid {
		if r, ok := t.Get(lr); !ok || !r.Diverged {
			return false
		}
	}
	return len(t.Grid) > 0
}

// Canon maps a rate to its key: the grid rate within 1e-9 relative
// distance (a suggestion 10·lr lands on the grid), else the rate itself.
func (t *Table) Canon(lr float64) float64 {
	for _, g := range slices.Concat(t.Grid, t.Below) {
		if math.Abs(lr-g) <= 1e-9*g {
			return g
		}
	}
	return lr
}

// Add records a run under its canonical rate (and previous rate).
func (t *Table) Add(r Run) {
	if r.Prev != 0 {
		t.Hops[Node{t.Canon(r.LR), t.Canon(r.Prev)}] = r
		return
	}
	t.Runs[t.Canon(r.LR)] = r
}

// Get returns the run at rate lr.
func (t *Table) Get(lr float64) (Run, bool) {
	r, ok := t.Runs[t.Canon(lr)]
	return r, ok
}

// getNode returns the run of a node.
func (t *Table) getNode(n Node) (Run, bool) {
	if n.Prev == 0 {
		return t.Get(n.LR)
	}
	r, ok := t.Hops[Node{t.Canon(n.LR), t.Canon(n.Prev)}]
	return r, ok
}

// next is the node the advice of run r (at node n) sends the chain to.
func (t *Table) next(n Node, r Run) (Node, bool) {
	s, ok := follows(r)
	if !ok {
		return Node{}, false
	}
	prev := 0.0
	if t.Prev && n.LR > 0 && s > 0 {
		prev = n.LR
	}
	return Node{t.Canon(s), prev}, true
}

// FBest is the lowest final objective of the swept runs that did not
// diverge: the grid's, or when all of them diverged the runs below it
// (+Inf when those diverged too).
func (t *Table) FBest() float64 {
	best := math.Inf(1)
	swept := t.Grid
	if t.allDiverged() {
		swept = t.Below
	}
	for _, lr := range swept {
		if r, ok := t.Get(lr); ok && !r.Diverged && r.FEnd < best {
			best = r.FEnd
		}
	}
	return best
}

// follows reports whether the run's advice sends it to another rate, and
// which.
//
// A negative suggestion −s is the advice's standardize action (training on
// raw features): the next hop trains on standardized features at rate s,
// and its key is −s. Its final objective is the same training objective
// on the same targets, so it is judged against the same F₀ and F_best.
func follows(r Run) (float64, bool) {
	s := r.Suggest
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) || Same(s, r.LR) {
		return 0, false
	}
	return s, true
}

// Chain returns the rates visited from start: start and up to MaxHops
// suggestions. It stops at a run that is not in the table yet.
func (t *Table) Chain(start float64) []float64 {
	var c []float64
	for _, n := range t.chain(start) {
		c = append(c, n.LR)
	}
	return c
}

// chain is Chain's nodes.
func (t *Table) chain(start float64) []Node {
	c := []Node{{t.Canon(start), 0}}
	for len(c) <= MaxHops {
		n := c[len(c)-1]
		r, ok := t.getNode(n)
		if !ok {
			break
		}
		nx, ok := t.next(n, r)
		if !ok {
			break
		}
		c = append(c, nx)
	}
	return c
}

// Missing returns the rates to run before the table can be scored: the
// grid, the hops of every chain, and the suggestion of every run on a
// chain (the helpful and honest checks compare a run with its
// suggestion's run). Ask again after running them: new runs bring new
// suggestions.
func (t *Table) Missing() []float64 {
	var out []float64
	for _, n := range t.MissingNodes() {
		out = append(out, n.LR)
	}
	return out
}

// MissingNodes is Missing with the previous rate each run's advice is to
// be given (see Table.Prev), ordered by rate.
func (t *Table) MissingNodes() []Node {
	need := map[Node]bool{}
	if t.allDiverged() {
		for _, lr := range t.Below {
			if _, ok := t.Get(lr); !ok {
				need[Node{lr, 0}] = true
			}
		}
	}
	for _, g := range t.Grid {
		for _, n := range t.chain(g) {
			r, ok := t.getNode(n)
			if !ok {
				need[n] = true
				continue
			}
			if nx, ok := t.next(n, r); ok {
				if _, have := t.getNode(nx); !have {
					need[nx] = true
				}
			}
		}
	}
	out := make([]Node, 0, len(need))
	for n := range need {
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].LR != out[j].LR {
			return out[i].LR < out[j].LR
		}
		return out[i].Prev < out[j].Prev
	})
	return out
}

// refused reports whether r is a configuration the engine refused to run
// (an error that is not a panic: cyclic's lr above its max_lr, a formula
// that does not parse).
func refused(r Run) bool { return r.Verdict == "error" && !strings.HasPrefix(r.Err, "panic") }

// Frac is a fraction Pass/N; N = 0 means the metric does not apply.
type Frac struct {
	Pass int `json:"pass"`
	N    int `json:"n"`
}

// Value is Pass/N, NaN when N = 0.
func (f Frac) Value() float64 {
	if f.N == 0 {
		return math.NaN()
	}
	return float64(f.Pass) / float64(f.N)
}

func (f *Frac) add(ok bool) {
	f.N++
	if ok {
		f.Pass++
	}
}

// Plus adds two fractions (pooled counts).
func (f Frac) Plus(g Frac) Frac { return Frac{f.Pass + g.Pass, f.N + g.N} }

// Failure is one failed check.
type Failure struct {
	Metric  string  `json:"metric"` // honest, helpful, one-hop, reach-3
	Check   string  `json:"check"`  // what failed
	LR      float64 `json:"lr"`     // the run's rate (the start rate for one-hop, reach-3)
	Verdict string  `json:"verdict"`
	Suggest float64 `json:"suggested_lr"`
	FBefore float64 `json:"f_before"` // F_end at LR
	FAfter  float64 `json:"f_after"`  // F_end at the suggestion (NaN when none)
}

// Scores are the metrics of one case.
type Scores struct {
	F0    float64 `json:"f0"`
	FBest float64 `json:"f_best"`
	// GoodLo and GoodHi are the smallest and largest good grid rates
	// (0 when none); Gaps is set when some grid rate between them is not
	// good.
	GoodLo   float64        `json:"good_lo"`
	GoodHi   float64        `json:"good_hi"`
	Gaps     bool           `json:"gaps"`
	Honest   Frac           `json:"honest"`
	Helpful  Frac           `json:"helpful"`
	OneHop   Frac           `json:"one_hop"`
	Reach3   Frac           `json:"reach_3"`
	Verdicts map[string]int `json:"verdicts"` // over the swept runs
	Failures []Failure      `json:"failures"`
}

// outcome is F_end for the helpful comparison: a diverged run counts as
// +Inf, the worst outcome — the F_end at which a divergence was caught says
// nothing about the rate, and two diverged runs tie.
func outcome(r Run) float64 {
	if r.Diverged || math.IsNaN(r.FEnd) {
		return math.Inf(1)
	}
	return r.FEnd
}

// Score computes the metrics of a table whose Missing is empty:
//
//   - honest, over every run on a chain (the sweep and the hops): a run
//     that diverged is not "converged", one that did not is not "diverged",
//     and a good run's suggestion, when it moves the rate, is good.
//   - helpful, over those runs whose suggestion moves the rate:
//     F_end(suggestion) ≤ F_end(current) + 1e-3·(F₀ − F_best), where a
//     diverged run's F_end counts as +Inf.
//   - one-hop, over the grid rates that are not good: the first hop is good
//     (no suggestion, or keeping the rate, fails).
//   - reach-3, over the same rates: some hop within MaxHops is good.
//
// A run the configuration refuses (refused: cyclic's base above its
// max_lr) is no run a user can make: it is not scored, as a start or as a
// run; a hop to one is scored (it is not good, and ends at +Inf).
func Score(t *Table) Scores {
	fBest := t.FBest()
	sc := Scores{F0: t.F0, FBest: fBest, Verdicts: map[string]int{}}
	scale := t.F0 - fBest
	if math.IsNaN(scale) || math.IsInf(scale, 0) || scale < 0 {
		scale = 0
	}
	good := func(r Run) bool { return Good(r, t.F0, fBest) }
	get := func(lr float64) Run {
		r, ok := t.Get(lr)
		if !ok {
			panic("bench/advice: Score of an incomplete table")
		}
		return r
	}
	getNode := func(n Node) Run {
		r, ok := t.getNode(n)
		if !ok {
			panic("bench/advice: Score of an incomplete table")
		}
		return r
	}
	// The good range over the grid.
	lo, hi := -1, -1
	for i, g := range t.Grid {
		r := get(g)
		sc.Verdicts[r.Verdict]++
		if good(r) {
			if lo < 0 {
				lo = i
			}
			hi = i
		}
	}
	if lo >= 0 {
		sc.GoodLo, sc.GoodHi = t.Grid[lo], t.Grid[hi]
		for i := lo; i <= hi; i++ {
			if !good(get(t.Grid[i])) {
				sc.Gaps = true
			}
		}
	}
	fail := func(metric, check string, r Run, after float64) {
		sc.Failures = append(sc.Failures, Failure{Metric: metric, Check: check, LR: r.LR, Verdict: r.Verdict,
			Suggest: r.Suggest, FBefore: r.FEnd, FAfter: after})
	}
	// honest and helpful, once per distinct run on a chain, in rate order.
	seen := map[Node]bool{}
	var counted []Node
	for _, g := range t.Grid {
		for _, n := range t.chain(g) {
			if !seen[n] {
				seen[n] = true
				counted = append(counted, n)
			}
		}
	}
	slices.SortFunc(counted, func(a, b Node) int {
		if c := cmp.Compare(a.LR, b.LR); c != 0 {
			return c
		}
		return cmp.Compare(a.Prev, b.Prev)
	})
	for _, n := range counted {
		r := getNode(n)
		if refused(r) {
			continue
		}
		nx, moves := t.next(n, r)
		var next Run
		after := math.NaN()
		if moves {
			next = getNode(nx)
			after = next.FEnd
		}
		ok := true
		switch {
		case r.Diverged && r.Verdict == "converged":
			ok = false
			fail("honest", "diverged run called converged", r, after)
		case !r.Diverged && r.Verdict == "diverged":
			ok = false
			fail("honest", "run that did not diverge called diverged", r, after)
		}
		if moves && good(r) && !good(next) {
			ok = false
			fail("honest", "good rate sent out of the good set", r, after)
		}
		sc.Honest.add(ok)
		if moves {
			h := outcome(next) <= outcome(r)+HelpTol*scale
			sc.Helpful.add(h)
			if !h {
				fail("helpful", "the suggestion ends higher", r, after)
			}
		}
	}
	// one-hop and reach-3 from the grid rates outside the good set.
	for _, g := range t.Grid {
		r := get(g)
		if good(r) || refused(r) {
			continue
		}
		c := t.chain(g)
		first, any := false, false
		for i, n := range c[1:] {
			if good(getNode(n)) {
				any = true
				if i == 0 {
					first = true
				}
			}
		}
		after := math.NaN()
		if len(c) > 1 {
			after = getNode(c[1]).FEnd
		}
		sc.OneHop.add(first)
		if !first {
			check := "the first hop is not good"
			if len(c) == 1 {
				check = "no suggestion away from a rate that is not good"
			}
			fail("one-hop", check, r, after)
		}
		sc.Reach3.add(any)
		if !any {
			fail("reach-3", "no good rate within 3 hops", r, after)
		}
	}
	return sc
}
