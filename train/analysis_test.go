package train

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/descentgo/descent/data"
	"gonum.org/v1/gonum/mat"
)

// synthetic returns n rows of d features, column j ~ N(j, (j+1)²), and a
// linear target with noise, seeded.
func synthetic(n, d int, seed uint64) *data.Dense {
	r := rand.New(rand.NewPCG(seed, 1))
	ds := &data.Dense{N: n, D: d, X: make([]float64, n*d), Y: make([]float64, n)}
	for i := range n {
		y := 0.0
		for j := range d {
			v := float64(j) + float64(j+1)*r.NormFloat64()
			ds.X[i*d+j] = v
			y += v * float64(j%3-1)
		}
		ds.Y[i] = y + r.NormFloat64()
	}
	return ds
}

// TestAnalysisSample: a split larger than AnalysisRows is analysed on a
// seeded sample of AnalysisRows distinct rows of it (the same rows for the
// same seed); the curvature of linear regression measured there is within
// 3 % of λmax((2/n)·X̃ᵀX̃) on every row (computed here with gonum's
// EigenSym), and the result says how many rows it used. A split of at most
// AnalysisRows rows is analysed whole.
func TestAnalysisSample(t *testing.T) {
	const n, d = 25000, 4
	ds := synthetic(n, d, 7)
	p := d + 1
	A := mat.NewSymDense(p, nil)
	for i := range n {
		row := append(append([]float64(nil), ds.X[i*d:(i+1)*d]...), 1)
		for a := range p {
			for b := a; b < p; b++ {
				A.SetSym(a, b, A.At(a, b)+2*row[a]*row[b]/n)
			}
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(A, false) {
		t.Fatal("eigen-decomposition failed")
	}
	vals := eig.Values(nil)
	want := vals[len(vals)-1]

	cfg := Config{Source: Source{Memory: ds}, Model: mustSpec("linear"), Opt: mustSpec("gd:lr=1e-4"), Batch: 0, Epochs: 3, Seed: 5}
	res := mustTrain(t, cfg)
	cv := res.Curvature
	if cv == nil || cv.Rows != AnalysisRows {
		t.Fatalf("curvature %+v, want one measured on %d rows", cv, AnalysisRows)
	}
	if got := float64(cv.L); math.Abs(got-want) > 0.03*want {
		t.Errorf("L on the sample %.6g, on every row %.6g", got, want)
	}
	s, err := newSetup(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	a, b := s.analysis(), s.analysis()
	if a != b || !a.sampled || a.n != AnalysisRows {
		t.Fatalf("analysis set: sampled %v, %d rows (built once: %v)", a.sampled, a.n, a == b)
	}
	// The sample's rows are rows of the split, each at most once.
	seen := map[[2]float64]bool{}
	ms := a.set.(*memSet)
	for i := range ms.dense.N {
		k := [2]float64{ms.dense.X[i*d], ms.dense.Y[i]}
		if seen[k] {
			t.Fatalf("row %d drawn twice", i)
		}
		seen[k] = true
	}
	small := cfg
	small.Source = Source{Memory: synthetic(AnalysisRows, d, 7)}
	if r := mustTrain(t, small); r.Curvature == nil || r.Curvature.Rows != 0 {
		t.Errorf("a split of %d rows: curvature %+v, want every row", AnalysisRows, r.Curvature)
	}
}

// TestMLPCurvatureRowsFollowTheWork: an MLP's curvature estimate costs
// 2·2·MLPCurvatureSteps gradient passes over its rows; the rows are
// bounded so that this stays within curvatureShare of the example
// gradients the run computed (above minCurvatureRows).
func TestMLPCurvatureRowsFollowTheWork(t *testing.T) {
	ds := synthetic(20000, 3, 3)
	for _, epochs := range []int{1, 40} {
		cfg := Config{Source: Source{Memory: ds}, Model: mustSpec("mlp:hidden=4"), Opt: mustSpec("adam:lr=0.01"), Batch: 100, Epochs: epochs, Seed: 2, Standardize: true}
		res := mustTrain(t, cfg)
		rows := res.Curvature.Rows
		work := float64(res.Steps * 100)
		// 1 epoch: 2·10⁴ example gradients, the floor of 500 rows; 40
		// epochs: 8·10⁵, whose 4 % buys 666 rows.
		if ok := epochs == 1 && rows == minCurvatureRows || epochs == 40 && rows > minCurvatureRows && float64(rows*2*2*12) <= curvatureShare*work; !ok {
			t.Errorf("%d epochs (%g example gradients): curvature on %d rows", epochs, work, rows)
		}
		if res.AdviceSeconds <= 0 {
			t.Errorf("%d epochs: advice_seconds %g", epochs, res.AdviceSeconds)
		}
	}
}

// TestProbeRowsFollowTheBudget: the diagnosis's probes train on a sample
// of the analysis set sized so that one probe costs about probeShare of
// the run's budget of example gradients (at least minProbeRows rows, at
// most the analysis set): a probe lasts at least an epoch, which on a
// 10,000-row sample was 3 % of a 3-epoch run on 100,000 rows. Its rows are
// distinct rows of the analysis set.
func TestProbeRowsFollowTheBudget(t *testing.T) {
	const n, d = 25000, 4
	ds := synthetic(n, d, 7)
	for _, tc := range []struct {
		epochs, want int
	}{
		{3, minProbeRows},   // 0.007·3·25,000 = 525
		{20, 3500},          // 0.007·20·25,000
		{100, AnalysisRows}, // 17,500 > the analysis set
		{250, AnalysisRows}, // probeLen 3: 0.007·250·25,000/3 > 10,000
	} {
		cfg := Config{Source: Source{Memory: ds}, Model: mustSpec("linear"), Opt: mustSpec("adam:lr=1e-3"), Batch: 50, Epochs: tc.epochs, Seed: 5}
		s, err := newSetup(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		p := s.probeData()
		if p.n != tc.want || p != s.probeData() {
			t.Errorf("%d epochs: probes on %d rows (built once: %v), want %d", tc.epochs, p.n, p == s.probeData(), tc.want)
		}
		rows := map[[2]float64]bool{}
		a := s.analysis().set.(*memSet).dense
		for i := range a.N {
			rows[[2]float64{a.X[i*d], a.Y[i]}] = true
		}
		seen := map[[2]float64]bool{}
		pd := p.set.(*memSet).dense
		for i := range pd.N {
			k := [2]float64{pd.X[i*d], pd.Y[i]}
			if seen[k] || !rows[k] {
				t.Fatalf("%d epochs: probe row %d drawn twice or not from the analysis set", tc.epochs, i)
			}
			seen[k] = true
		}
		s.close()
	}
}
