package serve_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/descentgo/descent/serve"
)

// regionPixels counts, on the decision map's canvas, the pixels of each
// class's region colours (exact: cells are filled on whole pixels) and of
// each class's point colour (within 8 per channel: discs are
// anti-aliased), for the first three classes. The colours are the page's
// CLASS_COLORS #e63946, #3451b2, #2a9d8f; regions are mixed with white,
// 88% − 4% per confidence digit 0–9.
const regionPixels = `(() => {
  const pts = [[0xe6, 0x39, 0x46], [0x34, 0x51, 0xb2], [0x2a, 0x9d, 0x8f]];
  const reg = pts.map((c) => new Set(Array.from({length: 10}, (_, s) => c.map((v) => Math.round(v + (255 - v) * (0.88 - 0.04 * s))).join(","))));
  const cv = document.getElementById("dmap"), d = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
  const out = {regions: [0, 0, 0], points: [0, 0, 0]};
  for (let i = 0; i < d.length; i += 4) {
    const rgb = d[i] + "," + d[i + 1] + "," + d[i + 2];
    for (let k = 0; k < 3; k++) {
      if (reg[k].has(rgb)) out.regions[k]++;
      if (Math.abs(d[i] - pts[k][0]) <= 8 && Math.abs(d[i + 1] - pts[k][1]) <= 8 && Math.abs(d[i + 2] - pts[k][2]) <= 8) out.points[k]++;
    }
  }
  return out;
})()`

// browserPage starts a playground with cfg and a headless browser for a
// test (skipped with -short): the browser's context and the server's URL.
// The test fails at its end if the page reported JavaScript errors.
func browserPage(t *testing.T, cfg serve.Config) (context.Context, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	srv := httptest.NewServer(serve.New(cfg))
	t.Cleanup(srv.Close)
	errs := new(jsErrors)
	ctx := newBrowser(t, errs)
	t.Cleanup(func() {
		if msgs := errs.take(); len(msgs) > 0 {
			t.Errorf("JavaScript errors:\n%s", strings.Join(msgs, "\n"))
		}
	})
	return ctx, srv.URL
}

// trainedIdle: the page's last training animation has ended.
const trainedIdle = idle + ` && document.body.dataset.training === "false" && !document.getElementById("train-summary").hidden`

