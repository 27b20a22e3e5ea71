package serve_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/descentgo/descent/serve"
)

// pixelsNear counts the pixels of a canvas within tol of rgb (each
// channel) in the box [x0, x1]×[y0, y1] of canvas pixels.
func pixelsNear(sel string, x0, y0, x1, y1 float64, rgb [3]int, tol int) string {
	return fmt.Sprintf(`(() => { const c = document.querySelector(%q); const x0 = Math.max(0, Math.round(%g)), y0 = Math.max(0, Math.round(%g));
	  const w = Math.max(1, Math.min(c.width, Math.round(%g)) - x0), h = Math.max(1, Math.min(c.height, Math.round(%g)) - y0);
	  const d = c.getContext("2d").getImageData(x0, y0, w, h).data; let n = 0;
	  for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - %d) <= %d && Math.abs(d[i+1] - %d) <= %d && Math.abs(d[i+2] - %d) <= %d) n++;
	  return n; })()`, sel, x0, y0, x1, y1, rgb[0], tol, rgb[1], tol, rgb[2], tol)
}

type mapGeo struct {
	L, T, Pw, Ph, Dpr float64
	Win               []float64
}

func (g mapGeo) px(x, y float64) (float64, float64) {
	return g.L + (x-g.Win[0])/(g.Win[1]-g.Win[0])*g.Pw, g.T + (1-(y-g.Win[2])/(g.Win[3]-g.Win[2]))*g.Ph
}

