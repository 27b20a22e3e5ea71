package viz

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one line of a legend: a label and a thumbnail drawn into
// the icon rectangle, or a row of small glyph-and-label parts.
type legendEntry struct {
	label string
	thumb func(c draw.Canvas)
	parts []legendEntry
}

// Sizes of the parts of a composite legend row.
var (
	partIcon = vg.Points(14)
	partGap  = vg.Points(3)
	partSep  = vg.Points(12)
)

// width returns the width of the entry.
func (e legendEntry) width() vg.Length {
	if len(e.parts) == 0 {
		return legendThumb + legendPad + legendText.Width(e.label)
	}
	var w vg.Length
	for i, p := range e.parts {
		if i > 0 {
			w += partSep
		}
		w += partIcon + partGap + legendText.Width(p.label)
	}
	return w
}

// drawRow draws the entry with its left edge at x and its middle at y.
func (e legendEntry) drawRow(c draw.Canvas, x, y, row vg.Length) {
	if len(e.parts) == 0 {
		icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y - row/2},
			Max: vg.Point{X: x + legendThumb, Y: y + row/2},
		}}
		if e.thumb != nil {
			e.thumb(icon)
		}
		c.FillText(legendText, vg.Point{X: icon.Max.X + legendPad, Y: y}, e.label)
		return
	}
	for _, p := range e.parts {
		icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y - row/2},
			Max: vg.Point{X: x + partIcon, Y: y + row/2},
		}}
		if p.thumb != nil {
			p.thumb(icon)
		}
		c.FillText(legendText, vg.Point{X: icon.Max.X + partGap, Y: y}, p.label)
		x = icon.Max.X + partGap + legendText.Width(p.label) + partSep
	}
}

// legendBox is a plot.Plotter drawing a legend in a translucent white box in
// the corner of the data area that covers the fewest data points. It must be
// added last.
type legendBox struct {
	entries []legendEntry
	// avoid holds polylines in data coordinates, and marks points that the
	// legend should not cover.
	avoid [][]xy
	marks []xy
	// placed caches the chosen box: the GIF draws the legend once a frame
	// on the same canvas.
	placed *vg.Rectangle
	// cols is the number of columns of entries; 0 means 1.
	cols int
}

type xy struct{ x, y float64 }

var (
	legendText  = textStyle(legendSize, draw.XLeft, draw.YCenter)
	legendFill  = color.NRGBA{0xff, 0xff, 0xff, 0xe0}
	legendEdge  = color.NRGBA{0xbb, 0xbb, 0xbb, 0xff}
	legendThumb = vg.Points(26)
	legendPad   = vg.Points(6)
	legendInset = vg.Points(8)
)

// legendColGap separates the columns of a legend.
var legendColGap = vg.Points(14)

// columns returns the number of columns and rows of entries.
func (l *legendBox) columns() (cols, rows int) {
	cols = max(1, min(l.cols, len(l.entries)))
	return cols, (len(l.entries) + cols - 1) / cols
}

// colWidth returns the width of a column of entries.
func (l *legendBox) colWidth() vg.Length {
	var cw vg.Length
	for _, e := range l.entries {
		cw = max(cw, e.width())
	}
	return cw
}

// size returns the box size and the height of a row.
func (l *legendBox) size() (w, h, row vg.Length) {
	row = legendText.Height("Mg") * 1.35
	cols, rows := l.columns()
	w = legendPad*2 + vg.Length(cols)*l.colWidth() + vg.Length(cols-1)*legendColGap
	h = legendPad*2 + row*vg.Length(rows)
	return w, h, row
}

// Plot implements plot.Plotter.
func (l *legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	if len(l.entries) == 0 {
		return
	}
	w, h, _ := l.size()
	if l.placed == nil {
		r, _ := l.place(c, p, w, h)
		l.placed = &r
	}
	l.drawAt(c, *l.placed)
}

// drawAt draws the legend in the box.
func (l *legendBox) drawAt(c draw.Canvas, box vg.Rectangle) {
	_, _, row := l.size()
	var outline vg.Path
	roundedRect(&outline, box, vg.Points(4))
	c.SetColor(legendFill)
	c.Fill(outline)
	c.SetLineStyle(draw.LineStyle{Color: legendEdge, Width: vg.Points(0.7)})
	c.Stroke(outline)

	cols, _ := l.columns()
	cw := l.colWidth() + legendColGap
	for k, e := range l.entries {
		// Column-major order, so that the entries read down the columns.
		_, rows := l.columns()
		col, r := k/rows, k%rows
		if cols == 1 {
			col, r = 0, k
		}
		x := box.Min.X + legendPad + vg.Length(col)*cw
		y := box.Max.Y - legendPad - row/2 - vg.Length(r)*row
		e.drawRow(c, x, y, row)
	}
}

// legendTolerance is how much data (in samples 3 points apart along the
// lines) a legend box inside the data area may cover.
const legendTolerance = 3

