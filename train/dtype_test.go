package train

import (
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/spec"
)

// TestDTypeF32 trains the same MLP in f32 and f64: the model file records
// the type, loads back into a model computing in it, and the two runs end
// close (the f32 path rounds the products to float32; Adam, 20 epochs).
func TestDTypeF32(t *testing.T) {
	var final [2]float64
	for i, dt := range []model.DType{model.F64, model.F32} {
		cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=8"), DType: dt, Opt: mustSpec("adam:lr=0.01"),
			Batch: 30, Epochs: 20, Standardize: true, Seed: 3, Save: filepath.Join(t.TempDir(), "m.json")}
		r := mustTrain(t, cfg)
		final[i] = float64(r.TrainLoss)
		m, err := Load(cfg.Save)
		if err != nil {
			t.Fatal(err)
		}
		if got := model.DTypeOf(m.Model); got != dt {
			t.Errorf("saved with %v, loaded %v", dt, got)
		}
		if m.Training.DType != dt {
			t.Errorf("training block has dtype %v, want %v", m.Training.DType, dt)
		}
	}
	if math.Abs(final[1]-final[0]) > 1e-3*final[0] {
		t.Errorf("final loss f32 %v, f64 %v", final[1], final[0])
	}
}

func TestDTypeErrors(t *testing.T) {
	cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), DType: model.F32, Opt: mustSpec("adam"), Batch: 30, Epochs: 1}
	_, err := Train(t.Context(), cfg)
	var fe *spec.FieldError
	if !errors.As(err, &fe) || fe.Field != "dtype" || strings.Contains(err.Error(), "--") {
		t.Errorf("softmax with F32: %v, want a field error for dtype without flag names", err)
	}
	good, err := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=3"), Opt: mustSpec("adam"), Batch: 30, Epochs: 1}).Trained.Encode()
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(good), `"dtype": "f64"`, `"dtype": "f16"`, 1)
	if bad == string(good) {
		t.Fatal("no dtype field in the model file")
	}
	if _, err := Decode([]byte(bad)); err == nil || !strings.Contains(err.Error(), "f16") {
		t.Errorf("dtype f16: %v", err)
	}
	old := strings.Replace(string(good), `"dtype": "f64",`, ``, 1)
	if m, err := Decode([]byte(old)); err != nil || model.DTypeOf(m.Model) != model.F64 {
		t.Errorf("file without dtype: %v", err)
	}
}
