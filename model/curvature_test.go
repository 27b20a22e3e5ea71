package model

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/descentgo/descent/data"
	"gonum.org/v1/gonum/mat"
)

// eigMax returns the largest eigenvalue of the symmetric matrix a (n×n,
// row-major; symmetrized first).
func eigMax(t *testing.T, a []float64, n int) float64 {
	t.Helper()
	s := mat.NewSymDense(n, nil)
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			s.SetSym(i, j, (a[i*n+j]+a[j*n+i])/2)
		}
	}
	var e mat.EigenSym
	if !e.Factorize(s, false) {
		t.Fatal("EigenSym failed")
	}
	v := e.Values(nil)
	return v[n-1]
}

// gramHand returns c/n·X̃ᵀX̃ + l2·P for the design X̃ = [X 1] by gonum's
// matrix product (P: identity on the d weights, 0 on the bias).
func gramHand(d *data.Dense, c, l2 float64) ([]float64, int) {
	p := d.D + 1
	xt := mat.NewDense(d.N, p, nil)
	for i := 0; i < d.N; i++ {
		for j := 0; j < d.D; j++ {
			xt.Set(i, j, d.X[i*d.D+j])
		}
		xt.Set(i, d.D, 1)
	}
	var g mat.Dense
	g.Mul(xt.T(), xt)
	g.Scale(c/float64(d.N), &g)
	for j := 0; j < d.D; j++ {
		g.Set(j, j, g.At(j, j)+l2)
	}
	return g.RawMatrix().Data, p
}

// fdHessian is the Hessian of F (without l1) at θ by central differences
// of the full-batch gradient, column by column.
func fdHessian(t *testing.T, m Model, d *data.Dense, theta []float64) []float64 {
	t.Helper()
	b, err := NewLocal(m, d, 1)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := NewObjective(m, b)
	n := m.NumParams()
	H := make([]float64, n*n)
	gp, gm := make([]float64, n), make([]float64, n)
	x := append([]float64(nil), theta...)
	const h = 1e-5
	for j := 0; j < n; j++ {
		x[j] = theta[j] + h
		o.ValueGrad(gp, x)
		x[j] = theta[j] - h
		o.ValueGrad(gm, x)
		x[j] = theta[j]
		for i := 0; i < n; i++ {
			H[i*n+j] = (gp[i] - gm[i]) / (2 * h)
		}
	}
	return H
}

// twoBlocks splits d into two dense blocks, to check that Curvature sums
// over the blocks of a pass.
func twoBlocks(d *data.Dense) Rows {
	k := d.N / 3
	a := &data.Dense{N: k, D: d.D, X: d.X[:k*d.D], Y: d.Y[:k]}
	b := &data.Dense{N: d.N - k, D: d.D, X: d.X[k*d.D:], Y: d.Y[k:]}
	return func(visit func(*data.Dense, *data.CSR)) { visit(a, nil); visit(b, nil) }
}

func toCSR(d *data.Dense) *data.CSR {
	c := &data.CSR{N: d.N, D: d.D, Indptr: []int{0}, Y: d.Y}
	for i := 0; i < d.N; i++ {
		for j, v := range d.Row(i) {
			if v != 0 {
				c.Indices, c.Values = append(c.Indices, int32(j)), append(c.Values, v)
			}
		}
		c.Indptr = append(c.Indptr, len(c.Indices))
	}
	return c
}

func relErr(a, b float64) float64 { return math.Abs(a-b) / math.Max(math.Abs(b), 1e-300) }

