package model

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/descentgo/descent/data"
	"gonum.org/v1/gonum/mat"
)

// dataset makes a random dense data set for task t: for classification the
// labels cycle through labels.
func dataset(r *rand.Rand, n, d int, t Task, labels []float64) *data.Dense {
	ds := &data.Dense{N: n, D: d, X: make([]float64, n*d), Y: make([]float64, n)}
	for i := range ds.X {
		ds.X[i] = r.NormFloat64()
	}
	for i := range ds.Y {
		if t == Regression {
			ds.Y[i] = r.NormFloat64()
		} else {
			ds.Y[i] = labels[r.IntN(len(labels))]
		}
	}
	return ds
}

func mustModel(t testing.TB, s string, task Task, d int, y []float64) Model {
	t.Helper()
	cl, err := Classes(task, y)
	if err != nil {
		t.Fatal(err)
	}
	m, err := newModel(s, task, d, cl)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func randParams(r *rand.Rand, m Model, scale float64) []float64 {
	p := make([]float64, m.NumParams())
	for i := range p {
		p[i] = scale * r.NormFloat64()
	}
	return p
}

var gradCases = []struct {
	spec   string
	task   Task
	labels []float64
}{
	{"linear:l2=0.3,l1=0.05", Regression, nil},
	{"logistic:l2=0.1,l1=0.02", Binary, []float64{0, 1}},
	{"logistic:l2=0.1,l1=0.02", Binary, []float64{-1, 1}},
	{"softmax:l2=0.1,l1=0.02", Multiclass, []float64{-3, 0.5, 2, 7}},
	{"softmax:l2=0.1,l1=0.02", Multiclass, []float64{1, 2, 3, 4, 5, 6}},
	{"softmax:l2=0.1,l1=0.02", Binary, []float64{-1, 1}},
	{"mlp:hidden=7,5,act=relu,l2=0.1,l1=0.01", Regression, nil},
	{"mlp:hidden=6,act=tanh,l2=0.1,l1=0.01", Regression, nil},
	{"mlp:hidden=6,act=sigmoid,l2=0.1,l1=0.01", Regression, nil},
	{"mlp:hidden=7,5,act=relu,l2=0.1,l1=0.01", Binary, []float64{0, 1}},
	{"mlp:hidden=6,act=tanh,l2=0.1,l1=0.01", Binary, []float64{-1, 1}},
	{"mlp:hidden=6,act=sigmoid,l2=0.1,l1=0.01", Binary, []float64{0, 1}},
	{"mlp:hidden=7,5,act=relu,l2=0.1,l1=0.01", Multiclass, []float64{0, 1, 2}},
	{"mlp:hidden=6,act=tanh,l2=0.1,l1=0.01", Multiclass, []float64{4, 8, 9, 10}},
	{"mlp:hidden=6,4,act=sigmoid,l2=0.1,l1=0.01", Multiclass, []float64{0, 1, 2}},
}

// TestGradFiniteDifference checks ∇F of every model against central
// differences of F, through Objective over a multi-shard Local backend (so
// the 4-row kernels, their tails and the shard reduction are all covered).
func TestGradFiniteDifference(t *testing.T) {
	for _, c := range gradCases {
		name := fmt.Sprintf("%s/%v%v", c.spec, c.task, c.labels)
		t.Run(name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(1, 2))
			ds := dataset(r, 203, 9, c.task, c.labels)
			m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
			b, err := NewLocal(m, ds, 3)
			if err != nil {
				t.Fatal(err)
			}
			obj, err := NewObjective(m, b)
			if err != nil {
				t.Fatal(err)
			}
			x := randParams(r, m, 0.5)
			g := make([]float64, len(x))
			f := obj.ValueGrad(g, x)
			if v := obj.Value(x); v != f {
				t.Errorf("Value %v != ValueGrad %v", v, f)
			}
			const h = 1e-6
			for i := range x {
				x0 := x[i]
				x[i] = x0 + h
				fp := obj.Value(x)
				x[i] = x0 - h
				fm := obj.Value(x)
				x[i] = x0
				fd := (fp - fm) / (2 * h)
				if math.Abs(fd-g[i]) > 1e-6*(1+math.Abs(fd)) {
					t.Errorf("∂F/∂θ[%d] = %v, central difference %v", i, g[i], fd)
				}
			}
		})
	}
}

