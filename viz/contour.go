package viz

import (
	"fmt"
	"image"
	"image/color"
	stddraw "image/draw"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/descentgo/descent/viz/geom"
)

// Path is a descent path in the plane: the iterates (X[i], Y[i]), with the
// legend text Label (geom.Path).
type Path = geom.Path

// ContourOptions configures Contour and GIF.
type ContourOptions struct {
	// Width and Height are the image size in pixels; zero means 800×700.
	Width, Height int
	// Window is the visible region xmin, xmax, ymin, ymax, kept as given.
	// All zero means FitWindow(paths, Minima), widened so that one unit
	// has the same length on both axes (unless FreeAspect is set): only
	// then do gradients cross the contour lines at right angles.
	Window [4]float64
	// FreeAspect lets a fitted window fill the data area with different
	// scales on the two axes.
	FreeAspect bool
	// Minima are known minimizers, marked with a star.
	Minima [][2]float64
	// Title is drawn above the chart when not empty.
	Title string
	// XLabel and YLabel name the axes; the defaults are "x" and "y".
	XLabel, YLabel string
	// Grid is the number of grid nodes per axis at which f is evaluated;
	// zero means 200.
	Grid int
	// Levels is the number of contour lines; zero means 14, negative none.
	Levels int
}

const (
	defaultContourWidth  = 800
	defaultContourHeight = 700
	defaultGrid          = 200
	defaultLevels        = 14
	// dynamicRange is the ratio of the largest to the smallest value of
	// f − min f that the color scale resolves (see Contour).
	dynamicRange = 1e3
)

// Styles of the contour chart.
var (
	contourLine = color.NRGBA{0x10, 0x10, 0x30, 0x48}
	pathHalo    = color.NRGBA{0xff, 0xff, 0xff, 0xc0}
	nanColor    = color.NRGBA{0xbb, 0xbb, 0xbb, 0xff}
	pathWidth   = vg.Points(2)
	haloWidth   = vg.Points(4.2)
	arrowGap    = vg.Points(60) // arc length between arrows
	arrowRoom   = vg.Points(30) // least distance between arrows
)

// contourPlan is a contour chart ready to draw.
type contourPlan struct {
	w, h   int
	win    [4]float64
	ch     *chart
	p      *plot.Plot
	paths  [][]xy // finite prefixes, cut after they leave for good (see outCut)
	trunc  []bool // the path had a non-finite point or left for good
	labels []string
	opt    ContourOptions
	arrows [][]arrow  // per path, cached by pathsPlotter
	lb     *legendBox // the legend, inside unless ch.side is set
}

// ContourLayout returns the layout of the chart Contour draws for the same
// paths and options; f does not affect it.
func ContourLayout(paths []Path, opt ContourOptions) (Layout, error) {
	pl, err := planContour(paths, opt)
	if err != nil {
		return Layout{}, err
	}
	return layoutOf(pl.ch, pl.w, pl.h), nil
}

// Contour draws the descent paths over a map of f and writes it to path,
// whose extension selects the format (".png", ".svg" or ".pdf").
//
// The map shows f on the grid of opt.Grid×opt.Grid nodes spanning the window
// as a filled heat map with contour lines on a logarithmic scale,
// t = log10((f − m)/s + 1), where m is the smallest value on the grid and
// s = (max − m)/1000, so a narrow valley stays visible next to steep walls.
// Contour lines are evenly spaced in t. Grid points where f is NaN are grey.
//
// Each path is drawn in its own color (see SeriesColor) over a white halo, with
// arrows spaced evenly by distance along the path; its start is a ringed dot
// and its end a small dot, or a ✕ where the path leaves the window or stops
// at a non-finite point. Minima are stars. The legend goes in the corner of
// the data area that covers the fewest path points.
func Contour(path string, f func(x, y float64) float64, paths []Path, opt ContourOptions) error {
	ext, err := format(path)
	if err != nil {
		return err
	}
	pl, err := planContour(paths, opt)
	if err != nil {
		return err
	}
	raster := ext == ".png"
	pl.addMap(f, raster)
	pl.p.Add(pl.pathsPlotter(math.Inf(1)))
	pl.addMinima()
	pl.p.Add(frame{axisColor})
	if pl.ch.side == nil {
		pl.p.Add(pl.lb)
	}
	return save(path, ext, pl.w, pl.h, pl.ch.draw)
}