// TestCurvatureLinearExact compares L of linear regression with
// λmax((2/n)X̃ᵀX̃ + l2·P) formed by gonum, for the decomposed (small) and
// the Lanczos (large) paths, dense and CSR rows, one block and two.
func TestCurvatureLinearExact(t *testing.T) {
	for _, tc := range []struct {
		name string
		n, d int
		l2   float64
		tol  float64
	}{
		{"small", 50, 4, 0, 1e-9},
		{"small l2", 50, 4, 0.7, 1e-9},
		{"one feature", 7, 1, 0, 1e-9},
		{"lanczos", 300, 90, 0.1, 1e-9},
	} {
		r := rand.New(rand.NewPCG(3, uint64(tc.d)))
		ds := dataset(r, tc.n, tc.d, Regression, nil)
		for i := range ds.X { // shifted, unequal column scales
			ds.X[i] = ds.X[i]*float64(1+i%tc.d) + 0.5
		}
		for i := 0; i < len(ds.X); i += 5 {
			ds.X[i] = 0 // some zeros for the CSR path
		}
		m := mustModel(t, "linear:l1=0.2,l2="+ftoa(tc.l2), Regression, tc.d, nil)
		G, p := gramHand(ds, 2, tc.l2)
		want := eigMax(t, G, p)
		theta := randParams(r, m, 1) // the Hessian does not depend on θ
		for _, rows := range []struct {
			name string
			r    Rows
		}{{"dense", DenseRows(ds)}, {"csr", CSRRows(toCSR(ds))}, {"two blocks", twoBlocks(ds)}} {
			est, err := Curvature(m, rows.r, theta)
			if err != nil {
				t.Fatalf("%s %s: %v", tc.name, rows.name, err)
			}
			if e := relErr(est.L, want); e > tc.tol || !est.Exact {
				t.Errorf("%s %s: L = %.15g, want %.15g (rel. error %.2g, exact %v)", tc.name, rows.name, est.L, want, e, est.Exact)
			}
			b, err := CurvatureBound(m, rows.r)
			if err != nil || relErr(b, want) > tc.tol {
				t.Errorf("%s %s: bound %.15g, %v; want %.15g", tc.name, rows.name, b, err, want)
			}
		}
	}
}

