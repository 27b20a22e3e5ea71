package viz

import (
	"errors"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// XYSeries is one line of an XYChart: the points (X[i], Y[i]), drawn in
// the order given, each marked with a dot.
type XYSeries struct {
	Label string
	X, Y  []float64
	// Dashed draws the line dashed (e.g. a second quantity on the same
	// axes).
	Dashed bool
}

// XYOptions configures XYChart.
type XYOptions struct {
	// Width and Height are the image size in pixels; zero means 960×540.
	Width, Height int
	// Title is drawn above the chart when not empty; XLabel and YLabel
	// name the axes.
	Title, XLabel, YLabel string
	// LogX and LogY select logarithmic axes, labelled at powers of ten.
	LogX, LogY bool
}

// XYChart draws series as lines through dotted points on linear or
// logarithmic axes, with labelled ticks on both and a legend: the chart of
// how a measurement grows with a size (time or memory against rows), for
// instance. The axes span every finite point (positive ones on a
// logarithmic axis; the others are left out). It returns an error for an
// unknown file extension, a bad size, or no point to draw, and panics if a
// series' X and Y differ in length.
func XYChart(path string, series []XYSeries, opt XYOptions) error {
	ext, err := format(path)
	if err != nil {
		return err
	}
	w, h, err := sizeOrDefault(opt.Width, opt.Height, defaultLossWidth, defaultLossHeight)
	if err != nil {
		return err
	}
	ok := func(v float64, logScale bool) bool { return finite(v) && (!logScale || v > 0) }
	lines := make([][]xy, len(series))
	xlo, xhi, ylo, yhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i, s := range series {
		if len(s.X) != len(s.Y) {
			panic("viz: XYChart: X and Y of a series differ in length")
		}
		for k := range s.X {
			if ok(s.X[k], opt.LogX) && ok(s.Y[k], opt.LogY) {
				lines[i] = append(lines[i], xy{s.X[k], s.Y[k]})
				xlo, xhi = math.Min(xlo, s.X[k]), math.Max(xhi, s.X[k])
				ylo, yhi = math.Min(ylo, s.Y[k]), math.Max(yhi, s.Y[k])
			}
		}
	}
	if math.IsInf(xlo, 1) {
		return errors.New("viz: XYChart: no point to draw")
	}
	rng := func(lo, hi float64, logScale bool) [2]float64 {
		if logScale {
			return logRange(lo, hi)
		}
		return linRange(lo, hi)
	}
	ch := newChart(opt.Title, opt.XLabel, opt.YLabel)
	p := ch.p
	setAxes(p, rng(xlo, xhi, opt.LogX), rng(ylo, yhi, opt.LogY), opt.LogX, opt.LogY)
	p.Add(gridLines{})
	legend := &legendBox{}
	for i, s := range series {
		if len(lines[i]) == 0 {
			continue
		}
		col := SeriesColor(i)
		sty := draw.LineStyle{Color: col, Width: vg.Points(2)}
		if s.Dashed {
			sty.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
		}
		p.Add(polyline{pts: lines[i], style: sty})
		dot := dotMark(col, white, vg.Points(3.5), vg.Points(1.2))
		for _, q := range lines[i] {
			p.Add(marker{at: q, draw: dot})
		}
		legend.avoid = append(legend.avoid, lines[i])
		legend.entries = append(legend.entries, legendEntry{label: s.Label, thumb: lineThumb(sty, nil)})
	}
	if !ch.placeLegend(legend, w, h) {
		p.Add(legend)
	}
	return save(path, ext, w, h, ch.draw)
}