// TestBrowserDataTab trains in the data tab and checks what the page shows:
// the decision regions of softmax on iris by the canvas's pixels, redrawn
// epoch by epoch; a CSV uploaded through the file input, and a malformed
// one whose parser error (with its line and column) appears in the page;
// and the charts of a diverged run, which keep labelled y ticks and mark
// the divergence.
func TestBrowserDataTab(t *testing.T) {
	ctx, base := browserPage(t, serve.Config{})
	run(t, ctx, "load", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/#tab=data"))
	waitJS(t, ctx, "the data tab", idle+` && !document.getElementById("panel-data").hidden && document.getElementById("dfx").options.length === 4`)

	// Softmax on iris's petals (the default optimizer, L-BFGS on the full
	// batch) with a little L2 penalty, recording every epoch the map shows.
	// (Unpenalized, the weights grow without bound on this separable split
	// and the regions at the mean sepal size lose setosa.)
	run(t, ctx, "petal features", setValue("dfx", "2"), setValue("dfy", "3"), setValue("dl2", "0.01"),
		doJS(`window.shown = []; new MutationObserver(() => shown.push(document.getElementById("dmap").dataset.epoch)).observe(document.getElementById("dmap"), {attributes: true, attributeFilter: ["data-epoch"]})`),
		chromedp.Click(chromedp.ID("train")))
	waitJS(t, ctx, "the iris training", trainedIdle)
	shown := eval[[]string](t, ctx, `shown.filter((v, i) => v !== "" && v !== shown[i - 1])`)
	last := eval[string](t, ctx, `String(document.getElementById("dmap").dataset.epoch)`)
	if len(shown) < 3 || shown[0] != "0" || shown[len(shown)-1] != last {
		t.Errorf("the map showed epochs %q while training (last %s); want ≥ 3 from 0 to the last", shown, last)
	}
	px := eval[struct{ Regions, Points [3]int }](t, ctx, regionPixels)
	for k := range 3 {
		if px.Regions[k] < 2000 || px.Points[k] < 100 {
			t.Errorf("class %d: %d pixels of its region colour and %d of its point colour; want ≥ 2000 and ≥ 100 (regions %v, points %v)", k, px.Regions[k], px.Points[k], px.Regions, px.Points)
		}
	}
	if lbl := eval[string](t, ctx, `document.getElementById("dmap-note").textContent`); !strings.Contains(lbl, "petal_length and petal_width") || !strings.Contains(lbl, "training mean") {
		t.Errorf("map note %q: want the features and what the others are held at", lbl)
	}
	screenshot(t, ctx, "serve-data-regions.png", 1280, 0, shotRegion{sel: "#dmap", minInk: 0.3, minColors: 6})
	if sum := eval[string](t, ctx, `document.getElementById("train-summary").textContent`); !strings.Contains(sum, "softmax:l2=0.01") {
		t.Errorf("summary %q: want the model trained with the L2 control's 0.01", sum)
	}
	// Another L2 asks for another run: the verdict goes until it is trained.
	run(t, ctx, "change L2", setValue("dl2", "0.1"))
	if eval[bool](t, ctx, `!document.getElementById("train-summary").hidden`) {
		t.Error("the verdict of the L2 0.01 run is still shown after L2 changed to 0.1")
	}

	// An uploaded CSV: two features, three classes in three corners.
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("width,height,kind\n")
	for i := range 60 {
		c := i % 3
		fmt.Fprintf(&b, "%g,%g,%d\n", float64(c*4)+float64(i%5)*0.3, float64((c%2)*4)+float64(i%7)*0.2, c)
	}
	good := filepath.Join(dir, "corners.csv")
	os.WriteFile(good, []byte(b.String()), 0o644)
	run(t, ctx, "upload corners.csv", chromedp.SetUploadFiles(chromedp.ID("dupload"), []string{good}))
	waitJS(t, ctx, "training on the upload", trainedIdle+` && document.getElementById("ds").value === "__upload" && document.getElementById("dmap-legend").children.length === 3`)
	if got := eval[[]string](t, ctx, `Array.from(document.getElementById("dfx").options).map(o => o.text)`); fmt.Sprint(got) != "[width height]" {
		t.Errorf("x axis choices after the upload: %q, want the file's features [width height]", got)
	}
	if sum := eval[string](t, ctx, `document.getElementById("train-summary").textContent`); !strings.Contains(sum, "Validation accuracy") || !strings.Contains(sum, "45 training rows") {
		t.Errorf("summary after the upload %q: want the validation accuracy and 45 training rows (60 less a quarter)", sum)
	}

	// A malformed CSV: the parser's message, line and column, in the page.
	bad := filepath.Join(dir, "broken.csv")
	os.WriteFile(bad, []byte("width,height,kind\n1,2,0\n3,4,1\n5,oops,2\n"), 0o644)
	run(t, ctx, "upload broken.csv", chromedp.SetUploadFiles(chromedp.ID("dupload"), []string{bad}))
	waitJS(t, ctx, "the parse error", idle+` && document.getElementById("train-error").textContent !== ""`)
	if msg := eval[string](t, ctx, `document.getElementById("train-error").textContent`); !strings.Contains(msg, `broken.csv:4:3: field "height": cannot parse "oops"`) {
		t.Errorf("error after a malformed upload %q: want broken.csv:4:3 and the parser's words", msg)
	}

	// A diverged run (sgd at lr 1 on diabetes): both charts keep labelled
	// y ticks, and the divergence is marked in red.
	run(t, ctx, "diabetes", setValue("ds", "diabetes"), setValue("dopt", "sgd"), setValue("dlr-num", "1"), setValue("depochs", "50"), chromedp.Click(chromedp.ID("train")))
	waitJS(t, ctx, "the diverged run", trainedIdle+` && document.getElementById("train-summary").textContent.includes("Diverged")`)
	for _, id := range []string{"train-chart", "metric-chart"} {
		ticks := eval[string](t, ctx, `document.querySelector("#`+id+` .uplot").dataset.yticks || ""`)
		if n := len(strings.Split(ticks, "|")); ticks == "" || n < 2 {
			t.Errorf("%s of a diverged run: y tick labels %q, want at least two", id, ticks)
		}
		red := eval[int](t, ctx, `(() => { const c = document.querySelector("#`+id+` canvas"), d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
		  let n = 0; for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 0xc1) < 12 && Math.abs(d[i + 1] - 0x12) < 12 && Math.abs(d[i + 2] - 0x1f) < 12) n++; return n; })()`)
		if red < 40 {
			t.Errorf("%s of a diverged run: %d pixels of the divergence mark's red, want ≥ 40", id, red)
		}
	}
	if dm := eval[string](t, ctx, `document.getElementById("dmap-note").textContent`); !strings.Contains(dm, "regression") {
		t.Errorf("map note for diabetes %q: want it to say regressions have no decision regions", dm)
	}
	screenshot(t, ctx, "serve-data-diverged.png", 1280, 900, shotRegion{sel: "#train-chart", minInk: 0.02, minColors: 20})
}
