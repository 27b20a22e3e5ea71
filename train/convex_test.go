package train

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"github.com/descentgo/descent/minimize"
	"math"
	"os"
	"strconv"
	"testing"
	"time"

	"gonum.org/v1/gonum/mat"
)

// refCase is one optimum of testdata/ref/train_convex.json, computed by
// testdata/ref/train_gen.py with scipy and scikit-learn.
type refCase struct {
	Name      string    `json:"name"`
	Data      string    `json:"data"`
	Target    string    `json:"target"`
	Model     string    `json:"model"`
	Task      string    `json:"task"`
	L2        float64   `json:"l2"`
	N         int       `json:"n"`
	D         int       `json:"d"`
	Objective float64   `json:"objective"`
	Params    []float64 `json:"params"`
}

func refCases(t testing.TB) map[string]refCase {
	t.Helper()
	b, err := os.ReadFile("../testdata/ref/train_convex.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Cases []refCase `json:"cases"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	out := map[string]refCase{}
	for _, c := range f.Cases {
		out[c.Name] = c
	}
	return out
}

// dataPath returns the path of a data file named in the references.
func dataPath(name string) string {
	if name[:6] == "train_" {
		return "../testdata/ref/" + name
	}
	return "../testdata/datasets/" + name
}

func relGap(f, ref float64) float64 { return (f - ref) / math.Abs(ref) }

// TestConvexOptimum: full-batch L-BFGS with the default stopping rules
// reaches the optimum that scipy (L-BFGS-B + Newton polish) and
// scikit-learn found for the same objective, to 1e-9 relative (the
// acceptance bound is 1e-6), and well under a second.
func TestConvexOptimum(t *testing.T) {
	for name, rc := range refCases(t) {
		t.Run(name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Source = Source{Path: dataPath(rc.Data), Target: rc.Target}
			cfg.Model, cfg.Standardize = mustSpec(rc.Model), true
			start := time.Now()
			r, err := Train(context.Background(), cfg)
			el := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			if !converged(r.Status) {
				t.Fatalf("status %s: %s", r.Status, r.Message)
			}
			F := float64(r.TrainLoss)
			gap := relGap(F, rc.Objective)
			t.Logf("F = %.17g, F* = %.17g, gap %.1e, %s after %d epochs, %v", F, rc.Objective, gap, r.Status, r.Epochs, el)
			if math.Abs(gap) > 1e-9 {
				t.Errorf("relative gap %.3g > 1e-9", gap)
			}
			if r.Task != rc.Task || r.NTrain != rc.N || len(r.Trained.Features) != rc.D {
				t.Errorf("task %s, n %d, d %d; want %s, %d, %d", r.Task, r.NTrain, len(r.Trained.Features), rc.Task, rc.N, rc.D)
			}
			// The weights: unique for linear and logistic; for softmax
			// the biases are unique only up to a common shift.
			p := append([]float64(nil), r.Trained.Params...)
			q := append([]float64(nil), rc.Params...)
			if rc.Task == "multiclass" {
				k := len(p) / (rc.D + 1)
				centerTail(p, k)
				centerTail(q, k)
			}
			for i := range p {
				if d := math.Abs(p[i] - q[i]); d > 1e-4*math.Max(1, math.Abs(q[i])) {
					t.Errorf("param %d = %.10g, reference %.10g", i, p[i], q[i])
				}
			}
			if el > time.Second && !raceEnabled {
				t.Errorf("took %v, want well under a second", el)
			}
		})
	}
}

func centerTail(p []float64, k int) {
	b := p[len(p)-k:]
	var m float64
	for _, v := range b {
		m += v
	}
	m /= float64(k)
	for i := range b {
		b[i] -= m
	}
}

func converged(s minimize.Status) bool {
	return s == minimize.ConvergedGrad || s == minimize.ConvergedF || s == minimize.NoProgress
}

