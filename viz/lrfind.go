package viz

import (
	"errors"
	"image/color"
	"math"
	"sort"
	"strconv"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// LRFindChart draws the result of a learning-rate range test: the loss
// against the learning rate on a logarithmic x axis, the raw losses as a
// thin line and the smoothed losses as a bold one, the suggested learning
// rate as a dashed vertical line with a dot on the curve, and, when bound is
// positive, the stability bound 2/L of gradient descent as a dotted vertical
// line. The y axis follows opt (logarithmic unless opt.LinearY) and is
// capped at ten times the first loss (one and a half times on a linear
// axis), so an exploding tail runs off the top instead of flattening the
// interesting part.
//
// lrs and losses must have the same length, and smoothed that length too or
// none; LRFindChart panics otherwise. Points with a non-positive or
// non-finite learning rate are skipped. suggested ≤ 0 draws no suggestion.
func LRFindChart(path string, lrs, losses, smoothed []float64, suggested float64, bound float64, opt LossOptions) error {
	if len(lrs) != len(losses) || (smoothed != nil && len(smoothed) != len(lrs)) {
		panic("viz: LRFindChart: length mismatch")
	}
	ext, err := format(path)
	if err != nil {
		return err
	}
	w, h, err := sizeOrDefault(opt.Width, opt.Height, defaultLossWidth, defaultLossHeight)
	if err != nil {
		return err
	}
	if opt.HasFMin && !finite(opt.FMin) {
		return errors.New("viz: LossOptions.FMin is not finite")
	}
	shift := 0.0
	if opt.HasFMin {
		shift = opt.FMin
	}
	log := !opt.LinearY

	// Sort by learning rate and keep the drawable points.
	idx := make([]int, 0, len(lrs))
	for i, lr := range lrs {
		if lr > 0 && finite(lr) {
			idx = append(idx, i)
		}
	}
	sort.SliceStable(idx, func(a, b int) bool { return lrs[idx[a]] < lrs[idx[b]] })
	pick := func(v []float64) []xy {
		if v == nil {
			return nil
		}
		var out []xy
		for _, i := range idx {
			out = append(out, xy{lrs[i], v[i] - shift})
		}
		return out
	}
	raw, smooth := pick(losses), pick(smoothed)
	main := smooth
	if main == nil {
		main = raw
	}

	// Y range: from the lowest value up to the ceiling above the start.
	first := math.NaN()
	for _, q := range main {
		if finite(q.y) {
			first = q.y
			break
		}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	minPos := math.Inf(1)
	for _, line := range [][]xy{raw, smooth} {
		for _, q := range line {
			if !finite(q.y) {
				continue
			}
			lo, hi = math.Min(lo, q.y), math.Max(hi, q.y)
			if q.y > 0 {
				minPos = math.Min(minPos, q.y)
			}
		}
	}
	if finite(first) {
		if log && first > 0 {
			hi = math.Min(hi, first*10)
		} else if !log {
			hi = math.Min(hi, first+0.5*math.Max(first-lo, 0))
		}
	}
	var yr [2]float64
	if log {
		if math.IsInf(minPos, 1) {
			minPos = 1
		}
		floor := minPos
		if lo <= 0 {
			floor = minPos / 10
		}
		floor = math.Max(floor, 1e-300)
		for _, line := range [][]xy{raw, smooth} {
			for i := range line {
				if line[i].y < floor {
					line[i].y = floor
				}
			}
		}
		yr = logRange(floor, math.Max(hi, floor))
	} else {
		yr = linRange(lo, hi)
	}
	// Non-finite losses break the lines: draw the finite runs.
	split := splitFinite

	xr := [2]float64{0.1, 10}
	if len(idx) > 0 {
		xr = [2]float64{lrs[idx[0]], lrs[idx[len(idx)-1]]}
	}
	for _, v := range []float64{suggested, bound} {
		if v > 0 && finite(v) {
			xr[0], xr[1] = math.Min(xr[0], v), math.Max(xr[1], v)
		}
	}
	if xr[1] <= xr[0] {
		xr = [2]float64{xr[0] / 2, xr[0] * 2}
	}

	xl := opt.XLabel
	if xl == "" {
		xl = "learning rate"
	}
	ch := newChart(opt.Title, xl, yLabel(opt.YLabel, "loss", opt))
	p := ch.p
	setAxes(p, xr, yr, true, log)
	p.Add(gridLines{})

	legend := &legendBox{}
	rawColor := color.NRGBA{0x88, 0x99, 0xaa, 0xff}
	mainColor := SeriesColor(0)
	if smooth != nil {
		sty := draw.LineStyle{Color: rawColor, Width: vg.Points(1)}
		for _, seg := range split(raw) {
			p.Add(polyline{pts: seg, style: sty})
			legend.avoid = append(legend.avoid, seg)
		}
		legend.entries = append(legend.entries, legendEntry{label: "loss", thumb: lineThumb(sty, nil)})
	}
	mainStyle := draw.LineStyle{Color: mainColor, Width: vg.Points(2.4)}
	for _, seg := range split(main) {
		p.Add(polyline{pts: seg, style: mainStyle})
		legend.avoid = append(legend.avoid, seg)
	}
	mainLabel := "loss"
	if smooth != nil {
		mainLabel = "smoothed loss"
	}
	legend.entries = append(legend.entries, legendEntry{label: mainLabel, thumb: lineThumb(mainStyle, nil)})

	if bound > 0 && finite(bound) {
		sty := draw.LineStyle{Color: textColor, Width: vg.Points(1.6), Dashes: []vg.Length{vg.Points(1.5), vg.Points(3)}}
		p.Add(vline{x: bound, style: sty})
		legend.avoid = append(legend.avoid, []xy{{bound, yr[0]}, {bound, yr[1]}})
		legend.entries = append(legend.entries, legendEntry{label: "stability bound 2/L = " + fmtG(bound), thumb: vlineThumb(sty)})
	}
	if suggested > 0 && finite(suggested) {
		sugColor := SeriesColor(1)
		sty := draw.LineStyle{Color: sugColor, Width: vg.Points(1.8), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}}
		p.Add(vline{x: suggested, style: sty})
		legend.avoid = append(legend.avoid, []xy{{suggested, yr[0]}, {suggested, yr[1]}})
		dot := dotMark(sugColor, white, vg.Points(4.5), vg.Points(1.5))
		if y, ok := interpLog(main, suggested); ok {
			p.Add(marker{at: xy{suggested, y}, draw: dot})
		}
		legend.entries = append(legend.entries, legendEntry{label: "suggested lr = " + fmtG(suggested), thumb: func(c draw.Canvas) {
			vlineThumb(sty)(c)
			dot(c, c.Center())
		}})
	}
	if !ch.placeLegend(legend, w, h) {
		p.Add(legend)
	}
	return save(path, ext, w, h, ch.draw)
}

// vlineThumb draws a short vertical line in the middle of the icon.
func vlineThumb(sty draw.LineStyle) func(draw.Canvas) {
	return func(c draw.Canvas) {
		x := (c.Min.X + c.Max.X) / 2
		c.StrokeLine2(sty, x, c.Min.Y+vg.Points(1), x, c.Max.Y-vg.Points(1))
	}
}

// interpLog interpolates line (sorted by x) at x in log-x space.
func interpLog(line []xy, x float64) (float64, bool) {
	for i := 1; i < len(line); i++ {
		a, b := line[i-1], line[i]
		if x >= a.x && x <= b.x && finite(a.y) && finite(b.y) {
			if b.x == a.x {
				return a.y, true
			}
			t := (math.Log(x) - math.Log(a.x)) / (math.Log(b.x) - math.Log(a.x))
			return a.y + t*(b.y-a.y), true
		}
	}
	return 0, false
}

func fmtG(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
