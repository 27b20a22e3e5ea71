package train

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestSparseAdamNeedsSparseData: sparse_adam trains a softmax model on
// LIBSVM data (sparse kernels: the untouched coordinates of a mini-batch
// get exact zeros) down from log 3, and is refused, naming --opt's field
// and saying why, on CSV data and on an MLP (which reads LIBSVM densely).
func TestSparseAdamNeedsSparseData(t *testing.T) {
	svm := filepath.Join(t.TempDir(), "iris.svm")
	writeLIBSVM(t, irisCSV, svm)
	r := mustTrain(t, Config{Source: Source{Path: svm}, Model: mustSpec("softmax"), Opt: mustSpec("sparse_adam:lr=0.05"), Batch: 16, Epochs: 30, Seed: 1})
	if l := float64(r.TrainLoss); !(l < 0.5) {
		t.Errorf("sparse_adam on LIBSVM iris: train loss %g after 30 epochs, want < 0.5 (log 3 = 1.1 at the start)", l)
	}
	for _, c := range []struct{ path, model string }{{irisCSV, "softmax"}, {svm, "mlp:hidden=4"}} {
		_, err := Train(context.Background(), Config{Source: Source{Path: c.path}, Model: mustSpec(c.model), Opt: mustSpec("sparse_adam"), Batch: 16, Epochs: 2})
		if err == nil || !strings.Contains(err.Error(), "this problem is dense") {
			t.Errorf("sparse_adam on %s with %s: err = %v, want a refusal saying the problem is dense", c.path, c.model, err)
		}
	}
}