// place returns the corner rectangle of size w×h covering the fewest
// avoided points, preferring top-right, top-left, bottom-right, bottom-left,
// and how much it covers (see bestRect).
func (l *legendBox) place(c draw.Canvas, p *plot.Plot, w, h vg.Length) (vg.Rectangle, float64) {
	in := legendInset
	cands := []vg.Rectangle{
		{Min: vg.Point{X: c.Max.X - in - w, Y: c.Max.Y - in - h}, Max: vg.Point{X: c.Max.X - in, Y: c.Max.Y - in}},
		{Min: vg.Point{X: c.Min.X + in, Y: c.Max.Y - in - h}, Max: vg.Point{X: c.Min.X + in + w, Y: c.Max.Y - in}},
		{Min: vg.Point{X: c.Max.X - in - w, Y: c.Min.Y + in}, Max: vg.Point{X: c.Max.X - in, Y: c.Min.Y + in + h}},
		{Min: vg.Point{X: c.Min.X + in, Y: c.Min.Y + in}, Max: vg.Point{X: c.Min.X + in + w, Y: c.Min.Y + in + h}},
	}
	i, cover := bestRect(cands, c, p, l.avoid, l.marks)
	return cands[i], cover
}

// bestRect returns the index of the candidate rectangle that covers the
// fewest samples of the polylines (one every 3 points along them) and marks
// (weighing 50 each), ties going to the earlier one, and how many it covers.
func bestRect(cands []vg.Rectangle, c draw.Canvas, p *plot.Plot, lines [][]xy, marks []xy) (int, float64) {
	trX, trY := p.Transforms(&c)
	counts := make([]float64, len(cands))
	// Grow the boxes a little so lines just outside still count.
	grow := vg.Points(4)
	hit := func(pt vg.Point, weight float64) {
		for i, r := range cands {
			if pt.X >= r.Min.X-grow && pt.X <= r.Max.X+grow && pt.Y >= r.Min.Y-grow && pt.Y <= r.Max.Y+grow {
				counts[i] += weight
			}
		}
	}
	tr := func(q xy) (vg.Point, bool) {
		x, y := float64(trX(q.x)), float64(trY(q.y))
		if math.IsNaN(x) || math.IsNaN(y) || math.Abs(x) > 1e6 || math.Abs(y) > 1e6 {
			return vg.Point{}, false
		}
		return vg.Point{X: vg.Length(x), Y: vg.Length(y)}, true
	}
	step := float64(vg.Points(3))
	for _, line := range lines {
		var prev vg.Point
		havePrev := false
		for _, q := range line {
			pt, ok := tr(q)
			if !ok {
				havePrev = false
				continue
			}
			if havePrev {
				// Sample long segments so that a line crossing a box
				// without a vertex in it still counts.
				d := math.Hypot(float64(pt.X-prev.X), float64(pt.Y-prev.Y))
				n := int(math.Min(d/step, 2000))
				for k := 1; k <= n; k++ {
					f := vg.Length(float64(k) / float64(n+1))
					hit(vg.Point{X: prev.X + (pt.X-prev.X)*f, Y: prev.Y + (pt.Y-prev.Y)*f}, 1)
				}
			}
			hit(pt, 1)
			prev, havePrev = pt, true
		}
	}
	for _, q := range marks {
		if pt, ok := tr(q); ok {
			hit(pt, 50)
		}
	}
	best := 0
	for i := range counts {
		if counts[i] < counts[best] {
			best = i
		}
	}
	return best, counts[best]
}

// roundedRect appends a closed rounded rectangle to path.
func roundedRect(path *vg.Path, r vg.Rectangle, rad vg.Length) {
	x0, y0, x1, y1 := r.Min.X, r.Min.Y, r.Max.X, r.Max.Y
	path.Move(vg.Point{X: x0 + rad, Y: y0})
	path.Line(vg.Point{X: x1 - rad, Y: y0})
	path.Arc(vg.Point{X: x1 - rad, Y: y0 + rad}, rad, -math.Pi/2, math.Pi/2)
	path.Line(vg.Point{X: x1, Y: y1 - rad})
	path.Arc(vg.Point{X: x1 - rad, Y: y1 - rad}, rad, 0, math.Pi/2)
	path.Line(vg.Point{X: x0 + rad, Y: y1})
	path.Arc(vg.Point{X: x0 + rad, Y: y1 - rad}, rad, math.Pi/2, math.Pi/2)
	path.Line(vg.Point{X: x0, Y: y0 + rad})
	path.Arc(vg.Point{X: x0 + rad, Y: y0 + rad}, rad, math.Pi, math.Pi/2)
	path.Close()
}

// lineThumb returns a thumbnail drawing a short line in the given style,
// with an optional glyph at its right end.
func lineThumb(sty draw.LineStyle, glyph *draw.GlyphStyle) func(draw.Canvas) {
	return func(c draw.Canvas) {
		y := (c.Min.Y + c.Max.Y) / 2
		c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		if glyph != nil {
			c.DrawGlyphNoClip(*glyph, vg.Point{X: c.Max.X - glyph.Radius, Y: y})
		}
	}
}

// glyphThumb returns a thumbnail drawing one glyph in the middle.
func glyphThumb(draws func(c draw.Canvas, at vg.Point)) func(draw.Canvas) {
	return func(c draw.Canvas) { draws(c, c.Center()) }
}