// planContour validates the options and sets up the axes.
func planContour(paths []Path, opt ContourOptions) (*contourPlan, error) {
	w, h, err := sizeOrDefault(opt.Width, opt.Height, defaultContourWidth, defaultContourHeight)
	if err != nil {
		return nil, err
	}
	if opt.Grid == 0 {
		opt.Grid = defaultGrid
	}
	if opt.Grid < 2 || opt.Grid > 4000 {
		return nil, fmt.Errorf("viz: ContourOptions.Grid = %d out of range 2…4000", opt.Grid)
	}
	if opt.Levels == 0 {
		opt.Levels = defaultLevels
	}
	win := opt.Window
	fit := win == ([4]float64{})
	if fit {
		win = FitWindow(paths, opt.Minima)
	}
	for _, v := range win {
		if !finite(v) {
			return nil, fmt.Errorf("viz: window %v is not finite", win)
		}
	}
	if !(win[0] < win[1]) || !(win[2] < win[3]) {
		return nil, fmt.Errorf("viz: window %v is empty: want xmin < xmax and ymin < ymax", win)
	}
	xl, yl := opt.XLabel, opt.YLabel
	if xl == "" {
		xl = "x"
	}
	if yl == "" {
		yl = "y"
	}
	ch := newChart(opt.Title, xl, yl)
	pl := &contourPlan{w: w, h: h, opt: opt, ch: ch, p: ch.p}
	pl.setWindow(win, fit && !opt.FreeAspect, paths)
	pl.lb = pl.legend()
	if pl.legendCover() <= legendTolerance {
		return pl, nil
	}
	// Every corner of the data area would hide part of a path. Make room
	// on the map, or put the legend outside, unless that shrinks the
	// drawing by more than a quarter: then the legend covers a little.
	scale0 := pl.scale()
	if fit && pl.makeRoom(win, paths, 0.75*scale0) {
		return pl, nil
	}
	if ch.placeLegend(pl.lb, w, h) {
		if fit && !opt.FreeAspect {
			// The data area shrank: fit the window to its new shape.
			pl.setWindow(win, true, paths)
			lb := pl.legend()
			lb.cols = pl.lb.cols
			pl.lb, ch.side = lb, lb
		}
		if pl.scale() >= 0.75*scale0 {
			return pl, nil
		}
		ch.side, ch.below, pl.lb.cols = nil, false, 0
		pl.setWindow(win, fit && !opt.FreeAspect, paths)
		pl.lb = pl.legend()
	}
	return pl, nil
}

// finitePrefix returns the points of p up to its first non-finite one, and
// whether there was one.
func finitePrefix(p Path) ([]xy, bool) {
	n := min(len(p.X), len(p.Y))
	pts := make([]xy, 0, n)
	for i := 0; i < n; i++ {
		if !finite(p.X[i]) || !finite(p.Y[i]) {
			return pts, true
		}
		pts = append(pts, xy{p.X[i], p.Y[i]})
	}
	return pts, false
}

// legendCover returns how much data the legend would cover inside the data
// area, in its best corner.
func (pl *contourPlan) legendCover() float64 {
	if len(pl.lb.entries) == 0 {
		return 0
	}
	wp, hp := ptSize(pl.w, pl.h)
	da := pl.ch.dataArea(draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: wp, Y: hp}}})
	bw, bh, _ := pl.lb.size()
	_, cover := pl.lb.place(da, pl.p, bw, bh)
	return cover
}

// scale returns the smaller of the pixels per unit on the two axes.
func (pl *contourPlan) scale() float64 {
	l := layoutOf(pl.ch, pl.w, pl.h)
	return math.Min((l.Right-l.Left)/(pl.win[1]-pl.win[0]), (l.Bottom-l.Top)/(pl.win[3]-pl.win[2]))
}

