package viz

import (
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/descentgo/descent/internal/atomicfile"
)

// GIFOptions configures GIF.
type GIFOptions struct {
	// ContourOptions sets up the map, as for Contour. The title row is
	// always present: it also shows the iteration counter.
	ContourOptions
	// Frames is the number of frames; zero means 60. At least 2.
	Frames int
	// Delay is the time between frames, in steps of 10 ms; zero means
	// 60 ms.
	Delay time.Duration
	// HoldLast is how long the last frame stays before the animation
	// loops; zero means 2 s.
	HoldLast time.Duration
}

const (
	defaultFrames   = 60
	defaultDelay    = 60 * time.Millisecond
	defaultHoldLast = 2 * time.Second
)

// GIFLayout returns the layout of the animation GIF draws for the same paths
// and options; every frame has the same layout.
func GIFLayout(paths []Path, opt GIFOptions) (Layout, error) {
	pl, err := planGIF(paths, opt)
	if err != nil {
		return Layout{}, err
	}
	return layoutOf(pl.ch, pl.w, pl.h), nil
}

func planGIF(paths []Path, opt GIFOptions) (*contourPlan, error) {
	co := opt.ContourOptions
	if co.Title == "" {
		co.Title = " " // keep the title row for the iteration counter
	}
	return planContour(paths, co)
}

// GIF writes an animated GIF (the extension of path must be ".gif") of the
// runs racing along their paths over the map of f drawn as by Contour. All
// runs share one iteration clock, shown at the top right. Frames are spaced
// by the runs' progress along their paths on screen, blended with a
// logarithmic clock, which spends frames where things move rather than on a
// slow tail. A run that has finished shows its end marker. The last frame,
// which shows every run complete, is held for opt.HoldLast.
//
// The heat map, contour lines, axes and legend are rendered once as a
// background.
// The palette comes from the heat colors, greys and the path colors; each
// frame after the first stores only the rectangle that changed, with
// unchanged pixels transparent (disposal: none), which keeps a 60-frame
// 800×700 animation to a few hundred kilobytes.
func GIF(path string, f func(x, y float64) float64, paths []Path, opt GIFOptions) error {
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".gif" {
		return fmt.Errorf("viz: GIF writes .gif files, not %q (%s)", ext, path)
	}
	if opt.Frames == 0 {
		opt.Frames = defaultFrames
	}
	if opt.Frames < 2 || opt.Frames > 2000 {
		return fmt.Errorf("viz: GIFOptions.Frames = %d out of range 2…2000", opt.Frames)
	}
	if opt.Delay == 0 {
		opt.Delay = defaultDelay
	}
	if opt.HoldLast == 0 {
		opt.HoldLast = defaultHoldLast
	}
	if opt.Delay < 0 || opt.HoldLast < 0 {
		return fmt.Errorf("viz: negative GIF delay")
	}
	pl, err := planGIF(paths, opt)
	if err != nil {
		return err
	}
	anim := pl.animate(f, opt)
	return atomicfile.Write(path, func(w io.Writer) error {
		return gif.EncodeAll(w, anim)
	})
}

// animate renders the frames.
func (pl *contourPlan) animate(f func(x, y float64) float64, opt GIFOptions) *gif.GIF {
	// Background: the map and the axes, without paths or legend.
	bgPlan := *pl
	bgPlan.ch = newChart(pl.ch.p.Title.Text, pl.ch.p.X.Label.Text, pl.ch.ylabel)
	bgPlan.ch.side = pl.ch.side // an outside legend is part of the background
	bgPlan.p = bgPlan.ch.p
	setAxes(bgPlan.p, [2]float64{pl.win[0], pl.win[1]}, [2]float64{pl.win[2], pl.win[3]}, false, false)
	bgPlan.addMap(f, true)
	if pl.ch.side == nil {
		// The legend is drawn once, on the background, and restored from
		// it after the paths of each frame.
		bgPlan.p.Add(pl.lb)
	}
	bgCanvas := newImageCanvas(pl.w, pl.h)
	bgPlan.ch.draw(draw.New(bgCanvas))
	bg := bgCanvas.Image().(*image.RGBA)

	work := newImageCanvas(pl.w, pl.h)
	img := work.Image().(*image.RGBA)
	full := draw.New(work)
	dc := pl.ch.dataArea(full)

	pal := gifPalette(len(pl.paths))
	q := newQuantizer(pal)
	taus := pl.frameTimes(dc, opt.Frames)
	T := 0
	for _, pts := range pl.paths {
		T = max(T, len(pts)-1)
	}
	counter := textStyle(tickSize, draw.XRight, draw.YTop)
	counter.Color = axisColor
	wp, hp := ptSize(pl.w, pl.h)
	digits := len(strconv.Itoa(T))

	anim := &gif.GIF{
		Config: image.Config{ColorModel: pal, Width: pl.w, Height: pl.h},
	}
	prev := image.NewRGBA(img.Rect)
	delay := int(math.Round(opt.Delay.Seconds() * 100))
	for k, tau := range taus {
		copy(img.Pix, bg.Pix)
		pl.pathsPlotter(tau).Plot(dc, pl.p)
		for _, m := range pl.opt.Minima {
			marker{at: xy{m[0], m[1]}, draw: starMark(white, textColor, vg.Points(8))}.Plot(dc, pl.p)
		}
		frame{axisColor}.Plot(dc, pl.p)
		if pl.ch.side == nil && pl.lb.placed != nil {
			restore(img, bg, pixelRect(*pl.lb.placed, pl.h).Inset(-2))
		}
		it := int(tau)
		if k == len(taus)-1 {
			it = T
		}
		full.FillText(counter, vg.Point{X: wp - marginRight, Y: hp - marginTop},
			fmt.Sprintf("iteration %*d", digits, it))

		var pm *image.Paletted
		if k == 0 {
			pm = q.full(img)
		} else {
			pm = q.diff(img, prev)
		}
		copy(prev.Pix, img.Pix)
		anim.Image = append(anim.Image, pm)
		anim.Disposal = append(anim.Disposal, gif.DisposalNone)
		d := delay
		if k == len(taus)-1 {
			d = int(math.Round(opt.HoldLast.Seconds() * 100))
		}
		anim.Delay = append(anim.Delay, d)
	}
	return anim
}

