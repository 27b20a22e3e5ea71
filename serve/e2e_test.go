package serve_test

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/descentgo/descent/serve"
)

// chromium returns the path of the browser for the end-to-end tests. Without
// one the tests fail on CI (CI=true, where .ci/run installs Debian's
// chromium package) and are skipped elsewhere.
func chromium(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("DESCENT_CHROMIUM"), "/usr/bin/chromium"} {
		if p != "" {
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "no chromium found (set DESCENT_CHROMIUM or `apt-get install -y chromium`): the end-to-end tests of the playground need a headless browser"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// jsErrors collects the errors a page reports: uncaught exceptions,
// console.error calls and error entries of the browser log (failed loads).
type jsErrors struct {
	mu   sync.Mutex
	msgs []string
}

func (j *jsErrors) listen(ev any) {
	j.mu.Lock()
	defer j.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventExceptionThrown:
		msg := e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
		j.msgs = append(j.msgs, "exception: "+msg)
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, a.Description+string(a.Value))
			}
			j.msgs = append(j.msgs, "console.error: "+strings.Join(parts, " "))
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			// A 400 answer to a deliberately invalid formula is expected;
			// every other failed load is an error.
			if strings.Contains(e.Entry.Text, "400 (Bad Request)") {
				return
			}
			j.msgs = append(j.msgs, "log: "+e.Entry.Text+" "+e.Entry.URL)
		}
	}
}

func (j *jsErrors) take() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	out := j.msgs
	j.msgs = nil
	return out
}

// newBrowser starts a headless Chromium with the flags that work as root on
// this kind of machine and a fresh profile, and returns a tab context.
func newBrowser(t *testing.T, errs *jsErrors) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium(t)),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 720),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelTab := chromedp.NewContext(actx, chromedp.WithListener(errs.listen))
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelTime(); cancelTab(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// screenshot captures the viewport, w×h as set by EmulateViewport, or with
// h = 0 the whole page, w wide, and checks the picture: its size, that it
// is not blank, and for each region the pixels of its element. With
// DESCENT_SCREENSHOTS=1 it also saves the picture under docs/img.
func screenshot(t *testing.T, ctx context.Context, name string, w, h int, regions ...shotRegion) {
	t.Helper()
	full := h == 0
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
		h = eval[int](t, ctx, `document.documentElement.scrollHeight`)
	}
	b, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	img, err := decodeShot(b)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if got := img.Bounds().Size(); got.X != w || got.Y != h {
		t.Errorf("screenshot %s is %d×%d, want %d×%d", name, got.X, got.Y, w, h)
	}
	if colors, _, ink := inkStats(img, img.Bounds()); colors < 500 || ink < 0.05 {
		t.Errorf("screenshot %s: %d distinct colors, %.3f of it not background; want ≥ 500 and ≥ 0.05: blank page?", name, colors, ink)
	}
	for _, reg := range regions {
		// The element's box in the picture's pixels (a whole-page
		// picture starts at the top of the document).
		box := eval[struct{ X, Y, W, H float64 }](t, ctx, fmt.Sprintf(`(() => { const r = document.querySelector(%q).getBoundingClientRect(); const s = %t;
		  return {X: r.left + (s ? scrollX : 0), Y: r.top + (s ? scrollY : 0), W: r.width, H: r.height}; })()`, reg.sel, full))
		r := image.Rect(int(math.Ceil(box.X)), int(math.Ceil(box.Y)), int(math.Floor(box.X+box.W)), int(math.Floor(box.Y+box.H)))
		vis := r.Intersect(img.Bounds())
		if r.Empty() || vis.Dx()*vis.Dy() < r.Dx()*r.Dy()/2 {
			t.Errorf("screenshot %s: %s at %v is not in the picture %v", name, reg.sel, r, img.Bounds())
			continue
		}
		colors, bg, ink := inkStats(img, vis)
		if colors < reg.minColors || ink < reg.minInk {
			t.Errorf("screenshot %s: %s at %v has %d distinct colors and %.3f of it differs from its background %v; want ≥ %d and ≥ %g",
				name, reg.sel, vis, colors, ink, bg, reg.minColors, reg.minInk)
		}
		for _, c := range reg.want {
			if n := countNear(img, vis, c, 30); n < 30 {
				t.Errorf("screenshot %s: %s shows %d pixels of the color %v, want ≥ 30", name, reg.sel, n, c)
			}
		}
	}
	if os.Getenv("DESCENT_SCREENSHOTS") != "1" {
		return
	}
	path := filepath.Join("..", "docs", "img", name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

func run(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitJS waits until the JavaScript predicate is true.
func waitJS(t *testing.T, ctx context.Context, what, pred string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](pred, chromedp.WithPollingTimeout(time.Until(deadline)), chromedp.WithPollingInterval(50*time.Millisecond)))
		if err == nil {
			return
		}
		// A poll that starts while the page is navigating loses its
		// execution context; poll again in the new one.
		if strings.Contains(err.Error(), "Cannot find context with specified id") && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		t.Fatalf("waiting for %s (%s): %v", what, pred, err)
	}
}