// makeRoom extends the fitted window fit to the right or upwards, so that
// the legend finds a corner free of data on the map itself. Of the two it
// keeps the one drawing the data larger, if at least minScale pixels per
// unit, and reports whether it found one; otherwise it leaves the window as
// it was.
func (pl *contourPlan) makeRoom(fit [4]float64, paths []Path, minScale float64) bool {
	equal := !pl.opt.FreeAspect
	wp, hp := ptSize(pl.w, pl.h)
	da := pl.ch.dataArea(draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: wp, Y: hp}}})
	bw, bh, _ := pl.lb.size()
	dw, dh := da.Max.X-da.Min.X, da.Max.Y-da.Min.Y
	var cands [][4]float64
	if free := dw - bw - 2*legendInset; free > dw/4 {
		c := fit
		c[1] = c[0] + (c[1]-c[0])*float64(dw/free)
		cands = append(cands, c)
	}
	if free := dh - bh - 2*legendInset; free > dh/4 {
		c := fit
		c[3] = c[2] + (c[3]-c[2])*float64(dh/free)
		cands = append(cands, c)
	}
	orig := pl.win
	best, bestScale := [4]float64{}, 0.0
	for _, c := range cands {
		pl.setWindow(c, equal, paths)
		pl.lb = pl.legend()
		if pl.legendCover() > legendTolerance {
			continue
		}
		if scale := pl.scale(); scale >= minScale && scale > bestScale {
			best, bestScale = c, scale
		}
	}
	found := bestScale > 0
	if !found {
		best, equal = orig, false // orig is already widened
	}
	pl.setWindow(best, equal, paths)
	pl.lb = pl.legend()
	return found
}

// setWindow sets the window, widened to the aspect ratio of the data area
// when equal is set, and cuts the paths to it (see outCut).
func (pl *contourPlan) setWindow(win [4]float64, equal bool, paths []Path) {
	setAxes(pl.p, [2]float64{win[0], win[1]}, [2]float64{win[2], win[3]}, false, false)
	if equal {
		// The tick labels, and with them the data area, depend on the
		// window, so settle it in a few rounds.
		orig := win
		for range 3 {
			l := layoutOf(pl.ch, pl.w, pl.h)
			win = equalAspect(orig, l.Right-l.Left, l.Bottom-l.Top)
			setAxes(pl.p, [2]float64{win[0], win[1]}, [2]float64{win[2], win[3]}, false, false)
		}
	}
	pl.win = win
	pl.paths, pl.trunc, pl.labels = nil, nil, nil
	for _, p := range paths {
		pts, trunc := finitePrefix(p)
		if k := outCut(pts, win); k < len(pts) {
			pts, trunc = pts[:k], true
		}
		pl.paths = append(pl.paths, pts)
		pl.trunc = append(pl.trunc, trunc)
		pl.labels = append(pl.labels, p.Label)
	}
}

// equalAspect widens win about its center so that one unit has the same
// length on both axes of a data area w×h pixels.
func equalAspect(win [4]float64, w, h float64) [4]float64 {
	if !(w > 0) || !(h > 0) {
		return win
	}
	dx, dy := win[1]-win[0], win[3]-win[2]
	if dx/w > dy/h {
		c, half := (win[2]+win[3])/2, dx/w*h/2
		return [4]float64{win[0], win[1], c - half, c + half}
	}
	c, half := (win[0]+win[1])/2, dy/h*w/2
	return [4]float64{c - half, c + half, win[2], win[3]}
}

// outCut returns the length of the part of pts to draw: through the first
// point after the last one in the window. Past that the path never comes
// back (it diverged or wandered off), and its later segments would only
// crisscross the view.
func outCut(pts []xy, win [4]float64) int {
	w := box{win[0], win[1], win[2], win[3]}
	for k := len(pts) - 1; k >= 0; k-- {
		if w.contains(pts[k].x, pts[k].y) {
			return min(k+2, len(pts))
		}
	}
	return len(pts)
}

// FitWindow returns a window xmin, xmax, ymin, ymax framing the minima and
// the finite part of the paths, without letting a diverging path blow it up
// (geom.FitWindow).
func FitWindow(paths []Path, minima [][2]float64) [4]float64 {
	return geom.FitWindow(paths, minima)
}

type box struct{ x0, x1, y0, y1 float64 }