type torchCase struct {
	Name, Task, Act string
	Hidden          []int
	D               int
	L1, L2          float64
	X, Y            []float64
	Params          []float64
	Value           float64
	Grad, Pred      []float64
}

// TestTorchReference compares objective values, gradients and predictions
// with PyTorch autograd (testdata/ref/torch_mlp.py).
func TestTorchReference(t *testing.T) {
	raw, err := os.ReadFile("testdata/ref/torch_mlp.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases []torchCase
	}
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) == 0 {
		t.Fatal("no reference cases")
	}
	for _, c := range ref.Cases {
		t.Run(c.Name, func(t *testing.T) {
			task, err := ParseTask(c.Task)
			if err != nil {
				t.Fatal(err)
			}
			var s string
			switch {
			case c.Name == "linear":
				s = "linear"
			case strings.HasPrefix(c.Name, "logistic"):
				s = "logistic"
			case strings.HasPrefix(c.Name, "softmax"):
				s = "softmax"
			default:
				h := fmt.Sprint(c.Hidden)
				s = "mlp:hidden=" + strings.ReplaceAll(h[1:len(h)-1], " ", ",") + ",act=" + c.Act
			}
			s += fmt.Sprintf(",l1=%v,l2=%v", c.L1, c.L2)
			if !strings.Contains(s, ":") {
				s = strings.Replace(s, ",", ":", 1)
			}
			n := len(c.Y)
			m := mustModel(t, s, task, c.D, c.Y)
			if m.NumParams() != len(c.Params) {
				t.Fatalf("NumParams = %d, torch has %d", m.NumParams(), len(c.Params))
			}
			g := make([]float64, len(c.Params))
			var ws Workspace
			v := BatchObjective(g, c.Params, m, c.X, c.Y, nil, &ws)
			if math.Abs(v-c.Value) > 1e-12*(1+math.Abs(c.Value)) {
				t.Errorf("F = %.17g, torch %.17g", v, c.Value)
			}
			for i := range g {
				if math.Abs(g[i]-c.Grad[i]) > 1e-12*(1+math.Abs(c.Grad[i])) {
					t.Errorf("∇F[%d] = %.17g, torch %.17g", i, g[i], c.Grad[i])
				}
			}
			k := m.Outputs()
			if task == Binary {
				k = 1
			}
			pred := make([]float64, m.Outputs())
			for i := 0; i < n; i++ {
				m.Predict(pred, c.Params, c.X[i*c.D:(i+1)*c.D], &ws)
				for j := 0; j < k; j++ {
					if want := c.Pred[i*k+j]; math.Abs(pred[j]-want) > 1e-12 {
						t.Errorf("Predict row %d [%d] = %v, torch %v", i, j, pred[j], want)
					}
				}
			}
		})
	}
}

