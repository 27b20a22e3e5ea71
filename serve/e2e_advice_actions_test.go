package serve_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/descentgo/descent/serve"
)

// TestBrowserAdviceActions: the data tab's verdict offers its L2 penalty
// and its weight decay as buttons, and the optimizer's weight decay has a
// field of its own; the subtests share one browser (each opens the page
// anew).
func TestBrowserAdviceActions(t *testing.T) {
	ctx, base := browserPage(t, serve.Config{})
	run(t, ctx, "viewport", chromedp.EmulateViewport(1280, 900))
	inOneBrowser(t, ctx, base,
		browserCase{"UseWeightDecay", useWeightDecay},
		browserCase{"UseL2", useL2},
		browserCase{"WeightDecayField", weightDecayField})
}

// tryButtons are the labels of the buttons under the data tab's verdict.
const tryButtons = `Array.from(document.querySelectorAll("#train-summary button.try")).map(b => b.textContent)`

// clickTry clicks the verdict's button labelled label.
func clickTry(label string) chromedp.Action[chromedp.Void] {
	return doJS(fmt.Sprintf(`Array.from(document.querySelectorAll("#train-summary button.try")).find(b => b.textContent === %q).click()`, label))
}

// trainOnce presses Train and waits for the run's summary.
func trainOnce(t *testing.T, ctx context.Context, what string) {
	t.Helper()
	run(t, ctx, "train "+what, chromedp.Click(chromedp.ID("train")))
	waitJS(t, ctx, what, trainedIdle)
}

// useWeightDecay: a linear model of diabetes under AdamW at
// lr 1 (batch 32, 20 epochs) is held by the decoupled decay's bound
// (AdamW's default λ = 0.01 keeps every weight within 1/λ = 100, and the
// standardized targets' intercept must reach their mean, 152): the
// diagnosis's set_weight_decay (0.001) is a button that fills the Weight
// decay field, which goes into the link's optimizer; the reopened link
// shows it, and the run it trains is adamw:lr=1,weight_decay=0.001 (no
// longer held: no such button). A negative weight decay reaches the
// server, whose error names the field.
func useWeightDecay(t *testing.T, ctx context.Context, base string) {
	link := base + "/#tab=data&ds=diabetes&dm=linear&do=adamw%3Alr%3D1&dmode=minibatch&dbs=32&dep=20"
	run(t, ctx, "load", chromedp.Navigate(link))
	waitJS(t, ctx, "the data tab", idle+` && !document.getElementById("panel-data").hidden && document.getElementById("dlr-num").value === "1"`)
	field := eval[struct {
		Hidden             bool
		Value, Placeholder string
	}](t, ctx, `(() => { const e = document.getElementById("dwd"); return {Hidden: document.getElementById("dwd-row").hidden, Value: e.value, Placeholder: e.placeholder}; })()`)
	if field.Hidden || field.Value != "" || field.Placeholder != "0.01" {
		t.Errorf("weight decay field under adamw: %+v; want shown, empty, with AdamW's default 0.01 as its placeholder", field)
	}
	trainOnce(t, ctx, "adamw at lr 1")
	const use = "Use weight decay 0.001"
	if got := eval[[]string](t, ctx, tryButtons); !slices.Contains(got, use) {
		t.Fatalf("the verdict's buttons %q (advice %q): want %q", got, eval[string](t, ctx, `document.querySelector("#train-summary .advice").textContent`), use)
	}
	run(t, ctx, "use the weight decay", clickTry(use))
	if got := eval[[2]string](t, ctx, `[document.getElementById("dwd").value, document.activeElement.id]`); got != [2]string{"0.001", "dwd"} {
		t.Errorf("after %q the weight decay field holds %q and the focus is on #%s; want 0.001, on #dwd", use, got[0], got[1])
	}
	shared := eval[string](t, ctx, `location.href`)
	if h := eval[string](t, ctx, `decodeURIComponent(location.hash)`); !strings.Contains(h, "do=adamw:lr=1,weight_decay=0.001&") {
		t.Errorf("the link %s: want the optimizer adamw:lr=1,weight_decay=0.001", h)
	}

	// The link restores the field; its run trains with the advised decay.
	run(t, ctx, "blank", chromedp.Navigate("about:blank"))
	run(t, ctx, "open the link", chromedp.Navigate(shared))
	waitJS(t, ctx, "the link's data tab", idle+` && !document.getElementById("panel-data").hidden && document.getElementById("dwd").value === "0.001"`)
	trainOnce(t, ctx, "adamw at weight decay 0.001")
	if sum := eval[string](t, ctx, `document.getElementById("train-summary").textContent`); !strings.Contains(sum, " · adamw:lr=1,weight_decay=0.001 · ") {
		t.Errorf("summary %q: want the run's optimizer adamw:lr=1,weight_decay=0.001", sum)
	}
	if got := eval[[]string](t, ctx, tryButtons); slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "Use weight decay") }) {
		t.Errorf("the verdict's buttons at weight decay 0.001: %q; want none for the weight decay", got)
	}

	// A bad value goes to the server, which names the field.
	run(t, ctx, "a negative weight decay", setValue("dwd", "-1"), chromedp.Click(chromedp.ID("train")))
	waitJS(t, ctx, "the error", idle+` && document.getElementById("train-error").textContent !== ""`)
	if msg := eval[string](t, ctx, `document.getElementById("train-error").textContent`); !strings.Contains(msg, `opt: optimizer "adamw": invalid weight_decay -1`) {
		t.Errorf("error %q: want the server's, naming adamw's weight_decay -1", msg)
	}
}