// clamp moves q into the box, undoing rounding errors of clipping.
func (b box) clamp(q xy) xy {
	return xy{math.Max(b.x0, math.Min(b.x1, q.x)), math.Max(b.y0, math.Min(b.y1, q.y))}
}

func emptyBox() box { return box{math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)} }

func (b *box) add(x, y float64) {
	b.x0, b.x1 = math.Min(b.x0, x), math.Max(b.x1, x)
	b.y0, b.y1 = math.Min(b.y0, y), math.Max(b.y1, y)
}

func (b box) empty() bool { return b.x0 > b.x1 }

func (b box) contains(x, y float64) bool {
	return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1
}

// fieldGrid holds t = log10((f − m)/s + 1) at n×n nodes over the window.
type fieldGrid struct {
	n          int
	win        [4]float64
	t          []float64 // row-major, row 0 at ymin; NaN where f is NaN
	tmin, tmax float64
}

// Dims, Z, X and Y implement plotter.GridXYZ for the contour lines.
func (g *fieldGrid) Dims() (c, r int) { return g.n, g.n }

// Z returns t at a node, with NaN replaced by the largest value so that the
// contouring sees a wall.
func (g *fieldGrid) Z(c, r int) float64 {
	if v := g.t[r*g.n+c]; !math.IsNaN(v) {
		return v
	}
	return g.tmax
}

// X returns the x coordinate of column c.
func (g *fieldGrid) X(c int) float64 {
	return g.win[0] + (g.win[1]-g.win[0])*float64(c)/float64(g.n-1)
}

// Y returns the y coordinate of row r.
func (g *fieldGrid) Y(r int) float64 {
	return g.win[2] + (g.win[3]-g.win[2])*float64(r)/float64(g.n-1)
}

// evalGrid evaluates f on the grid and applies the log transform.
func evalGrid(f func(x, y float64) float64, n int, win [4]float64) *fieldGrid {
	g := &fieldGrid{n: n, win: win, t: make([]float64, n*n)}
	fmin, fmax := math.Inf(1), math.Inf(-1)
	for r := 0; r < n; r++ {
		y := g.Y(r)
		for c := 0; c < n; c++ {
			v := f(g.X(c), y)
			g.t[r*n+c] = v
			if finite(v) {
				fmin, fmax = math.Min(fmin, v), math.Max(fmax, v)
			}
		}
	}
	if math.IsInf(fmin, 1) { // nothing finite
		fmin, fmax = 0, 1
	}
	s := (fmax - fmin) / dynamicRange
	if !(s > 0) || math.IsInf(s, 0) {
		s = 1
	}
	tInf := math.Log10((fmax-fmin)/s + 1)
	g.tmin, g.tmax = 0, tInf
	for i, v := range g.t {
		switch {
		case math.IsNaN(v):
		case math.IsInf(v, 1):
			g.t[i] = tInf
		case math.IsInf(v, -1):
			g.t[i] = 0
		default:
			g.t[i] = math.Log10((v-fmin)/s + 1)
		}
	}
	if g.tmax <= g.tmin {
		g.tmax = g.tmin + 1
	}
	return g
}

// heatImage returns a w×h image of the grid, row 0 at the top, sampling t
// bilinearly at pixel centers and mapping it through the heat colors.
func (g *fieldGrid) heatImage(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	cols := heatColors()
	scale := float64(len(cols)-1) / (g.tmax - g.tmin)
	n := g.n
	for py := 0; py < h; py++ {
		gy := (1 - (float64(py)+0.5)/float64(h)) * float64(n-1)
		r0 := min(int(gy), n-2)
		fy := gy - float64(r0)
		row := img.Pix[py*img.Stride:]
		for px := 0; px < w; px++ {
			gx := (float64(px) + 0.5) / float64(w) * float64(n-1)
			c0 := min(int(gx), n-2)
			fx := gx - float64(c0)
			i := r0*n + c0
			v := (g.t[i]*(1-fx)+g.t[i+1]*fx)*(1-fy) + (g.t[i+n]*(1-fx)+g.t[i+n+1]*fx)*fy
			col := nanColor
			if !math.IsNaN(v) {
				k := int((v-g.tmin)*scale + 0.5)
				col = cols[max(0, min(k, len(cols)-1))]
			}
			row[4*px], row[4*px+1], row[4*px+2], row[4*px+3] = col.R, col.G, col.B, 0xff
		}
	}
	return img
}