// TestLinearNormalEquations solves the (ridge) normal equations with gonum
// and checks that the gradient vanishes there and that F equals the closed
// form (1/n)‖Zθ − y‖² + (l2/2)‖w‖².
func TestLinearNormalEquations(t *testing.T) {
	for _, l2 := range []float64{0, 0.7} {
		r := rand.New(rand.NewPCG(3, 4))
		n, d := 57, 5
		ds := dataset(r, n, d, Regression, nil)
		for i := range ds.Y { // a linear signal plus noise
			ds.Y[i] = 3 + 0.1*r.NormFloat64()
			for j := 0; j < d; j++ {
				ds.Y[i] += float64(j+1) * ds.X[i*d+j]
			}
		}
		Z := mat.NewDense(n, d+1, nil)
		for i := 0; i < n; i++ {
			for j := 0; j < d; j++ {
				Z.Set(i, j, ds.X[i*d+j])
			}
			Z.Set(i, d, 1)
		}
		yv := mat.NewVecDense(n, ds.Y)
		var A mat.Dense
		A.Mul(Z.T(), Z)
		A.Scale(2/float64(n), &A)
		for j := 0; j < d; j++ {
			A.Set(j, j, A.At(j, j)+l2)
		}
		var rhs mat.VecDense
		rhs.MulVec(Z.T(), yv)
		rhs.ScaleVec(2/float64(n), &rhs)
		var theta mat.VecDense
		if err := theta.SolveVec(&A, &rhs); err != nil {
			t.Fatal(err)
		}
		var res mat.VecDense
		res.MulVec(Z, &theta)
		res.SubVec(&res, yv)
		want := mat.Dot(&res, &res) / float64(n)
		for j := 0; j < d; j++ {
			want += l2 / 2 * theta.AtVec(j) * theta.AtVec(j)
		}

		m := mustModel(t, fmt.Sprintf("linear:l2=%v", l2), Regression, d, nil)
		b, err := NewLocal(m, ds, 0)
		if err != nil {
			t.Fatal(err)
		}
		obj, _ := NewObjective(m, b)
		x := mat.Col(nil, 0, &theta)
		g := make([]float64, len(x))
		f := obj.ValueGrad(g, x)
		if math.Abs(f-want) > 1e-12*want {
			t.Errorf("l2=%v: F(θ*) = %.17g, closed form %.17g", l2, f, want)
		}
		for i, v := range g {
			if math.Abs(v) > 1e-11 {
				t.Errorf("l2=%v: ∇F(θ*)[%d] = %v, want 0", l2, i, v)
			}
		}
		// Away from θ* the gradient is not zero: the check above can fail.
		x[0] += 0.1
		obj.ValueGrad(g, x)
		if math.Abs(g[0]) < 1e-3 {
			t.Errorf("l2=%v: gradient %v off the optimum is ~0", l2, g[0])
		}
	}
}

// TestSoftmaxTwoClassesIsLogistic checks softmax with two classes against
// logistic regression on w = w₁ − w₀, b = b₁ − b₀: equal losses, and
// softmax's gradient is (−g, g) where g is logistic's.
func TestSoftmaxTwoClassesIsLogistic(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	ds := dataset(r, 101, 6, Binary, []float64{-1, 1})
	d := ds.D
	sm := mustModel(t, "softmax", Binary, d, ds.Y)
	lg := mustModel(t, "logistic", Binary, d, ds.Y)
	ps := randParams(r, sm, 1)
	pl := make([]float64, lg.NumParams())
	for j := 0; j < d; j++ {
		pl[j] = ps[d+j] - ps[j]
	}
	pl[d] = ps[2*d+1] - ps[2*d]
	gs, gl := make([]float64, len(ps)), make([]float64, len(pl))
	var ws Workspace
	vs := sm.LossGradDense(gs, ps, ds.X, ds.Y, nil, &ws)
	vl := lg.LossGradDense(gl, pl, ds.X, ds.Y, nil, &ws)
	if math.Abs(vs-vl) > 1e-12*vl {
		t.Errorf("softmax loss %v, logistic %v", vs, vl)
	}
	for j := 0; j <= d; j++ {
		i0, i1 := j, d+j
		if j == d {
			i0, i1 = 2*d, 2*d+1
		}
		if math.Abs(gs[i1]-gl[j]) > 1e-11 || math.Abs(gs[i0]+gl[j]) > 1e-11 {
			t.Errorf("param %d: softmax grads (%v, %v), logistic %v", j, gs[i0], gs[i1], gl[j])
		}
	}
}