// browserCase is a subtest of a browser test: it opens the page itself.
type browserCase struct {
	name string
	test func(t *testing.T, ctx context.Context, base string)
}

// inOneBrowser runs cases as subtests sharing the browser ctx, each from a
// blank page, against the server at base.
func inOneBrowser(t *testing.T, ctx context.Context, base string, cases ...browserCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			run(t, ctx, "blank", chromedp.Navigate("about:blank"))
			c.test(t, ctx, base)
		})
	}
}

// setValue sets a control's value and dispatches the change event that
// SetValue does not fire.
func setValue(id, v string) chromedp.Action[chromedp.Void] {
	return doJS(fmt.Sprintf(`const e = document.getElementById(%q); e.value = %q; e.dispatchEvent(new Event("input", {bubbles: true})); e.dispatchEvent(new Event("change", {bubbles: true}))`, id, v))
}

// doJS runs a statement in the page.
func doJS(stmt string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("(() => { "+stmt+"; return true; })()"))
		return err
	})
}

// canvasSignature hashes the pixels of the map canvas.
const canvasSignature = `(() => { const c = document.getElementById("map"); const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
  let h = 2166136261 >>> 0; for (let i = 0; i < d.length; i += 7) { h = Math.imul(h ^ d[i], 16777619) >>> 0; } return h + ":" + c.width + "x" + c.height; })()`

const idle = `document.body.dataset.ready === "true" && document.body.getAttribute("aria-busy") !== "true" && document.body.dataset.animating !== "true"`

// stableSignature returns the map canvas's signature once two readings
// 250 ms apart agree (at most ~5 s), so that a picture still being drawn is
// not taken for the final one.
func stableSignature(t *testing.T, ctx context.Context) string {
	t.Helper()
	prev := eval[string](t, ctx, canvasSignature)
	for range 20 {
		time.Sleep(250 * time.Millisecond)
		cur := eval[string](t, ctx, canvasSignature)
		if cur == prev {
			return cur
		}
		prev = cur
	}
	return prev
}

