package viz

import (
	"errors"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/descentgo/descent/viz/geom"
)

// Series is one loss curve of a line chart.
type Series struct {
	// Label is the legend text, for example "gd lr=0.05 — converged".
	// Series with an empty label get no legend entry.
	Label string
	// Values holds the loss at iterations 0, 1, …; it may contain NaN or
	// ±Inf after a divergence.
	Values []float64
	// Diverged reports that the run diverged. Its line is cut at the last
	// finite value below the chart's ceiling, and that point is marked ✕.
	Diverged bool
}

// LossOptions configures LossChart and LRFindChart.
type LossOptions struct {
	// Width and Height are the image size in pixels; zero means 960×540.
	// If only one is zero it follows the 16:9 aspect ratio.
	Width, Height int
	// Title is drawn above the chart when not empty.
	Title string
	// XLabel and YLabel name the axes. The defaults are "iteration" and
	// "loss" (LRFindChart: "learning rate" and "loss").
	XLabel, YLabel string
	// FMin is the known minimum value f*, used when HasFMin is set: the
	// chart then shows f − f* and says so on the y axis.
	FMin    float64
	HasFMin bool
	// LinearY selects a linear y axis. The default is a logarithmic axis
	// labeled at powers of ten when every value drawn is positive, and a
	// linear one otherwise (a loss that goes negative, a saddle, a run
	// that reached f* exactly): the axis label then says so. A log axis
	// never clamps a value.
	LinearY bool
}

const (
	defaultLossWidth  = 960
	defaultLossHeight = 540
	// logHeadroom is how far above the highest value of the runs that did
	// not diverge (or of the starting values) a diverging run is cut, on
	// a log axis.
	logHeadroom = 1e3
	// linearHeadroom is that ceiling on a linear axis, as a fraction of the
	// range of values.
	linearHeadroom = 0.5
)

// lossPlan is a loss chart ready to draw.
type lossPlan struct {
	w, h  int
	lines [][]xy // per series, data coordinates
	cut   []bool // per series: the diverged run was cut and gets a ✕
	// cutAt is, for a cut series, the iteration at which it diverged
	// (went non-finite or above the ceiling): its ✕ is drawn there, at
	// the top of the axis; −1 when the last finite point is that
	// iteration.
	cutAt      []int
	autoLinear bool // a log axis was asked for, but values ≤ 0 made it linear
	xr, yr     [2]float64
	ch         *chart
	legend     *legendBox // inside unless ch.side is set
}

// LossLayout returns the layout of the chart LossChart draws for the same
// arguments.
func LossLayout(series []Series, opt LossOptions) (Layout, error) {
	pl, err := planLoss(series, opt)
	if err != nil {
		return Layout{}, err
	}
	return layoutOf(pl.ch, pl.w, pl.h), nil
}

// LossChart draws the loss curves of series against the iteration number
// and writes the chart to path, whose extension selects the format (".png",
// ".svg" or ".pdf"). Each series gets a color (see SeriesColor) and a dash
// pattern. A legend box lists the labeled series in the corner where it
// covers the fewest points, or right of the chart if every corner would
// hide data.
//
// Non-finite values end a series. A diverged series is also cut where it
// first exceeds a ceiling of 1000 times the highest value of the other
// series (or of all starting values) on a log axis, half the range above
// it on a linear one, and the last point drawn is marked ✕.
func LossChart(path string, series []Series, opt LossOptions) error {
	ext, err := format(path)
	if err != nil {
		return err
	}
	pl, err := planLoss(series, opt)
	if err != nil {
		return err
	}
	for i := range series {
		style := draw.LineStyle{Color: seriesColor(i), Width: vg.Points(2), Dashes: seriesDashes(i)}
		pl.ch.p.Add(polyline{pts: pl.lines[i], style: style})
	}
	for i := range series {
		if pl.cut[i] && len(pl.lines[i]) > 0 {
			pl.ch.p.Add(marker{at: pl.lines[i][len(pl.lines[i])-1], draw: crossMark(seriesColor(i), vg.Points(5))})
		}
	}
	if pl.ch.side == nil {
		pl.ch.p.Add(pl.legend)
	}
	return save(path, ext, pl.w, pl.h, pl.ch.draw)
}

