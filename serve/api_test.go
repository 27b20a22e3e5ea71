package serve_test

import (
	"bytes"
	"encoding/json"
	"fmt"

	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/serve"
)

// post sends a JSON body and decodes the answer into out (if not nil).
func post(t *testing.T, h http.Handler, path, body string, out any) int {
	t.Helper()
	req := serve.LocalRequest(http.MethodPost, path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if out != nil && w.Code == http.StatusOK {
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			t.Fatalf("%s: decode %s: %v", path, w.Body.String()[:min(200, w.Body.Len())], err)
		}
	}
	if w.Code != http.StatusOK {
		t.Logf("%s → %d %s", path, w.Code, w.Body)
	}
	return w.Code
}

type runResp struct {
	Problem struct {
		Dim    int       `json:"dim"`
		Start  []float64 `json:"start"`
		FStart float64   `json:"f_start"`
		Window []float64 `json:"window"`
	} `json:"problem"`
	Runs []struct {
		Spec       string `json:"opt"`
		Status     string `json:"status"`
		Iterations int    `json:"iterations"`
		F          *float64
		Diagnosis  struct {
			Verdict     string   `json:"verdict"`
			Advice      string   `json:"advice"`
			SuggestedLR *float64 `json:"suggested_lr"`
		} `json:"diagnosis"`
		Path *struct {
			Iter []int     `json:"iter"`
			X    []float64 `json:"x"`
			Y    []float64 `json:"y"`
			Cut  bool      `json:"cut"`
		} `json:"path"`
		Loss struct {
			Iter []int     `json:"iter"`
			F    []float64 `json:"f"`
		} `json:"loss"`
	} `json:"runs"`
	FitWindow []float64 `json:"fit_window"`
}

func TestRunRosenbrock(t *testing.T) {
	s := serve.New(serve.Config{})
	var r runResp
	body := `{"problem":{"func":"rosenbrock"},"runs":[{"opt":"gd:lr=0.001"},{"opt":"gd:lr=0.01"},{"opt":"adam:lr=0.02","schedule":"cosine:t_max=3000"}],"max_steps":3000}`
	if code := post(t, s, "/api/run", body, &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	// f(−1.2, 1) = (1 + 1.2)² + 100·(1 − 1.44)² = 4.84 + 19.36.
	if math.Abs(r.Problem.FStart-24.2) > 1e-12 || r.Problem.Dim != 2 {
		t.Errorf("f_start %v, dim %d; want 24.2 and 2", r.Problem.FStart, r.Problem.Dim)
	}
	if len(r.Runs) != 3 || len(r.FitWindow) != 4 {
		t.Fatalf("%d runs, fit window %v", len(r.Runs), r.FitWindow)
	}
	for _, run := range r.Runs {
		p := run.Path
		if p == nil || len(p.Iter) == 0 || len(p.Iter) > serve.DefaultPathPoints || len(run.Loss.F) > serve.DefaultPathPoints {
			t.Fatalf("%s: path/loss sizes wrong", run.Spec)
		}
		if p.X[0] != -1.2 || p.Y[0] != 1 || p.Iter[0] != 0 || run.Loss.F[0] != r.Problem.FStart {
			t.Errorf("%s: path starts at (%g, %g), loss at %g", run.Spec, p.X[0], p.Y[0], run.Loss.F[0])
		}
		last := run.Loss.Iter[len(run.Loss.Iter)-1]
		if run.Status != "diverged" && last != run.Iterations {
			t.Errorf("%s: loss ends at iteration %d of %d", run.Spec, last, run.Iterations)
		}
		if run.Diagnosis.Verdict == "" || run.Diagnosis.Advice == "" {
			t.Errorf("%s: no diagnosis", run.Spec)
		}
	}
	// lr 0.01 is above 2/L ≈ 0.0013 at the start: the run must diverge and
	// the advice suggest a smaller rate.
	d := r.Runs[1]
	if d.Status != "diverged" || d.Diagnosis.Verdict != "diverged" || d.Diagnosis.SuggestedLR == nil || *d.Diagnosis.SuggestedLR >= 0.01 {
		t.Errorf("gd:lr=0.01: status %s, verdict %s, suggested %v", d.Status, d.Diagnosis.Verdict, d.Diagnosis.SuggestedLR)
	}
}

func TestRunNeverSendsNaN(t *testing.T) {
	s := serve.New(serve.Config{})
	// x⁴ with lr 1 from x = 10 overflows to +Inf within a few steps.
	req := serve.LocalRequest(http.MethodPost, "/api/run", strings.NewReader(`{"problem":{"expr":"x^4 + y^4","start":[10,10]},"runs":[{"opt":"gd:lr=1"}],"max_steps":100}`))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	b := w.Body.String()
	for _, bad := range []string{"NaN", "Inf"} {
		if strings.Contains(b, bad) {
			t.Errorf("response holds %s", bad)
		}
	}
	var r runResp
	if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if r.Runs[0].Status != "diverged" || r.Runs[0].Path == nil {
		t.Fatalf("status %s", r.Runs[0].Status)
	}
	for _, v := range r.Runs[0].Loss.F {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			t.Errorf("loss value %v", v)
		}
	}
}