func ftoa(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// TestCurvatureAtWeights compares L of logistic and softmax regression at
// random weights with λmax of the Hessian by central differences of the
// gradient, and checks the bounds: ≥ L everywhere, equal to L at θ = 0 for
// logistic, K/2 times L at θ = 0 for softmax without penalty.
func TestCurvatureAtWeights(t *testing.T) {
	for _, tc := range []struct {
		spec   string
		task   Task
		labels []float64
		n, d   int
		ratio0 float64 // bound / L at θ = 0 (0: not checked)
	}{
		{"logistic", Binary, []float64{0, 1}, 60, 3, 1},
		{"logistic:l2=0.3", Binary, []float64{-1, 1}, 60, 3, 1},
		{"logistic", Binary, []float64{0, 1}, 200, 70, 1}, // Lanczos
		{"logistic", Binary, []float64{0, 1}, 700, 5, 1},  // weightedGram's blocks of 256 rows; CSR takes the per-row path
		{"softmax", Multiclass, []float64{0, 1, 2}, 80, 4, 1.5},
		{"softmax", Multiclass, []float64{1, 2, 3, 4}, 80, 2, 2},
		{"softmax:l2=0.2", Multiclass, []float64{0, 1, 2}, 80, 4, 0},
		{"softmax", Binary, []float64{0, 1}, 50, 3, 1},
		{"softmax", Multiclass, []float64{0, 1, 2}, 150, 25, 1.5}, // 78 parameters: Lanczos
	} {
		r := rand.New(rand.NewPCG(5, uint64(tc.n*tc.d)))
		ds := dataset(r, tc.n, tc.d, tc.task, tc.labels)
		m := mustModel(t, tc.spec, tc.task, tc.d, ds.Y)
		bound, err := CurvatureBound(m, DenseRows(ds))
		if err != nil {
			t.Fatal(err)
		}
		for trial, scale := range []float64{0, 0.5, 2} {
			theta := randParams(r, m, scale)
			want := eigMax(t, fdHessian(t, m, ds, theta), m.NumParams())
			est, err := Curvature(m, twoBlocks(ds), theta)
			if err != nil {
				t.Fatalf("%s: %v", tc.spec, err)
			}
			if e := relErr(est.L, want); e > 1e-6 || !est.Exact {
				t.Errorf("%s d=%d trial %d: L = %.12g, finite differences give %.12g (rel. error %.2g)", tc.spec, tc.d, trial, est.L, want, e)
			}
			if bound < want*(1-1e-9) {
				t.Errorf("%s trial %d: bound %.12g < λmax %.12g", tc.spec, trial, bound, want)
			}
			if scale == 0 && tc.ratio0 > 0 && relErr(bound/est.L, tc.ratio0) > 1e-9 {
				t.Errorf("%s: bound/L at θ=0 = %.12g, want %g", tc.spec, bound/est.L, tc.ratio0)
			}
			// The same with a third of the features zero, as dense and CSR rows.
			sp := &data.Dense{N: ds.N, D: ds.D, X: append([]float64(nil), ds.X...), Y: ds.Y}
			for i := 0; i < len(sp.X); i += 3 {
				sp.X[i] = 0
			}
			want = eigMax(t, fdHessian(t, m, sp, theta), m.NumParams())
			dn, _ := Curvature(m, DenseRows(sp), theta)
			cs, err := Curvature(m, CSRRows(toCSR(sp)), theta)
			if err != nil || relErr(cs.L, want) > 1e-6 || relErr(cs.L, dn.L) > 1e-12 {
				t.Errorf("%s d=%d trial %d: sparse rows: L = %.12g (%v), dense %.12g, finite differences %.12g", tc.spec, tc.d, trial, cs.L, err, dn.L, want)
			}
		}
	}
}

// TestCurvatureMLP compares the MLP's finite-difference Lanczos estimate
// with λmax of the Hessian by central differences of the gradient.
func TestCurvatureMLP(t *testing.T) {
	for _, tc := range []struct {
		spec   string
		task   Task
		labels []float64
	}{
		{"mlp:hidden=10,act=tanh,l2=0.01", Regression, nil},
		{"mlp:hidden=3,act=sigmoid", Binary, []float64{0, 1}},
		{"mlp:hidden=6,act=tanh", Multiclass, []float64{0, 1, 2}},
	} {
		r := rand.New(rand.NewPCG(9, 1))
		ds := dataset(r, 40, 3, tc.task, tc.labels)
		m := mustModel(t, tc.spec, tc.task, 3, ds.Y)
		theta := make([]float64, m.NumParams())
		m.Init(theta, 4)
		want := eigMax(t, fdHessian(t, m, ds, theta), m.NumParams())
		est, err := Curvature(m, DenseRows(ds), theta)
		if err != nil {
			t.Fatal(err)
		}
		if e := relErr(est.L, want); e > 1e-4 || est.Exact {
			t.Errorf("%s: L = %.10g, finite-difference Hessian gives %.10g (rel. error %.2g, exact %v)", tc.spec, est.L, want, e, est.Exact)
		}
		// With a tolerance the Lanczos process stops once its Ritz
		// estimate is within it: L still within tol of the reference.
		const tol = 1e-3
		early, err := CurvatureTol(m, DenseRows(ds), theta, tol)
		if e := relErr(early.L, want); err != nil || e > tol || early.Products > est.Products {
			t.Errorf("%s: tol %g: L = %.10g after %d products (%v), finite-difference Hessian gives %.10g (rel. error %.2g); without: %d products", tc.spec, tol, early.L, early.Products, err, want, e, est.Products)
		}
		if _, err := CurvatureBound(m, DenseRows(ds)); !errors.Is(err, ErrNoBound) {
			t.Errorf("%s: CurvatureBound error %v, want ErrNoBound", tc.spec, err)
		}
	}
}

func TestCurvatureErrors(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	ds := dataset(r, 10, 3, Regression, nil)
	lin := mustModel(t, "linear", Regression, 3, nil)
	mlpm := mustModel(t, "mlp:hidden=2", Regression, 3, nil)
	empty := &data.Dense{D: 3}
	wide := dataset(r, 10, 4, Regression, nil)
	for _, tc := range []struct {
		name string
		m    Model
		rows Rows
	}{
		{"no examples", lin, DenseRows(empty)},
		{"wrong width", lin, DenseRows(wide)},
		{"wrong width csr", lin, CSRRows(toCSR(wide))},
		{"mlp no examples", mlpm, DenseRows(empty)},
		{"mlp csr", mlpm, CSRRows(toCSR(ds))},
		{"mlp wrong width", mlpm, DenseRows(wide)},
	} {
		if _, err := Curvature(tc.m, tc.rows, make([]float64, tc.m.NumParams())); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}

// TestStandardizedBound compares the bound computed from the raw features'
// correlations with CurvatureBound on a copy standardized by
// data.Standardization.
func TestStandardizedBound(t *testing.T) {
	for _, tc := range []struct {
		spec   string
		task   Task
		labels []float64
	}{
		{"linear", Regression, nil},
		{"linear:l2=0.5", Regression, nil},
		{"logistic:l2=0.1", Binary, []float64{0, 1}},
		{"softmax", Multiclass, []float64{0, 1, 2}},
	} {
		r := rand.New(rand.NewPCG(11, 2))
		ds := dataset(r, 120, 5, tc.task, tc.labels)
		for i := range ds.X { // scales 1 … 1000, shifted, correlated columns 0 and 1
			j := i % 5
			if j == 1 {
				ds.X[i] = ds.X[i-1] + 0.3*ds.X[i]
			}
			ds.X[i] = ds.X[i]*math.Pow(10, float64(j%4)) + 3
			if j == 4 {
				ds.X[i] = 7 // constant
			}
		}
		m := mustModel(t, tc.spec, tc.task, 5, ds.Y)
		got, err := StandardizedBound(m, twoBlocks(ds))
		if err != nil {
			t.Fatal(err)
		}
		std := &data.Dense{N: ds.N, D: ds.D, X: append([]float64(nil), ds.X...), Y: ds.Y}
		var st data.Standardization
		st.Fit(std)
		st.Apply(std)
		want, err := CurvatureBound(m, DenseRows(std))
		if err != nil || relErr(got, want) > 1e-9 {
			t.Errorf("%s: standardized bound %.15g, on standardized data %.15g (%v)", tc.spec, got, want, err)
		}
		raw, _ := CurvatureBound(m, DenseRows(ds))
		if !(raw > 1000*got) {
			t.Errorf("%s: raw bound %g not ≫ standardized %g", tc.spec, raw, got)
		}
	}
	if _, err := StandardizedBound(mustModel(t, "mlp:hidden=2", Regression, 3, nil), nil); !errors.Is(err, ErrNoBound) {
		t.Errorf("mlp: %v", err)
	}
}

// TestCurvatureRawWine: softmax on the unstandardized wine data (feature
// scales from 0.1 to 1680) at θ = 0. The Hessian is then
// (1/n)Σ(diag(p) − ppᵀ) ⊗ x̃x̃ᵀ with p uniform, i.e. (1/3)(I − 11ᵀ/3) ⊗
// X̃ᵀX̃/n, whose largest eigenvalue is λmax(X̃ᵀX̃)/(3n) — Böhning's bound
// λmax(X̃ᵀX̃)/(2n) times 2/3. gonum's eigensolver panicked on this matrix
// before it was rescaled.
func TestCurvatureRawWine(t *testing.T) {
	ds, err := data.ReadCSVFile("../testdata/datasets/wine.csv", data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m := mustModel(t, "softmax", Multiclass, ds.D, ds.Y)
	theta := make([]float64, m.NumParams())
	est, err := Curvature(m, DenseRows(ds), theta)
	if err != nil {
		t.Fatal(err)
	}
	G, p := gramHand(ds, 1, 0)
	want := eigMax(t, G, p) / 3
	if e := relErr(est.L, want); e > 1e-9 {
		t.Errorf("L = %.15g, want λmax(X̃ᵀX̃)/(3n) = %.15g (rel. error %.2g)", est.L, want, e)
	}
}

// TestConditioning checks κ against the closed form for one feature with
// mean μ and deviation σ: ZᵀZ/n = [[μ²+σ², μ], [μ, 1]] has eigenvalues
// (a+1 ± √((a−1)² + 4μ²))/2 with a = μ²+σ², while standardized features
// give diag(1, 1), κ = 1. A constant column changes neither, and the
// model does not matter.
func TestConditioning(t *testing.T) {
	for _, tc := range []struct{ mu, sigma float64 }{{0, 1}, {10, 1}, {5.8, 0.83}, {-300, 20}} {
		ds := &data.Dense{N: 4, D: 2, X: []float64{tc.mu - tc.sigma, 7, tc.mu + tc.sigma, 7, tc.mu - tc.sigma, 7, tc.mu + tc.sigma, 7}, Y: []float64{1, 2, 3, 4}}
		m := mustModel(t, "linear", Regression, 2, ds.Y)
		raw, std, err := Conditioning(m, DenseRows(ds))
		if err != nil {
			t.Fatal(err)
		}
		a := tc.mu*tc.mu + tc.sigma*tc.sigma
		r := math.Sqrt((a-1)*(a-1) + 4*tc.mu*tc.mu)
		want := (a + 1 + r) / (a + 1 - r)
		if math.Abs(raw-want) > 1e-8*want || math.Abs(std-1) > 1e-12 {
			t.Errorf("μ = %g, σ = %g: κ raw %g, standardized %g; want %g and 1", tc.mu, tc.sigma, raw, std, want)
		}
	}
	// The ratio is the features': an MLP on them gets the linear model's.
	ds := &data.Dense{N: 4, D: 2, X: []float64{9, 7, 11, 7, 9, 7, 11, 7}, Y: []float64{1, 2, 3, 4}}
	r1, s1, err1 := Conditioning(mustModel(t, "mlp:hidden=3", Regression, 2, ds.Y), DenseRows(ds))
	r2, s2, err2 := Conditioning(mustModel(t, "linear", Regression, 2, ds.Y), DenseRows(ds))
	if err1 != nil || err2 != nil || r1 != r2 || s1 != s2 {
		t.Errorf("mlp κ %g/%g (%v), linear %g/%g (%v): want the same", r1, s1, err1, r2, s2, err2)
	}
	if _, err := StandardizedBound(mustModel(t, "mlp:hidden=3", Regression, 2, ds.Y), DenseRows(ds)); err != ErrNoBound {
		t.Errorf("StandardizedBound of an mlp: %v, want ErrNoBound", err)
	}
}

// TestStridedRows: every k-th row across blocks, k = ⌈n/max⌉, in order;
// the rows themselves when they fit.
func TestStridedRows(t *testing.T) {
	a := &data.Dense{N: 3, D: 1, X: []float64{0, 1, 2}, Y: []float64{0, 10, 20}}
	b := &data.Dense{N: 4, D: 1, X: []float64{3, 4, 5, 6}, Y: []float64{30, 40, 50, 60}}
	visits := 0
	rows := Rows(func(visit func(*data.Dense, *data.CSR)) { visits++; visit(a, nil); visit(b, nil) })
	var got []float64
	sr := StridedRows(rows, 3)
	for pass := range 3 {
		got = nil
		sr(func(dn *data.Dense, _ *data.CSR) { got = append(got, dn.X...) })
		if fmt.Sprint(got) != "[0 3 6]" { // k = ⌈7/3⌉ = 3
			t.Errorf("pass %d: strided rows %v, want [0 3 6]", pass, got)
		}
	}
	// One visit to count and one to gather: later passes reuse the block.
	if visits != 2 {
		t.Errorf("the source was visited %d times for three passes, want 2", visits)
	}
	got = nil
	StridedRows(rows, 7)(func(dn *data.Dense, _ *data.CSR) { got = append(got, dn.X...) })
	if len(got) != 7 {
		t.Errorf("max = n: %v, want all 7 rows", got)
	}
}

// TestMomentsServeTheBounds: one pass (NewMoments) gives CurvatureBound,
// StandardizedBound and Conditioning bit for bit as the functions that
// make their own pass; CurvatureBound scales the Gram matrix by c = 2, ¼
// or ½ after the sums, which is exact for a power of two. The bound is
// also checked against λmax(c·X̃ᵀX̃/n + l2·P) formed by hand.
func TestMomentsServeTheBounds(t *testing.T) {
	for _, tc := range []struct {
		spec   string
		task   Task
		labels []float64
		c, l2  float64
	}{
		{"linear:l2=0.1", Regression, nil, 2, 0.1},
		{"logistic", Binary, []float64{0, 1}, 0.25, 0},
		{"logistic:l2=0.03", Binary, []float64{0, 1}, 0.25, 0.03},
		{"softmax", Multiclass, []float64{0, 1, 2}, 0.5, 0},
	} {
		r := rand.New(rand.NewPCG(5, 2))
		ds := dataset(r, 300, 6, tc.task, tc.labels)
		for i := range ds.X { // offsets and scales that differ
			ds.X[i] = ds.X[i]*float64(1+i%6) + float64(i%6)*3
		}
		m := mustModel(t, tc.spec, tc.task, 6, ds.Y)
		mo, err := NewMoments(m, DenseRows(ds))
		if err != nil {
			t.Fatal(err)
		}
		b1, err1 := CurvatureBound(m, DenseRows(ds))
		b2, err2 := mo.CurvatureBound()
		s1, _ := StandardizedBound(m, DenseRows(ds))
		s2, _ := mo.StandardizedBound()
		r1, k1, _ := Conditioning(m, DenseRows(ds))
		r2, k2, _ := mo.Conditioning()
		if err1 != nil || err2 != nil || b1 != b2 || s1 != s2 || r1 != r2 || k1 != k2 {
			t.Errorf("%s: bound %.17g / %.17g (%v, %v), standardized %.17g / %.17g, κ %g/%g and %g/%g", tc.spec, b1, b2, err1, err2, s1, s2, r1, k1, r2, k2)
		}
		G, p := gramHand(ds, tc.c, tc.l2)
		if want := eigMax(t, G, p); relErr(b2, want) > 1e-9 {
			t.Errorf("%s: bound %.15g, λmax by hand %.15g", tc.spec, b2, want)
		}
	}
}

// countingRows are n one-feature rows whose feature is their index and
// whose label its negative, in two blocks split before row cut.
func countingRows(n, cut int) Rows {
	d := &data.Dense{N: n, D: 1, X: make([]float64, n), Y: make([]float64, n)}
	for i := range n {
		d.X[i], d.Y[i] = float64(i), -float64(i)
	}
	return func(visit func(*data.Dense, *data.CSR)) {
		visit(&data.Dense{N: cut, D: 1, X: d.X[:cut], Y: d.Y[:cut]}, nil)
		visit(&data.Dense{N: n - cut, D: 1, X: d.X[cut:], Y: d.Y[cut:]}, nil)
	}
}

// TestSpreadRows: SpreadRuns runs of ⌊m/SpreadRuns⌋ consecutive rows, the
// r-th from row ⌊r·n/SpreadRuns⌋, across blocks in order (a run that
// crosses a block's end is two views), as views of the blocks — no row is
// copied — and the rows themselves when they fit.
func TestSpreadRows(t *testing.T) {
	const n, m = 1000, 64 // runs of 2 rows from rows 0, 31, 62, …, 968
	rows := countingRows(n, 500)
	var src [][]float64 // the blocks' features, where a view must point
	rows(func(dn *data.Dense, _ *data.CSR) { src = append(src, dn.X) })
	var got []float64
	SpreadRows(rows, m)(func(dn *data.Dense, _ *data.CSR) {
		for i := range dn.N {
			if dn.Y[i] != -dn.X[i] {
				t.Fatalf("row %g has label %g: rows and labels out of step", dn.X[i], dn.Y[i])
			}
		}
		b, i := src[0], int(dn.X[0])
		if i >= 500 {
			b, i = src[1], i-500
		}
		if &dn.X[0] != &b[i] {
			t.Errorf("row %g is a copy, not a view", dn.X[0])
		}
		got = append(got, dn.X...)
	})
	var want []float64
	for r := range SpreadRuns {
		s := r * n / SpreadRuns
		want = append(want, float64(s), float64(s+1))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("spread rows %v, want %v", got, want)
	}
	got = nil
	SpreadRows(rows, 32*40)(func(dn *data.Dense, _ *data.CSR) { got = append(got, dn.X...) })
	if len(got) != 1000 {
		t.Errorf("m > n: %d rows, want all 1000", len(got))
	}
	split := countingRows(10, 5)
	got = nil
	blocks := 0
	SpreadRows(split, 4)(func(dn *data.Dense, _ *data.CSR) { blocks++; got = append(got, dn.X...) })
	// 4 runs of 1 row from rows 0, 2, 5, 7 (⌊r·10/4⌋).
	if fmt.Sprint(got) != "[0 2 5 7]" || blocks != 4 {
		t.Errorf("spread rows over two blocks %v in %d views, want [0 2 5 7] in 4", got, blocks)
	}
	// 100 rows in blocks of 47 and 53, m = 64: runs of 2 from ⌊r·100/32⌋;
	// the run from row 46 crosses into the second block: two views.
	cross := countingRows(100, 47)
	got, want, blocks = nil, nil, 0
	for r := range SpreadRuns {
		want = append(want, float64(r*100/SpreadRuns), float64(r*100/SpreadRuns+1))
	}
	SpreadRows(cross, 64)(func(dn *data.Dense, _ *data.CSR) { blocks++; got = append(got, dn.X...) })
	if fmt.Sprint(got) != fmt.Sprint(want) || blocks != SpreadRuns+1 {
		t.Errorf("a run across blocks: %v in %d views, want %v in %d", got, blocks, want, SpreadRuns+1)
	}
}
