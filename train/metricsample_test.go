package train

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
)

// TestSampleIndexesFloyd: sampleIndexes (a bitset of the drawn indexes)
// draws the same samples as Floyd's algorithm written as in Bentley &
// Floyd (1987), with a set: the metric and probe samples of a seed did not
// change when the map gave way to the bitset.
func TestSampleIndexesFloyd(t *testing.T) {
	floyd := func(n, k int, seed uint64) []int {
		r := rand.New(rand.NewPCG(seed, metricTag))
		set := map[int]bool{}
		var out []int
		for j := n - k; j < n; j++ {
			t := r.IntN(j + 1)
			if set[t] {
				t = j
			}
			set[t] = true
			out = append(out, t)
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct{ n, k int }{{1, 1}, {20, 5}, {64, 64}, {65, 30}, {1000, 999}, {100000, 10000}, {25000, 2000}} {
		for seed := range uint64(3) {
			if got, want := sampleIndexes(c.n, c.k, seed), floyd(c.n, c.k, seed); !equalInts(got, want) {
				t.Errorf("n %d k %d seed %d: the bitset draws another sample than Floyd's set", c.n, c.k, seed)
			}
		}
	}
}

// TestSampleIndexes: k distinct indexes of [0, n) in increasing order,
// the same for a seed, others for another, and each index about as likely
// as any (Floyd's algorithm draws uniform k-subsets): over 4000 seeds,
// every index of 20 is drawn 4000·5/20 = 1000 ± 4.5σ times.
func TestSampleIndexes(t *testing.T) {
	a, b := sampleIndexes(1000, 100, 7), sampleIndexes(1000, 100, 7)
	if len(a) != 100 || a[0] < 0 || a[99] >= 1000 {
		t.Fatalf("sample %v", a)
	}
	for i := range a {
		if a[i] != b[i] || (i > 0 && a[i] <= a[i-1]) {
			t.Fatalf("not increasing, distinct and reproducible at %d: %v", i, a)
		}
	}
	if c := sampleIndexes(1000, 100, 8); equalInts(a, c) {
		t.Error("seeds 7 and 8 draw the same sample")
	}
	count := make([]int, 20)
	for seed := range uint64(4000) {
		for _, i := range sampleIndexes(20, 5, seed) {
			count[i]++
		}
	}
	sd := math.Sqrt(4000 * 0.25 * 0.75)
	for i, c := range count {
		if math.Abs(float64(c)-1000) > 4.5*sd {
			t.Errorf("index %d drawn %d times of 4000, want 1000 ± %.0f", i, c, 4.5*sd)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMetricSample: measuring the epochs on a sample changes no weight —
// the final model and its metrics (on every row) are bit-identical to a
// run measured on every row, as is each epoch's mean batch loss — while
// each epoch's F is the objective of the sampled rows at that epoch's
// weights: for the last epoch, recomputed here from the final weights.
func TestMetricSample(t *testing.T) {
	base := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("sgd:lr=0.1"), Batch: 16, Epochs: 4, Standardize: true, Seed: 3}
	full := base
	full.MetricRows = -1
	a := mustTrain(t, full)
	s := base
	s.MetricRows = 40
	b := mustTrain(t, s)
	if a.MetricRows != 0 || b.MetricRows != 40 {
		t.Fatalf("metric_rows %d and %d, want absent and 40", a.MetricRows, b.MetricRows)
	}
	if math.Float64bits(float64(a.TrainLoss)) != math.Float64bits(float64(b.TrainLoss)) || *a.TrainAccuracy != *b.TrainAccuracy {
		t.Errorf("final loss %v vs %v, accuracy %v vs %v: the sample changed the model", a.TrainLoss, b.TrainLoss, *a.TrainAccuracy, *b.TrainAccuracy)
	}
	for e := range a.History {
		if a.History[e].BatchLoss != b.History[e].BatchLoss && !(math.IsNaN(float64(a.History[e].BatchLoss)) && math.IsNaN(float64(b.History[e].BatchLoss))) {
			t.Errorf("epoch %d: batch loss %v vs %v", e, a.History[e].BatchLoss, b.History[e].BatchLoss)
		}
	}
	// The last epoch's F on the sample, recomputed from its weights and the
	// same rows (standardized as training saw them) by model.BatchObjective.
	var w []float64
	s.OnWeights = func(epoch int, tr *Trained) error {
		w = append(w[:0], tr.Params...)
		return nil
	}
	mustTrain(t, s)
	f, err := os.Open(irisCSV)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := data.ReadCSV(f, irisCSV, data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var z data.Standardization
	z.Fit(ds)
	z.Apply(ds)
	sub := gatherRows(ds, sampleIndexes(ds.N, 40, 3))
	m, err := model.New(mustSpec("softmax"), model.Multiclass, 4, []float64{0, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	want := model.BatchObjective(nil, w, m, sub.X, sub.Y, nil, &model.Workspace{})
	last := b.History[len(b.History)-1]
	if math.Abs(float64(last.TrainLoss)-want) > 1e-12*want {
		t.Errorf("last epoch F on the sample %v, recomputed %v", last.TrainLoss, want)
	}
}

// TestMetricSampleStreamReadsOnce: a streamed mini-batch epoch measured on
// a sample reads the file once; measured on every row, three times (the
// batches; F and ‖∇F‖; the accuracy). The sample costs one read at setup.
func TestMetricSampleStreamReadsOnce(t *testing.T) {
	reads := func(rows int) (setup int, perEpoch []int) {
		cfg := Config{Source: Source{Path: irisCSV, Stream: true, BufferRows: 32}, Model: mustSpec("softmax"), Opt: mustSpec("sgd:lr=0.1"), Batch: 16, Epochs: 5, Seed: 3, MetricRows: rows}
		s, err := newSetup(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer s.close()
		ss := s.tr.(*streamSet)
		setup = ss.reads
		last := setup
		s.cfg.OnEpoch = func(r EpochStats) error {
			if r.Epoch > 0 {
				perEpoch = append(perEpoch, ss.reads-last)
			}
			last = ss.reads
			return nil
		}
		if _, err := s.run(context.Background(), time.Now()); err != nil {
			t.Fatal(err)
		}
		return setup, perEpoch
	}
	s1, e1 := reads(40)
	s2, e2 := reads(-1)
	if s1 != s2+1 || fmt.Sprint(e1) != "[1 1 1 1 1]" || fmt.Sprint(e2) != "[3 3 3 3 3]" {
		t.Errorf("reads at setup %d and %d, per epoch %v and %v (sample, every row): want one more at setup, and 1 against 3 per epoch", s1, s2, e1, e2)
	}
}
