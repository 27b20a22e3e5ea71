package data

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// handData has a column with mean 2 and population variance 2/3, one with
// mean 30 and variance 1400/3, and a constant column.
func handData() *Dense {
	return &Dense{N: 3, D: 3, X: []float64{
		1, 10, 5,
		2, 20, 5,
		3, 60, 5,
	}, Y: []float64{0, 1, 2}}
}

func TestStandardization(t *testing.T) {
	d := handData()
	var s Standardization
	s.Fit(d)
	wantMean := []float64{2, 30, 5}
	wantStd := []float64{math.Sqrt(2.0 / 3), math.Sqrt(1400.0 / 3), 1}
	for j := range wantMean {
		if !near(s.Mean[j], wantMean[j], 1e-15) || !near(s.Std[j], wantStd[j], 1e-15) {
			t.Errorf("column %d: mean %v, std %v; want %v, %v", j, s.Mean[j], s.Std[j], wantMean[j], wantStd[j])
		}
	}
	s.Apply(d)
	a, b := 1/math.Sqrt(2.0/3), 1/math.Sqrt(1400.0/3)
	want := []float64{
		-a, -20 * b, 0,
		0, -10 * b, 0,
		a, 30 * b, 0,
	}
	for k := range want {
		if !near(d.X[k], want[k], 1e-15) {
			t.Errorf("X[%d] = %v, want %v", k, d.X[k], want[k])
		}
	}
}

// TestStandardizationConstant checks that constant columns whose mean is not
// exactly representable get std 1 and become exactly zero.
func TestStandardizationConstant(t *testing.T) {
	d := &Dense{N: 3, D: 1, X: []float64{0.1, 0.1, 0.1}, Y: []float64{0, 0, 0}}
	var s Standardization
	s.Fit(d)
	if s.Std[0] != 1 || s.Mean[0] != 0.1 {
		t.Errorf("constant column: mean %v, std %v; want 0.1, 1", s.Mean[0], s.Std[0])
	}
	s.Apply(d)
	for _, v := range d.X {
		if v != 0 {
			t.Errorf("standardized constant column has %v, want 0", v)
		}
	}
}

func TestStandardizationCSR(t *testing.T) {
	// Columns: 0 is sparse with values 3 and -1 among 4 rows (mean 0.5,
	// population variance (6.25+2.25+0.25+0.25)/4 = 2.25), 1 is all 7
	// (constant), 2 is empty (constant 0).
	m := &CSR{N: 4, D: 3,
		Indptr:  []int{0, 2, 3, 5, 6},
		Indices: []int32{0, 1, 1, 0, 1, 1},
		Values:  []float64{3, 7, 7, -1, 7, 7},
		Y:       []float64{0, 0, 0, 0},
	}
	var s Standardization
	s.FitCSR(m)
	if want := []float64{0.5, 7, 0}; !slices.Equal(s.Mean, want) {
		t.Errorf("Mean = %v, want %v", s.Mean, want)
	}
	if want := []float64{1.5, 1, 1}; !slices.Equal(s.Std, want) {
		t.Errorf("Std = %v, want %v", s.Std, want)
	}
	s.ApplyCSR(m)
	if want := []float64{2, 7, 7, -1.0 / 1.5, 7, 7}; !slices.Equal(m.Values, want) {
		t.Errorf("Values = %v, want %v (scaled, not centered)", m.Values, want)
	}
}

// TestStandardizationFitCSRRandom compares FitCSR with Fit on the same data in
// dense form.
func TestStandardizationFitCSRRandom(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	const n, d = 300, 8
	dense := &Dense{N: n, D: d, X: make([]float64, n*d), Y: make([]float64, n)}
	m := &CSR{N: n, D: d, Indptr: []int{0}, Y: make([]float64, n)}
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			if rng.IntN(d) <= j { // column j has density about (j+1)/d
				v := rng.NormFloat64()*float64(j+1) + float64(j)
				dense.X[i*d+j] = v
				m.Indices = append(m.Indices, int32(j))
				m.Values = append(m.Values, v)
			}
		}
		m.Indptr = append(m.Indptr, len(m.Indices))
	}
	var sd, ss Standardization
	sd.Fit(dense)
	ss.FitCSR(m)
	for j := 0; j < d; j++ {
		if !near(ss.Mean[j], sd.Mean[j], 1e-13) || !near(ss.Std[j], sd.Std[j], 1e-13) {
			t.Errorf("column %d: FitCSR gives %v, %v; Fit gives %v, %v", j, ss.Mean[j], ss.Std[j], sd.Mean[j], sd.Std[j])
		}
	}
}

