package serve

import (
	"log/slog"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestThinPath(t *testing.T) {
	// A spiral of 20000 points whose first step is a long jump, with a
	// non-finite point at 15000 (a run that overflowed).
	const n, limit = 20000, 1000
	xs := make([][]float64, n)
	xs[0] = []float64{100, 100}
	for i := 1; i < n; i++ {
		a := float64(i) / 300
		r := math.Exp(-a / 10)
		xs[i] = []float64{r * math.Cos(a), r * math.Sin(a)}
	}
	xs[15000] = []float64{math.Inf(1), 0}
	p := thinPath(xs, limit)
	if len(p.Iter) > limit || len(p.Iter) < limit/2 {
		t.Fatalf("kept %d points, want ≤ %d and most of them", len(p.Iter), limit)
	}
	if !p.Cut {
		t.Error("Cut is false for a path with a non-finite point")
	}
	if p.Iter[0] != 0 || p.Iter[len(p.Iter)-1] != 14999 {
		t.Errorf("first and last iterations %d, %d; want 0 and 14999 (the last finite point)", p.Iter[0], p.Iter[len(p.Iter)-1])
	}
	for k, i := range p.Iter {
		if k > 0 && i <= p.Iter[k-1] {
			t.Fatalf("iterations not increasing at %d: %d after %d", k, i, p.Iter[k-1])
		}
		if p.X[k] != xs[i][0] || p.Y[k] != xs[i][1] {
			t.Fatalf("point %d is not iterate %d", k, i)
		}
	}
	// Point 1 follows the long jump: half of the arc length lies before it,
	// so the arc-length half of the budget must keep it.
	if p.Iter[1] != 1 {
		t.Errorf("second kept point is iterate %d; the corner after the long first step (1) was lost", p.Iter[1])
	}
	// Short paths are kept whole.
	if q := thinPath(xs[:10], limit); len(q.Iter) != 10 || q.Cut {
		t.Errorf("a 10-point path became %d points (cut %v)", len(q.Iter), q.Cut)
	}
	if q := thinPath([][]float64{{math.NaN(), 0}}, limit); len(q.Iter) != 0 || !q.Cut {
		t.Errorf("a path that starts non-finite gave %d points (cut %v)", len(q.Iter), q.Cut)
	}
}

func TestThinLoss(t *testing.T) {
	// An oscillating loss whose extremes sit at known iterations.
	const n, limit = 50000, 1000
	f := make([]float64, n)
	for i := range f {
		f[i] = 10 + math.Sin(float64(i)*0.37)
	}
	f[12345] = 1e6  // a spike
	f[33333] = 1e-9 // the minimum
	l := thinLoss(f, nil, limit)
	if len(l.Iter) > limit {
		t.Fatalf("kept %d values, want ≤ %d", len(l.Iter), limit)
	}
	has := func(i int) bool {
		for _, k := range l.Iter {
			if k == i {
				return true
			}
		}
		return false
	}
	for _, i := range []int{0, 12345, 33333, n - 1} {
		if !has(i) {
			t.Errorf("iteration %d (first, spike, minimum or last) was dropped", i)
		}
	}
	// The envelope survives: the largest and smallest kept values of the
	// sine part reach its range.
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, i := range l.Iter {
		if l.F[k] != f[i] {
			t.Fatalf("value %d is not f[%d]", k, i)
		}
		if i != 12345 && i != 33333 {
			lo, hi = math.Min(lo, l.F[k]), math.Max(hi, l.F[k])
		}
	}
	if lo > 9.001 || hi < 10.999 {
		t.Errorf("kept values span [%g, %g]; the oscillation spans [9, 11]", lo, hi)
	}
	// Cut at the first non-finite value.
	g := []float64{3, 2, 1, math.NaN(), 0}
	if l := thinLoss(g, []float64{.1, .2, .3, .4, .5}, limit); len(l.F) != 3 || l.F[2] != 1 || l.Diverged == nil || *l.Diverged != 3 || len(l.LR) != 3 || l.LR[2] != .3 {
		t.Errorf("thinLoss cut %v to %v (lr %v, diverged at %v), want [3 2 1], lr [.1 .2 .3], diverged at 3", g, l.F, l.LR, l.Diverged)
	}
}

func TestBusyServerAnswers503(t *testing.T) {
	s := New(Config{MaxConcurrent: 1, QueueWait: 20 * time.Millisecond})
	s.sem <- struct{}{} // every slot taken
	req := localRequest(http.MethodPost, "/api/run", strings.NewReader(`{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}]}`))
	req.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	start := time.Now()
	s.ServeHTTP(w, req)
	if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" {
		t.Fatalf("status %d, Retry-After %q; want 503 with Retry-After", w.Code, w.Header().Get("Retry-After"))
	}
	if d := time.Since(start); d < 20*time.Millisecond || d > 2*time.Second {
		t.Errorf("rejected after %v; want after the queue wait of 20ms", d)
	}
	<-s.sem // free the slot: the same request succeeds
	w = httptest.NewRecorder()
	req = localRequest(http.MethodPost, "/api/run", strings.NewReader(`{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}]}`))
	req.Header.Set("Content-Type", "application/json")
	s.ServeHTTP(w, req)
	if w.Code != http.StatusOK {
		t.Fatalf("status %d after the slot was freed: %s", w.Code, w.Body)
	}
	if len(s.sem) != 0 {
		t.Errorf("%d slots still taken after the request", len(s.sem))
	}
}

func TestPanicIsRecovered(t *testing.T) {
	var logged strings.Builder
	s := New(Config{Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	h := s.api(http.MethodGet, false, func(*http.Request) (any, error) { panic("boom") })
	w := httptest.NewRecorder()
	h(w, localRequest(http.MethodGet, "/api/x", nil))
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), `"error"`) {
		t.Errorf("panic gave %d %q; want 500 with a JSON error", w.Code, w.Body)
	}
	if !strings.Contains(logged.String(), "boom") {
		t.Errorf("the panic was not logged: %q", logged.String())
	}
}

func TestFormulaDepth(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int
	}{{"x", 0}, {"(x)", 1}, {"sin((x+1)*(y))", 2}, {"sin((x+(1))*y)", 3}, {"((a)+(b))", 2}} {
		if got := formulaDepth(c.src); got != c.want {
			t.Errorf("formulaDepth(%q) = %d, want %d", c.src, got, c.want)
		}
	}
}
