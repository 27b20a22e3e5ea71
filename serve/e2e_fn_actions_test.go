package serve_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/descentgo/descent/serve"
)

// TestBrowserFnParamActions: the function tab's run cards offer the
// diagnosis's set_param and set_weight_decay as buttons that set the
// optimizer's parameter control and run again, and stretch_schedule as
// one that sets the schedule's length control; the subtests share one
// browser (each opens the page anew), which prefers reduced motion: the
// runs are drawn at once, not animated for 1.8 s.
func TestBrowserFnParamActions(t *testing.T) {
	ctx, base := browserPage(t, serve.Config{})
	run(t, ctx, "viewport", chromedp.EmulateViewport(1280, 900))
	run(t, ctx, "reduced motion", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}}})
		return err
	}))
	inOneBrowser(t, ctx, base,
		browserCase{"StepMax", fnStepMax},
		browserCase{"WeightDecay", fnWeightDecay},
		browserCase{"StretchSchedule", fnStretchSchedule})
}

// fnCard is what a run card of the function tab shows.
type fnCard struct {
	Spec, Verdict, Advice string
	Buttons               []string
}

// fnCards reads the function tab's run cards.
func fnCards(t *testing.T, ctx context.Context) []fnCard {
	t.Helper()
	return eval[[]fnCard](t, ctx, `Array.from(document.querySelectorAll("#runs li.run")).map(li => ({Spec: li.querySelector(".spec").textContent,
	  Verdict: li.dataset.verdict, Advice: li.querySelector(".advice").textContent, Buttons: Array.from(li.querySelectorAll("button.try")).map(b => b.textContent)}))`)
}

// fnRunCards waits until the function tab shows n run cards and is idle.
func fnRunCards(t *testing.T, ctx context.Context, what string, n int) []fnCard {
	t.Helper()
	waitJS(t, ctx, what, fmt.Sprintf(`document.querySelectorAll("#runs li.run").length === %d && `, n)+idle)
	return fnCards(t, ctx)
}

// clickFnTry clicks the button labelled label on the i-th run card.
func clickFnTry(i int, label string) chromedp.Action[chromedp.Void] {
	return doJS(fmt.Sprintf(`Array.from(document.querySelectorAll("#runs li.run")[%d].querySelectorAll("button.try")).find(b => b.textContent === %q).click()`, i, label))
}

// fnParamActions runs opt on the problem of the link hash, expects the
// button label on its card, clicks it and checks that the optimizer's
// control #p-key holds value, that the link and the new run's card carry
// want (the optimizer's new spec) and that neither card offers the value
// again (it is the control's now).
func fnParamActions(t *testing.T, ctx context.Context, link, opt, key, label, value, want string) {
	t.Helper()
	run(t, ctx, "load", chromedp.Navigate(link))
	waitJS(t, ctx, "the function tab", idle+fmt.Sprintf(` && document.getElementById("opt").value === %q && document.getElementById("p-%s") !== null`, strings.SplitN(opt, ":", 2)[0], key))
	run(t, ctx, "run "+opt, chromedp.Click(chromedp.ID("run")))
	cards := fnRunCards(t, ctx, "the run of "+opt, 1)
	if cards[0].Spec != opt || !slices.Contains(cards[0].Buttons, label) {
		t.Fatalf("card %+v: want the run %s with a button %q", cards[0], opt, label)
	}
	run(t, ctx, "click "+label, clickFnTry(0, label))
	cards = fnRunCards(t, ctx, "the run after "+label, 2)
	if got := eval[string](t, ctx, `document.getElementById("p-`+key+`").value`); got != value {
		t.Errorf("after %q the %s control holds %q; want %q", label, key, got, value)
	}
	if cards[1].Spec != want {
		t.Errorf("the new run's card shows %q; want %q", cards[1].Spec, want)
	}
	if h := eval[string](t, ctx, `decodeURIComponent(location.hash)`); !strings.Contains(h, "o="+want+"&") || !strings.Contains(h, "r="+want) {
		t.Errorf("the link %s: want the optimizer and a run %s", h, want)
	}
	for i, c := range cards {
		if slices.Contains(c.Buttons, label) {
			t.Errorf("card %d (%s) still offers %q, the control's value now: %q", i, c.Spec, label, c.Buttons)
		}
	}
}

