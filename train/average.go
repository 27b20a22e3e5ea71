package train

import (
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
)

// WeightMatrices returns the model's weight matrices (Layout blocks that
// are penalized weights), for optimizers that step matrices as matrices
// (optim.Blocker: muon, adafactor's factored branch).
func WeightMatrices(m model.Model) []optim.Block {
	var out []optim.Block
	for _, b := range m.Layout() {
		if b.Weight {
			out = append(out, optim.Block{Offset: b.Offset, Rows: b.Rows, Cols: b.Cols})
		}
	}
	return out
}

// weightAverage keeps the averaged weights a run evaluates and saves
// instead of its last iterate (Config.EMA, Config.SWAStart):
//
//	EMA: θ̄ ← θ after the first step, then θ̄ ← θ̄ + (1−β)(θ − θ̄) after every
//	     step (torch.optim.swa_utils.get_ema_multi_avg_fn: ema.lerp_(θ, 1−β))
//	SWA: θ̄ = the mean of θ at the end of epochs SWAStart, SWAStart+1, …
//	     (Izmailov et al., "Averaging Weights Leads to Wider Optima and
//	     Better Generalization", UAI 2018; torch's AveragedModel default:
//	     θ̄ ← θ̄ + (θ − θ̄)/(k+1) for the k-th average)
//
// Without either, an optimizer that averages its iterates (ASGD, the
// schedule-free methods: optim.Averager) gives the point.
type weightAverage struct {
	ema      float64 // β ∈ (0, 1), 0 = off
	swaStart int     // first epoch averaged, 0 = off
	avg      []float64
	count    int // updates folded into avg
}

func newWeightAverage(cfg *Config) *weightAverage {
	if cfg.EMA == 0 && cfg.SWAStart == 0 {
		return nil
	}
	return &weightAverage{ema: cfg.EMA, swaStart: cfg.SWAStart}
}

// step folds θ after an optimizer step into the EMA.
func (w *weightAverage) step(theta []float64) {
	if w == nil || w.ema == 0 {
		return
	}
	if w.count == 0 {
		w.avg = append(w.avg[:0], theta...)
	} else {
		c := 1 - w.ema
		for i, v := range theta {
			w.avg[i] = lerp(w.avg[i], v, c)
		}
	}
	w.count++
}

// epoch folds θ at the end of epoch e (counted from 1) into the SWA mean.
func (w *weightAverage) epoch(e int, theta []float64) {
	if w == nil || w.swaStart == 0 || e < w.swaStart {
		return
	}
	if w.count == 0 {
		w.avg = append(w.avg[:0], theta...)
	} else {
		k := float64(w.count + 1)
		for i, v := range theta {
			w.avg[i] += (v - w.avg[i]) / k
		}
	}
	w.count++
}

// point returns the weights to evaluate and save: the EMA or SWA average,
// else the optimizer's own average, else theta.
func (w *weightAverage) point(alg optim.Algorithm, theta []float64) []float64 {
	if w != nil && w.count > 0 {
		return w.avg
	}
	if a := optim.AveragedPoint(alg, nil); a != nil {
		return a
	}
	return theta
}

// lerp is torch's CPU lerp_ for the EMA: a + w(b − a) for |w| < 0.5, else
// b − (b − a)(1 − w).
func lerp(a, b, w float64) float64 {
	if w < 0.5 {
		return a + w*(b-a)
	}
	return b - (b-a)*(1-w)
}

// SetBlocks gives an optimizer that steps matrices as matrices
// (optim.Blocker, under any wrapper) the weight matrices of m; other
// algorithms are left alone.
func SetBlocks(a optim.Algorithm, m model.Model) {
	if b, ok := optim.Unwrap(a).(optim.Blocker); ok {
		b.SetBlocks(WeightMatrices(m))
	}
}