// pixelRect returns the pixels covering r (in points, y up) in an image h
// pixels high.
func pixelRect(r vg.Rectangle, h int) image.Rectangle {
	const k = 1 / pxToPt
	return image.Rect(
		int(math.Floor(float64(r.Min.X)*k)), h-int(math.Ceil(float64(r.Max.Y)*k)),
		int(math.Ceil(float64(r.Max.X)*k)), h-int(math.Floor(float64(r.Min.Y)*k)))
}

// restore copies the rectangle r of src into dst.
func restore(dst, src *image.RGBA, r image.Rectangle) {
	r = r.Intersect(dst.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := dst.PixOffset(r.Min.X, y)
		copy(dst.Pix[o:o+4*r.Dx()], src.Pix[o:o+4*r.Dx()])
	}
}

// frameTimes returns the fractional iteration index of each frame. Frames
// are spaced evenly in a progress measure that averages two clocks: the
// share of its on-screen length (points clamped to the window) each run has
// covered, averaged over the runs, and log(1+τ)/log(1+T). The first spends
// frames where things move, the second keeps a run that rushes off the
// chart in a few steps from taking all frames, and gives the slow tail of
// a long run its share.
func (pl *contourPlan) frameTimes(dc draw.Canvas, n int) []float64 {
	trX, trY := pl.p.Transforms(&dc)
	w := box{pl.win[0], pl.win[1], pl.win[2], pl.win[3]}
	var cums [][]float64
	T := 0
	for _, pts := range pl.paths {
		T = max(T, len(pts)-1)
		if len(pts) < 2 {
			continue
		}
		cum := make([]float64, len(pts))
		for k := 1; k < len(pts); k++ {
			a, b := w.clamp(pts[k-1]), w.clamp(pts[k])
			d := math.Hypot(float64(trX(b.x)-trX(a.x)), float64(trY(b.y)-trY(a.y)))
			cum[k] = cum[k-1] + d
		}
		if cum[len(cum)-1] > 0 {
			cums = append(cums, cum)
		}
	}
	out := make([]float64, n)
	if T == 0 {
		return out
	}
	progress := func(tau float64) float64 {
		s := 0.0
		for _, cum := range cums {
			t := math.Min(tau, float64(len(cum)-1))
			k := min(int(t), len(cum)-2)
			s += (cum[k] + (t-float64(k))*(cum[k+1]-cum[k])) / cum[len(cum)-1]
		}
		logClock := math.Log1p(tau) / math.Log1p(float64(T))
		if len(cums) == 0 {
			return logClock
		}
		return 0.5*s/float64(len(cums)) + 0.5*logClock
	}
	for k := range out {
		target := float64(k) / float64(n-1)
		lo, hi := 0.0, float64(T)
		for range 60 {
			mid := (lo + hi) / 2
			if progress(mid) < target {
				lo = mid
			} else {
				hi = mid
			}
		}
		out[k] = hi
	}
	out[0], out[n-1] = 0, float64(T)
	return out
}

// gifPalette returns the animation palette: transparent first, then the
// heat colors, greys, each path color with two tints towards white (the
// anti-aliased edge against its halo), heat colors under the white path
// halo and the legend box, and heat colors under a contour line.
func gifPalette(npaths int) color.Palette {
	pal := color.Palette{color.NRGBA{}}
	heat := heatColors()
	for _, c := range heat {
		pal = append(pal, c)
	}
	for g := 0; g < 12; g++ {
		v := uint8(g * 255 / 11)
		pal = append(pal, color.NRGBA{v, v, v, 0xff})
	}
	pal = append(pal, textColor, axisColor, legendEdge)
	for i := 0; i < min(npaths, len(okabeIto)); i++ {
		c := pathColor(i)
		pal = append(pal, c, mix(c, white, 0.4), mix(c, white, 0.7))
	}
	// Halo and legend box over the heat map.
	for _, a := range []float64{0.75, 0.88} {
		for k := 0; k < 16 && len(pal) < 256; k++ {
			pal = append(pal, mix(heat[k*(len(heat)-1)/15], white, a))
		}
	}
	// Heat colors under a contour line.
	line := color.NRGBA{contourLine.R, contourLine.G, contourLine.B, 0xff}
	alpha := float64(contourLine.A) / 255
	for k := 0; len(pal) < 256; k++ {
		pal = append(pal, mix(heat[(k*53)%len(heat)], line, alpha))
	}
	return pal
}