// levels returns k contour levels evenly spaced strictly inside (tmin, tmax).
func (g *fieldGrid) levels(k int) []float64 {
	out := make([]float64, k)
	for i := range out {
		out[i] = g.tmin + (g.tmax-g.tmin)*float64(i+1)/float64(k+1)
	}
	return out
}

// addMap adds the heat map and the contour lines of f. With raster set the
// heat image is sampled at the pixel size of the data area, otherwise at
// the grid resolution (smaller vector files).
func (pl *contourPlan) addMap(f func(x, y float64) float64, raster bool) *fieldGrid {
	g := evalGrid(f, pl.opt.Grid, pl.win)
	iw, ih := pl.opt.Grid, pl.opt.Grid
	var at image.Rectangle // where the image goes in a raster of the layout
	if raster {
		l := layoutOf(pl.ch, pl.w, pl.h)
		iw = max(1, int(math.Round(l.Right-l.Left)))
		ih = max(1, int(math.Round(l.Bottom-l.Top)))
		x0, y0 := int(math.Round(l.Left)), int(math.Round(l.Top))
		at = image.Rect(x0, y0, x0+iw, y0+ih)
	}
	img := g.heatImage(iw, ih)
	pl.p.Add(plotFunc(func(c draw.Canvas, p *plot.Plot) {
		// On a raster canvas of the planned size, copy the pixels: that
		// is exact, and much faster than resampling.
		if r, ok := c.Canvas.(interface{ Image() stddraw.Image }); ok && raster {
			if dst := r.Image(); dst.Bounds() == image.Rect(0, 0, pl.w, pl.h) {
				stddraw.Draw(dst, at, img, image.Point{}, stddraw.Src)
				return
			}
		}
		trX, trY := p.Transforms(&c)
		c.DrawImage(vg.Rectangle{
			Min: vg.Point{X: trX(pl.win[0]), Y: trY(pl.win[2])},
			Max: vg.Point{X: trX(pl.win[1]), Y: trY(pl.win[3])},
		}, img)
	}))
	if pl.opt.Levels > 0 {
		pl.p.Add(plotOnly{&plotter.Contour{
			GridXYZ:    g,
			Levels:     g.levels(pl.opt.Levels),
			LineStyles: []draw.LineStyle{{Color: contourLine, Width: vg.Points(0.8)}},
			Min:        g.tmin,
			Max:        g.tmax,
		}})
	}
	return g
}

// addMinima marks the minima with stars.
func (pl *contourPlan) addMinima() {
	for _, m := range pl.opt.Minima {
		pl.p.Add(marker{at: xy{m[0], m[1]}, draw: starMark(white, textColor, vg.Points(8))})
	}
}

// lineWidth returns the width of path i: earlier paths are drawn wider,
// so that a path running along an earlier one leaves it visible as a rim.
func (pl *contourPlan) lineWidth(i int) vg.Length {
	n := len(pl.paths)
	return pathWidth + vg.Points(1)*vg.Length(min(n-1-i, 2))
}

// pathColor returns the color of path i.
func pathColor(i int) color.NRGBA { return seriesColor(i) }

