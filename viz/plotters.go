package viz

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The plotters of this file report no data ranges and no glyph boxes: every
// chart sets its axis ranges itself, which keeps the data area independent of
// the data (see layoutOf).

// plotFunc adapts a function to plot.Plotter.
type plotFunc func(c draw.Canvas, p *plot.Plot)

// Plot implements plot.Plotter.
func (f plotFunc) Plot(c draw.Canvas, p *plot.Plot) { f(c, p) }

// plotOnly hides the DataRange and GlyphBoxes methods of a gonum plotter.
type plotOnly struct{ p plot.Plotter }

// Plot implements plot.Plotter.
func (w plotOnly) Plot(c draw.Canvas, p *plot.Plot) { w.p.Plot(c, p) }

// polyline draws a line through points given in data coordinates, clipped
// to the data area, optionally over a wider halo.
type polyline struct {
	pts   []xy
	style draw.LineStyle
	halo  draw.LineStyle // drawn first when its Width is positive
}

// Plot implements plot.Plotter.
func (l polyline) Plot(c draw.Canvas, p *plot.Plot) {
	if len(l.pts) == 0 {
		return
	}
	trX, trY := p.Transforms(&c)
	line := make([]vg.Point, len(l.pts))
	for i, q := range l.pts {
		line[i] = vg.Point{X: trX(q.x), Y: trY(q.y)}
	}
	if len(line) == 1 {
		line = append(line, line[0])
	}
	lines := c.ClipLinesXY(line)
	if l.halo.Width > 0 {
		c.StrokeLines(l.halo, lines...)
	}
	c.StrokeLines(l.style, lines...)
}

// gridLines draws light horizontal and vertical lines at the major ticks.
type gridLines struct{}

// Plot implements plot.Plotter.
func (gridLines) Plot(c draw.Canvas, p *plot.Plot) {
	sty := draw.LineStyle{Color: gridColor, Width: vg.Points(0.7)}
	trX, trY := p.Transforms(&c)
	for _, t := range p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max) {
		if t.IsMinor() {
			continue
		}
		if x := trX(t.Value); c.ContainsX(x) {
			c.StrokeLine2(sty, x, c.Min.Y, x, c.Max.Y)
		}
	}
	for _, t := range p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max) {
		if t.IsMinor() {
			continue
		}
		if y := trY(t.Value); c.ContainsY(y) {
			c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
		}
	}
}

// frame strokes the outline of the data area.
type frame struct{ color color.Color }

// Plot implements plot.Plotter.
func (f frame) Plot(c draw.Canvas, _ *plot.Plot) {
	var pa vg.Path
	pa.Move(c.Min)
	pa.Line(vg.Point{X: c.Max.X, Y: c.Min.Y})
	pa.Line(c.Max)
	pa.Line(vg.Point{X: c.Min.X, Y: c.Max.Y})
	pa.Close()
	c.SetLineStyle(draw.LineStyle{Color: f.color, Width: vg.Points(0.8)})
	c.Stroke(pa)
}

// marker draws a glyph at a data point if it lies in the data area.
type marker struct {
	at   xy
	draw func(c draw.Canvas, at vg.Point)
}

// Plot implements plot.Plotter.
func (m marker) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	pt := vg.Point{X: trX(m.at.x), Y: trY(m.at.y)}
	if c.Contains(pt) {
		m.draw(c, pt)
	}
}

// crossMark draws a bold ✕ in col over a white halo.
func crossMark(col color.Color, r vg.Length) func(draw.Canvas, vg.Point) {
	return func(c draw.Canvas, at vg.Point) {
		halo := draw.GlyphStyle{Color: white, Radius: r + vg.Points(1), Shape: thickCross{w: vg.Points(4.6)}}
		c.DrawGlyphNoClip(halo, at)
		c.DrawGlyphNoClip(draw.GlyphStyle{Color: col, Radius: r, Shape: thickCross{w: vg.Points(2.2)}}, at)
	}
}

// thickCross is a ✕ glyph with a chosen stroke width.
type thickCross struct{ w vg.Length }

// DrawGlyph implements draw.GlyphDrawer.
func (g thickCross) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	c.SetLineStyle(draw.LineStyle{Color: sty.Color, Width: g.w})
	r := sty.Radius
	var p vg.Path
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y + r})
	p.Move(vg.Point{X: pt.X - r, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y - r})
	c.Stroke(p)
}

// dotMark draws a filled circle in fill with a ring in ring.
func dotMark(fill, ring color.Color, r, ringWidth vg.Length) func(draw.Canvas, vg.Point) {
	return func(c draw.Canvas, at vg.Point) {
		var p vg.Path
		p.Move(vg.Point{X: at.X + r, Y: at.Y})
		p.Arc(at, r, 0, 2*math.Pi)
		p.Close()
		c.SetColor(fill)
		c.Fill(p)
		if ringWidth > 0 {
			c.SetLineStyle(draw.LineStyle{Color: ring, Width: ringWidth})
			c.Stroke(p)
		}
	}
}

// starMark draws a five-pointed star.
func starMark(fill, edge color.Color, r vg.Length) func(draw.Canvas, vg.Point) {
	return func(c draw.Canvas, at vg.Point) {
		var p vg.Path
		for i := 0; i < 10; i++ {
			rad := r
			if i%2 == 1 {
				rad = r * 0.45
			}
			a := math.Pi/2 + float64(i)*math.Pi/5
			q := vg.Point{X: at.X + rad*vg.Length(math.Cos(a)), Y: at.Y + rad*vg.Length(math.Sin(a))}
			if i == 0 {
				p.Move(q)
			} else {
				p.Line(q)
			}
		}
		p.Close()
		c.SetColor(fill)
		c.Fill(p)
		c.SetLineStyle(draw.LineStyle{Color: edge, Width: vg.Points(1.1)})
		c.Stroke(p)
	}
}

// vline draws a vertical line across the data area at data x.
type vline struct {
	x     float64
	style draw.LineStyle
}

// Plot implements plot.Plotter.
func (v vline) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	if x := trX(v.x); c.ContainsX(x) {
		c.StrokeLine2(v.style, x, c.Min.Y, x, c.Max.Y)
	}
}

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
