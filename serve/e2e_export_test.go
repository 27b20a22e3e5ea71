package serve_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/descentgo/descent/internal/kernel"
	"github.com/descentgo/descent/serve"
)

// decodeAnswer decodes an API answer without the fields that may differ
// between two answers to the same request: "elapsed_seconds" and
// "advice_seconds" (wall-clock time) and the limit "max_concurrent" (the engine in the page runs one
// computation at a time; see serve/wasm).
func decodeAnswer(t *testing.T, b string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(b), &v); err != nil {
		t.Fatalf("not JSON: %v: %.200s", err, b)
	}
	var strip func(any)
	strip = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			delete(v, "elapsed_seconds")
			delete(v, "advice_seconds")
			delete(v, "max_concurrent")
			for _, e := range v {
				strip(e)
			}
		case []any:
			for _, e := range v {
				strip(e)
			}
		}
	}
	strip(v)
	return v
}

// firstDiff returns where two decoded JSON values differ ("" if nowhere):
// numbers may differ by the relative tolerance tol, anything else must be
// equal.
func firstDiff(a, b any, tol float64, at string) string {
	switch a := a.(type) {
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(bm) != len(a) {
			return fmt.Sprintf("%s: %v vs %v", at, a, b)
		}
		keys := make([]string, 0, len(a))
		for k := range a {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if d := firstDiff(a[k], bm[k], tol, at+"."+k); d != "" {
				return d
			}
		}
		return ""
	case []any:
		bs, ok := b.([]any)
		if !ok || len(bs) != len(a) {
			return fmt.Sprintf("%s: %d elements vs %v", at, len(a), b)
		}
		for i := range a {
			if d := firstDiff(a[i], bs[i], tol, fmt.Sprintf("%s[%d]", at, i)); d != "" {
				return d
			}
		}
		return ""
	case float64:
		bf, ok := b.(float64)
		if !ok || !(a == bf || math.Abs(a-bf) <= tol*max(math.Abs(a), math.Abs(bf))) {
			return fmt.Sprintf("%s: %v vs %v", at, a, b)
		}
		return ""
	}
	if a != b {
		return fmt.Sprintf("%s: %v vs %v", at, a, b)
	}
	return ""
}