func TestRunTimeBudget(t *testing.T) {
	s := serve.New(serve.Config{Timeout: 150 * time.Millisecond})
	// 50 variables in a formula of ~1000 bytes: 6 runs of 20000 steps take
	// far longer than 150 ms.
	var terms []string
	for i := 1; i <= 50; i++ {
		terms = append(terms, fmt.Sprintf("sin(x%d)^2", i))
	}
	expr := strings.Join(terms, "+")
	runs := strings.Repeat(`{"opt":"gd:lr=0.0001"},`, 5) + `{"opt":"gd:lr=0.0001"}`
	var r runResp
	start := time.Now()
	if code := post(t, s, "/api/run", fmt.Sprintf(`{"problem":{"expr":%q,"start":[%s]},"runs":[%s],"max_steps":20000,"grad_tol":0}`, expr, strings.TrimSuffix(strings.Repeat("1,", 50), ","), runs), &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	// Generous: CI machines may be loaded and run with -race; the point is
	// that the runs stop (status timeout below), not how fast.
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the request took %v with a budget of 150ms", d)
	}
	timeouts := 0
	for _, run := range r.Runs {
		if run.Status == "timeout" {
			timeouts++
		}
		if run.Path != nil {
			t.Errorf("a 50-variable run has a path")
		}
	}
	if timeouts == 0 {
		t.Errorf("no run stopped on the time budget: %+v", r.Runs[0].Status)
	}
}

func TestGridSphere(t *testing.T) {
	s := serve.New(serve.Config{})
	var g serve.GridResponse
	if code := post(t, s, "/api/grid", `{"problem":{"func":"sphere"},"window":[-1,1,-1,1],"n":9}`, &g); code != 200 {
		t.Fatalf("status %d", code)
	}
	var tv []*float64
	if err := json.Unmarshal(g.T, &tv); err != nil || len(tv) != 81 {
		t.Fatalf("t: %v (%d values)", err, len(tv))
	}
	// f = x² + y² on a 9×9 grid over [−1, 1]²: fmin = 0 at the center,
	// fmax = 2 at the corners, scale = 2/1000; t = log10(f/scale + 1).
	want := func(x, y float64) float64 { return math.Log10((x*x+y*y)/0.002 + 1) }
	if g.FMin != 0 || g.FMax != 2 || math.Abs(g.Scale-0.002) > 1e-15 {
		t.Errorf("fmin %g fmax %g scale %g", g.FMin, g.FMax, g.Scale)
	}
	for _, c := range []struct{ row, col int }{{4, 4}, {0, 0}, {4, 6}, {8, 2}} {
		x, y := -1+0.25*float64(c.col), -1+0.25*float64(c.row)
		got := *tv[c.row*9+c.col]
		if math.Abs(got-want(x, y)) > 1e-4 {
			t.Errorf("t(%g, %g) = %g, want %g", x, y, got, want(x, y))
		}
	}
}