// pathsPlotter returns a plotter drawing every path up to the fractional
// iterate index tau (Inf for all of it) in three passes, so that no path's
// halo hides another's line: the halos; the lines, earlier paths wider so
// that a later path running along one leaves it visible as a rim; then the
// arrows passed so far, the start dots, and for each path a head dot if it
// is still running or its end marker (see endMarker) if it is complete.
func (pl *contourPlan) pathsPlotter(tau float64) plot.Plotter {
	return plotFunc(func(c draw.Canvas, p *plot.Plot) {
		trX, trY := p.Transforms(&c)
		if pl.arrows == nil {
			pl.arrows = make([][]arrow, len(pl.paths))
			for i, pts := range pl.paths {
				pl.arrows[i] = arrowsAlong(visiblePieces(pts, pl.win, trX, trY))
			}
		}
		cur := make([][]xy, len(pl.paths))
		pieces := make([][][]vg.Point, len(pl.paths))
		for i, pts := range pl.paths {
			if len(pts) > 0 {
				cur[i] = prefix(pts, math.Min(tau, float64(len(pts)-1)))
				pieces[i] = visiblePieces(cur[i], pl.win, trX, trY)
			}
		}
		for i := range pl.paths {
			lw := pl.lineWidth(i)
			c.StrokeLines(draw.LineStyle{Color: pathHalo, Width: lw + haloWidth - pathWidth}, pieces[i]...)
		}
		for i := range pl.paths {
			c.StrokeLines(draw.LineStyle{Color: pathColor(i), Width: pl.lineWidth(i)}, pieces[i]...)
		}
		for i, pts := range pl.paths {
			if len(pts) == 0 {
				continue
			}
			col := pathColor(i)
			drawn := arcLength(pieces[i])
			for _, a := range pl.arrows[i] {
				if a.s <= drawn-vg.Points(3) {
					drawArrow(c, a, col)
				}
			}
			start := vg.Point{X: trX(pts[0].x), Y: trY(pts[0].y)}
			if c.Contains(start) {
				dotMark(col, white, vg.Points(5), vg.Points(1.8))(c, start)
			}
		}
		for i, pts := range pl.paths {
			if len(pts) == 0 {
				continue
			}
			if tau >= float64(len(pts)-1) {
				pl.endMarker(c, p, i)
				continue
			}
			last := cur[i][len(cur[i])-1]
			if (box{pl.win[0], pl.win[1], pl.win[2], pl.win[3]}).contains(last.x, last.y) {
				dotMark(pathColor(i), textColor, vg.Points(4.2), vg.Points(1.4))(c, vg.Point{X: trX(last.x), Y: trY(last.y)})
			}
		}
	})
}

// endMarker marks the end of path i: a small dot where it ends in view, a
// ✕ where it leaves the window or stops at a non-finite point.
func (pl *contourPlan) endMarker(c draw.Canvas, p *plot.Plot, i int) {
	at, inside, ok := pl.endPoint(i)
	if !ok {
		return
	}
	trX, trY := p.Transforms(&c)
	pt := vg.Point{X: trX(at.x), Y: trY(at.y)}
	if inside && !pl.trunc[i] {
		dotMark(pathColor(i), white, vg.Points(3), vg.Points(1.2))(c, pt)
		return
	}
	crossMark(pathColor(i), vg.Points(5))(c, pt)
}

// endPoint returns the last visible point of path i: its last point if in
// the window (inside), or where it first leaves the window for good.
func (pl *contourPlan) endPoint(i int) (at xy, inside, ok bool) {
	pts := pl.paths[i]
	w := box{pl.win[0], pl.win[1], pl.win[2], pl.win[3]}
	last := pts[len(pts)-1]
	if w.contains(last.x, last.y) {
		return last, true, true
	}
	// Walk back to the last segment that touches the window.
	for k := len(pts) - 1; k > 0; k-- {
		if _, b, vis := clipSegment(pts[k-1], pts[k], w); vis {
			return b, false, true
		}
	}
	if w.contains(pts[0].x, pts[0].y) {
		return pts[0], false, true
	}
	return xy{}, false, false
}

// prefix returns the points of pts up to the fractional index upto, the
// last one interpolated.
func prefix(pts []xy, upto float64) []xy {
	if upto <= 0 {
		return pts[:1]
	}
	k := int(upto)
	if k >= len(pts)-1 {
		return pts
	}
	f := upto - float64(k)
	out := make([]xy, k+2)
	copy(out, pts[:k+1])
	a, b := pts[k], pts[k+1]
	out[k+1] = xy{a.x + f*(b.x-a.x), a.y + f*(b.y-a.y)}
	return out
}

