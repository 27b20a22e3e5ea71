package serve_test

import (
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/descentgo/descent/serve"
)

// TestBrowserDefaultsAndLinks checks that the page starts from the server's
// defaults (GET /api/defaults), that the specifications of a link are
// decoded by the server (POST /api/spec) into the controls, and that advice
// names the page's own controls and offers its actions as buttons.
func TestBrowserDefaultsAndLinks(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	h := serve.New(serve.Config{})
	srv := httptest.NewServer(h)
	defer srv.Close()
	var errs jsErrors
	ctx := newBrowser(t, &errs)
	defer func() {
		if msgs := errs.take(); len(msgs) > 0 {
			t.Errorf("JavaScript errors:\n%s", strings.Join(msgs, "\n"))
		}
	}()
	value := func(id string) string {
		return eval[string](t, ctx, `document.getElementById("`+id+`").value`)
	}

	// A fresh page: gd with its registry rate, the command's step budget;
	// on the data tab, L-BFGS on the full batch for 1000 epochs.
	run(t, ctx, "load", chromedp.EmulateViewport(1280, 720), chromedp.Navigate(srv.URL+"/"))
	waitJS(t, ctx, "the page", idle+` && document.getElementById("fn").value === "rosenbrock"`)
	if got := [3]string{value("opt"), value("lr-num"), value("steps")}; got != [3]string{"gd", "0.001", "1000"} {
		t.Errorf("initial optimizer, lr, max steps %q; want gd, 0.001, 1000 (run.DefaultOpt, minimize.DefaultSettings)", got)
	}
	run(t, ctx, "data tab", chromedp.Click(chromedp.ID("tab-data")))
	waitJS(t, ctx, "the data tab", `!document.getElementById("panel-data").hidden`)
	mode := eval[string](t, ctx, `document.querySelector('input[name="mode"]:checked').value`)
	if got := [4]string{value("dopt"), mode, value("depochs"), value("dbs")}; got != [4]string{"lbfgs", "batch", "1000", "32"} {
		t.Errorf("initial data optimizer, mode, epochs, batch %q; want lbfgs, batch, 1000, 32 (train.DefaultConfig)", got)
	}
	// A step-based optimizer switches to mini-batches (train.DefaultBatch).
	run(t, ctx, "sgd", setValue("dopt", "sgd"))
	if m := eval[string](t, ctx, `document.querySelector('input[name="mode"]:checked').value`); m != "minibatch" {
		t.Errorf("after choosing sgd the mode is %q, want minibatch", m)
	}
	// Train too little: the advice names the epochs control, and its
	// learning rate is a button that sets the control.
	run(t, ctx, "slow sgd", setValue("dlr-num", "0.001"), setValue("depochs", "5"), chromedp.Click(chromedp.ID("train")))
	waitJS(t, ctx, "the training summary", `!document.getElementById("train-summary").hidden && `+idle)
	advice := eval[string](t, ctx, `document.querySelector("#train-summary .advice").textContent`)
	if !strings.Contains(advice, "the epochs setting") || strings.Contains(advice, "--") {
		t.Errorf("training advice %q: want the epochs setting named, no flag", advice)
	}
	if !strings.Contains(eval[string](t, ctx, `location.hash`), "do=sgd%3Alr%3D0.001") {
		t.Errorf("the link %s does not hold the data tab's optimizer", eval[string](t, ctx, `location.hash`))
	}
	// The button carries the diagnosis's suggestion (a raise: the run was
	// too short at a small rate) and sets the control to it.
	label := eval[string](t, ctx, `Array.from(document.querySelectorAll("#train-summary button.try")).find(b => b.textContent.startsWith("Use lr")).textContent`)
	want := strings.TrimSpace(strings.TrimPrefix(label, "Use lr = "))
	if f, err := strconv.ParseFloat(want, 64); err != nil || !(f > 0.001) {
		t.Errorf("advice button %q: want a rate above the current 0.001", label)
	}
	run(t, ctx, "use the suggested lr", doJS(`Array.from(document.querySelectorAll("#train-summary button.try")).find(b => b.textContent.startsWith("Use lr")).click()`))
	if v := value("dlr-num"); v != want {
		t.Errorf("after the advice's button %q the data tab's lr is %q, want %s", label, v, want)
	}

	// A link: the server decodes its function, optimizer and schedule into
	// the controls.
	link := srv.URL + "/#f=quadratic%3Akappa%3D10%2Cn%3D4&o=adam%3Alr%3D0.02%2Camsgrad%3Dtrue&sc=cosine%3At_max%3D500&n=500"
	run(t, ctx, "blank", chromedp.Navigate("about:blank"))
	run(t, ctx, "open a link", chromedp.Navigate(link))
	waitJS(t, ctx, "the link's problem", idle+` && document.getElementById("fn").value === "quadratic"`)
	got := [6]string{value("fn-n"), value("opt"), value("lr-num"), value("sched"), value("s-t_max"), value("steps")}
	if got != [6]string{"4", "adam", "0.02", "cosine", "500", "500"} || !eval[bool](t, ctx, `document.getElementById("p-amsgrad").checked`) {
		t.Errorf("controls from the link: %q, amsgrad %v", got, eval[bool](t, ctx, `document.getElementById("p-amsgrad").checked`))
	}
	// A link with a specification the server rejects keeps the default
	// and says why.
	run(t, ctx, "blank", chromedp.Navigate("about:blank"))
	run(t, ctx, "open a bad link", chromedp.Navigate(srv.URL+"/#o=adam%3Alrr%3D1"))
	waitJS(t, ctx, "the toast", `!document.getElementById("toast").hidden`)
	if msg := eval[string](t, ctx, `document.getElementById("toast").textContent`); !strings.Contains(msg, `no parameter "lrr"`) {
		t.Errorf("toast %q: want the server's error", msg)
	}
	waitJS(t, ctx, "the page", idle)
	if v := value("opt"); v != "gd" {
		t.Errorf("after a bad link the optimizer is %q, want the default gd", v)
	}

	// Run cards: the advice names "max steps"; a diverged run offers its
	// suggested rate as a button: √10 above the safe rate 1/L = 0.00066 at
	// the start, since that one's probe from the start goes further there
	// (the curvature falls along the way; 0.0021 ends 2000 steps at 0.0069,
	// 0.00066 at 0.22).
	run(t, ctx, "diverge", setValue("steps", "2000"), setValue("lr-num", "0.01"), chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the run", `document.querySelectorAll("#runs li.run").length === 1 && `+idle)
	if b := eval[string](t, ctx, `(document.querySelector("#runs li.run button.try") || {}).textContent || ""`); !strings.HasPrefix(b, "Try lr = 0.0021") {
		t.Errorf("diverged run's button %q, want Try lr = 0.0021 (√10/L)", b)
	}
	run(t, ctx, "slow", setValue("lr-num", "0.001"), chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the second run", `document.querySelectorAll("#runs li.run").length === 2 && `+idle)
	advice = eval[string](t, ctx, `document.querySelectorAll("#runs li.run .advice")[1].textContent`)
	if !strings.Contains(advice, "raise max steps") || strings.Contains(advice, "--") {
		t.Errorf("run advice %q: want max steps named, no flag", advice)
	}
}
