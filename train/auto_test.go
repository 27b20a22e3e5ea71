package train

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/spec"
	"gonum.org/v1/gonum/mat"
)

// TestLRAuto: gd:lr=auto on standardized diabetes (linear regression,
// whose Hessian (2/n)·X̃ᵀX̃ is constant) is 2/(L+μ) with L and μ the extreme
// eigenvalues of that matrix, computed here with gonum from the data.
func TestLRAuto(t *testing.T) {
	d, err := data.ReadCSVFile(diabetesCSV, data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var st data.Standardization
	st.Fit(d)
	st.Apply(d)
	p := d.D + 1
	h := mat.NewSymDense(p, nil)
	for i := range d.N {
		x := append(append([]float64(nil), d.Row(i)...), 1)
		for a := range p {
			for b := a; b < p; b++ {
				h.SetSym(a, b, h.At(a, b)+2*x[a]*x[b]/float64(d.N))
			}
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(h, false) {
		t.Fatal("no eigendecomposition")
	}
	vals := eig.Values(nil)
	L, mu := vals[len(vals)-1], vals[0]
	want := 2 / (L + mu)

	cfg := DefaultConfig()
	cfg.Source, cfg.Model, cfg.Opt, cfg.Batch, cfg.Standardize, cfg.Epochs = Source{Path: diabetesCSV}, mustSpec("linear"), mustSpec("gd:lr=auto"), 0, true, 50
	res, err := Train(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	lrText, ok := mustSpec(res.Trained.Training.Opt.String()).Get("lr")
	lr, _ := strconv.ParseFloat(lrText, 64)
	if !ok || math.Abs(lr-want) > 1e-9*want {
		t.Fatalf("lr=auto resolved to %s, want 2/(L+μ) = %g (L = %g, μ = %g)", res.Trained.Training.Opt, want, L, mu)
	}
	for _, c := range []struct {
		opt   string
		batch int
		want  string
	}{
		{"gd:lr=auto", 16, "needs full-batch steps"},
		{"adam:lr=auto", 0, "applies to gd and sgd"},
	} {
		cfg.Opt, cfg.Batch = mustSpec(c.opt), c.batch
		_, err := Train(context.Background(), cfg)
		var fe *spec.FieldError
		if !errors.As(err, &fe) || fe.Field != "opt" || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s batch %d: %v, want an opt error about %q", c.opt, c.batch, err, c.want)
		}
	}
}

// TestSaturatedSoftmaxCurvature: softmax on iris with adam at lr 70, batch 16, for two
// epochs saturates its probabilities; the curvature at the end used to
// panic inside gonum's eigen-decomposition (found by FuzzAPI). The run
// must finish with a report.
func TestSaturatedSoftmaxCurvature(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Source, cfg.Model, cfg.Opt, cfg.Batch, cfg.Epochs = Source{Path: irisCSV}, mustSpec("softmax"), mustSpec("adam:lr=70"), 16, 2
	res, err := Train(context.Background(), cfg)
	if err != nil || res == nil {
		t.Fatalf("Train: %v", err)
	}
}