func mix(a, b color.NRGBA, t float64) color.NRGBA {
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x)*(1-t) + float64(y)*t)) }
	return color.NRGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), 0xff}
}

// quantizer maps opaque RGBA pixels to the nearest palette entry (index 0,
// transparent, excluded), memoizing the answer per color: the linear scan of
// color.Palette.Index would dominate the encoding time.
type quantizer struct {
	pal  color.Palette
	rgb  [][3]int32
	memo map[uint32]uint8
}

func newQuantizer(pal color.Palette) *quantizer {
	q := &quantizer{pal: pal, memo: make(map[uint32]uint8, 4096)}
	for _, c := range pal {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		q.rgb = append(q.rgb, [3]int32{int32(n.R), int32(n.G), int32(n.B)})
	}
	return q
}

// index returns the palette index of the color r, g, b.
func (q *quantizer) index(r, g, b uint8) uint8 {
	key := uint32(r)<<16 | uint32(g)<<8 | uint32(b)
	if i, ok := q.memo[key]; ok {
		return i
	}
	best, bestD := 1, int32(math.MaxInt32)
	for i := 1; i < len(q.rgb); i++ {
		c := q.rgb[i]
		dr, dg, db := c[0]-int32(r), c[1]-int32(g), c[2]-int32(b)
		// Weighted towards green, to which the eye is most sensitive.
		if d := 3*dr*dr + 4*dg*dg + 2*db*db; d < bestD {
			best, bestD = i, d
		}
	}
	q.memo[key] = uint8(best)
	return uint8(best)
}

// full quantizes the whole image.
func (q *quantizer) full(img *image.RGBA) *image.Paletted {
	pm := image.NewPaletted(img.Rect, q.pal)
	for y := img.Rect.Min.Y; y < img.Rect.Max.Y; y++ {
		src := img.Pix[img.PixOffset(img.Rect.Min.X, y):]
		dst := pm.Pix[pm.PixOffset(pm.Rect.Min.X, y):]
		for x := 0; x < img.Rect.Dx(); x++ {
			dst[x] = q.index(src[4*x], src[4*x+1], src[4*x+2])
		}
	}
	return pm
}

// diff returns the smallest rectangle of img that differs from prev, with
// unchanged pixels transparent. An unchanged frame yields a 1×1 transparent
// image.
func (q *quantizer) diff(img, prev *image.RGBA) *image.Paletted {
	r := changedRect(img, prev)
	if r.Empty() {
		return image.NewPaletted(image.Rect(0, 0, 1, 1), q.pal)
	}
	pm := image.NewPaletted(r, q.pal)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		o := img.PixOffset(r.Min.X, y)
		src, old := img.Pix[o:o+4*r.Dx()], prev.Pix[o:o+4*r.Dx()]
		dst := pm.Pix[pm.PixOffset(r.Min.X, y):]
		for x := 0; x < r.Dx(); x++ {
			s := src[4*x : 4*x+4]
			if s[0] == old[4*x] && s[1] == old[4*x+1] && s[2] == old[4*x+2] {
				continue // index 0: transparent
			}
			dst[x] = q.index(s[0], s[1], s[2])
		}
	}
	return pm
}

// changedRect returns the bounding box of the pixels that differ.
func changedRect(a, b *image.RGBA) image.Rectangle {
	r := image.Rectangle{}
	w := a.Rect.Dx()
	for y := a.Rect.Min.Y; y < a.Rect.Max.Y; y++ {
		o := a.PixOffset(a.Rect.Min.X, y)
		ra, rb := a.Pix[o:o+4*w], b.Pix[o:o+4*w]
		if string(ra) == string(rb) {
			continue
		}
		x0 := 0
		for x0 < w && ra[4*x0] == rb[4*x0] && ra[4*x0+1] == rb[4*x0+1] && ra[4*x0+2] == rb[4*x0+2] {
			x0++
		}
		x1 := w
		for x1 > x0 && ra[4*x1-4] == rb[4*x1-4] && ra[4*x1-3] == rb[4*x1-3] && ra[4*x1-2] == rb[4*x1-2] {
			x1--
		}
		if x1 <= x0 {
			continue // differences in alpha only
		}
		row := image.Rect(a.Rect.Min.X+x0, y, a.Rect.Min.X+x1, y+1)
		if r.Empty() {
			r = row
		} else {
			r = r.Union(row)
		}
	}
	return r
}