func TestStandardizationFitSource(t *testing.T) {
	path := writeFile(t, "s.csv", genCSV(1234, false))
	opt := CSVOptions{Features: []string{"a", "b"}}
	all, err := ReadCSVFile(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	s, err := OpenStream(path, CSV, StreamOptions{ChunkRows: 100, CSV: opt})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var want, got Standardization
	want.Fit(all)
	if err := got.FitSource(s); err != nil {
		t.Fatal(err)
	}
	for j := range want.Mean {
		if !near(got.Mean[j], want.Mean[j], 1e-13) || !near(got.Std[j], want.Std[j], 1e-13) {
			t.Errorf("column %d: FitSource gives %v, %v; Fit gives %v, %v", j, got.Mean[j], got.Std[j], want.Mean[j], want.Std[j])
		}
	}
	// The stream is reset for training.
	if n := drainDense(t, s, 100).N; n != 1234 {
		t.Errorf("after FitSource the stream yields %d rows, want 1234", n)
	}
}

func TestStandardizationPanics(t *testing.T) {
	var s Standardization
	s.Fit(handData())
	for name, f := range map[string]func(){
		"Fit empty":       func() { new(Standardization).Fit(&Dense{D: 2}) },
		"FitCSR empty":    func() { new(Standardization).FitCSR(&CSR{D: 2, Indptr: []int{0}}) },
		"Apply mismatch":  func() { s.Apply(&Dense{N: 1, D: 2, X: []float64{1, 2}, Y: []float64{0}}) },
		"ApplyCSR mismch": func() { s.ApplyCSR(&CSR{N: 0, D: 2, Indptr: []int{0}}) },
		"ApplyRow mismch": func() { s.ApplyRow([]float64{1, 2}) },
		"ApplyCSR center": func() { s.ApplyCSR(&CSR{N: 0, D: 3, Indptr: []int{0}}) },
	} {
		if !panics(f) {
			t.Errorf("%s: no panic", name)
		}
	}
}

func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

// rowIDs returns a data set whose row i has features (i, -i) and target i.
func rowIDs(n int) *Dense {
	d := &Dense{N: n, D: 2, Features: []string{"i", "minus_i"}, Target: "id"}
	for i := 0; i < n; i++ {
		d.X = append(d.X, float64(i), float64(-i))
		d.Y = append(d.Y, float64(i))
	}
	return d
}

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		n       int
		valFrac float64
		wantVal int
	}{
		{100, 0.2, 20}, {10, 0.25, 3}, {10, 0.24, 2}, {7, 0, 0}, {7, 1, 7}, {1, 0.5, 1},
	} {
		d := rowIDs(tt.n)
		train, val := Split(d, tt.valFrac, 1)
		if val.N != tt.wantVal || train.N != tt.n-tt.wantVal {
			t.Errorf("n %d, valFrac %v: sizes %d/%d, want %d/%d", tt.n, tt.valFrac, train.N, val.N, tt.n-tt.wantVal, tt.wantVal)
			continue
		}
		var ids []int
		for _, p := range []*Dense{train, val} {
			if len(p.X) != p.N*2 || len(p.Y) != p.N || !slices.Equal(p.Features, d.Features) || p.Target != "id" {
				t.Fatalf("malformed part %+v", p)
			}
			for i := 0; i < p.N; i++ {
				if r := p.Row(i); r[0] != p.Y[i] || r[1] != -p.Y[i] {
					t.Errorf("row %v does not match its target %v", r, p.Y[i])
				}
				if i > 0 && p.Y[i] <= p.Y[i-1] {
					t.Errorf("part does not keep the original order")
				}
				ids = append(ids, int(p.Y[i]))
			}
		}
		if !isPermutation(ids) {
			t.Errorf("n %d: the parts are not a partition of the rows", tt.n)
		}
		// The parts are copies.
		if train.N > 0 {
			train.X[0] = 1e9
			if slices.Contains(d.X, 1e9) {
				t.Errorf("train shares storage with d")
			}
		}
	}
	d := rowIDs(1000)
	_, v1 := Split(d, 0.3, 5)
	_, v2 := Split(d, 0.3, 5)
	_, v3 := Split(d, 0.3, 6)
	if !slices.Equal(v1.Y, v2.Y) {
		t.Errorf("Split is not deterministic for a seed")
	}
	if slices.Equal(v1.Y, v3.Y) {
		t.Errorf("seeds 5 and 6 give the same split")
	}
	for _, f := range []float64{-0.1, 1.1, math.NaN()} {
		if !panics(func() { Split(d, f, 1) }) {
			t.Errorf("Split with valFrac %v: no panic", f)
		}
	}
}

func TestSplitCSR(t *testing.T) {
	const n = 50
	d := rowIDs(n)
	m := &CSR{N: n, D: 3, Indptr: []int{0}}
	for i := 0; i < n; i++ {
		// Row i has i%3 entries, each with value i.
		for j := 0; j < i%3; j++ {
			m.Indices = append(m.Indices, int32(j))
			m.Values = append(m.Values, float64(i))
		}
		m.Indptr = append(m.Indptr, len(m.Indices))
		m.Y = append(m.Y, float64(i))
	}
	train, val := SplitCSR(m, 0.3, 11)
	dtrain, dval := Split(d, 0.3, 11)
	if !slices.Equal(train.Y, dtrain.Y) || !slices.Equal(val.Y, dval.Y) {
		t.Fatalf("SplitCSR chose other rows than Split")
	}
	for _, p := range []*CSR{train, val} {
		if len(p.Indptr) != p.N+1 || p.D != 3 {
			t.Fatalf("malformed part %+v", p)
		}
		for i := 0; i < p.N; i++ {
			id := p.Y[i]
			lo, hi := p.Indptr[i], p.Indptr[i+1]
			if hi-lo != int(id)%3 {
				t.Errorf("row %v has %d entries, want %d", id, hi-lo, int(id)%3)
			}
			for k := lo; k < hi; k++ {
				if p.Values[k] != id || p.Indices[k] != int32(k-lo) {
					t.Errorf("row %v has entry %d:%v", id, p.Indices[k], p.Values[k])
				}
			}
		}
	}
}