// planLoss validates the options, cuts and clamps the series and sets up the
// axes.
func planLoss(series []Series, opt LossOptions) (*lossPlan, error) {
	w, h, err := sizeOrDefault(opt.Width, opt.Height, defaultLossWidth, defaultLossHeight)
	if err != nil {
		return nil, err
	}
	if len(series) == 0 {
		return nil, errors.New("viz: LossChart needs at least one series")
	}
	if opt.HasFMin && !finite(opt.FMin) {
		return nil, errors.New("viz: LossOptions.FMin is not finite")
	}
	log := !opt.LinearY
	shift := 0.0
	if opt.HasFMin {
		shift = opt.FMin
	}

	// A log axis only when every finite value is positive.
	pl := &lossPlan{w: w, h: h, lines: make([][]xy, len(series)), cut: make([]bool, len(series)), cutAt: make([]int, len(series))}
	if log {
	scan:
		for _, s := range series {
			for _, v := range s.Values {
				v -= shift
				if !finite(v) {
					break
				}
				if v <= 0 {
					log, pl.autoLinear = false, true
					break scan
				}
			}
		}
	}

	// The ceiling for diverged runs: above the highest value of the runs
	// that did not diverge and of every starting value.
	ref, lo := math.Inf(-1), math.Inf(1)
	for _, s := range series {
		for i, v := range s.Values {
			v -= shift
			if !finite(v) {
				break
			}
			if !s.Diverged || i == 0 {
				ref = math.Max(ref, v)
				lo = math.Min(lo, v)
			}
		}
	}
	var ceiling float64
	switch {
	case math.IsInf(ref, -1):
		ceiling = math.Inf(1)
	case log:
		ceiling = math.Max(ref, math.SmallestNonzeroFloat64) * logHeadroom
	default:
		ceiling = ref + linearHeadroom*math.Max(ref-lo, math.Abs(ref)+1e-300)
	}

	maxN := 0
	for k, s := range series {
		n := 0
		for n < len(s.Values) {
			v := s.Values[n] - shift
			if !finite(v) || (s.Diverged && v > ceiling) {
				break
			}
			n++
		}
		pl.cut[k] = s.Diverged && n > 0
		pl.cutAt[k] = -1
		if pl.cut[k] && n < len(s.Values) {
			pl.cutAt[k] = n
			maxN = max(maxN, n+1)
		}
		maxN = max(maxN, n)
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = s.Values[i] - shift
		}
		pl.lines[k] = decimate(vals, 4*w)
	}

	// Y range. A log axis only when every value drawn is positive.
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for _, line := range pl.lines {
		for _, q := range line {
			ymin = math.Min(ymin, q.y)
			ymax = math.Max(ymax, q.y)
		}
	}
	if log {
		pl.yr = logRange(ymin, ymax)
	} else {
		pl.yr = linRange(ymin, ymax)
	}
	// A cut run rises to the top of the axis at the iteration where it
	// diverged, where its ✕ goes.
	for k, at := range pl.cutAt {
		if at >= 0 {
			pl.lines[k] = append(pl.lines[k], xy{float64(at), pl.yr[1]})
		}
	}
	pl.xr = [2]float64{0, math.Max(float64(maxN-1), 1)}

	xl, yl := opt.XLabel, opt.YLabel
	if xl == "" {
		xl = "iteration"
	}
	yl = yLabel(yl, "loss", opt)
	if pl.autoLinear {
		yl += " (linear axis: some values ≤ 0)"
	}
	pl.ch = newChart(opt.Title, xl, yl)
	setAxes(pl.ch.p, pl.xr, pl.yr, false, log)
	pl.ch.p.Add(gridLines{})

	pl.legend = &legendBox{}
	for i, s := range series {
		pl.legend.avoid = append(pl.legend.avoid, pl.lines[i])
		if s.Label == "" {
			continue
		}
		style := draw.LineStyle{Color: seriesColor(i), Width: vg.Points(2), Dashes: seriesDashes(i)}
		thumb := lineThumb(style, nil)
		if pl.cut[i] {
			cross := crossMark(seriesColor(i), vg.Points(3.5))
			thumb = func(c draw.Canvas) {
				y := (c.Min.Y + c.Max.Y) / 2
				c.StrokeLine2(style, c.Min.X, y, c.Max.X-vg.Points(4), y)
				cross(c, vg.Point{X: c.Max.X - vg.Points(4), Y: y})
			}
		}
		pl.legend.entries = append(pl.legend.entries, legendEntry{label: s.Label, thumb: thumb})
	}
	pl.ch.placeLegend(pl.legend, w, h)
	return pl, nil
}

// yLabel returns the y-axis label, saying "− f*" when f* is subtracted.
func yLabel(label, def string, opt LossOptions) string {
	if !opt.HasFMin {
		if label == "" {
			return def
		}
		return label
	}
	if label == "" {
		label = "f"
	}
	return label + " − f*   (f* = " + strconv.FormatFloat(opt.FMin, 'g', 6, 64) + ")"
}

// setAxes sets ranges, scales and tickers.
func setAxes(p *plot.Plot, xr, yr [2]float64, logX, logY bool) {
	p.X.Min, p.X.Max = xr[0], xr[1]
	p.Y.Min, p.Y.Max = yr[0], yr[1]
	p.X.Padding, p.Y.Padding = 0, 0
	p.X.Tick.Marker, p.Y.Tick.Marker = linearTicks{}, linearTicks{}
	if logX {
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, decadeTicks{}
	}
	if logY {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, decadeTicks{}
	}
}

// logRange pads [lo, hi] by 4% of its span in log space.
func logRange(lo, hi float64) [2]float64 {
	if !(lo > 0) || !(hi > 0) {
		return [2]float64{0.1, 10}
	}
	if hi <= lo {
		return [2]float64{lo / 2, lo * 2}
	}
	pad := math.Pow(hi/lo, 0.04)
	return [2]float64{math.Max(lo/pad, math.SmallestNonzeroFloat64), math.Min(hi*pad, math.MaxFloat64)}
}

// linRange pads [lo, hi] by 4% of its span.
func linRange(lo, hi float64) [2]float64 {
	if math.IsInf(lo, 1) || math.IsInf(hi, -1) {
		return [2]float64{0, 1}
	}
	if hi <= lo {
		d := math.Max(math.Abs(lo)*0.1, 1e-9)
		return [2]float64{lo - d, hi + d}
	}
	pad := (hi - lo) * 0.04
	return [2]float64{lo - pad, hi + pad}
}

// decimate returns the points (i, v[i]) that Envelope keeps.
func decimate(v []float64, limit int) []xy {
	idx := Envelope(v, limit)
	out := make([]xy, len(idx))
	for k, i := range idx {
		out[k] = xy{float64(i), v[i]}
	}
	return out
}

// Envelope returns the indices of at most limit points of v that keep the
// envelope of the curve (geom.Envelope). The loss charts here and the
// playground's loss curves are thinned by it.
func Envelope(v []float64, limit int) []int { return geom.Envelope(v, limit) }
