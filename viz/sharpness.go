package viz

import (
	"errors"
	"math"
	"strconv"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SharpnessSeries is the sharpness of one run, for SharpnessChart.
type SharpnessSeries struct {
	// Label is the legend text of the run; empty labels get no entry.
	Label string
	// Values[k] is λmax(∇²f) at iteration k where it was measured and NaN
	// elsewhere (minimize.History.Sharpness). Non-finite values are not
	// drawn; the measured points are joined in order and marked with dots.
	Values []float64
	// LR[k] is the learning rate of the step to iteration k (row 0: the
	// initial rate), as in minimize.History.LR. The chart draws the
	// stability limit Factor/LR[k] over (k−1, k] — one horizontal line for
	// a constant rate, a step line for a schedule. Rates that are NaN or
	// ≤ 0 (line searches) draw none; so does a nil LR (methods with no
	// such limit, like the adaptive ones).
	LR []float64
	// Factor is the optimizer's stability limit on a quadratic times its
	// rate, lr·λmax < Factor: 0 means 2, gradient descent's; heavy-ball
	// momentum β has 2(1+β) (optim.StableLR(a, 1).LR gives it).
	Factor float64
}

// SharpnessOptions configures SharpnessChart.
type SharpnessOptions struct {
	// Width and Height are the image size in pixels; zero means 960×540.
	// If only one is zero it follows the 16:9 aspect ratio.
	Width, Height int
	// Title is drawn above the chart when not empty.
	Title string
}

// sharpnessCap bounds how far above the highest measurement a 2/lr line
// still stretches the y axis: a far higher limit (a tiny rate) would flatten
// the measurements, so it runs off the top and the legend gives its value.
const sharpnessCap = 3

// sharpnessPlan is a sharpness chart ready to draw.
type sharpnessPlan struct {
	w, h   int
	points [][]xy // per series: the finite measurements
	limits [][]xy // per series: the 2/lr step line, in runs of finite values
	ch     *chart
	legend *legendBox
}

// SharpnessLayout returns the layout of the chart SharpnessChart draws for
// the same arguments.
func SharpnessLayout(series []SharpnessSeries, opt SharpnessOptions) (Layout, error) {
	pl, err := planSharpness(series, opt)
	if err != nil {
		return Layout{}, err
	}
	return layoutOf(pl.ch, pl.w, pl.h), nil
}

// SharpnessChart draws the sharpness λmax(∇²f) of each run against the
// iteration on a linear axis, with the stability limit of gradient descent
// on the local quadratic model, 2/lr (Factor/lr for other rules, e.g.
// 2(1+β)/lr for heavy-ball momentum), as a dashed line in the run's color:
// Cohen et al., "Gradient Descent on Neural Networks Typically Occurs at the
// Edge of Stability" (ICLR 2021), figure 1, where λmax rises to 2/lr and
// hovers there. A run whose rate follows a schedule gets a step line. The
// chart is written to path, whose extension selects the format (".png",
// ".svg" or ".pdf").
func SharpnessChart(path string, series []SharpnessSeries, opt SharpnessOptions) error {
	ext, err := format(path)
	if err != nil {
		return err
	}
	pl, err := planSharpness(series, opt)
	if err != nil {
		return err
	}
	for i := range series {
		limit := draw.LineStyle{Color: seriesColor(i), Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
		for _, seg := range splitFinite(pl.limits[i]) {
			pl.ch.p.Add(polyline{pts: seg, style: limit})
		}
	}
	for i := range series {
		col := seriesColor(i)
		pl.ch.p.Add(polyline{pts: pl.points[i], style: draw.LineStyle{Color: col, Width: vg.Points(2)}})
		dot := dotMark(col, white, vg.Points(3), vg.Points(1))
		for _, q := range pl.points[i] {
			pl.ch.p.Add(marker{at: q, draw: dot})
		}
	}
	if pl.ch.side == nil {
		pl.ch.p.Add(pl.legend)
	}
	return save(path, ext, pl.w, pl.h, pl.ch.draw)
}

func planSharpness(series []SharpnessSeries, opt SharpnessOptions) (*sharpnessPlan, error) {
	w, h, err := sizeOrDefault(opt.Width, opt.Height, defaultLossWidth, defaultLossHeight)
	if err != nil {
		return nil, err
	}
	if len(series) == 0 {
		return nil, errors.New("viz: SharpnessChart needs at least one series")
	}
	pl := &sharpnessPlan{w: w, h: h, points: make([][]xy, len(series)), limits: make([][]xy, len(series))}
	lo, hi := math.Inf(1), math.Inf(-1)
	maxN := 1
	for i, s := range series {
		maxN = max(maxN, len(s.Values)-1)
		for k, v := range s.Values {
			if finite(v) {
				pl.points[i] = append(pl.points[i], xy{float64(k), v})
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	limHi := math.Inf(-1)
	for i, s := range series {
		// 2/LR[k] holds over (k−1, k]; row 0's rate holds at k = 0.
		factor := s.factor()
		var line []xy
		for k, lr := range s.LR {
			if k > maxN {
				break
			}
			v := math.NaN()
			if lr > 0 && finite(factor/lr) {
				v = factor / lr
				limHi = math.Max(limHi, v)
			}
			if k == 0 {
				line = append(line, xy{0, v})
				continue
			}
			line = append(line, xy{float64(k - 1), v}, xy{float64(k), v})
		}
		pl.limits[i] = line
	}
	// Y range: the measurements, 0 (sharpness is compared with a positive
	// limit) and the limits up to sharpnessCap times the top measurement.
	if math.IsInf(lo, 1) {
		lo, hi = 0, 1
	}
	lo = math.Min(lo, 0)
	if !math.IsInf(limHi, -1) {
		capAt := math.Inf(1)
		if hi > 0 {
			capAt = sharpnessCap * hi
		}
		hi = math.Max(hi, math.Min(limHi, capAt))
	}
	yr := linRange(lo, hi)
	xr := [2]float64{0, float64(maxN)}

	pl.ch = newChart(opt.Title, "iteration", "sharpness λmax (largest Hessian eigenvalue)")
	setAxes(pl.ch.p, xr, yr, false, false)
	pl.ch.p.Add(gridLines{})

	pl.legend = &legendBox{}
	for i, s := range series {
		pl.legend.avoid = append(pl.legend.avoid, pl.points[i])
		pl.legend.avoid = append(pl.legend.avoid, splitFinite(pl.limits[i])...)
		col := seriesColor(i)
		if s.Label != "" {
			dot := dotMark(col, white, vg.Points(3), vg.Points(1))
			pl.legend.entries = append(pl.legend.entries, legendEntry{label: s.Label, thumb: func(c draw.Canvas) {
				lineThumb(draw.LineStyle{Color: col, Width: vg.Points(2)}, nil)(c)
				dot(c, c.Center())
			}})
		}
		if text, ok := limitLabel(s.LR, s.factor(), maxN); ok {
			sty := draw.LineStyle{Color: col, Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
			pl.legend.entries = append(pl.legend.entries, legendEntry{label: text, thumb: lineThumb(sty, nil)})
		}
	}
	pl.ch.placeLegend(pl.legend, w, h)
	return pl, nil
}

func (s *SharpnessSeries) factor() float64 {
	if s.Factor > 0 {
		return s.Factor
	}
	return 2
}

// limitLabel names the limit line factor/lr of a run ("2/lr" for factor 2):
// with its value when the rate is constant over iterations 0…n, "(schedule)"
// otherwise; false when no rate is positive.
func limitLabel(lrs []float64, factor float64, n int) (string, bool) {
	first, constant, found := math.NaN(), true, false
	for k, lr := range lrs {
		if k > n {
			break
		}
		if !(lr > 0) {
			continue
		}
		if !found {
			first, found = lr, true
		} else if lr != first {
			constant = false
		}
	}
	name := strconv.FormatFloat(factor, 'g', 4, 64) + "/lr"
	switch {
	case !found:
		return "", false
	case constant:
		return name + " = " + strconv.FormatFloat(factor/first, 'g', 4, 64), true
	}
	return name + " (schedule)", true
}

// splitFinite returns the runs of consecutive points with finite y.
func splitFinite(line []xy) [][]xy {
	var out [][]xy
	var cur []xy
	for _, q := range line {
		if finite(q.y) {
			cur = append(cur, q)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