// TestBrowserStepPlayScrub drives the Step button, Play/Pause and the
// slider in Chromium on f = x² + 10y² from (3, 0.5) with Adam, lr 0.5, and
// checks what the page shows against Adam's closed form (Kingma & Ba 2015,
// Algorithm 1) after the first step — m = 0.1·g₀, v = 0.001·g₀², the update
// −lr·sign(g₀), the effective rate lr/√v̂ — and by pixels: the dashed
// gradient arrow −lr·∇f(x₀) on the map, the loss chart's cursor line moving
// with the slider, the lr chart of a schedule, the ✕ of a diverged run
// without squeezing the other curve, the learning-rate × momentum map, and
// that no verdict or suggestion outlives the inputs it belonged to.
func TestBrowserStepPlayScrub(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	srv := httptest.NewServer(serve.New(serve.Config{}))
	defer srv.Close()
	var errs jsErrors
	ctx := newBrowser(t, &errs)
	defer func() {
		if msgs := errs.take(); len(msgs) > 0 {
			t.Errorf("JavaScript errors:\n%s", strings.Join(msgs, "\n"))
		}
	}()
	run(t, ctx, "load", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/"))
	waitJS(t, ctx, "the page", idle+` && document.getElementById("fn").value === "rosenbrock"`)
	run(t, ctx, "formula", setValue("fn", "__formula"), setValue("expr", "x^2 + 10*y^2"))
	waitJS(t, ctx, "the formula's map", idle+` && document.getElementById("fn-desc").textContent.includes("10*y^2")`)
	run(t, ctx, "start and adam", setValue("start", "3, 0.5"), setValue("opt", "adam"), setValue("lr-num", "0.5"), setValue("steps", "200"))
	// The window follows a start point typed outside it (issue 17: maps that fit).
	waitJS(t, ctx, "a window around the start", idle+` && (() => { const g = JSON.parse(document.getElementById("map").dataset.geo); return g.win[1] > 3 && g.win[3] > 0.5; })()`)
	if n := eval[int](t, ctx, `document.querySelectorAll("#runs li.run").length`); n != 0 {
		t.Fatalf("%d runs before any", n)
	}
	// The gradient step from (3, 0.5) is −0.5·(6, 10): the boxes sit on its
	// first quarter, away from the update (−0.5, −0.5) and the start.
	white := func() (hits int) {
		var g mapGeo
		if err := jsonEval(t, ctx, `document.getElementById("map").dataset.geo`, &g); err != nil {
			t.Fatal(err)
		}
		for _, f := range []float64{0.1, 0.15, 0.2, 0.25} {
			x, y := g.px(3-f*3, 0.5-f*5)
			if x < g.L || x > g.L+g.Pw || y < g.T || y > g.T+g.Ph {
				t.Fatalf("box %g at (%g, %g) outside the plot %+v", f, x, y, g)
			}
			if eval[int](t, ctx, pixelsNear("#map", x-4*g.Dpr, y-4*g.Dpr, x+4*g.Dpr, y+4*g.Dpr, [3]int{255, 255, 255}, 12)) > 0 {
				hits++
			}
		}
		return hits
	}
	if h := white(); h != 0 {
		t.Fatalf("white pixels along the gradient arrow before any step (%d boxes)", h)
	}

	// Step: one run, at step 1.
	run(t, ctx, "step", chromedp.Click(chromedp.ID("step")))
	waitJS(t, ctx, "step 1", idle+` && document.getElementById("scrub-out").textContent === "step 1 of 200" && document.querySelector("#step-info table") !== null`)
	stableSignature(t, ctx) // the map may refit its window to the run's path
	if h := white(); h < 3 {
		t.Errorf("the dashed gradient arrow −lr·∇f(x₀) shows in %d of 4 boxes along it, want ≥ 3", h)
	}
	cols := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#step-info thead th")).map(th => th.textContent)`)
	cells := eval[[][]string](t, ctx, `Array.from(document.querySelectorAll("#step-info tbody tr")).map(tr => Array.from(tr.querySelectorAll("td")).map(td => td.textContent))`)
	col := func(name string) int {
		for i, c := range cols {
			if c == name {
				return i - 1 // the first header is the row label's
			}
		}
		t.Fatalf("no column %q in %q", name, cols)
		return -1
	}
	num := func(row int, name string) float64 {
		v, err := strconv.ParseFloat(cells[row][col(name)], 64)
		if err != nil {
			t.Fatalf("cell %q of %s: %v", cells[row][col(name)], name, err)
		}
		return v
	}
	g0 := [2]float64{6, 10}
	for i, want := range map[string][2]float64{
		"x":                 {2.5, 0},
		"∇f(x)":             {5, 0},
		"update x − x_prev": {-0.5, -0.5},
		"−lr·∇f(x_prev)":    {-0.5 * g0[0], -0.5 * g0[1]},
		"m (exp_avg)":       {0.1 * g0[0], 0.1 * g0[1]},
		"v (exp_avg_sq)":    {0.001 * g0[0] * g0[0], 0.001 * g0[1] * g0[1]},
		"effective lr":      {0.5 / g0[0], 0.5 / g0[1]},
	} {
		for r := range 2 {
			if got := num(r, i); math.Abs(got-want[r]) > 1e-4*(1+math.Abs(want[r])) {
				t.Errorf("step 1, %s[%d] shows %g, want %g", i, r, got, want[r])
			}
		}
	}

	screenshot(t, ctx, "serve-step.png", 1280, 0, shotRegion{sel: "#map", minInk: 0.5, minColors: 100}, shotRegion{sel: "#step-info", minInk: 0.02, minColors: 4})

	// Play, then pause: the slider moves, then stays.
	run(t, ctx, "speed, play", setValue("speed", "50"), chromedp.Click(chromedp.ID("play")))
	waitJS(t, ctx, "playing", `document.getElementById("play").getAttribute("aria-pressed") === "true" && Number(document.getElementById("scrub").value) >= 8`)
	run(t, ctx, "pause", chromedp.Click(chromedp.ID("play")))
	k1 := eval[string](t, ctx, `document.getElementById("scrub").value`)
	time.Sleep(300 * time.Millisecond)
	if k2 := eval[string](t, ctx, `document.getElementById("scrub").value`); k2 != k1 || eval[string](t, ctx, `document.getElementById("play").getAttribute("aria-pressed")`) != "false" {
		t.Errorf("after Pause the slider moved from %s to %s", k1, k2)
	}

	// Scrub: the loss chart's cursor line and the map's point move together.
	cursorCol := func() int {
		x := eval[float64](t, ctx, `Number(document.querySelector("#loss-chart .uplot").dataset.cursorX)`)
		return eval[int](t, ctx, pixelsNear("#loss-chart canvas", x-1, 0, x+2, 10000, [3]int{0x1c, 0x24, 0x34}, 20))
	}
	var xs []float64
	var maps []string
	for _, k := range []string{"20", "120"} {
		run(t, ctx, "scrub "+k, setValue("scrub", k))
		waitJS(t, ctx, "step "+k, `document.getElementById("scrub-out").textContent === "step `+k+` of 200" && document.getElementById("step-info").textContent.includes("step `+k+`")`)
		if n := cursorCol(); n < 40 {
			t.Errorf("at step %s the loss chart's cursor column has %d dark pixels, want ≥ 40", k, n)
		}
		xs = append(xs, eval[float64](t, ctx, `Number(document.querySelector("#loss-chart .uplot").dataset.cursorX)`))
		maps = append(maps, eval[string](t, ctx, canvasSignature))
	}
	if !(xs[1] > xs[0]+50) || maps[0] == maps[1] {
		t.Errorf("scrubbing 20 → 120 moved the cursor line from x = %g to %g and the map changed: %v", xs[0], xs[1], maps[0] != maps[1])
	}

	// A suggestion goes when the optimizer changes.
	run(t, ctx, "suggest", chromedp.Click(chromedp.ID("suggest")))
	waitJS(t, ctx, "suggestion", idle+` && !document.getElementById("suggest-out").hidden`)
	run(t, ctx, "new lr", setValue("lr-num", "0.05"))
	if !eval[bool](t, ctx, `document.getElementById("suggest-out").hidden`) {
		t.Error("the suggestion for adam lr 0.5 stays after the rate changed")
	}

	// A schedule: the lr chart shows cosine's rates. A diverging gd run
	// (lr 0.2 > 2/L = 0.1) is marked ✕ and does not flatten Adam's curve.
	run(t, ctx, "cosine", setValue("sched", "cosine"), chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the cosine run", idle+` && document.querySelectorAll("#runs li.run").length === 2 && !document.getElementById("lr-box").hidden`)
	run(t, ctx, "gd 0.2", setValue("sched", ""), setValue("opt", "gd"), setValue("lr-num", "0.2"), setValue("steps", "2000"), chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the diverged run", idle+` && document.querySelectorAll("#runs li.run").length === 3`)
	if v := eval[string](t, ctx, `document.querySelectorAll("#runs li.run")[2].dataset.verdict`); v != "diverged" {
		t.Fatalf("gd lr 0.2 on x² + 10y²: verdict %q, want diverged", v)
	}
	var marks []struct {
		Run, Iter int
		X, Y      float64
	}
	if err := jsonEval(t, ctx, `document.querySelector("#loss-chart .uplot").dataset.marks`, &marks); err != nil {
		t.Fatal(err)
	}
	var yr []float64
	if err := jsonEval(t, ctx, `document.querySelector("#loss-chart .uplot").dataset.y`, &yr); err != nil {
		t.Fatal(err)
	}
	// f(3, 0.5) = 11.5: the log axis stops at 100× that (rounded up to
	// a decade), however far the diverged run went.
	if len(marks) != 1 || marks[0].Run != 2 || yr[1] > 1e4 {
		t.Errorf("marks %+v, y range %v; want one ✕ on run 3 and a top ≤ 1e4", marks, yr)
	} else if n := eval[int](t, ctx, pixelsNear("#loss-chart canvas", marks[0].X-7, marks[0].Y-7, marks[0].X+7, marks[0].Y+7, [3]int{0x5f, 0xb0, 0x00}, 40)); n < 10 {
		// The third run's color is COLORS[2] unless reused; check any ink.
		if m := eval[int](t, ctx, pixelsNear("#loss-chart canvas", marks[0].X-7, marks[0].Y-7, marks[0].X+7, marks[0].Y+7, [3]int{0x00, 0xa6, 0xd6}, 40)); m < 10 {
			t.Errorf("no ✕ drawn at (%g, %g): %d, %d pixels of the run's color", marks[0].X, marks[0].Y, n, m)
		}
	}

	// Changing the start point drops every verdict at once, then re-runs.
	left := eval[int](t, ctx, `(() => { const e = document.getElementById("start"); e.value = "-2, 1"; e.dispatchEvent(new Event("change", {bubbles: true})); return document.querySelectorAll("#runs li.run").length; })()`)
	if left != 0 {
		t.Errorf("%d run cards (with their verdicts) stay after the start point changed", left)
	}
	waitJS(t, ctx, "the re-run", idle+` && document.querySelectorAll("#runs li.run").length === 3`)

	// The learning-rate × momentum map: grey diverged cells, coloured
	// stable ones, the white theory line.
	run(t, ctx, "map it", chromedp.Click(chromedp.ID("lrmap-run")))
	waitJS(t, ctx, "the map", idle+` && document.getElementById("lrmap-out").textContent.includes("Best")`)
	w := eval[float64](t, ctx, `document.getElementById("lrmap").width`)
	h := eval[float64](t, ctx, `document.getElementById("lrmap").height`)
	grey := eval[int](t, ctx, pixelsNear("#lrmap", 0, 0, w, h, [3]int{200, 200, 205}, 3))
	purple := eval[int](t, ctx, pixelsNear("#lrmap", 0, 0, w, h, [3]int{68, 1, 84}, 25))
	whiteLine := eval[int](t, ctx, pixelsNear("#lrmap", 60, 0, w-14, h-40, [3]int{255, 255, 255}, 5))
	if grey < 500 || purple < 500 || whiteLine < 50 {
		t.Errorf("lr × momentum map: %d grey, %d dark (low f), %d white pixels; want ≥ 500, 500, 50", grey, purple, whiteLine)
	}
	run(t, ctx, "scroll to the lr map", doJS(`document.querySelector(".lrmap-card").scrollIntoView()`))
	screenshot(t, ctx, "serve-lrmap.png", 1280, 900, shotRegion{sel: "#lrmap", minInk: 0.3, minColors: 30})
}

// jsonEval decodes the JSON text that js evaluates to.
func jsonEval(t *testing.T, ctx context.Context, js string, out any) error {
	t.Helper()
	return json.Unmarshal([]byte(eval[string](t, ctx, js)), out)
}
