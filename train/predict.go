package train

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/shard"
)

// Evaluation is the result of Evaluate, in the shape of the JSON output of
// `descent evaluate`.
type Evaluation struct {
	N        int    `json:"n"`
	Loss     Float  `json:"loss"` // mean loss over the examples, without penalty
	Accuracy *Float `json:"accuracy,omitempty"`
	R2       *Float `json:"r2,omitempty"`
	Dropped  int    `json:"dropped_rows"`
}

// readFor reads a data file, or data in memory, for the model: the model's
// feature columns, in its order, and its target (for prediction the target
// column may be missing; its values are then 0). The features are
// standardized as in training. It returns dense rows, or CSR rows for a
// sparse model on a LIBSVM file.
func (t *Trained) readFor(src Source, needTarget bool) (*dataset, error) {
	f, err := src.format()
	if err != nil {
		return nil, err
	}
	d := len(t.Features)
	ds := &dataset{path: src.Path, format: f, features: t.Features, target: t.Target}
	switch {
	case src.Memory != nil:
		ds.path = src.memName()
		if ds.dense, err = t.memoryFor(src, needTarget); err != nil {
			return nil, err
		}
		ds.dropped = ds.dense.Dropped
	case src.Blocks():
		set, err := shard.OpenDir(src.Path)
		if err != nil {
			return nil, fileErr(err)
		}
		if !slices.Equal(set.Features, t.Features) {
			return nil, fmt.Errorf("%s: the blocks have features %v, the model %v", src.Path, set.Features, t.Features)
		}
		if ds.dense, _, err = set.Load(); err != nil {
			return nil, fileErr(err)
		}
		ds.dense.Features = t.Features
	case f == data.CSV:
		opt := data.CSVOptions{Target: t.Target, Features: t.Features, DropMissing: src.DropMissing}
		if !needTarget {
			// Predictions ignore the target column, which may be absent
			// or hold anything.
			opt.Target, opt.NoTarget = "", true
		}
		dd, err := data.ReadCSVFile(src.Path, opt)
		if err != nil {
			return nil, fileErr(err)
		}
		ds.dense, ds.dropped = dd, dd.Dropped
	default:
		m, err := data.ReadLIBSVMFile(src.Path, data.LIBSVMOptions{NumFeatures: d})
		if err != nil {
			return nil, fileErr(err)
		}
		_, sparse := t.Model.(model.Sparse)
		if sparse && (t.Std == nil || !t.Std.Center) {
			t.Std.applyCSR(m)
			ds.csr = m
			return ds, nil
		}
		if ds.dense, err = densify(m, t.Features); err != nil {
			return nil, fmt.Errorf("%s: %v", src.Path, err)
		}
	}
	for i, v := range ds.dense.X {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s: feature %q of example %d is %v", ds.path, t.Features[i%d], i/d+1, v)
		}
	}
	t.Std.applyDense(ds.dense)
	return ds, nil
}

// memoryFor returns the model's feature columns, selected by name, and the
// targets of the in-memory data set of src, as a new matrix.
func (t *Trained) memoryFor(src Source, needTarget bool) (*data.Dense, error) {
	if err := src.checkMemory(); err != nil {
		return nil, err
	}
	m := src.Memory
	names := m.Features
	if names == nil {
		names = libsvmNames(m.D)
	}
	if needTarget && m.Target != "" && m.Target != t.Target {
		return nil, fmt.Errorf("%s: the target is %q, the model's is %q", src.memName(), m.Target, t.Target)
	}
	cols := make([]int, len(t.Features))
	for k, name := range t.Features {
		cols[k] = slices.Index(names, name)
		if cols[k] < 0 {
			return nil, fmt.Errorf("%s: unknown feature column %q (columns: %s)", src.memName(), name, strings.Join(names, ", "))
		}
	}
	d := &data.Dense{N: m.N, D: len(cols), X: make([]float64, 0, m.N*len(cols)), Y: slices.Clone(m.Y),
		Features: t.Features, Target: t.Target, Dropped: m.Dropped}
	for i := 0; i < m.N; i++ {
		row := m.Row(i)
		for _, j := range cols {
			d.X = append(d.X, row[j])
		}
	}
	return d, nil
}

