package viz

import (
	"errors"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// GridMapData is a learning-rate × momentum map: F[i][j] is the final
// loss of the run at momentum Momenta[i] and rate LRs[j] (not finite, or
// Diverged[i][j] set, when it diverged).
type GridMapData struct {
	LRs, Momenta []float64
	F            [][]float64
	Diverged     [][]bool
	// Theory is the stable bound on the rate per row (2(1+β)/L for heavy
	// ball on a quadratic), drawn as a line; NaN entries are skipped.
	Theory []float64
	// Stable is the largest stable rate measured per row (NaN: none),
	// drawn as dots.
	Stable []float64
	// Best is the cell (row, column) with the lowest final loss, ringed;
	// negative values mean none.
	BestRow, BestCol int
}

// GridMapOptions configures GridMap.
type GridMapOptions struct {
	Width, Height int // pixels; zero means 960×540
	Title         string
}

// GridMap draws the map as a heat map of log10 of the final loss above the
// map's lowest (f − min f + 1e-12·scale), diverged cells in grey, the
// theoretical bound as a white line, the measured largest stable rate per
// row as dots and the best cell ringed, and writes it to path (".png",
// ".svg" or ".pdf"). The lr axis is logarithmic.
func GridMap(path string, d GridMapData, opt GridMapOptions) error {
	ext, err := format(path)
	if err != nil {
		return err
	}
	ch, w, h, err := planGrid(d, opt)
	if err != nil {
		return err
	}
	return save(path, ext, w, h, ch.draw)
}

// GridMapLayout returns the layout of the chart GridMap draws.
func GridMapLayout(d GridMapData, opt GridMapOptions) (Layout, error) {
	ch, w, h, err := planGrid(d, opt)
	if err != nil {
		return Layout{}, err
	}
	return layoutOf(ch, w, h), nil
}

func planGrid(d GridMapData, opt GridMapOptions) (*chart, int, int, error) {
	w, h, err := sizeOrDefault(opt.Width, opt.Height, defaultLossWidth, defaultLossHeight)
	if err != nil {
		return nil, 0, 0, err
	}
	nr, nc := len(d.Momenta), len(d.LRs)
	if nr == 0 || nc == 0 || len(d.F) != nr {
		return nil, 0, 0, errors.New("viz: GridMap needs a rate and a momentum, and one row of F per momentum")
	}
	for j, lr := range d.LRs {
		if !(lr > 0) || (j > 0 && !(lr > d.LRs[j-1])) {
			return nil, 0, 0, errors.New("viz: GridMap rates must be positive and increasing")
		}
	}
	// Cell edges: geometric midpoints in lr, arithmetic in momentum.
	xe := make([]float64, nc+1)
	for j := 1; j < nc; j++ {
		xe[j] = math.Sqrt(d.LRs[j-1] * d.LRs[j])
	}
	xe[0], xe[nc] = d.LRs[0]/math.Sqrt(ratio(d.LRs, 0)), d.LRs[nc-1]*math.Sqrt(ratio(d.LRs, nc-2))
	ye := make([]float64, nr+1)
	for i := 1; i < nr; i++ {
		ye[i] = (d.Momenta[i-1] + d.Momenta[i]) / 2
	}
	step := 0.1
	if nr > 1 {
		step = d.Momenta[1] - d.Momenta[0]
	}
	ye[0], ye[nr] = d.Momenta[0]-step/2, d.Momenta[nr-1]+step/2
	if nr > 1 {
		ye[nr] = d.Momenta[nr-1] + (d.Momenta[nr-1]-d.Momenta[nr-2])/2
	}
	// Color scale: log10(f − lo + eps) over the stable cells.
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range nr {
		for j := range nc {
			if v := d.F[i][j]; finite(v) && !diverged(d, i, j) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	eps := 1e-12 * math.Max(math.Abs(hi-lo), 1e-300)
	tlo, thi := math.Log10(eps), math.Log10(math.Max(hi-lo, 0)+eps)
	heat := heatColors()
	colorOf := func(i, j int) color.Color {
		v := d.F[i][j]
		if !finite(v) || diverged(d, i, j) || math.IsInf(lo, 1) {
			return color.NRGBA{0xb0, 0xb0, 0xb0, 0xff}
		}
		t := (math.Log10(v-lo+eps) - tlo) / math.Max(thi-tlo, 1e-12)
		k := int(math.Round(t * float64(len(heat)-1)))
		return heat[max(0, min(len(heat)-1, k))]
	}
	ch := newChart(opt.Title, "learning rate", "momentum β")
	setAxes(ch.p, [2]float64{xe[0], xe[nc]}, [2]float64{ye[0], ye[nr]}, true, false)
	ch.p.Add(plotFunc(func(c draw.Canvas, p *plot.Plot) {
		trX, trY := p.Transforms(&c)
		for i := range nr {
			for j := range nc {
				x0, x1, y0, y1 := trX(xe[j]), trX(xe[j+1]), trY(ye[i]), trY(ye[i+1])
				var pa vg.Path
				pa.Move(vg.Point{X: x0, Y: y0})
				pa.Line(vg.Point{X: x1, Y: y0})
				pa.Line(vg.Point{X: x1, Y: y1})
				pa.Line(vg.Point{X: x0, Y: y1})
				pa.Close()
				c.SetColor(colorOf(i, j))
				c.Fill(pa)
			}
		}
	}))
	var theory []xy
	for i, b := range d.Momenta {
		if i < len(d.Theory) && d.Theory[i] > 0 && finite(d.Theory[i]) {
			theory = append(theory, xy{d.Theory[i], b})
		}
	}
	ch.p.Add(polyline{pts: theory, style: draw.LineStyle{Color: white, Width: vg.Points(2.5)}, halo: draw.LineStyle{Color: color.NRGBA{0, 0, 0, 0xff}, Width: vg.Points(4.5)}})
	for i, b := range d.Momenta {
		if i < len(d.Stable) && finite(d.Stable[i]) && d.Stable[i] > 0 {
			ch.p.Add(marker{at: xy{d.Stable[i], b}, draw: dotMark(color.NRGBA{0xd5, 0x5e, 0x00, 0xff}, white, vg.Points(4), vg.Points(1.2))})
		}
	}
	if d.BestRow >= 0 && d.BestRow < nr && d.BestCol >= 0 && d.BestCol < nc {
		ch.p.Add(marker{at: xy{d.LRs[d.BestCol], d.Momenta[d.BestRow]}, draw: crossMark(color.NRGBA{0xcc, 0x00, 0x00, 0xff}, vg.Points(6))})
	}
	ch.p.Add(frame{color: axisColor})
	lb := &legendBox{}
	lb.entries = append(lb.entries,
		legendEntry{label: "theory: lr = 2(1+β)/L", thumb: func(c draw.Canvas) {
			y := (c.Min.Y + c.Max.Y) / 2
			c.StrokeLine2(draw.LineStyle{Color: color.NRGBA{0, 0, 0, 0xff}, Width: vg.Points(4.5)}, c.Min.X, y, c.Max.X, y)
			c.StrokeLine2(draw.LineStyle{Color: white, Width: vg.Points(2.5)}, c.Min.X, y, c.Max.X, y)
		}},
		legendEntry{label: "largest stable lr, measured", thumb: func(c draw.Canvas) {
			dotMark(color.NRGBA{0xd5, 0x5e, 0x00, 0xff}, white, vg.Points(4), vg.Points(1.2))(c, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2})
		}},
		legendEntry{label: "best final loss", thumb: func(c draw.Canvas) {
			crossMark(color.NRGBA{0xcc, 0x00, 0x00, 0xff}, vg.Points(4))(c, vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2})
		}},
		legendEntry{label: "grey: diverged", thumb: func(c draw.Canvas) {
			c.SetColor(color.NRGBA{0xb0, 0xb0, 0xb0, 0xff})
			c.Fill(c.Rectangle.Path())
		}},
	)
	for _, b := range d.Momenta { // every cell is data: the legend goes outside
		for _, lr := range d.LRs {
			lb.marks = append(lb.marks, xy{lr, b})
		}
	}
	ch.placeLegend(lb, w, h)
	if ch.side == nil {
		ch.p.Add(lb)
	}
	return ch, w, h, nil
}

func diverged(d GridMapData, i, j int) bool {
	return i < len(d.Diverged) && j < len(d.Diverged[i]) && d.Diverged[i][j]
}

// ratio returns v[k+1]/v[k], or 10 when there is no such pair.
func ratio(v []float64, k int) float64 {
	if k < 0 || k+1 >= len(v) {
		return 10
	}
	return v[k+1] / v[k]
}