func TestLRFindRecommendation(t *testing.T) {
	s := serve.New(serve.Config{})
	// quadratic:kappa=100 has Hessian eigenvalues 1 and 100: L = 100, the
	// stable bound of gradient descent is 2/L = 0.02 and 1/L = 0.01.
	var r struct {
		RecommendedLR *float64 `json:"recommended_lr"`
		Curvature     struct {
			L     float64 `json:"L"`
			Bound float64 `json:"stable_lr_bound"`
		} `json:"curvature"`
		Reason string `json:"reason"`
	}
	if code := post(t, s, "/api/lrfind", `{"problem":{"func":"quadratic:kappa=100","start":[1,1]},"opt":"gd"}`, &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	if math.Abs(r.Curvature.L-100) > 1e-6 || math.Abs(r.Curvature.Bound-0.02) > 1e-9 {
		t.Errorf("L = %g, bound %g; want 100 and 0.02", r.Curvature.L, r.Curvature.Bound)
	}
	if r.RecommendedLR == nil || *r.RecommendedLR > 0.01+1e-12 || *r.RecommendedLR <= 0 {
		t.Errorf("recommended %v (%s); want in (0, 1/L = 0.01]", r.RecommendedLR, r.Reason)
	}
}

// ols returns the mean squared error at the least-squares fit with
// intercept of y on the columns of X (n×d, row-major), by QR.
func ols(X []float64, y []float64, n, d int) float64 {
	A := mat.NewDense(n, d+1, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			A.Set(i, j, X[i*d+j])
		}
		A.Set(i, d, 1)
	}
	var qr mat.QR
	qr.Factorize(A)
	var w mat.Dense
	if err := qr.SolveTo(&w, false, mat.NewDense(n, 1, append([]float64(nil), y...))); err != nil {
		panic(err)
	}
	var r mat.Dense
	r.Mul(A, &w)
	var sse float64
	for i := 0; i < n; i++ {
		e := r.At(i, 0) - y[i]
		sse += e * e
	}
	return sse / float64(n)
}