// TestSparseMatchesDense checks LossGradCSR against LossGradDense on the
// same data with many zeros, with and without an index list.
func TestSparseMatchesDense(t *testing.T) {
	for _, c := range gradCases[:6] {
		r := rand.New(rand.NewPCG(7, 8))
		ds := dataset(r, 77, 11, c.task, c.labels)
		csr := sparsify(r, ds, 3)
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		p := randParams(r, m, 0.5)
		for _, idx := range [][]int{nil, {5, 3, 3, 70, 0, 9, 11}} {
			gd, gs := make([]float64, len(p)), make([]float64, len(p))
			var ws Workspace
			vd := m.LossGradDense(gd, p, ds.X, ds.Y, idx, &ws)
			vs := m.(Sparse).LossGradCSR(gs, p, csr, idx, &ws)
			if math.Abs(vd-vs) > 1e-12*math.Abs(vd) {
				t.Errorf("%s idx=%v: dense loss %v, sparse %v", c.spec, idx, vd, vs)
			}
			for i := range gd {
				if math.Abs(gd[i]-gs[i]) > 1e-11*(1+math.Abs(gd[i])) {
					t.Errorf("%s idx=%v: grad[%d] dense %v, sparse %v", c.spec, idx, i, gd[i], gs[i])
				}
			}
		}
		b, err := NewLocalCSR(m, csr, 4)
		if err != nil {
			t.Fatal(err)
		}
		g1, g2 := make([]float64, len(p)), make([]float64, len(p))
		bd, _ := NewLocal(m, ds, 4)
		v1, v2 := b.SumGrad(g1, p), bd.SumGrad(g2, p)
		if math.Abs(v1-v2) > 1e-12*math.Abs(v1) {
			t.Errorf("%s: Local CSR loss %v, dense %v", c.spec, v1, v2)
		}
		var ws Workspace
		idx := []int{4, 8, 15, 16, 23, 42}
		f1 := BatchObjectiveCSR(g1, p, m, csr, idx, &ws)
		f2 := BatchObjective(g2, p, m, ds.X, ds.Y, idx, &ws)
		if math.Abs(f1-f2) > 1e-12*math.Abs(f1) || math.Abs(g1[0]-g2[0]) > 1e-12 {
			t.Errorf("%s: BatchObjectiveCSR %v (∂₀ %v), dense %v (∂₀ %v)", c.spec, f1, g1[0], f2, g2[0])
		}
	}
}

// TestIndexedRows checks that LossGradDense over idx equals the sum over
// the same rows copied out one at a time.
func TestIndexedRows(t *testing.T) {
	for _, c := range gradCases {
		r := rand.New(rand.NewPCG(9, 10))
		ds := dataset(r, 300, 7, c.task, c.labels)
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		p := randParams(r, m, 0.5)
		idx := make([]int, 150)
		for i := range idx {
			idx[i] = r.IntN(ds.N)
		}
		g1, g2 := make([]float64, len(p)), make([]float64, len(p))
		var ws Workspace
		v1 := m.LossGradDense(g1, p, ds.X, ds.Y, idx, &ws)
		var v2 float64
		for _, i := range idx {
			v2 += m.LossGradDense(g2, p, ds.X[i*ds.D:(i+1)*ds.D], ds.Y[i:i+1], nil, &ws)
		}
		if math.Abs(v1-v2) > 1e-11*math.Abs(v1) {
			t.Errorf("%s: indexed loss %v, row by row %v", c.spec, v1, v2)
		}
		for i := range g1 {
			if math.Abs(g1[i]-g2[i]) > 1e-10*(1+math.Abs(g1[i])) {
				t.Errorf("%s: indexed grad[%d] %v, row by row %v", c.spec, i, g1[i], g2[i])
				break
			}
		}
	}
}

// TestDeterministicAcrossGOMAXPROCS compares the bits of the full-batch
// loss and gradient computed with 1, 2 and 8 threads.
func TestDeterministicAcrossGOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, s := range []string{"linear:l2=0.1", "softmax", "mlp:hidden=16,act=tanh"} {
		r := rand.New(rand.NewPCG(11, 12))
		task := Regression
		labels := []float64(nil)
		if s == "softmax" || strings.HasPrefix(s, "mlp") {
			task, labels = Multiclass, []float64{0, 1, 2}
		}
		ds := dataset(r, 40000, 13, task, labels)
		m := mustModel(t, s, task, ds.D, ds.Y)
		b, err := NewLocal(m, ds, 0)
		if err != nil {
			t.Fatal(err)
		}
		if b.Shards() < 4 {
			t.Fatalf("only %d shards", b.Shards())
		}
		p := randParams(r, m, 0.3)
		var ref []float64
		var refV float64
		for _, procs := range []int{1, 2, 8} {
			runtime.GOMAXPROCS(procs)
			g := make([]float64, len(p))
			v := b.SumGrad(g, p)
			if ref == nil {
				ref, refV = g, v
				continue
			}
			if math.Float64bits(v) != math.Float64bits(refV) {
				t.Errorf("%s: GOMAXPROCS=%d loss %x, GOMAXPROCS=1 %x", s, procs, math.Float64bits(v), math.Float64bits(refV))
			}
			for i := range g {
				if math.Float64bits(g[i]) != math.Float64bits(ref[i]) {
					t.Errorf("%s: GOMAXPROCS=%d grad[%d] %v, GOMAXPROCS=1 %v", s, procs, i, g[i], ref[i])
					break
				}
			}
		}
	}
}