// visiblePieces clips the polyline to the window in data coordinates (so
// that huge coordinates of a diverging path never reach the renderer),
// transforms it, and drops points closer than a third of a pixel to the
// previous one.
func visiblePieces(pts []xy, win [4]float64, trX, trY func(float64) vg.Length) [][]vg.Point {
	w := box{win[0], win[1], win[2], win[3]}
	var out [][]vg.Point
	var cur []vg.Point
	const minStep = vg.Length(pxToPt / 3)
	push := func(q xy) {
		pt := vg.Point{X: trX(q.x), Y: trY(q.y)}
		if n := len(cur); n > 0 {
			d := cur[n-1].Sub(pt)
			if math.Abs(float64(d.X)) < float64(minStep) && math.Abs(float64(d.Y)) < float64(minStep) {
				return
			}
		}
		cur = append(cur, pt)
	}
	flush := func() {
		if len(cur) > 0 {
			if len(cur) == 1 {
				cur = append(cur, cur[0])
			}
			out = append(out, cur)
		}
		cur = nil
	}
	if len(pts) == 1 {
		if w.contains(pts[0].x, pts[0].y) {
			push(pts[0])
			flush()
		}
		return out
	}
	for k := 1; k < len(pts); k++ {
		a, b, vis := clipSegment(pts[k-1], pts[k], w)
		if !vis {
			flush()
			continue
		}
		if len(cur) == 0 || a != pts[k-1] {
			flush()
			push(a)
		}
		push(b)
		if b != pts[k] {
			flush()
		}
	}
	flush()
	return out
}

// clipSegment clips the segment p→q to the box (Liang–Barsky).
func clipSegment(p, q xy, b box) (xy, xy, bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := q.x-p.x, q.y-p.y
	for _, e := range [4][2]float64{{-dx, p.x - b.x0}, {dx, b.x1 - p.x}, {-dy, p.y - b.y0}, {dy, b.y1 - p.y}} {
		pe, qe := e[0], e[1]
		if pe == 0 {
			if qe < 0 {
				return p, q, false
			}
			continue
		}
		r := qe / pe
		if pe < 0 {
			if r > t1 {
				return p, q, false
			}
			t0 = math.Max(t0, r)
		} else {
			if r < t0 {
				return p, q, false
			}
			t1 = math.Min(t1, r)
		}
	}
	a, c := p, q
	if t0 > 0 {
		a = b.clamp(xy{p.x + t0*dx, p.y + t0*dy})
	}
	if t1 < 1 {
		c = b.clamp(xy{p.x + t1*dx, p.y + t1*dy})
	}
	return a, c, true
}

// arrow is an arrowhead at arc length s, at pt, pointing along dir (unit).
type arrow struct {
	s      vg.Length
	pt     vg.Point
	dx, dy float64
}

// arcLength returns the total length of the pieces.
func arcLength(pieces [][]vg.Point) vg.Length {
	var s vg.Length
	for _, p := range pieces {
		for k := 1; k < len(p); k++ {
			s += dist(p[k-1], p[k])
		}
	}
	return s
}

func dist(a, b vg.Point) vg.Length {
	return vg.Length(math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y)))
}

// arrowsAlong places arrowheads every arrowGap of arc length (at most 40,
// the first half a gap in, none within arrowRoom of another), so that
// arrows mark progress by distance rather than by step count. Each points along the chord of the path around it,
// which steadies the direction where steps are tiny.
func arrowsAlong(pieces [][]vg.Point) []arrow {
	total := arcLength(pieces)
	if total < vg.Points(24) {
		return nil
	}
	gap := arrowGap
	if total < gap {
		gap = total
	}
	if total/gap > 40 {
		gap = total / 40
	}
	var out []arrow
	const h = vg.Length(4) // half chord
	var base vg.Length     // arc length at the start of the current piece
	next := gap / 2
	for _, p := range pieces {
		plen := arcLength([][]vg.Point{p})
		for next <= base+plen-h && len(out) < 40 {
			local := next - base
			if local >= h {
				a := pointAt(p, local-h)
				b := pointAt(p, local+h)
				d := float64(dist(a, b))
				pt := pointAt(p, local)
				if d > 0 && !crowded(out, pt) {
					out = append(out, arrow{s: next, pt: pt,
						dx: float64(b.X-a.X) / d, dy: float64(b.Y-a.Y) / d})
				}
			}
			next += gap
		}
		base += plen
		if next < base {
			next = base + gap/2
		}
	}
	return out
}