func TestTrainDiabetesReachesLeastSquares(t *testing.T) {
	d, err := data.ReadCSVFile("datasets/diabetes.csv", data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// The reference routine against numpy: the full-data OLS training MSE
	// is 2859.696 (datasets/README.md).
	if mse := ols(d.X, d.Y, d.N, d.D); math.Abs(mse-2859.696) > 0.001 {
		t.Fatalf("OLS MSE on the full data %.4f, numpy says 2859.696", mse)
	}
	// The server's split (seed 3, 25% held out), features standardized with
	// the training rows' statistics.
	tr, _ := data.Split(d, 0.25, 3)
	var st data.Standardizer
	st.Fit(tr)
	st.Apply(tr)
	want := ols(tr.X, tr.Y, tr.N, tr.D)
	var mean, ss float64
	for _, v := range tr.Y {
		mean += v
	}
	mean /= float64(tr.N)
	for _, v := range tr.Y {
		ss += (v - mean) * (v - mean)
	}
	variance := ss / float64(tr.N)

	s := serve.New(serve.Config{})
	t.Cleanup(func() { s.Close() })
	for _, c := range []struct {
		opt string
		tol float64
	}{{"lbfgs", 1e-9}, {"sgd:lr=0.3,momentum=0.9", 1e-6}} {
		var r serve.TrainResponse
		body := fmt.Sprintf(`{"dataset":"diabetes","model":"linear","opt":%q,"mode":"batch","epochs":500,"val_frac":0.25,"seed":3}`, c.opt)
		if code := post(t, s, "/api/train", body, &r); code != 200 {
			t.Fatalf("%s: status %d", c.opt, code)
		}
		got := float64(r.TrainLoss[len(r.TrainLoss)-1])
		if !strings.HasPrefix(r.Status, "converged") && r.Status != "max_epochs" || math.Abs(got-want) > c.tol*want || got < want*(1-1e-12) {
			t.Errorf("%s: training MSE %.15g (%s: %s), least squares %.15g", c.opt, got, r.Status, r.Message, want)
		}
		if r.TrainRows != 331 || r.ValRows != 111 || r.Metric != "r2" || r.Diagnosis.Verdict == "" {
			t.Errorf("%s: rows %d/%d, metric %s, verdict %q", c.opt, r.TrainRows, r.ValRows, r.Metric, r.Diagnosis.Verdict)
		}
		// R² on the training rows is 1 − MSE/Var(y).
		if r2 := float64(r.TrainMetric[len(r.TrainMetric)-1]); math.Abs(r2-(1-got/variance)) > 1e-9 {
			t.Errorf("%s: training R² %.12g, want 1 − %g/%g = %.12g", c.opt, r2, got, variance, 1-got/variance)
		}
	}
}

func TestTrainIrisModes(t *testing.T) {
	s := serve.New(serve.Config{})
	t.Cleanup(func() { s.Close() })
	for _, c := range []struct{ body string }{
		{`{"dataset":"iris","opt":"sgd:lr=0.1","mode":"stochastic","epochs":20,"val_frac":0.25,"seed":1}`},
		{`{"dataset":"iris","opt":"adam:lr=0.05","mode":"minibatch","batch_size":8,"epochs":40,"val_frac":0.25,"seed":1}`},
		{`{"dataset":"iris","model":"mlp:hidden=8,act=tanh","opt":"adam:lr=0.05","mode":"batch","epochs":200,"val_frac":0.25,"seed":2}`},
		{`{"dataset":"wine","opt":"sgd:lr=0.1,momentum=0.9","mode":"minibatch","epochs":30,"val_frac":0.25,"seed":1}`},
	} {
		var r serve.TrainResponse
		if code := post(t, s, "/api/train", c.body, &r); code != 200 {
			t.Fatalf("%s: status %d", c.body, code)
		}
		last := len(r.Epoch) - 1
		// Cross-entropy of the uniform guess over 3 classes is log 3; a
		// trained model is far better and classifies most flowers/wines.
		if r.Status != "max_epochs" || r.Diagnosis.Verdict == "" || float64(r.TrainLoss[last]) > 0.5*math.Log(3) || float64(r.ValMetric[last]) < 0.85 {
			t.Errorf("%s: %s, loss %v → %v, val accuracy %v", c.body, r.Status, r.TrainLoss[0], r.TrainLoss[last], r.ValMetric[last])
		}
		if math.Abs(float64(r.TrainLoss[0])-math.Log(3)) > 0.3 {
			t.Errorf("%s: initial loss %v, want near log 3 = 1.0986", c.body, r.TrainLoss[0])
		}
	}
}

// hostile are requests that must get a 4xx with a JSON error, never a 5xx.
var hostile = []struct {
	name, method, path, ctype, body string
	want                            int
}{
	{"malformed JSON", "POST", "/api/run", "application/json", `{"problem":`, 400},
	{"syntax error", "POST", "/api/run", "application/json", `{"problem" 1}`, 400},
	{"not an object", "POST", "/api/run", "application/json", `[1,2,3]`, 400},
	{"empty body", "POST", "/api/run", "application/json", ``, 400},
	{"trailing data", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}]} {}`, 400},
	{"huge number", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere","start":[1e999,0]},"runs":[{"opt":"gd"}]}`, 400},
	{"NaN literal", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere","start":[NaN,0]},"runs":[{"opt":"gd"}]}`, 400},
	{"deep nesting", "POST", "/api/run", "application/json", `{"problem":` + strings.Repeat("[", 30000) + strings.Repeat("]", 30000) + `}`, 400},
	{"string for number", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"max_steps":"many"}`, 400},
	{"unknown field", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"steps":10}`, 400},
	{"unknown optimizer", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"sgdd:lr=1"}]}`, 400},
	{"unknown optimizer key", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"adam:lrr=1"}]}`, 400},
	{"bad optimizer value", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"adam:beta1=2"}]}`, 400},
	{"optimizer without a name", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":":lr=1"}]}`, 400},
	{"optimizer spec too long", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd:lr=` + strings.Repeat("1", 400) + `"}]}`, 400},
	{"maximize not a bool", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere","maximize":1},"runs":[{}]}`, 400},
	{"huge lbfgs history", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"lbfgs:history=100000000"}]}`, 400},
	{"bad schedule", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd","schedule":"cosine:tmax=5"}]}`, 400},
	{"negative warmup", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd","warmup":-1}]}`, 400},
	{"negative steps", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"max_steps":-5}`, 400},
	{"too many steps", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"max_steps":20001}`, 400},
	{"steps overflow", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"max_steps":99999999999999999999}`, 400},
	{"negative grad_tol", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"grad_tol":-1}`, 400},
	{"no runs", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[]}`, 400},
	{"seven runs", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere"},"runs":[` + strings.TrimSuffix(strings.Repeat(`{"opt":"gd"},`, 7), ",") + `]}`, 400},
	{"wrong dimension start", "POST", "/api/run", "application/json", `{"problem":{"func":"rosenbrock","start":[1,2,3]},"runs":[{"opt":"gd"}]}`, 400},
	{"no problem", "POST", "/api/run", "application/json", `{"runs":[{"opt":"gd"}]}`, 400},
	{"func and expr", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere","expr":"x^2"},"runs":[{"opt":"gd"}]}`, 400},
	{"unknown function", "POST", "/api/run", "application/json", `{"problem":{"func":"rosenbrok"},"runs":[{"opt":"gd"}]}`, 400},
	{"huge dimension", "POST", "/api/run", "application/json", `{"problem":{"func":"sphere:n=100000000"},"runs":[{"opt":"gd"}]}`, 400},
	{"odd rosenbrock", "POST", "/api/run", "application/json", `{"problem":{"func":"rosenbrock:n=3"},"runs":[{"opt":"gd"}]}`, 400},
	{"invalid formula", "POST", "/api/run", "application/json", `{"problem":{"expr":"x^2 + (y"},"runs":[{"opt":"gd"}]}`, 400},
	{"unknown function in formula", "POST", "/api/problem", "application/json", `{"expr":"sine(x)"}`, 400},
	{"formula without variables", "POST", "/api/problem", "application/json", `{"expr":"1+2"}`, 400},
	{"formula too long", "POST", "/api/problem", "application/json", `{"expr":"` + strings.Repeat("x+", 600) + `x"}`, 400},
	{"formula too deep", "POST", "/api/problem", "application/json", `{"expr":"` + strings.Repeat("(", 60) + "x" + strings.Repeat(")", 60) + `"}`, 400},
	{"unary chain", "POST", "/api/problem", "application/json", `{"expr":"` + strings.Repeat("-", 900) + `x"}`, 400},
	{"too many variables", "POST", "/api/problem", "application/json", `{"expr":"` + manyVars(150) + `"}`, 400},
	{"binary garbage formula", "POST", "/api/problem", "application/json", `{"expr":"\u0000\u0001\ufffd x"}`, 400},
	{"non-finite start", "POST", "/api/run", "application/json", `{"problem":{"expr":"log(x)","start":[-1]},"runs":[{"opt":"gd"}]}`, 400},
	{"overflowing start", "POST", "/api/run", "application/json", `{"problem":{"expr":"exp(x)","start":[1e300]},"runs":[{"opt":"gd"}]}`, 400},
	{"oversize body", "POST", "/api/run", "application/json", `{"problem":{"expr":"` + strings.Repeat(" ", 100<<10) + `x"},"runs":[{"opt":"gd"}]}`, 413},
	{"wrong method run", "GET", "/api/run", "", ``, 405},
	{"wrong method functions", "POST", "/api/functions", "application/json", `{}`, 405},
	{"delete", "DELETE", "/api/grid", "", ``, 405},
	{"wrong method page", "POST", "/", "application/json", `{}`, 405},
	{"wrong content type", "POST", "/api/run", "text/plain", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}]}`, 415},
	{"form content type", "POST", "/api/run", "application/x-www-form-urlencoded", `a=b`, 415},
	{"no content type", "POST", "/api/run", "", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}]}`, 415},
	{"unknown endpoint", "GET", "/api/nope", "", ``, 404},
	{"grid 3-D", "POST", "/api/grid", "application/json", `{"problem":{"func":"helical-valley"}}`, 400},
	{"grid too fine", "POST", "/api/grid", "application/json", `{"problem":{"func":"sphere"},"n":100000}`, 400},
	{"grid reversed window", "POST", "/api/grid", "application/json", `{"problem":{"func":"sphere"},"window":[1,-1,0,1]}`, 400},
	{"grid 3-number window", "POST", "/api/grid", "application/json", `{"problem":{"func":"sphere"},"window":[0,1,0]}`, 400},
	{"grid degenerate window", "POST", "/api/grid", "application/json", `{"problem":{"func":"sphere"},"window":[1e20,1.0000000000000001e20,0,1]}`, 400},
	{"grid infinite width", "POST", "/api/grid", "application/json", `{"problem":{"func":"sphere"},"window":[-1.7e308,1.7e308,0,1]}`, 400},
	{"lrfind line search", "POST", "/api/lrfind", "application/json", `{"problem":{"func":"sphere"},"opt":"lbfgs"}`, 400},
	{"lrfind unknown", "POST", "/api/lrfind", "application/json", `{"problem":{"func":"sphere"},"opt":"nope"}`, 400},
	{"train unknown data set", "POST", "/api/train", "application/json", `{"dataset":"mnist"}`, 400},
	{"train too many epochs", "POST", "/api/train", "application/json", `{"dataset":"iris","epochs":1000000}`, 400},
	{"train negative batch", "POST", "/api/train", "application/json", `{"dataset":"iris","batch_size":-3}`, 400},
	{"train batch too big", "POST", "/api/train", "application/json", `{"dataset":"iris","batch_size":5000}`, 400},
	{"train bad mode", "POST", "/api/train", "application/json", `{"dataset":"iris","mode":"turbo"}`, 400},
	{"train wrong model", "POST", "/api/train", "application/json", `{"dataset":"iris","model":"linear"}`, 400},
	{"train huge MLP", "POST", "/api/train", "application/json", `{"dataset":"iris","model":"mlp:hidden=100000"}`, 400},
	{"train deep MLP", "POST", "/api/train", "application/json", `{"dataset":"iris","model":"mlp:hidden=4,4,4,4,4"}`, 400},
	{"train line search", "POST", "/api/train", "application/json", `{"dataset":"iris","opt":"lbfgs","mode":"minibatch"}`, 400},
	{"train bad opt spec", "POST", "/api/train", "application/json", `{"dataset":"iris","opt":"adam:lr"}`, 400},
	{"spec unknown kind", "POST", "/api/spec", "application/json", `{"kind":"widget","spec":"gd"}`, 400},
	{"spec unknown optimizer", "POST", "/api/spec", "application/json", `{"kind":"optimizer","spec":"sgdd"}`, 400},
	{"spec bad key", "POST", "/api/spec", "application/json", `{"kind":"schedule","spec":"cosine:tmax=3"}`, 400},
	{"spec empty", "POST", "/api/spec", "application/json", `{"kind":"model","spec":" "}`, 400},
	{"spec huge dimension", "POST", "/api/spec", "application/json", `{"kind":"function","spec":"sphere:n=100000000"}`, 400},
	{"spec huge MLP", "POST", "/api/spec", "application/json", `{"kind":"model","spec":"mlp:hidden=100000"}`, 400},
	{"spec huge history", "POST", "/api/spec", "application/json", `{"kind":"optimizer","spec":"lbfgs:history=100000000"}`, 400},
	{"wrong method defaults", "POST", "/api/defaults", "application/json", `{}`, 405},
	{"train val_frac", "POST", "/api/train", "application/json", `{"dataset":"iris","val_frac":0.9}`, 400},
	{"train negative seed", "POST", "/api/train", "application/json", `{"dataset":"iris","seed":-1}`, 400},
}

