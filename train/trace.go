package train

import (
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/descentgo/descent/internal/atomicfile"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/trace"
)

// writeTrace writes one row per epoch, epoch 0 being the start, atomically:
//
//	.csv    epoch,steps,lr,train_loss,train_data_loss,grad_norm,batch_loss,val_loss,
//	        train_accuracy,val_accuracy (classifiers) or train_r2,val_r2 (regression)
//	.jsonl  one object per line with the same keys
//
// Numbers are in Go's shortest round-trip form; a value that does not apply
// (no validation split, no learning rate) is an empty CSV field or null.
func writeTrace(path string, hist []EpochStats, regression bool) error {
	format, err := trace.FormatOf(path)
	if err != nil {
		return err
	}
	keys := []string{"epoch", "steps", "lr", "train_loss", "train_data_loss", "grad_norm", "batch_loss", "val_loss"}
	if regression {
		keys = append(keys, "train_r2", "val_r2")
	} else {
		keys = append(keys, "train_accuracy", "val_accuracy")
	}
	err = atomicfile.Write(path, func(w io.Writer) error {
		var b []byte
		if format == trace.CSV {
			b = append(b, strings.Join(keys, ",")...)
			b = append(b, '\n')
		}
		for _, r := range hist {
			vals := []float64{float64(r.LR), float64(r.TrainLoss), float64(r.TrainDataLoss), float64(r.GradNorm),
				float64(r.BatchLoss), float64(r.ValLoss)}
			if regression {
				vals = append(vals, float64(r.TrainR2), float64(r.ValR2))
			} else {
				vals = append(vals, float64(r.TrainAccuracy), float64(r.ValAccuracy))
			}
			if format == trace.CSV {
				b = strconv.AppendInt(b, int64(r.Epoch), 10)
				b = append(b, ',')
				b = strconv.AppendInt(b, int64(r.Steps), 10)
				for _, v := range vals {
					b = append(b, ',')
					if !math.IsNaN(v) {
						b = strconv.AppendFloat(b, v, 'g', -1, 64)
					}
				}
			} else {
				b = append(b, `{"epoch":`...)
				b = strconv.AppendInt(b, int64(r.Epoch), 10)
				b = append(b, `,"steps":`...)
				b = strconv.AppendInt(b, int64(r.Steps), 10)
				for i, v := range vals {
					b = append(b, ',', '"')
					b = append(b, keys[i+2]...)
					b = append(b, '"', ':')
					if math.IsNaN(v) || math.IsInf(v, 0) {
						b = append(b, "null"...)
					} else {
						b = strconv.AppendFloat(b, v, 'g', -1, 64)
					}
				}
				b = append(b, '}')
			}
			b = append(b, '\n')
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
		return nil
	})
	if err != nil {
		return &spec.FieldError{Field: "trace", Err: err}
	}
	return nil
}