// crowded reports whether pt is closer than arrowRoom to an arrow of as,
// which keeps arrows from piling up where a path oscillates in place.
func crowded(as []arrow, pt vg.Point) bool {
	for _, a := range as {
		if dist(a.pt, pt) < arrowRoom {
			return true
		}
	}
	return false
}

// pointAt returns the point at arc length s along the polyline.
func pointAt(p []vg.Point, s vg.Length) vg.Point {
	for k := 1; k < len(p); k++ {
		d := dist(p[k-1], p[k])
		if s <= d && d > 0 {
			f := s / d
			return vg.Point{X: p[k-1].X + (p[k].X-p[k-1].X)*f, Y: p[k-1].Y + (p[k].Y-p[k-1].Y)*f}
		}
		s -= d
	}
	return p[len(p)-1]
}

// drawArrow draws a filled arrowhead with a white edge.
func drawArrow(c draw.Canvas, a arrow, col color.Color) {
	const length, half = 10, 4.6
	tip := vg.Point{X: a.pt.X + vg.Length(a.dx*length/2), Y: a.pt.Y + vg.Length(a.dy*length/2)}
	back := vg.Point{X: a.pt.X - vg.Length(a.dx*length/2), Y: a.pt.Y - vg.Length(a.dy*length/2)}
	l := vg.Point{X: back.X - vg.Length(a.dy*half), Y: back.Y + vg.Length(a.dx*half)}
	r := vg.Point{X: back.X + vg.Length(a.dy*half), Y: back.Y - vg.Length(a.dx*half)}
	var p vg.Path
	p.Move(tip)
	p.Line(l)
	p.Line(vg.Point{X: a.pt.X - vg.Length(a.dx*length*0.2), Y: a.pt.Y - vg.Length(a.dy*length*0.2)})
	p.Line(r)
	p.Close()
	c.SetColor(col)
	c.Fill(p)
	c.SetLineStyle(draw.LineStyle{Color: white, Width: vg.Points(0.9)})
	c.Stroke(p)
}

// legend returns the legend box of the chart.
func (pl *contourPlan) legend() *legendBox {
	lb := &legendBox{}
	anyLabel, anyCross := false, false
	for i, pts := range pl.paths {
		lb.avoid = append(lb.avoid, pts)
		if len(pts) > 0 {
			lb.marks = append(lb.marks, pts[0])
			if _, inside, ok := pl.endPoint(i); ok && (!inside || pl.trunc[i]) {
				anyCross = true
			}
		}
		label := pl.labels[i]
		if label == "" {
			continue
		}
		anyLabel = true
		col, lw := pathColor(i), pl.lineWidth(i)
		lb.entries = append(lb.entries, legendEntry{label: label, thumb: func(c draw.Canvas) {
			y := (c.Min.Y + c.Max.Y) / 2
			pts := []vg.Point{{X: c.Min.X + 1, Y: y}, {X: c.Max.X - 1, Y: y}}
			c.StrokeLines(draw.LineStyle{Color: pathHalo, Width: lw + haloWidth - pathWidth}, pts)
			c.StrokeLines(draw.LineStyle{Color: col, Width: lw}, pts)
			drawArrow(c, arrow{pt: c.Center(), dx: 1}, col)
		}})
	}
	for _, m := range pl.opt.Minima {
		lb.marks = append(lb.marks, xy{m[0], m[1]})
	}
	if !anyLabel && len(pl.opt.Minima) == 0 {
		return lb
	}
	// The markers share one row.
	var marks legendEntry
	if len(pl.paths) > 0 {
		marks.parts = append(marks.parts, legendEntry{label: "start", thumb: glyphThumb(dotMark(axisColor, white, vg.Points(5), vg.Points(1.8)))})
	}
	if anyCross {
		marks.parts = append(marks.parts, legendEntry{label: "left the view", thumb: glyphThumb(crossMark(axisColor, vg.Points(5)))})
	}
	if len(pl.opt.Minima) > 0 {
		marks.parts = append(marks.parts, legendEntry{label: "minimum", thumb: glyphThumb(starMark(white, textColor, vg.Points(7)))})
	}
	if len(marks.parts) > 0 {
		lb.entries = append(lb.entries, marks)
	}
	return lb
}