// TestMLPThreads checks that a multi-threaded Workspace gives the same bits
// as a single-threaded one on a network large enough to be split.
func TestMLPThreads(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	labels := []float64{0, 1, 2, 3}
	ds := dataset(r, 300, 200, Multiclass, labels)
	m := mustModel(t, "mlp:hidden=256,64", Multiclass, ds.D, ds.Y)
	p := make([]float64, m.NumParams())
	m.Init(p, 3)
	var ref []float64
	var refV float64
	for _, threads := range []int{1, 2, 5} {
		ws := &Workspace{Threads: threads}
		g := make([]float64, len(p))
		v := m.LossGradDense(g, p, ds.X, ds.Y, nil, ws)
		if ref == nil {
			ref, refV = g, v
			continue
		}
		if v != refV {
			t.Errorf("threads=%d: loss %v, one thread %v", threads, v, refV)
		}
		for i := range g {
			if math.Float64bits(g[i]) != math.Float64bits(ref[i]) {
				t.Fatalf("threads=%d: grad[%d] %v, one thread %v", threads, i, g[i], ref[i])
			}
		}
		if a := testing.AllocsPerRun(3, func() { m.LossGradDense(g, p, ds.X, ds.Y, nil, ws) }); a != 0 {
			t.Errorf("threads=%d: %v allocations per call", threads, a)
		}
	}
}

// TestZeroAllocs checks that LossGrad calls, Predict and the full-batch
// gradient do not allocate once warmed up.
func TestZeroAllocs(t *testing.T) {
	for _, c := range gradCases {
		r := rand.New(rand.NewPCG(13, 14))
		ds := dataset(r, 300, 20, c.task, c.labels)
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		p := randParams(r, m, 0.5)
		g := make([]float64, len(p))
		idx := []int{3, 1, 4, 1, 5, 9, 2, 6}
		pred := make([]float64, m.Outputs())
		var ws Workspace
		m.LossGradDense(g, p, ds.X, ds.Y, nil, &ws)
		if a := testing.AllocsPerRun(10, func() {
			m.LossGradDense(g, p, ds.X, ds.Y, nil, &ws)
			m.LossGradDense(g, p, ds.X, ds.Y, idx, &ws)
			m.LossGradDense(nil, p, ds.X, ds.Y, nil, &ws)
			m.Predict(pred, p, ds.X[:ds.D], &ws)
			BatchObjective(g, p, m, ds.X, ds.Y, idx, &ws)
		}); a != 0 {
			t.Errorf("%s: %v allocations per call", c.spec, a)
		}
		for _, shards := range []int{1, 3} {
			b, _ := NewLocal(m, ds, shards)
			obj, _ := NewObjective(m, b)
			obj.ValueGrad(g, p)
			if a := testing.AllocsPerRun(10, func() { obj.ValueGrad(g, p) }); a != 0 {
				t.Errorf("%s: Objective.ValueGrad (%d shards): %v allocations per call", c.spec, shards, a)
			}
		}
	}
}

