package viz

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one line of a legend: a label and a thumbnail drawn into
// the icon rectangle.
type legendEntry struct {
	label string
	thumb func(c draw.Canvas)
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

// size returns the box size.
func (l *legendBox) size() (w, h, row vg.Length) {
	row = legendText.Height("Mg") * 1.35
	var tw vg.Length
	for _, e := range l.entries {
		if w := legendText.Width(e.label); w > tw {
			tw = w
		}
	}
	w = legendPad*2 + legendThumb + legendPad + tw
	h = legendPad*2 + row*vg.Length(len(l.entries))
	return w, h, row
}

// Plot implements plot.Plotter.
func (l *legendBox) Plot(c draw.Canvas, p *plot.Plot) {
	if len(l.entries) == 0 {
		return
	}
	w, h, row := l.size()
	box := l.place(c, p, w, h)

	var outline vg.Path
	roundedRect(&outline, box, vg.Points(4))
	c.SetColor(legendFill)
	c.Fill(outline)
	c.SetLineStyle(draw.LineStyle{Color: legendEdge, Width: vg.Points(0.7)})
	c.Stroke(outline)

	y := box.Max.Y - legendPad - row/2
	for _, e := range l.entries {
		icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: box.Min.X + legendPad, Y: y - row/2},
			Max: vg.Point{X: box.Min.X + legendPad + legendThumb, Y: y + row/2},
		}}
		if e.thumb != nil {
			e.thumb(icon)
		}
		c.FillText(legendText, vg.Point{X: icon.Max.X + legendPad, Y: y}, e.label)
		y -= row
	}
}

// place returns the corner rectangle of size w×h covering the fewest
// avoided points, preferring top-right, top-left, bottom-right, bottom-left.
func (l *legendBox) place(c draw.Canvas, p *plot.Plot, w, h vg.Length) vg.Rectangle {
	in := legendInset
	cands := []vg.Rectangle{
		{Min: vg.Point{X: c.Max.X - in - w, Y: c.Max.Y - in - h}, Max: vg.Point{X: c.Max.X - in, Y: c.Max.Y - in}},
		{Min: vg.Point{X: c.Min.X + in, Y: c.Max.Y - in - h}, Max: vg.Point{X: c.Min.X + in + w, Y: c.Max.Y - in}},
		{Min: vg.Point{X: c.Max.X - in - w, Y: c.Min.Y + in}, Max: vg.Point{X: c.Max.X - in, Y: c.Min.Y + in + h}},
		{Min: vg.Point{X: c.Min.X + in, Y: c.Min.Y + in}, Max: vg.Point{X: c.Min.X + in + w, Y: c.Min.Y + in + h}},
	}
	return cands[bestRect(cands, c, p, l.avoid, l.marks)]
}

// bestRect returns the index of the candidate rectangle that covers the
// fewest samples of the polylines and marks; ties go to the earlier one.
func bestRect(cands []vg.Rectangle, c draw.Canvas, p *plot.Plot, lines [][]xy, marks []xy) int {
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
	return best
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