// TestBrowserStaticExport (issue 17 item 8): the exported site, served by
// a plain file server that has no /api, runs the playground in chromium
// with the engine in WebAssembly: a run on rosenbrock shows the verdict
// the server gives, the data tab trains on iris, the engine's answers to
// the same requests are the server's (same JSON, numbers and errors), and
// the page never asks the file server for /api.
func TestBrowserStaticExport(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped with -short")
	}
	chromium(t) // skip before the build when there is no browser
	start := time.Now()
	eng, err := serve.BuildEngine(t.Context(), serve.BuildOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("engine.wasm: %d bytes, %d gzipped, built with %s in %v", len(eng.WASM), eng.GzipSize(), eng.GoVersion, time.Since(start).Round(time.Millisecond))
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := serve.Export(dir, eng); err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var asked []string
	// The site lives in a folder of its host, as on a course's pages:
	// everything it asks for must be under that folder.
	const folder = "/course/playground/"
	files := http.StripPrefix(strings.TrimSuffix(folder, "/"), http.FileServer(http.Dir(dir)))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()
	native := serve.New(serve.Config{})
	defer native.Close()
	serverAnswer := func(method, path, body string) (int, string) {
		var r *http.Request
		if body == "" {
			r = serve.LocalRequest(method, "/api/"+path, nil)
		} else {
			r = serve.LocalRequest(method, "/api/"+path, strings.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
		}
		w := httptest.NewRecorder()
		native.ServeHTTP(w, r)
		return w.Code, w.Body.String()
	}

	var errs jsErrors
	ctx := newBrowser(t, &errs)
	defer func() {
		if msgs := errs.take(); len(msgs) > 0 {
			t.Errorf("JavaScript errors:\n%s", strings.Join(msgs, "\n"))
		}
	}()
	loaded := time.Now()
	run(t, ctx, "load", chromedp.EmulateViewport(1280, 720), chromedp.Navigate(srv.URL+folder+"#f=rosenbrock"))
	waitJS(t, ctx, "the engine and the page", idle+` && document.body.dataset.engine === "ready" && document.getElementById("fn").value === "rosenbrock"`)
	t.Logf("page and engine ready in %v", time.Since(loaded).Round(time.Millisecond))
	if eval[bool](t, ctx, `(() => { const e = document.getElementById("engine-status"); return !e || !e.hidden; })()`) {
		t.Error(`the engine's status line is missing, or still shown after the engine is ready`)
	}

	// A run from the function tab: the card shows the server's verdict.
	run(t, ctx, "settings", setValue("steps", "2000"), setValue("lr-num", "0.001"))
	run(t, ctx, "run", chromedp.Click(chromedp.ID("run")))
	waitJS(t, ctx, "the run's card", `document.querySelectorAll("#runs li.run").length === 1 && `+idle)
	card := eval[struct{ Spec, Verdict, Text string }](t, ctx, `(() => { const li = document.querySelector("#runs li.run"); return {Spec: li.querySelector(".spec").textContent, Verdict: li.dataset.verdict, Text: li.textContent}; })()`)
	_, body := serverAnswer("POST", "run", `{"problem":{"func":"rosenbrock"},"runs":[{"opt":"gd:lr=0.001"}],"max_steps":2000}`)
	var want struct {
		Runs []struct {
			Diagnosis struct{ Verdict string } `json:"diagnosis"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(body), &want); err != nil || len(want.Runs) != 1 {
		t.Fatalf("the server's run: %v: %.200s", err, body)
	}
	verdict := want.Runs[0].Diagnosis.Verdict
	if card.Spec != "gd:lr=0.001" || card.Verdict != verdict || verdict != "too_slow" {
		t.Errorf("card %q shows verdict %q; the server says %q (want too_slow for gd:lr=0.001 in 2000 steps)", card.Spec, card.Verdict, verdict)
	}
	if !strings.Contains(card.Text, strings.ReplaceAll(verdict, "_", " ")) {
		t.Errorf("the card's text %q does not show the verdict %q", card.Text, verdict)
	}

	// The engine's answers are the server's, numbers, errors and all. The
	// engine runs the portable kernels of internal/kernel; a server on
	// amd64 with AVX2 and FMA runs their assembly, which rounds multiply-add
	// once: its numbers differ in the last bits, so they are compared to
	// 1e-12 relative then, and exactly otherwise.
	tol := 0.0
	if kernel.HasAsm() {
		tol = 1e-12
	}
	for _, c := range []struct{ method, path, body string }{
		{"GET", "functions", ""},
		{"GET", "limits", ""},
		{"POST", "run", `{"problem":{"func":"rosenbrock"},"runs":[{"opt":"adam:lr=0.05"},{"opt":"gd:lr=0.002"},{"opt":"lbfgs"}],"max_steps":500}`},
		{"POST", "train", `{"dataset":"iris","model":"mlp:hidden=8","opt":"adam:lr=0.01","mode":"minibatch","batch_size":16,"epochs":20,"val_frac":0.25,"seed":3}`},
		{"POST", "run", `{"problem":{"expr":"x^2 + (y"},"runs":[{}]}`},
		{"POST", "train", `{"dataset":"iris","epochs":100000}`},
		{"GET", "nothing", ""},
	} {
		wantCode, wantBody := serverAnswer(c.method, c.path, c.body)
		type answer struct {
			Status int
			Body   string
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[answer](fmt.Sprintf(`descentEngine.fetch(%q, {method: %q, body: %q}).then(async r => ({Status: r.status, Body: await r.text()}))`, c.path, c.method, c.body), chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("descentAPI %s %s: %v", c.method, c.path, err)
		}
		if d := firstDiff(decodeAnswer(t, got.Body), decodeAnswer(t, wantBody), tol, "answer"); got.Status != wantCode || d != "" {
			t.Errorf("%s /api/%s %s: engine %d, server %d; the JSON differs at %s", c.method, c.path, c.body, got.Status, wantCode, d)
		}
	}

	// A long computation ends at the time budget (5 s), as on the server,
	// although js/wasm does not preempt (internal/yield lets the budget's
	// timers fire): 1000 stochastic epochs on diabetes (442 000 steps) stop
	// with status "timeout" after about 140 epochs on this (loaded)
	// machine; a machine fast enough to finish them must do so within the
	// budget. The analysis after the run (curvature,
	// advice) is not bounded by the budget: the slack covers it.
	long := `{"dataset":"diabetes","model":"linear","opt":"sgd:lr=0.01","mode":"stochastic","epochs":1000}`
	began := time.Now()
	// The engine runs in a Web Worker: the page keeps answering meanwhile
	// (a timer in the page counts its ticks during the run).
	status, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`(() => { let ticks = 0; const tm = setInterval(() => ticks++, 100);
	  return descentEngine.fetch("train", {method: "POST", body: %q}).then(r => r.json()).then(j => { clearInterval(tm); return j.status + " " + ticks; }); })()`, long), chromedp.EvalAwaitPromise))
	var ticks int
	status, ticksText, _ := strings.Cut(status, " ")
	ticks, _ = strconv.Atoi(ticksText)
	took := time.Since(began)
	if err != nil || status != "timeout" && took > 7*time.Second || took > 30*time.Second {
		t.Errorf("a training run of 1000 stochastic epochs: status %q (%v) after %v; want timeout within 30 s, or the run finished within the 5 s budget", status, err, took)
	}
	// A page blocked by the computation would tick once or not at all.
	if want := max(3, int(took/(100*time.Millisecond))/10); ticks < want {
		t.Errorf("the page's 100 ms timer ticked %d times during the %v run, want ≥ %d: the computation blocks the page", ticks, took, want)
	}
	t.Logf("the long run stopped with status %q after %v; the page ticked %d times meanwhile", status, took.Round(time.Millisecond), ticks)

	// The data tab trains on iris.
	run(t, ctx, "data tab", chromedp.Click(chromedp.ID("tab-data")))
	waitJS(t, ctx, "the data tab", `!document.getElementById("panel-data").hidden`)
	run(t, ctx, "train", chromedp.Click(chromedp.ID("train")))
	waitJS(t, ctx, "the training summary", `!document.getElementById("train-summary").hidden && `+idle)
	if sum := eval[string](t, ctx, `document.getElementById("train-summary").textContent`); !strings.Contains(sum, "Validation accuracy") {
		t.Errorf("training summary %q: want the validation accuracy", sum)
	}

	mu.Lock()
	defer mu.Unlock()
	for _, p := range asked {
		if strings.Contains(p, "/api") || !strings.HasPrefix(p, folder) {
			t.Errorf("the page asked the file server for %s (want nothing outside %s, and no /api)", p, folder)
		}
	}
	if !strings.Contains(strings.Join(asked, " "), folder+"engine.wasm") {
		t.Errorf("the page did not load /engine.wasm; it asked for %q", asked)
	}
}