// TestShardLossGrad checks Local's Sharded methods: the shards tile the
// rows, ShardLossGrad over rows equals LossGradDense (or LossGradCSR) over
// the same examples addressed in the whole data set, and the shard sums added
// in shard order are SumGrad to the bit.
func TestShardLossGrad(t *testing.T) {
	for _, c := range gradCases {
		r := rand.New(rand.NewPCG(23, 24))
		ds := dataset(r, 103, 5, c.task, c.labels)
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		p := randParams(r, m, 0.5)
		b, err := NewLocal(m, ds, 4)
		if err != nil {
			t.Fatal(err)
		}
		var sb Sharded = b
		if sb.Shards() != 4 {
			t.Fatalf("%s: %d shards, want 4", c.spec, sb.Shards())
		}
		sumG, g, want := make([]float64, len(p)), make([]float64, len(p)), make([]float64, len(p))
		var sumL float64
		lo := 0
		for s := range sb.Shards() {
			n := sb.ShardRows(s)
			if wantN := (s+1)*ds.N/4 - s*ds.N/4; n != wantN {
				t.Errorf("%s: shard %d has %d rows, want %d", c.spec, s, n, wantN)
			}
			for i := range g {
				g[i] = math.NaN() // ShardLossGrad stores, it does not add
			}
			v := sb.ShardLossGrad(g, p, s, nil)
			if vl := sb.ShardLossGrad(nil, p, s, nil); vl != v {
				t.Errorf("%s: shard %d: loss only %v, with gradient %v", c.spec, s, vl, v)
			}
			sumL += v
			if s == 0 {
				copy(sumG, g)
			} else {
				for i := range g {
					sumG[i] += g[i]
				}
			}
			rows := []int{n - 1, 0, 2, 2, 1}
			glob := make([]int, len(rows))
			for k, i := range rows {
				glob[k] = lo + i
			}
			clear(want)
			var ws Workspace
			wantV := m.LossGradDense(want, p, ds.X, ds.Y, glob, &ws)
			v = sb.ShardLossGrad(g, p, s, rows)
			if math.Abs(v-wantV) > 1e-13*math.Abs(wantV) {
				t.Errorf("%s: shard %d rows %v: loss %v, whole data set %v", c.spec, s, rows, v, wantV)
			}
			for i := range g {
				if math.Abs(g[i]-want[i]) > 1e-12*(1+math.Abs(want[i])) {
					t.Errorf("%s: shard %d rows %v: grad[%d] %v, whole data set %v", c.spec, s, rows, i, g[i], want[i])
					break
				}
			}
			lo += n
		}
		if lo != sb.N() {
			t.Errorf("%s: shards hold %d rows, N = %d", c.spec, lo, sb.N())
		}
		full := make([]float64, len(p))
		if v := sb.SumGrad(full, p); math.Float64bits(v) != math.Float64bits(sumL) {
			t.Errorf("%s: SumGrad loss %v, sum of shards %v", c.spec, v, sumL)
		}
		for i := range full {
			if math.Float64bits(full[i]) != math.Float64bits(sumG[i]) {
				t.Errorf("%s: SumGrad grad[%d] %v, sum of shards %v", c.spec, i, full[i], sumG[i])
				break
			}
		}
		rows := []int{3, 1, 4}
		if a := testing.AllocsPerRun(10, func() { sb.ShardLossGrad(g, p, 1, rows) }); a != 0 {
			t.Errorf("%s: ShardLossGrad: %v allocations per call", c.spec, a)
		}
		for _, bad := range []func(){
			func() { sb.ShardLossGrad(g, p, 4, nil) },
			func() { sb.ShardLossGrad(g, p, -1, nil) },
			func() { sb.ShardLossGrad(g, p, 0, []int{sb.ShardRows(0)}) },
			func() { sb.ShardLossGrad(g, p, 0, []int{-1}) },
			func() { sb.ShardLossGrad(g[1:], p, 0, nil) },
		} {
			if !panics(bad) {
				t.Errorf("%s: ShardLossGrad accepted bad arguments", c.spec)
			}
		}
	}
}

// TestShardLossGradCSR checks that a CSR Local gives the shard sums of the
// dense one on the same data.
func TestShardLossGradCSR(t *testing.T) {
	for _, c := range gradCases[:6] {
		r := rand.New(rand.NewPCG(25, 26))
		ds := dataset(r, 61, 7, c.task, c.labels)
		csr := sparsify(r, ds, 2)
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		p := randParams(r, m, 0.5)
		bs, err := NewLocalCSR(m, csr, 3)
		if err != nil {
			t.Fatal(err)
		}
		bd, _ := NewLocal(m, ds, 3)
		gs, gd := make([]float64, len(p)), make([]float64, len(p))
		for s := range bs.Shards() {
			for _, rows := range [][]int{nil, {5, 0, 5, 19}} {
				vs, vd := bs.ShardLossGrad(gs, p, s, rows), bd.ShardLossGrad(gd, p, s, rows)
				if math.Abs(vs-vd) > 1e-12*math.Abs(vd) {
					t.Errorf("%s: shard %d rows %v: CSR loss %v, dense %v", c.spec, s, rows, vs, vd)
				}
				for i := range gd {
					if math.Abs(gs[i]-gd[i]) > 1e-11*(1+math.Abs(gd[i])) {
						t.Errorf("%s: shard %d rows %v: grad[%d] CSR %v, dense %v", c.spec, s, rows, i, gs[i], gd[i])
						break
					}
				}
			}
		}
	}
}

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