// Evaluate measures the model on a data file that has the model's feature
// and target columns: the number of examples, the mean loss without penalty
// (squared error, binary or multinomial cross-entropy) and the accuracy of
// a classifier or the R² of a regression.
func (t *Trained) Evaluate(src Source) (*Evaluation, error) {
	ds, err := t.readFor(src, true)
	if err != nil {
		return nil, err
	}
	var be *model.Local
	if ds.dense != nil {
		be, err = model.NewLocal(t.Model, ds.dense, 0)
	} else {
		be, err = model.NewLocalCSR(t.Model, ds.csr, 0)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", ds.path, err)
	}
	n := be.N()
	loss := be.SumGrad(nil, t.Params) / float64(n)
	ev := &Evaluation{N: n, Loss: Float(loss), Dropped: ds.dropped}
	if t.Model.Task() == model.Regression {
		var y []float64
		if ds.dense != nil {
			y = ds.dense.Y
		} else {
			y = ds.csr.Y
		}
		v := Float(r2(loss, variance(y)))
		ev.R2 = &v
	} else {
		s := &memSet{m: t.Model, dense: ds.dense, csr: ds.csr, pred: make([]float64, t.Model.Outputs()), xbuf: make([]float64, t.Model.Features())}
		v := Float(float64(s.correct(t.Params)) / float64(n))
		ev.Accuracy = &v
	}
	return ev, nil
}

// Predict writes one CSV line per example of the data file to w, after a
// header: "prediction" for regression; "label" and the class probabilities
// "p_<class>" for classifiers. The file needs the model's feature columns
// (by name, in any order, for CSV); the target column may be absent. It
// returns the number of examples.
func (t *Trained) Predict(src Source, w io.Writer) (int, error) {
	ds, err := t.readFor(src, false)
	if err != nil {
		return 0, err
	}
	m := t.Model
	cl := m.Classes()
	var b []byte
	if m.Task() == model.Regression {
		b = append(b, "prediction\n"...)
	} else {
		b = append(b, "label"...)
		for _, c := range cl {
			b = append(b, ",p_"...)
			b = strconv.AppendFloat(b, c, 'g', -1, 64)
		}
		b = append(b, '\n')
	}
	pred := make([]float64, m.Outputs())
	x := make([]float64, m.Features())
	var ws model.Workspace
	n := ds.n()
	for i := 0; i < n; i++ {
		if ds.dense != nil {
			x = ds.dense.Row(i)
		} else {
			clear(x)
			for k := ds.csr.Indptr[i]; k < ds.csr.Indptr[i+1]; k++ {
				x[ds.csr.Indices[k]] = ds.csr.Values[k]
			}
		}
		m.Predict(pred, t.Params, x, &ws)
		switch {
		case m.Task() == model.Regression:
			b = strconv.AppendFloat(b, pred[0], 'g', -1, 64)
		case m.Outputs() == 1:
			b = strconv.AppendFloat(b, model.Label(m, pred), 'g', -1, 64)
			b = append(b, ',')
			b = strconv.AppendFloat(b, 1-pred[0], 'g', -1, 64)
			b = append(b, ',')
			b = strconv.AppendFloat(b, pred[0], 'g', -1, 64)
		default:
			b = strconv.AppendFloat(b, model.Label(m, pred), 'g', -1, 64)
			for _, p := range pred {
				b = append(b, ',')
				b = strconv.AppendFloat(b, p, 'g', -1, 64)
			}
		}
		b = append(b, '\n')
		if len(b) > 1<<16 {
			if _, err := w.Write(b); err != nil {
				return 0, err
			}
			b = b[:0]
		}
	}
	if _, err := w.Write(b); err != nil {
		return 0, err
	}
	return n, nil
}