// TestDiabetesNormalEquations solves the least-squares problem on the
// standardized diabetes data independently, by the normal equations with
// gonum, and checks the documented optimum (MSE 2859.696...) and that
// training reaches it.
func TestDiabetesNormalEquations(t *testing.T) {
	f, err := os.Open("../testdata/datasets/diabetes.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[1:]
	n, d := len(rows), len(rows[0])-1
	X := mat.NewDense(n, d+1, nil)
	y := mat.NewVecDense(n, nil)
	for i, r := range rows {
		for j := 0; j <= d; j++ {
			v, err := strconv.ParseFloat(r[j], 64)
			if err != nil {
				t.Fatal(err)
			}
			if j == d {
				y.SetVec(i, v)
			} else {
				X.Set(i, j, v)
			}
		}
		X.Set(i, d, 1)
	}
	for j := 0; j < d; j++ { // z = (x − mean)/std, population std
		var m, s float64
		for i := 0; i < n; i++ {
			m += X.At(i, j)
		}
		m /= float64(n)
		for i := 0; i < n; i++ {
			s += (X.At(i, j) - m) * (X.At(i, j) - m)
		}
		s = math.Sqrt(s / float64(n))
		for i := 0; i < n; i++ {
			X.Set(i, j, (X.At(i, j)-m)/s)
		}
	}
	var xtx mat.Dense
	xtx.Mul(X.T(), X)
	var xty, beta, res mat.VecDense
	xty.MulVec(X.T(), y)
	if err := beta.SolveVec(&xtx, &xty); err != nil {
		t.Fatal(err)
	}
	res.MulVec(X, &beta)
	res.SubVec(&res, y)
	mse := mat.Dot(&res, &res) / float64(n)
	if math.Abs(mse-2859.696) > 0.001 {
		t.Fatalf("normal equations give MSE %.10g, want 2859.696...", mse)
	}
	cfg := DefaultConfig()
	cfg.Path = "../testdata/datasets/diabetes.csv"
	cfg.Model, cfg.Standardize = mustSpec("linear"), true
	r, err := Train(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	gap := relGap(float64(r.TrainLoss), mse)
	t.Logf("normal equations %.15g, train %.15g (gap %.1e, %d epochs)", mse, float64(r.TrainLoss), gap, r.Epochs)
	if math.Abs(gap) > 1e-9 {
		t.Errorf("training objective %.15g, normal equations %.15g", float64(r.TrainLoss), mse)
	}
	if want := 1 - mse/variance(colOf(y)); math.Abs(float64(*r.TrainR2)-want) > 1e-9 {
		t.Errorf("train R² = %.12g, want %.12g", float64(*r.TrainR2), want)
	}
}

func colOf(v *mat.VecDense) []float64 {
	out := make([]float64, v.Len())
	for i := range out {
		out[i] = v.AtVec(i)
	}
	return out
}

// TestMiniBatchApproachesOptimum: mini-batch (16) and stochastic (1)
// gradient descent on the convex problems, with a cosine decay of the rate
// over the run, end within the stated relative gap of the optimum, and
// never below it.
func TestMiniBatchApproachesOptimum(t *testing.T) {
	refs := refCases(t)
	for _, c := range []struct {
		ref, opt, sched string
		batch, epochs   int
		gap             float64 // stated bound on (F − F*)/F*
	}{
		{"diabetes_ols", "sgd:lr=0.05", "cosine", 16, 100, 1e-3},
		{"diabetes_ols", "sgd:lr=0.01", "cosine", 1, 20, 3e-3},
		{"iris_softmax", "sgd:lr=0.5", "", 16, 100, 1.5e-3},
		{"iris_softmax", "sgd:lr=0.5", "cosine", 16, 100, 3e-4},
		{"iris_softmax", "adam:lr=0.05", "cosine", 16, 100, 1e-4},
		{"iris_softmax", "sgd:lr=0.1", "cosine", 1, 50, 5e-5},
		{"wine_softmax", "sgd:lr=0.5", "cosine", 16, 100, 2e-3},
		{"wine_softmax", "sgd:lr=0.1", "cosine", 1, 50, 5e-4},
		{"iris_setosa_logistic", "sgd:lr=0.5", "cosine", 16, 100, 1e-3},
		{"wine_class0_logistic", "sgd:lr=0.1", "cosine", 1, 50, 1e-3},
	} {
		rc := refs[c.ref]
		cfg := DefaultConfig()
		cfg.Source = Source{Path: dataPath(rc.Data), Target: rc.Target}
		cfg.Model, cfg.Standardize = mustSpec(rc.Model), true
		cfg.Opt, cfg.Batch, cfg.Epochs = mustSpec(c.opt), c.batch, c.epochs
		if c.sched != "" {
			cfg.Schedule = mustSpec(c.sched)
		}
		r, err := Train(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		gap := relGap(float64(r.TrainLoss), rc.Objective)
		t.Logf("%-22s %-13s %-7s batch %2d, %3d epochs: gap %.2e (bound %.0e)", c.ref, c.opt, c.sched, c.batch, c.epochs, gap, c.gap)
		if r.Status != minimize.MaxEpochs || r.Epochs != c.epochs {
			t.Errorf("%s: status %s after %d epochs", c.ref, r.Status, r.Epochs)
		}
		if gap > c.gap || gap < -1e-12 {
			t.Errorf("%s %s batch %d: gap %.3g outside [0, %g]", c.ref, c.opt, c.batch, gap, c.gap)
		}
	}
}