func TestInit(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	ds := dataset(r, 10, 400, Multiclass, []float64{0, 1, 2})
	for _, act := range []string{"relu", "tanh"} {
		m := mustModel(t, "mlp:hidden=300,act="+act, Multiclass, ds.D, ds.Y)
		p := make([]float64, m.NumParams())
		m.Init(p, 42)
		q := make([]float64, m.NumParams())
		m.Init(q, 42)
		for i := range p {
			if p[i] != q[i] {
				t.Fatalf("%s: Init not deterministic at %d", act, i)
			}
		}
		w := p[:400*300]
		var sq, maxAbs float64
		for _, v := range w {
			sq += v * v
			maxAbs = max(maxAbs, math.Abs(v))
		}
		std := math.Sqrt(sq / float64(len(w)))
		switch act {
		case "relu": // He: std √(2/400)
			if want := math.Sqrt(2.0 / 400); math.Abs(std-want) > 0.01*want {
				t.Errorf("relu: weight std %v, He wants %v", std, want)
			}
		case "tanh": // Glorot uniform: limit √(6/700), std limit/√3
			lim := math.Sqrt(6.0 / 700)
			if maxAbs > lim || maxAbs < 0.99*lim || math.Abs(std-lim/math.Sqrt(3)) > 0.01*lim {
				t.Errorf("tanh: max |w| %v, std %v; Glorot limit %v", maxAbs, std, lim)
			}
		}
		for _, blk := range m.Layout() {
			if !blk.Weight {
				for _, v := range p[blk.Offset : blk.Offset+blk.Rows*blk.Cols] {
					if v != 0 {
						t.Fatalf("%s: bias %s not zero", act, blk.Name)
					}
				}
			}
		}
	}
}

func TestNewErrors(t *testing.T) {
	for _, c := range []struct {
		spec    string
		task    Task
		classes []float64
		want    string
	}{
		{"nosuch", Regression, nil, `unknown model "nosuch"`},
		{"linear", Binary, []float64{0, 1}, `does not do binary tasks`},
		{"logistic", Regression, nil, `does not do regression`},
		{"linear:l2=-1", Regression, nil, `penalties must be ≥ 0`},
		{"linear:alpha=1", Regression, nil, `has no parameter "alpha"`},
		{"mlp:hidden=0", Regression, nil, `widths must be ≥ 1`},
		{"mlp:act=gelu", Regression, nil, `not one of relu, tanh, sigmoid`},
		{"softmax", Multiclass, []float64{1}, `needs 2 to`},
		{"softmax", Multiclass, []float64{2, 1}, `strictly increasing`},
	} {
		_, err := newModel(c.spec, c.task, 3, c.classes)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%q): error %v, want it to contain %q", c.spec, err, c.want)
		}
	}
	m, err := newModel("mlp:hidden=8;4,act=tanh", Multiclass, 3, []float64{0, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Spec(), "mlp:hidden=8,4,act=tanh,l2=0,l1=0"; got != want {
		t.Errorf("Spec = %q, want %q", got, want)
	}
	if got, want := m.NumParams(), 3*8+8+8*4+4+4*3+3; got != want {
		t.Errorf("NumParams = %d, want %d", got, want)
	}
}

func TestClasses(t *testing.T) {
	for _, c := range []struct {
		task Task
		y    []float64
		want []float64
		err  string
	}{
		{Binary, []float64{1, 1, 0}, []float64{0, 1}, ""},
		{Binary, []float64{1, 1}, []float64{0, 1}, ""},
		{Binary, []float64{-1, 1, -1}, []float64{-1, 1}, ""},
		{Binary, []float64{-1, -1}, []float64{-1, 1}, ""},
		{Binary, []float64{2, 5, 2}, []float64{2, 5}, ""},
		{Binary, []float64{0, 1, 2}, nil, "two distinct labels, found 3"},
		{Binary, []float64{7, 7}, nil, "found only 7"},
		{Multiclass, []float64{3, 1, 2, 1}, []float64{1, 2, 3}, ""},
		{Multiclass, []float64{3, 3}, nil, "at least two"},
		{Regression, []float64{1, math.NaN()}, nil, "target 1 is NaN"},
	} {
		got, err := Classes(c.task, c.y)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Classes(%v, %v): error %v, want %q", c.task, c.y, err, c.err)
			}
			continue
		}
		if err != nil || fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Classes(%v, %v) = %v, %v; want %v", c.task, c.y, got, err, c.want)
		}
	}
}