func TestPermutation(t *testing.T) {
	p := make([]int, 100)
	Permutation(p, NewRand(1))
	if !isPermutation(p) || slices.Equal(p, identity(100)) {
		t.Errorf("Permutation gave %v", p)
	}
	q := make([]int, 100)
	Permutation(q, NewRand(1))
	if !slices.Equal(p, q) {
		t.Errorf("Permutation is not deterministic for a seed")
	}
	Permutation(q, NewRand(2))
	if slices.Equal(p, q) {
		t.Errorf("seeds 1 and 2 give the same permutation")
	}
	Permutation(nil, NewRand(1)) // must not panic

	// EpochPermutation depends only on seed, epoch and length.
	e0, e1, again := make([]int, 100), make([]int, 100), make([]int, 100)
	EpochPermutation(e0, 3, 0)
	EpochPermutation(e1, 3, 1)
	EpochPermutation(again, 3, 0)
	if !isPermutation(e0) || !isPermutation(e1) || slices.Equal(e0, e1) || !slices.Equal(e0, again) {
		t.Errorf("EpochPermutation: epoch 0 %v, epoch 1 %v, epoch 0 again %v", e0, e1, again)
	}
}

// TestPermutationUniform checks that all 24 permutations of 4 elements are
// equally likely.
func TestPermutationUniform(t *testing.T) {
	const draws = 24000
	rng := NewRand(99)
	count := map[[4]int]int{}
	p := make([]int, 4)
	for i := 0; i < draws; i++ {
		Permutation(p, rng)
		count[[4]int(p)]++
	}
	if len(count) != 24 {
		t.Fatalf("%d distinct permutations, want 24", len(count))
	}
	// Each count is binomial(24000, 1/24): mean 1000, sd ≈ 31.2; allow 5 sd.
	for perm, c := range count {
		if c < 844 || c > 1156 {
			t.Errorf("permutation %v drawn %d times, want about 1000", perm, c)
		}
	}
}

func TestGather(t *testing.T) {
	src := rowIDs(10)
	var dst Dense
	Gather(&dst, src, []int{7, 2, 2, 9})
	want := &Dense{N: 4, D: 2, X: []float64{7, -7, 2, -2, 2, -2, 9, -9}, Y: []float64{7, 2, 2, 9}, Features: src.Features, Target: "id"}
	if !denseEqual(&dst, want) {
		t.Errorf("Gather: got %+v, want %+v", dst, *want)
	}
	x := &dst.X[0]
	Gather(&dst, src, []int{1})
	if dst.N != 1 || !slices.Equal(dst.X, []float64{1, -1}) || &dst.X[0] != x {
		t.Errorf("Gather into a large enough dst: got %+v, or storage not reused", dst)
	}

	m := &CSR{N: 3, D: 4, Indptr: []int{0, 1, 1, 3}, Indices: []int32{3, 0, 2}, Values: []float64{1, 2, 3}, Y: []float64{10, 11, 12}}
	var mc CSR
	GatherCSR(&mc, m, []int{2, 1, 0})
	wantCSR := &CSR{N: 3, D: 4, Indptr: []int{0, 2, 2, 3}, Indices: []int32{0, 2, 3}, Values: []float64{2, 3, 1}, Y: []float64{12, 11, 10}}
	if !csrEqual(&mc, wantCSR) {
		t.Errorf("GatherCSR: got %+v, want %+v", mc, *wantCSR)
	}
}

// TestStandardizationHugeValues (issue 13): columns whose sums of squares
// overflow float64 get finite statistics (closed forms: 1e200·(1,2,3,4)
// has mean 2.5e200 and population sd √1.25·1e200), so standardized
// training and the model file's JSON work.
func TestStandardizationHugeValues(t *testing.T) {
	d := &Dense{N: 4, D: 2, X: []float64{1e200, 1e308, 2e200, 1.5e308, 3e200, 3, 4e200, 4}}
	var s Standardization
	s.Fit(d)
	for _, c := range []struct{ got, want float64 }{
		{s.Mean[0], 2.5e200}, {s.Std[0], math.Sqrt(1.25) * 1e200},
		{s.Mean[1], (2.5e308 + 7) / 4},
	} {
		if math.Abs(c.got-c.want) > 1e-14*c.want {
			t.Errorf("got %g, want %g", c.got, c.want)
		}
	}
	if math.IsInf(s.Std[1], 0) || math.IsNaN(s.Std[1]) || s.Std[1] <= 0 {
		t.Errorf("std of the 1e308 column = %g, want finite", s.Std[1])
	}
}
