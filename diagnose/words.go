package diagnose

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/descentgo/descent/minimize"
)

// words are the resolved terms of one diagnosis.
type words struct {
	unit, units string // "iteration", "iterations"
	budget      string // the front end's budget control, or "the iteration budget"
	clip        string // Terms.Clip in parentheses after a space, or ""
	f           string
	epochs      bool
	std         string
	max         bool
	loss        string // "the loss", or "f" when maximizing
	fell, rose  string // "fell"/"rose", swapped when maximizing
	falls       string // "falls" or "rises"
}

// v is a value of the minimized objective as advice shows it: f itself,
// −F when maximizing.
func (w words) v(F float64) float64 {
	if w.max {
		return -F
	}
	return F
}

func wordsOf(in Input) words {
	u := in.Unit.String()
	w := words{unit: u, units: u + "s", budget: in.Terms.Budget, f: in.Terms.F, epochs: in.Unit == minimize.Epochs, std: in.Terms.Standardize}
	if w.budget == "" {
		w.budget = "the " + u + " budget"
	}
	if in.Terms.Clip != "" {
		w.clip = " (" + in.Terms.Clip + ")"
	}
	if w.f == "" {
		w.f = "f"
	}
	if w.std == "" {
		w.std = "standardize the features"
	}
	w.max = in.Terms.Maximize
	w.loss, w.fell, w.rose, w.falls = "the loss", "fell", "rose", "falls"
	if w.max {
		w.loss, w.fell, w.rose, w.falls = w.f, "rose", "fell", "rises"
	}
	return w
}

// domainAdvice is what to check when a run blew up with no learning rate
// to blame.
func (w words) domainAdvice() (string, Action) {
	if w.epochs {
		return "check the data for extreme values (try " + w.std + ")", Action{Kind: Standardize}
	}
	return "check the formula's domain and the start point", Action{Kind: CheckObjective}
}

// directive matches the rate a check's clause ends on (": use lr 1",
// ", keep lr 3.162").
var directive = regexp.MustCompile(`[:,] (keep|use) lr [0-9.e+-]+$`)

// oneDirective leaves one rate to act on in advice that several checks
// amended: each check adds "; but <finding>: use lr X" (or keep lr X), so
// a rate one check settled on and the next one moved was named twice —
// "keep lr 3.162; but … use lr 1". The findings stay, in order, joined by
// "and"; only the last clause, when it names a rate, does.
func oneDirective(advice string) string {
	parts := strings.Split(advice, "; but ")
	if len(parts) < 3 || !directive.MatchString(parts[len(parts)-1]) {
		return advice
	}
	var b strings.Builder
	b.WriteString(parts[0])
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		switch {
		case i == 0:
			b.WriteString("; but ")
		default:
			b.WriteString(", and ")
		}
		if !last {
			p = directive.ReplaceAllString(p, "")
		}
		b.WriteString(p)
	}
	return b.String()
}

// probeSpan says how long a probe from the start ran: a tenth of the
// budget where such probes rank rates (ProbeStartCompare), else a short
// probe (a training run's first epochs).
func probeSpan(in Input) string {
	if in.ProbeStartCompare {
		return "after a tenth of the budget"
	}
	return "in a short probe"
}

func g4(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.4g", v), ".") }

func fmtSteps(s float64) string {
	if math.IsInf(s, 0) || s > 1e9 {
		return "a great many"
	}
	return fmt.Sprintf("%.0f", math.Ceil(s))
}

// rateCues are the words after which advice names the rate to use.
var rateCues = []string{"lr to ", "lr ≈ ", "use lr ", "halve it to ", "tenfold to "}

// renumber replaces the rate from where advice names it as the rate to
// use (after one of rateCues) by to, and reports whether it found one.
func renumber(advice string, from, to float64) (string, bool) {
	found := false
	for _, c := range rateCues {
		old := c + g4(from)
		if strings.Contains(advice, old) {
			advice, found = strings.ReplaceAll(advice, old, c+g4(to)), true
		}
	}
	return advice, found
}

// retarget rewrites advice that named the rate from as the rate to use
// ("raise lr to 0.0425") so that it names to, and appends why. When the
// advice does not name from that way, it appends the new rate too.
func retarget(advice string, from, to float64, why string) string {
	if adv, ok := renumber(advice, from, to); ok {
		return adv + "; " + why
	}
	return advice + "; " + why + ": use lr " + g4(to)
}

// dropRaise removes the verdict's "raise lr to X" from advice: "raise lr
// to X (…) or raise B" becomes "raise B", and a "; raise lr to X…" clause
// goes.
func dropRaise(advice string, x float64) string {
	q := regexp.QuoteMeta(g4(x))
	advice = regexp.MustCompile(`raise lr to `+q+`( \([^)]*\))? or `).ReplaceAllString(advice, "")
	return regexp.MustCompile(`; raise lr to `+q+`[^;]*`).ReplaceAllString(advice, "")
}