// useL2: an MLP (16 tanh units) on wine under Adam at 0.05,
// batch 8, 30 epochs, overfits its validation quarter (lowest at epoch 2):
// the diagnosis's set_l2 (1e-3) is a button that sets the L2 field and the
// link; the run it trains penalizes the weights (the model's l2=0.001) and
// offers no L2 button, the penalty it would set being the current one.
func useL2(t *testing.T, ctx context.Context, base string) {
	link := base + "/#tab=data&ds=wine&dm=mlp&dh=16&da=tanh&do=adam%3Alr%3D0.05&dmode=minibatch&dbs=8&dep=30&dvf=0.25"
	run(t, ctx, "load", chromedp.Navigate(link))
	waitJS(t, ctx, "the data tab", idle+` && !document.getElementById("panel-data").hidden && document.getElementById("dmodel").value === "mlp"`)
	trainOnce(t, ctx, "the wine MLP")
	const use = "Use L2 λ = 0.001"
	if got := eval[[]string](t, ctx, tryButtons); !slices.Contains(got, use) {
		t.Fatalf("the verdict's buttons %q (verdict %q): want %q", got, eval[string](t, ctx, `document.querySelector("#train-summary .verdict").textContent`), use)
	}
	run(t, ctx, "use the L2 penalty", clickTry(use))
	if got := eval[[2]string](t, ctx, `[document.getElementById("dl2").value, document.activeElement.id]`); got != [2]string{"0.001", "dl2"} {
		t.Errorf("after %q the L2 field holds %q and the focus is on #%s; want 0.001, on #dl2", use, got[0], got[1])
	}
	if h := eval[string](t, ctx, `location.hash`); !strings.Contains(h, "dl2=0.001") {
		t.Errorf("the link %s: want dl2=0.001", h)
	}
	trainOnce(t, ctx, "the wine MLP with L2")
	if sum := eval[string](t, ctx, `document.getElementById("train-summary").textContent`); !strings.Contains(sum, "mlp:hidden=16,act=tanh,l2=0.001") {
		t.Errorf("summary %q: want the model trained with l2=0.001", sum)
	}
	if got := eval[[]string](t, ctx, tryButtons); slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "Use L2") }) {
		t.Errorf("the verdict's buttons at L2 0.001: %q; want none for the L2 penalty", got)
	}
}

// weightDecayField: the Weight decay field is shown for the
// optimizers that have a weight_decay (adamw, and sgd's coupled one), with
// the optimizer's default as its placeholder and its words in the hint,
// and hidden for those that have none (L-BFGS, signSGD); a value belongs
// to its optimizer: another one starts from its own default, in the field
// and in the link.
func weightDecayField(t *testing.T, ctx context.Context, base string) {
	run(t, ctx, "load", chromedp.Navigate(base+"/#tab=data"))
	waitJS(t, ctx, "the data tab", idle+` && !document.getElementById("panel-data").hidden && document.getElementById("dopt").value === "lbfgs"`)
	type state struct {
		Shown              bool
		Value, Placeholder string
		Label, Hint, Hash  string
	}
	read := func() state {
		return eval[state](t, ctx, `(() => { const e = document.getElementById("dwd"), row = document.getElementById("dwd-row");
		  return {Shown: !row.hidden && row.getBoundingClientRect().height > 0, Value: e.value, Placeholder: e.placeholder, Label: e.labels[0].textContent,
		    Hint: document.getElementById(e.getAttribute("aria-describedby")).textContent, Hash: decodeURIComponent(location.hash)}; })()`)
	}
	if s := read(); s.Shown {
		t.Errorf("lbfgs has no weight decay, but the field is shown: %+v", s)
	}
	run(t, ctx, "adamw", setValue("dopt", "adamw"))
	s := read()
	if !s.Shown || s.Label != "Weight decay" || s.Value != "" || s.Placeholder != "0.01" || !strings.Contains(s.Hint, "decoupled weight decay") || !strings.Contains(s.Hint, "0.01") {
		t.Errorf("under adamw the field is %+v; want shown, labelled Weight decay, empty, AdamW's default 0.01 as placeholder and in the hint", s)
	}
	run(t, ctx, "a weight decay", setValue("dwd", "0.05"))
	if s := read(); !strings.Contains(s.Hash, "do=adamw:lr=") || !strings.Contains(s.Hash, ",weight_decay=0.05&") {
		t.Errorf("the link %s: want adamw with weight_decay=0.05", s.Hash)
	}
	run(t, ctx, "sgd", setValue("dopt", "sgd"))
	if s := read(); !s.Shown || s.Value != "" || s.Placeholder != "0" || strings.Contains(s.Hash, "weight_decay") {
		t.Errorf("under sgd the field is %+v; want shown, empty (sgd's default 0 as placeholder) and no weight decay in the link", s)
	}
	for _, name := range []string{"signsgd", "lbfgs"} {
		run(t, ctx, name, setValue("dopt", name))
		if s := read(); s.Shown || strings.Contains(s.Hash, "weight_decay") {
			t.Errorf("%s has no weight decay, but the field is %+v", name, s)
		}
	}
}