// apiVerdict asks the API directly for the verdict of one run.
func apiVerdict(t *testing.T, base, opt string, steps int) string {
	t.Helper()
	body := fmt.Sprintf(`{"problem":{"func":"rosenbrock"},"runs":[{"opt":%q}],"max_steps":%d}`, opt, steps)
	resp, err := http.Post(base+"/api/run", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Runs []struct {
			Diagnosis struct{ Verdict string } `json:"diagnosis"`
		} `json:"runs"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || len(out.Runs) != 1 {
		t.Fatalf("api run %s: %v", opt, err)
	}
	return out.Runs[0].Diagnosis.Verdict
}

func TestBrowserPlayground(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	h := serve.New(serve.Config{})
	defer h.Close()
	srv := httptest.NewServer(h)
	defer srv.Close()
	var errs jsErrors
	ctx := newBrowser(t, &errs)
	defer func() {
		if msgs := errs.take(); len(msgs) > 0 {
			t.Errorf("JavaScript errors:\n%s", strings.Join(msgs, "\n"))
		}
	}()

	// Load and pick rosenbrock.
	run(t, ctx, "load", chromedp.EmulateViewport(1280, 720), chromedp.Navigate(srv.URL+"/#f=himmelblau"))
	waitJS(t, ctx, "the page to load himmelblau", idle+` && document.getElementById("fn").value === "himmelblau"`)
	run(t, ctx, "pick rosenbrock", setValue("fn", "rosenbrock"))
	waitJS(t, ctx, "rosenbrock's map", idle+` && location.hash.includes("f=rosenbrock") && document.getElementById("fn-desc").textContent.includes("100*(y - x^2)^2")`)
	// Every control has a label (or an aria-label), and the map takes focus.
	unlabelled := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("input, select, button")).filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.textContent.trim()).map(e => e.id || e.outerHTML.slice(0, 60))`)
	if len(unlabelled) > 0 {
		t.Errorf("controls without a label: %q", unlabelled)
	}
	if eval[string](t, ctx, `document.getElementById("map").getAttribute("tabindex")`) != "0" {
		t.Error("the map cannot take keyboard focus")
	}
	before := eval[string](t, ctx, canvasSignature)
	run(t, ctx, "max steps", setValue("steps", "2000"))

	// Run three learning rates; the page must show the engine's verdicts.
	lrs := []string{"0.001", "0.003", "0.01"}
	wantVerdict := map[string]string{}
	for i, lr := range lrs {
		run(t, ctx, "set lr "+lr, setValue("lr-num", lr))
		run(t, ctx, "run "+lr, chromedp.Click(chromedp.ID("run")))
		waitJS(t, ctx, fmt.Sprintf("run %d", i+1), fmt.Sprintf(`document.querySelectorAll("#runs li.run").length === %d && `, i+1)+idle)
		wantVerdict["gd:lr="+lr] = apiVerdict(t, srv.URL, "gd:lr="+lr, 2000)
	}
	type card struct{ Spec, Verdict, Advice string }
	readCards := func() []card {
		return eval[[]card](t, ctx, `Array.from(document.querySelectorAll("#runs li.run")).map(li => ({Spec: li.querySelector(".spec").textContent, Verdict: li.dataset.verdict, Advice: li.querySelector(".advice").textContent}))`)
	}
	cards := readCards()
	if len(cards) != 3 {
		t.Fatalf("got %d run cards, want 3", len(cards))
	}
	for _, c := range cards {
		if c.Verdict != wantVerdict[c.Spec] || c.Advice == "" {
			t.Errorf("card %q shows verdict %q (advice %q); the API says %q", c.Spec, c.Verdict, c.Advice, wantVerdict[c.Spec])
		}
	}
	// lr = 0.01 is far above 2/L ≈ 0.00133 at the start: it must diverge;
	// lr = 0.001 is below it and converges slowly in 2000 steps.
	if wantVerdict["gd:lr=0.01"] != "diverged" || wantVerdict["gd:lr=0.001"] != "too_slow" {
		t.Errorf("verdicts %v: want diverged for lr 0.01 and too_slow for lr 0.001", wantVerdict)
	}
	after := stableSignature(t, ctx)
	if after == before {
		t.Errorf("the map canvas did not change after three runs (signature %s)", after)
	}
	// The paths are drawn in the runs' colors: count pixels of the first
	// run's red in the plot area.
	red := eval[int](t, ctx, `(() => { const c = document.getElementById("map"); const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
	  let n = 0; for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 230) < 12 && Math.abs(d[i+1] - 57) < 14 && Math.abs(d[i+2] - 70) < 14) n++; return n; })()`)
	if red < 50 {
		t.Errorf("found %d pixels of the first path's color on the map, want ≥ 50", red)
	}
	// The loss chart's legend names each run with its verdict.
	legend := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#loss-chart .u-legend .u-series")).map(e => e.textContent.trim()).filter(s => s.startsWith("gd"))`)
	if len(legend) != 3 {
		t.Errorf("loss chart legend %q: want the three runs", legend)
	}
	for _, l := range legend {
		spec, verdict, _ := strings.Cut(l, " — ")
		if want := strings.ReplaceAll(wantVerdict[spec], "_", " "); verdict != want {
			t.Errorf("legend %q: want verdict %q", l, want)
		}
	}
	// The screenshots show the map and the loss chart, with the first
	// run's red in both.
	firstRun := rgb{230, 57, 70}
	mapRegion := shotRegion{sel: "#map", minInk: 0.6, minColors: 200, want: []rgb{firstRun}}
	lossRegion := shotRegion{sel: "#loss-chart", minInk: 0.02, minColors: 20, want: []rgb{firstRun}}
	screenshot(t, ctx, "serve-1280x720.png", 1280, 720, mapRegion, lossRegion)
	screenshot(t, ctx, "serve-functions.png", 1280, 0, mapRegion, lossRegion)
	shared := eval[string](t, ctx, `location.href`)
	if !strings.Contains(shared, "r=gd%3Alr%3D0.003") && !strings.Contains(shared, "r=gd:lr=0.003") {
		t.Errorf("the URL %s does not hold the runs", shared)
	}

	// Suggest a learning rate: at most 1/L, half the stable bound 2/L.
	run(t, ctx, "suggest", chromedp.Click(chromedp.ID("suggest")))
	waitJS(t, ctx, "a suggestion", `document.getElementById("suggested-lr") !== null && `+idle)
	sugg := eval[float64](t, ctx, `Number(document.getElementById("suggested-lr").textContent)`)
	if !(sugg > 0 && sugg <= 0.0007) {
		t.Errorf("suggested lr %g for gd on rosenbrock, want in (0, 1/L ≈ 0.00066]", sugg)
	}

	// Enter in the learning-rate field runs (keyboard use).
	run(t, ctx, "type lr", setValue("lr-num", "0.0005"), chromedp.Focus(chromedp.ID("lr-num")), chromedp.SendKeys(chromedp.ID("lr-num"), "\r"))
	waitJS(t, ctx, "the run started by Enter", `document.querySelectorAll("#runs li.run").length === 4 && `+idle)

	// A line search (no learning rate), then adam with a cosine schedule
	// built from the registry's parameters; a seventh run drops the oldest.
	run(t, ctx, "lbfgs", setValue("opt", "lbfgs"))
	if !eval[bool](t, ctx, `document.getElementById("lr-row").hidden`) {
		t.Error("lbfgs has no learning rate, but the slider is shown")
	}
	run(t, ctx, "run lbfgs", chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the lbfgs run", `document.querySelectorAll("#runs li.run").length === 5 && `+idle)
	run(t, ctx, "adam", setValue("opt", "adam"), setValue("lr-num", "0.05"), setValue("sched", "cosine"))
	if v := eval[string](t, ctx, `document.getElementById("s-t_max").value`); v != "2000" {
		t.Errorf("cosine t_max prefilled with %q, want the max steps 2000", v)
	}
	run(t, ctx, "run adam", chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the adam run", `document.querySelectorAll("#runs li.run").length === 6 && `+idle)
	run(t, ctx, "run adam again", setValue("lr-num", "0.01"), chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the seventh run", `document.querySelectorAll("#runs li.run:last-child .spec")[0].textContent.includes("adam:lr=0.01") && `+idle)
	specs := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#runs li.run .spec")).map(e => e.textContent)`)
	if len(specs) != 6 || specs[0] != "gd:lr=0.003" || specs[3] != "lbfgs" || specs[4] != "adam:lr=0.05 · cosine:t_max=2000" {
		t.Errorf("runs after seven: %q; want six, the oldest dropped", specs)
	}
	if v := eval[string](t, ctx, `document.querySelector("#runs li.run:nth-child(4)").dataset.verdict`); v != "converged" {
		t.Errorf("lbfgs on rosenbrock: verdict %q, want converged", v)
	}
	run(t, ctx, "clear", chromedp.Click(chromedp.ID("clear")))
	waitJS(t, ctx, "no runs", `document.querySelectorAll("#runs li.run").length === 0 && !location.hash.includes("r=")`)
	run(t, ctx, "gd again", setValue("opt", "gd"))
	// The arrow keys move the start point on the focused map.
	run(t, ctx, "arrow key on the map", chromedp.Focus(chromedp.ID("map")), chromedp.KeyEvent(kb.ArrowRight))
	if v := eval[string](t, ctx, `document.getElementById("start").value`); v != "-1.12, 1" {
		t.Errorf("after → on the map the start is %q, want -1.12, 1 (a 50th of the 4-wide window to the right)", v)
	}

	// An invalid formula shows the compiler's error.
	run(t, ctx, "choose a formula", setValue("fn", "__formula"))
	waitJS(t, ctx, "the formula field", idle+` && !document.getElementById("expr-row").hidden`)
	run(t, ctx, "type a bad formula", setValue("expr", "x^2 + (y"))
	waitJS(t, ctx, "the formula error", `document.getElementById("problem-error").textContent.length > 0`)
	msg := eval[string](t, ctx, `document.getElementById("problem-error").textContent`)
	if !strings.Contains(msg, "expr") || !strings.Contains(msg, "1:") {
		t.Errorf("formula error %q: want the compiler's message with its position", msg)
	}
	if eval[string](t, ctx, `document.getElementById("expr").getAttribute("aria-invalid")`) != "true" {
		t.Error("the formula field is not marked aria-invalid")
	}
	screenshot(t, ctx, "serve-formula-error.png", 1280, 720)
	// A valid 3-variable formula: no map, but the loss chart runs.
	run(t, ctx, "type a 3-D formula", setValue("expr", "x^2 + 2*y^2 + 3*z^2"))
	waitJS(t, ctx, "the loss-only layout", idle+` && document.querySelector("#panel-fn .viz").classList.contains("no-map") && document.getElementById("problem-error").textContent === ""`)
	run(t, ctx, "run the 3-D formula", setValue("lr-num", "0.1"), chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the 3-D run", `document.querySelectorAll("#runs li.run").length === 1 && `+idle)
	if v := eval[string](t, ctx, `document.querySelector("#runs li.run").dataset.verdict`); v != "converged" {
		t.Errorf("gd:lr=0.1 on x²+2y²+3z² (L = 6, 2/L = 0.33): verdict %q, want converged", v)
	}

	// Reload the shared URL: the same runs, with the same verdicts.
	run(t, ctx, "blank", chromedp.Navigate("about:blank"))
	run(t, ctx, "open the shared link", chromedp.Navigate(shared))
	waitJS(t, ctx, "the shared runs", `document.querySelectorAll("#runs li.run").length === 3 && `+idle)
	if got := readCards(); fmt.Sprint(got) != fmt.Sprint(cards) {
		t.Errorf("the shared link shows\n%v\nwant\n%v", got, cards)
	}
	// The map is drawn asynchronously (grid fetch, then paths): allow it
	// time to settle on the same picture — 5 s was once too short under a
	// load of 3 on two cores.
	if sig := stableSignature(t, ctx); sig != after {
		if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](canvasSignature+` === `+strconv.Quote(after), chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Errorf("the shared link draws a different map: %s, want %s", eval[string](t, ctx, canvasSignature), after)
		}
	}

	// A narrow window: nothing wider than the viewport.
	run(t, ctx, "narrow", chromedp.EmulateViewport(400, 860))
	// Charts follow the width through resize observers: poll.
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](idle+` && document.documentElement.scrollWidth <= 400`, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		wide := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 401).slice(0, 8).map(e => e.tagName + "#" + e.id + "." + e.className + " " + Math.round(e.getBoundingClientRect().right))`)
		t.Errorf("at 400 px the page is %d px wide; too wide: %q", eval[int](t, ctx, `document.documentElement.scrollWidth`), wide)
	}
	run(t, ctx, "scroll to the map", doJS(`document.querySelector(".map-card").scrollIntoView()`))
	screenshot(t, ctx, "serve-narrow.png", 400, 860, shotRegion{sel: "#map", minInk: 0.6, minColors: 200})
	run(t, ctx, "wide", chromedp.EmulateViewport(1280, 720), doJS(`window.scrollTo(0, 0)`))

	// The data tab trains a model and shows the curves.
	run(t, ctx, "data tab", chromedp.Click(chromedp.ID("tab-data")))
	waitJS(t, ctx, "the data tab", `!document.getElementById("panel-data").hidden`)
	run(t, ctx, "train", chromedp.Click(chromedp.ID("train")))
	waitJS(t, ctx, "the training summary", `!document.getElementById("train-summary").hidden && `+idle)
	sum := eval[string](t, ctx, `document.getElementById("train-summary").textContent`)
	if !strings.Contains(sum, "Validation accuracy") {
		t.Errorf("training summary %q: want the validation accuracy", sum)
	}
	screenshot(t, ctx, "serve-data.png", 1280, 720, shotRegion{sel: "#train-chart", minInk: 0.02, minColors: 20}, shotRegion{sel: "#metric-chart", minInk: 0.02, minColors: 20})
	if !strings.Contains(eval[string](t, ctx, `location.hash`), "tab=data") {
		t.Error("the URL does not record the data tab")
	}
}

// TestBrowserScreenshotsAreCommitted checks that the screenshots the README
// shows exist and are pictures of the page at the viewport sizes that
// TestBrowserPlayground sets (the whole page, 1280 wide, for
// serve-functions.png), and not blank.
func TestBrowserScreenshotsAreCommitted(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h int // h = 0: a whole page, at least 720 high
	}{
		{"serve-functions.png", 1280, 0},
		{"serve-1280x720.png", 1280, 720},
		{"serve-data.png", 1280, 720},
		{"serve-narrow.png", 400, 860},
		{"serve-data-regions.png", 1280, 0},
		{"serve-data-diverged.png", 1280, 900},
	} {
		b, err := os.ReadFile(filepath.Join("..", "docs", "img", c.name))
		if err != nil {
			t.Errorf("%s: %v (run the tests with DESCENT_SCREENSHOTS=1)", c.name, err)
			continue
		}
		img, err := decodeShot(b)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		size := img.Bounds().Size()
		if size.X != c.w || c.h > 0 && size.Y != c.h || c.h == 0 && size.Y < 720 {
			t.Errorf("%s is %d×%d, want %d×%d", c.name, size.X, size.Y, c.w, c.h)
		}
		if colors, bg, ink := inkStats(img, img.Bounds()); colors < 1000 || ink < 0.08 {
			t.Errorf("%s: %d distinct colors, %.3f of it differs from the background %v; want ≥ 1000 and ≥ 0.08", c.name, colors, ink, bg)
		}
	}
}
