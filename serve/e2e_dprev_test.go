package serve_test

import (
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/descentgo/descent/serve"
)

// TestBrowserUseLRRemembersTheRun: the data tab follows training advice
// with memory, as the function tab's "Try lr" does. A link holds the rate
// of the run whose advice set lr (dprev=1,3.2: the run at 1 was told 3.2);
// the page says so, and the run at 3.2 — softmax on iris under RMSprop,
// batch 16, on a high noise floor — sends it as prev_lr: the cut that
// turns the raise back is bisected on a log scale, √(1·3.2) = 1.789, not
// the noise floor's cut to 0.56 that the same run gets without it. Its "Use lr" button then remembers 3.2 in the page and the link;
// another rate typed into the control forgets it.
func TestBrowserUseLRRemembersTheRun(t *testing.T) {
	ctx, base := browserPage(t, serve.Config{})
	link := base + "/#tab=data&ds=iris&dm=softmax&do=rmsprop%3Alr%3D3.2&dmode=minibatch&dbs=16&dep=30&dprev=1,3.2"
	run(t, ctx, "load", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(link))
	waitJS(t, ctx, "the data tab", idle+` && !document.getElementById("panel-data").hidden && document.getElementById("dlr-num").value === "3.2"`)
	note := `(document.getElementById("dprev-note").hidden ? "" : document.getElementById("dprev-note").textContent)`
	if got := eval[string](t, ctx, note); got != "follows the advice of the run at lr 1" {
		t.Fatalf("the lr control's note %q, want it to name the run at lr 1", got)
	}
	run(t, ctx, "train", chromedp.Click(chromedp.ID("train")))
	waitJS(t, ctx, "the training summary", `!document.getElementById("train-summary").hidden && `+idle)
	advice := eval[string](t, ctx, `document.querySelector("#train-summary .advice").textContent`)
	prev, lr, mid := bisection(t, advice)
	if prev != 1 || lr != 3.2 || math.Abs(mid-math.Sqrt(prev*lr)) > 1e-3 {
		t.Errorf("the advice %q: previous %g, rate %g, midpoint %g; want 1, 3.2 and √3.2 = %.4g", advice, prev, lr, mid, math.Sqrt(3.2))
	}
	use := `Array.from(document.querySelectorAll("#train-summary button.try")).find(b => b.textContent.startsWith("Use lr"))`
	if label := eval[string](t, ctx, use+`.textContent`); label != "Use lr = 1.8" {
		t.Fatalf("the advice's button %q, want Use lr = 1.8", label)
	}
	run(t, ctx, "use the advice", doJS(use+`.click()`))
	if got := eval[string](t, ctx, note); got != "follows the advice of the run at lr 3.2" {
		t.Errorf("after Use lr the note is %q, want it to name the run at lr 3.2", got)
	}
	if h := eval[string](t, ctx, `decodeURIComponent(location.hash)`); !strings.Contains(h, "dprev=3.2,1.8") {
		t.Errorf("the link %s does not keep the run at 3.2", h)
	}
	run(t, ctx, "another rate", setValue("dlr-num", "0.5"))
	if got := eval[string](t, ctx, note); got != "" {
		t.Errorf("after typing another rate the note is %q, want none", got)
	}
	if h := eval[string](t, ctx, `location.hash`); strings.Contains(h, "dprev") {
		t.Errorf("the link %s still holds a previous rate", h)
	}
}