func manyVars(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteByte('+')
		}
		fmt.Fprintf(&b, "v%d", i)
	}
	return b.String()
}

func TestHostileRequests(t *testing.T) {
	s := serve.New(serve.Config{})
	t.Cleanup(func() { s.Close() })
	for _, c := range hostile {
		t.Run(c.name, func(t *testing.T) {
			req := serve.LocalRequest(c.method, c.path, strings.NewReader(c.body))
			if c.ctype != "" {
				req.Header.Set("Content-Type", c.ctype)
			}
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			var e struct{ Error string }
			err := json.Unmarshal(w.Body.Bytes(), &e)
			if w.Code != c.want || err != nil || e.Error == "" {
				t.Fatalf("status %d, body %.300q; want %d with a JSON error", w.Code, w.Body.String(), c.want)
			}
			if !strings.HasPrefix(w.Header().Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type %q", w.Header().Get("Content-Type"))
			}
			if c.want == 405 && w.Header().Get("Allow") == "" {
				t.Error("405 without Allow")
			}
		})
	}
}

func TestErrorMessagesAreClear(t *testing.T) {
	s := serve.New(serve.Config{})
	for _, c := range []struct{ path, body, want string }{
		{"/api/problem", `{"expr":"x^2 + (y"}`, "expr:1:9: "},
		{"/api/run", `{"problem":{"expr":"x^2 + (y"},"runs":[{}]}`, "problem.expr:1:9: "},
		{"/api/run", `{"problem":{"func":"rosenbrock","start":[1,2,3]},"runs":[{"opt":"gd"}]}`, "problem.start: has 3 values, but the function has 2 variables"},
		{"/api/run", `{"problem":{"func":"rosenbrok"},"runs":[{}]}`, `problem.func: unknown function "rosenbrok"`},
		{"/api/run", `{"problem":{},"runs":[{}]}`, "problem: give the function to minimize: problem.func"},
		{"/api/run", `{"problem":{"func":"sphere","expr":"x"},"runs":[{}]}`, "problem.func and problem.expr are exclusive"},
		{"/api/problem", `{"func":"sphere","vars":["x"]}`, "vars: applies to a formula only"},
		{"/api/run", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"},{"opt":"sgdd"}]}`, `runs[1].opt: unknown optimizer "sgdd"`},
		{"/api/run", `{"problem":{"func":"sphere"},"runs":[{"opt":"adam:beta1=2"}]}`, `runs[0].opt: optimizer "adam"`},
		{"/api/run", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd","schedule":"cosin"}]}`, `runs[0].schedule: unknown schedule "cosin"`},
		{"/api/run", `{"problem":{"func":"sphere"},"runs":[{"opt":"lbfgs","schedule":"cosine"}]}`, `runs[0].schedule: lbfgs chooses its own steps`},
		{"/api/run", `{"problem":{"func":"sphere"},"runs":[{}],"grad_tol":-1}`, "grad_tol: -1: must be ≥ 0"},
		{"/api/lrfind", `{"problem":{"func":"sphere"},"opt":"lbfgs"}`, "opt: lbfgs: the range test needs a step-based optimizer"},
		{"/api/grid", `{"problem":{"expr":"x^2 + (y"}}`, "problem.expr:1:9: "},
		{"/api/train", `{"dataset":"iris","opt":"lbfgs","mode":"minibatch"}`, "batch_size: 32: lbfgs chooses its steps by a line search"},
		{"/api/train", `{"dataset":"iris","opt":"lbfgs","mode":"stochastic"}`, "mode: 1: lbfgs chooses its steps by a line search"},
		{"/api/train", `{"dataset":"iris","opt":"adam","schedule":"cosine:t_max=x"}`, "schedule: "},
		{"/api/spec", `{"kind":"schedule","spec":"cosine:tmax=3"}`, `spec: schedule "cosine" has no parameter "tmax"`},
		{"/api/run", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"max_steps":50000}`, "exceeds the server's limit of 20000"},
		{"/api/run", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"steps":1}`, `unknown field "steps"`},
		{"/api/grid", `{"problem":{"func":"wood"}}`, "2 variables"},
		{"/api/run", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"},{"opt":"gd","prev_lr":-0.5}]}`, "runs[1].prev_lr: -0.5: must be a learning rate > 0"},
		{"/api/train", `{"dataset":"iris","opt":"adam","prev_lr":-1}`, "prev_lr: -1: must be a learning rate > 0"},
	} {
		req := serve.LocalRequest(http.MethodPost, c.path, strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		var e struct{ Error string }
		json.Unmarshal(w.Body.Bytes(), &e)
		if w.Code != 400 || !strings.Contains(e.Error, c.want) {
			t.Errorf("%s %s: %d %q; want 400 with a message holding %q", c.path, c.body, w.Code, e.Error, c.want)
		}
	}
}

func TestCatalogues(t *testing.T) {
	s := serve.New(serve.Config{})
	get := func(path string, out any) {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, serve.LocalRequest(http.MethodGet, path, nil))
		if w.Code != 200 {
			t.Fatalf("%s: %d", path, w.Code)
		}
		if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	var fns []serve.FunctionInfo
	get("/api/functions", &fns)
	var ros *serve.FunctionInfo
	for i := range fns {
		if fns[i].Name == "rosenbrock" {
			ros = &fns[i]
		}
	}
	if ros == nil || ros.N != 2 || len(ros.Minima) != 1 || ros.Minima[0][0] != 1 || len(ros.Window) != 4 {
		t.Fatalf("rosenbrock entry %+v", ros)
	}
	var opts []serve.OptimizerInfo
	get("/api/optimizers", &opts)
	byName := map[string]serve.OptimizerInfo{}
	for _, o := range opts {
		byName[o.Name] = o
	}
	if !byName["lbfgs"].LineSearch || byName["adam"].LineSearch || len(byName["adam"].Params) == 0 || byName["adam"].Params[0].Key != "lr" || byName["adam"].Params[0].Default != "0.001" {
		t.Errorf("optimizers: lbfgs %+v, adam %+v", byName["lbfgs"], byName["adam"])
	}
	var ds []map[string]any
	get("/api/datasets", &ds)
	if len(ds) != 3 || ds[0]["rows"].(float64) != 150 || ds[2]["task"] != "regression" {
		t.Errorf("datasets %v", ds)
	}
	// The page and its assets are embedded.
	for _, p := range []string{"/", "/app.js", "/app.css", "/vendor/uPlot.iife.min.js", "/favicon.ico"} {
		w := httptest.NewRecorder()
		s.ServeHTTP(w, serve.LocalRequest(http.MethodGet, p, nil))
		if w.Code != 200 || w.Body.Len() < 100 {
			t.Errorf("%s: %d, %d bytes", p, w.Code, w.Body.Len())
		}
	}
}

func TestEmbeddedDatasetsAreTheShippedOnes(t *testing.T) {
	// The embedded copies parse to the documented shapes.
	for _, c := range []struct {
		name string
		n, d int
	}{{"iris", 150, 4}, {"wine", 178, 13}, {"diabetes", 442, 10}} {
		b, err := os.ReadFile("datasets/" + c.name + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		d, err := data.ReadCSV(bytes.NewReader(b), c.name, data.CSVOptions{})
		if err != nil || d.N != c.n || d.D != c.d {
			t.Errorf("%s: %v, %d×%d; want %d×%d", c.name, err, d.N, d.D, c.n, c.d)
		}
	}
}

// Example shows the API on a small problem.
func Example() {
	h := serve.New(serve.Config{})
	req := serve.LocalRequest(http.MethodPost, "/api/run", strings.NewReader(
		`{"problem":{"expr":"x^2 + 10*y^2","start":[1,1]},"runs":[{"opt":"gd:lr=0.05"},{"opt":"gd:lr=0.11"}],"max_steps":500}`))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	var out struct {
		Runs []struct {
			Spec      string `json:"opt"`
			Status    string `json:"status"`
			Diagnosis struct{ Verdict string }
		}
	}
	json.Unmarshal(w.Body.Bytes(), &out)
	for _, r := range out.Runs {
		fmt.Println(r.Spec, r.Status, r.Diagnosis.Verdict)
	}
	// The Hessian is diag(2, 20): gradient descent is stable for lr < 2/20 = 0.1.
	// Output:
	// gd:lr=0.05 converged_grad converged
	// gd:lr=0.11 diverged diverged
}

// TestRunPrevLR: a run of Box-3D under RMSprop at 0.314 oscillates and
// its advice halves the rate to 0.157; given the previous run's rate
// 0.157 (whose advice raised it to 0.314), the advice bisects the two on a
// log scale instead: √(0.157·0.314).
func TestRunPrevLR(t *testing.T) {
	s := serve.New(serve.Config{})
	var r runResp
	body := `{"problem":{"func":"box-3d"},"runs":[{"opt":"rmsprop:lr=0.314"},{"opt":"rmsprop:lr=0.314","prev_lr":0.157}],"max_steps":800}`
	if code := post(t, s, "/api/run", body, &r); code != 200 || len(r.Runs) != 2 {
		t.Fatalf("status %d, %d runs", code, len(r.Runs))
	}
	free, after := r.Runs[0].Diagnosis, r.Runs[1].Diagnosis
	if free.SuggestedLR == nil || !(*free.SuggestedLR < 0.2) {
		t.Fatalf("without prev_lr: %s, suggested %v, want a cut below 0.2: %s", free.Verdict, free.SuggestedLR, free.Advice)
	}
	want := math.Sqrt(0.157 * 0.314)
	if after.SuggestedLR == nil || math.Abs(*after.SuggestedLR-want) > 1e-12 || !strings.Contains(after.Advice, "bisected") {
		t.Errorf("with prev_lr 0.157: %s, suggested %v, want %g: %s", after.Verdict, after.SuggestedLR, want, after.Advice)
	}
}