func TestBackendValidation(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	ds := dataset(r, 10, 3, Binary, []float64{0, 1})
	m := mustModel(t, "logistic", Binary, 3, ds.Y)
	ds.Y[4] = 2
	if _, err := NewLocal(m, ds, 0); err == nil || !strings.Contains(err.Error(), "label 2 of example 5") {
		t.Errorf("bad label: %v", err)
	}
	ds.Y[4] = 1
	ds.X[7] = math.Inf(1)
	if _, err := NewLocal(m, ds, 0); err == nil || !strings.Contains(err.Error(), "feature 2 of example 3 is +Inf") {
		t.Errorf("bad feature: %v", err)
	}
	ds.X[7] = 0
	m4 := mustModel(t, "logistic", Binary, 4, ds.Y)
	if _, err := NewLocal(m4, ds, 0); err == nil || !strings.Contains(err.Error(), "expects 4") {
		t.Errorf("feature count: %v", err)
	}
	mlp := mustModel(t, "mlp", Binary, 3, ds.Y)
	if _, err := NewLocalCSR(mlp, &data.CSR{N: 1, D: 3, Indptr: []int{0, 0}, Y: []float64{1}}, 0); err == nil || !strings.Contains(err.Error(), "does not support sparse") {
		t.Errorf("mlp on CSR: %v", err)
	}
}

// TestLayout checks that the blocks tile θ in order and that Penalty touches
// exactly the weight blocks.
func TestLayout(t *testing.T) {
	for _, c := range gradCases {
		m, err := newModel(c.spec, c.task, 5, c.labels)
		if err != nil {
			t.Fatal(err)
		}
		off := 0
		p := make([]float64, m.NumParams())
		for i := range p {
			p[i] = 1
		}
		g := make([]float64, len(p))
		m.Penalty(g, p)
		for _, b := range m.Layout() {
			if b.Offset != off {
				t.Errorf("%s: block %s at %d, want %d", c.spec, b.Name, b.Offset, off)
			}
			off += b.Rows * b.Cols
			for _, v := range g[b.Offset : b.Offset+b.Rows*b.Cols] {
				if (v != 0) != b.Weight {
					t.Errorf("%s: penalty gradient %v in block %s (weight=%v)", c.spec, v, b.Name, b.Weight)
					break
				}
			}
		}
		if off != m.NumParams() {
			t.Errorf("%s: blocks cover %d of %d parameters", c.spec, off, m.NumParams())
		}
	}
}

// sparsify zeroes about one in every k entries of ds.X, at random, and
// returns the same data in CSR form.
func sparsify(r *rand.Rand, ds *data.Dense, k int) *data.CSR {
	csr := &data.CSR{N: ds.N, D: ds.D, Indptr: []int{0}, Y: ds.Y}
	for i := 0; i < ds.N; i++ {
		for j := 0; j < ds.D; j++ {
			if r.IntN(k) == 0 {
				ds.X[i*ds.D+j] = 0
				continue
			}
			csr.Indices = append(csr.Indices, int32(j))
			csr.Values = append(csr.Values, ds.X[i*ds.D+j])
		}
		csr.Indptr = append(csr.Indptr, len(csr.Values))
	}
	return csr
}