// fnStepMax: Rprop at lr 0.01 on brown-badly-scaled (1000 steps) grows
// its steps to their ceiling step_max = 50; the diagnosis's set_param
// step_max 500 is a button that sets the step_max control and runs
// rprop:lr=0.01,step_max=500. An optimizer without a step_max (Adam)
// offers no such button on the Rprop cards.
func fnStepMax(t *testing.T, ctx context.Context, base string) {
	fnParamActions(t, ctx, base+"/#f=brown-badly-scaled&o=rprop%3Alr%3D0.01&n=1000",
		"rprop:lr=0.01", "step_max", "Try step_max = 500", "500", "rprop:lr=0.01,step_max=500")
	run(t, ctx, "adam", setValue("opt", "adam"))
	for i, c := range fnCards(t, ctx) {
		if slices.ContainsFunc(c.Buttons, func(s string) bool { return strings.HasPrefix(s, "Try step_max") }) {
			t.Errorf("under adam card %d (%s) offers %q; want no step_max button", i, c.Spec, c.Buttons)
		}
	}
}

// fnWeightDecay: AdamW at lr 1 on (x-200)^2 + y^2 (1000 steps) is held
// by its decoupled weight decay's bound 1/λ = 100 (default λ = 0.01)
// short of x = 200; the diagnosis's set_weight_decay 0.001 is a button
// that sets the weight_decay control and runs
// adamw:lr=1,weight_decay=0.001.
func fnWeightDecay(t *testing.T, ctx context.Context, base string) {
	fnParamActions(t, ctx, base+"/#e=(x-200)%5E2%20%2B%20y%5E2&o=adamw%3Alr%3D1&n=1000",
		"adamw:lr=1", "weight_decay", "Try weight decay = 0.001", "0.001", "adamw:lr=1,weight_decay=0.001")
}

// fnStretchSchedule: Adam at lr 0.01 on Booth's function (400 steps) with
// polynomial:total_iters=200,power=2 takes steps of length 0 from step
// 200; the diagnosis's stretch_schedule to 400 steps is a button that sets
// the total_iters control and runs the schedule over the run, and the new
// run's card, whose rate lasts to its end, offers no stretch.
func fnStretchSchedule(t *testing.T, ctx context.Context, base string) {
	const label = "Try the schedule over 400 steps"
	run(t, ctx, "load", chromedp.Navigate(base+"/#f=booth&o=adam%3Alr%3D0.01&sc=polynomial%3Atotal_iters%3D200%2Cpower%3D2&n=400"))
	waitJS(t, ctx, "the function tab", idle+` && document.getElementById("sched").value === "polynomial" && document.getElementById("s-total_iters") !== null`)
	run(t, ctx, "run", chromedp.Click(chromedp.ID("run")))
	cards := fnRunCards(t, ctx, "the run", 1)
	if !strings.Contains(cards[0].Advice, "reached 0 after iteration 200 of 400") || !slices.Contains(cards[0].Buttons, label) {
		t.Fatalf("card %+v: want the advice on the rate's end and a button %q", cards[0], label)
	}
	run(t, ctx, "click "+label, clickFnTry(0, label))
	cards = fnRunCards(t, ctx, "the run after "+label, 2)
	if got := eval[string](t, ctx, `document.getElementById("s-total_iters").value`); got != "400" {
		t.Errorf("after %q the total_iters control holds %q; want 400", label, got)
	}
	if want := "adam:lr=0.01 · polynomial:total_iters=400,power=2"; cards[1].Spec != want {
		t.Errorf("the new run's card shows %q; want %q", cards[1].Spec, want)
	}
	if strings.Contains(cards[1].Advice, "reached 0") || slices.ContainsFunc(cards[1].Buttons, func(s string) bool { return strings.HasPrefix(s, "Try the schedule over") }) {
		t.Errorf("the stretched run's card %+v still says its rate ended", cards[1])
	}
}
