package serve_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/descentgo/descent/serve"
)

type detailResp struct {
	Runs []struct {
		Status string `json:"status"`
		Steps  []struct {
			Iter  int                  `json:"iter"`
			X     []float64            `json:"x"`
			Grad  []float64            `json:"grad"`
			LR    float64              `json:"lr"`
			State map[string][]float64 `json:"state"`
			Eff   []float64            `json:"effective_lr"`
		} `json:"steps"`
		Loss struct {
			Iter     []int     `json:"iter"`
			F        []float64 `json:"f"`
			LR       []float64 `json:"lr"`
			Diverged *int      `json:"diverged"`
		} `json:"loss"`
	} `json:"runs"`
}

// TestRunDetail: a run asked for detail carries its steps in full (up to
// the limit, fewer for more variables), the loss carries the rate each step
// used (cosine annealing: η_k = η₀(1 + cos(πk/T))/2 for the step after k
// scheduler steps), and a diverging run stops its steps and curve at the
// last finite row and says where it diverged.
func TestRunDetail(t *testing.T) {
	s := serve.New(serve.Config{DetailRows: 50})
	var r detailResp
	body := `{"problem":{"expr":"x^2 + 10*y^2","start":[1,1]},"runs":[
		{"opt":"adam:lr=0.1","schedule":"cosine:t_max=40","detail":true},
		{"opt":"gd:lr=0.01"},
		{"opt":"gd:lr=0.2","detail":true}],"max_steps":40}`
	if code := post(t, s, "/api/run", body, &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	a := r.Runs[0]
	if len(a.Steps) != 41 || a.Steps[40].Iter != 40 {
		t.Fatalf("adam: %d steps, want 41 (max_steps 40, limit 50)", len(a.Steps))
	}
	if len(a.Steps[3].State["exp_avg"]) != 2 || len(a.Steps[3].Eff) != 2 || len(a.Steps[3].Grad) != 2 {
		t.Errorf("adam step 3: state %v, effective lr %v", a.Steps[3].State, a.Steps[3].Eff)
	}
	if g := a.Steps[0].Grad; g[0] != 2 || g[1] != 20 {
		t.Errorf("∇f(1, 1) = %v, want [2 20]", g)
	}
	if len(a.Loss.LR) != len(a.Loss.Iter) {
		t.Fatalf("%d rates for %d loss points", len(a.Loss.LR), len(a.Loss.Iter))
	}
	for j, k := range a.Loss.Iter {
		if k == 0 {
			continue
		}
		want := 0.1 * (1 + math.Cos(math.Pi*float64(k-1)/40)) / 2
		if math.Abs(a.Loss.LR[j]-want) > 1e-12 {
			t.Errorf("lr of step %d = %g, want %g", k, a.Loss.LR[j], want)
		}
	}
	if r.Runs[1].Steps != nil {
		t.Errorf("a run without detail sent %d steps", len(r.Runs[1].Steps))
	}
	// gd with lr 0.2 on 10y² multiplies y by 1 − 4 = −3 per step: it
	// overflows after about 646 steps; within 40 it stays finite but the
	// advice calls it diverged. The steps are all finite.
	d := r.Runs[2]
	for _, st := range d.Steps {
		for _, v := range append(st.X, st.Grad...) {
			if math.IsInf(v, 0) || math.IsNaN(v) {
				t.Fatalf("step %d holds %v", st.Iter, v)
			}
		}
	}

	// Dimension 10: 2·50/10 = 10 rows.
	var r10 detailResp
	if code := post(t, s, "/api/run", `{"problem":{"func":"quadratic:n=10"},"runs":[{"opt":"gd:lr=0.01","detail":true}],"max_steps":100}`, &r10); code != 200 {
		t.Fatalf("status %d", code)
	}
	if n := len(r10.Runs[0].Steps); n != 10 {
		t.Errorf("n = 10: %d steps, want 10", n)
	}

	// x⁴ from 10 with lr 1 jumps to −3990.
	req := serve.LocalRequest(http.MethodPost, "/api/run", strings.NewReader(`{"problem":{"expr":"x^4 + y^4","start":[10,10]},"runs":[{"opt":"gd:lr=1","detail":true}],"max_steps":100}`))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	s.ServeHTTP(w, req)
	if strings.Contains(w.Body.String(), "Inf") || strings.Contains(w.Body.String(), "NaN") {
		t.Errorf("a diverged run's detail holds non-finite numbers")
	}
	var ro detailResp
	if err := json.Unmarshal(w.Body.Bytes(), &ro); err != nil {
		t.Fatal(err)
	}
	o := ro.Runs[0]
	// The growth rule stops it at iteration 1 (f: 2·10⁴ → 5·10¹⁴), finite.
	if o.Status != "diverged" || o.Loss.Diverged == nil || *o.Loss.Diverged != 1 || len(o.Steps) != 2 || o.Loss.Iter[len(o.Loss.Iter)-1] != 1 {
		t.Errorf("diverged at %v; %d finite steps; loss ends at %d", o.Loss.Diverged, len(o.Steps), o.Loss.Iter[len(o.Loss.Iter)-1])
	}
}

// TestLRMap: on f = x² + 10y² (L = 20) the map's theory line is heavy
// ball's 2(1+β)/L (Polyak 1964) and the measured boundary — the largest
// rate of each row that did not diverge — lies within one grid cell of it;
// bad grids get a 400 naming the field.
func TestLRMap(t *testing.T) {
	s := serve.New(serve.Config{})
	var m struct {
		LRs     []float64  `json:"lrs"`
		Momenta []float64  `json:"momenta"`
		F       [][]any    `json:"f"`
		Status  [][]string `json:"status"`
		L       float64    `json:"L"`
		Theory  []float64  `json:"theory"`
		Stable  []*float64 `json:"stable"`
		Best    struct{ LR, Momentum float64 }
	}
	body := `{"problem":{"expr":"x^2 + 10*y^2","start":[1,1]},"lr_min":0.001,"lr_max":1,"lr_n":31,"momenta":[0,0.5,0.9],"max_steps":500}`
	if code := post(t, s, "/api/lrmap", body, &m); code != 200 {
		t.Fatalf("status %d", code)
	}
	if len(m.LRs) != 31 || len(m.F) != 3 || len(m.F[0]) != 31 || math.Abs(m.L-20) > 1e-9 {
		t.Fatalf("shape %d×%d, L = %g", len(m.F), len(m.LRs), m.L)
	}
	ratio := m.LRs[1] / m.LRs[0] // one cell
	for i, b := range m.Momenta {
		want := 2 * (1 + b) / 20
		if math.Abs(m.Theory[i]-want) > 1e-12 {
			t.Errorf("β = %g: theory %g, want %g", b, m.Theory[i], want)
		}
		if m.Stable[i] == nil || *m.Stable[i] > want*ratio || *m.Stable[i] < want/ratio {
			t.Errorf("β = %g: measured boundary %v, theory %g (one cell = ×%.3f)", b, m.Stable[i], want, ratio)
		}
	}
	if m.Best.LR <= 0 {
		t.Errorf("no best cell")
	}
	for _, tc := range []struct{ body, field string }{
		{`{"problem":{"func":"sphere"},"momenta":[0.9,0.5]}`, "momenta"},
		{`{"problem":{"func":"sphere"},"momenta":[0,1]}`, "momenta"},
		{`{"problem":{"func":"sphere"},"lr_min":1,"lr_max":0.1}`, "lr_min"},
		{`{"problem":{"func":"sphere"},"lr_n":100}`, "lr_n"},
		{`{"problem":{"func":"sphere"},"opt":"adam"}`, "opt"},
	} {
		req := serve.LocalRequest(http.MethodPost, "/api/lrmap", strings.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != 400 || !strings.Contains(w.Body.String(), tc.field) {
			t.Errorf("%s → %d %s; want 400 naming %s", tc.body, w.Code, w.Body, tc.field)
		}
	}
}

// TestTrainMetricRows: an uploaded set of more than 10,000 rows trained on
// mini-batches says that its epochs were measured on the seeded sample.
func TestTrainMetricRows(t *testing.T) {
	s := serve.New(serve.Config{})
	var b strings.Builder
	b.WriteString("a,b,y\n")
	for i := range 12000 {
		fmt.Fprintf(&b, "%d,%d,%d\n", i%7, i%5, (i%7+i%5)%2)
	}
	body, _ := json.Marshal(map[string]any{"csv": b.String(), "csv_name": "big.csv", "model": "logistic", "opt": "sgd:lr=0.1", "mode": "minibatch", "batch_size": 64, "epochs": 2})
	var r struct {
		NTrain     int `json:"n_train"`
		MetricRows int `json:"metric_rows"`
	}
	if code := post(t, s, "/api/train", string(body), &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	if r.NTrain != 12000 || r.MetricRows != 10000 {
		t.Errorf("n_train %d, metric_rows %d; want 12000 and 10000", r.NTrain, r.MetricRows)
	}
}
