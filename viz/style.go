package viz

import (
	"image/color"
	"math"
	"strconv"
	"sync"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// okabeIto is the qualitative palette of series and paths: the Okabe–Ito
// colors, which stay distinguishable under the common forms of color
// blindness.
var okabeIto = [...]color.NRGBA{
	{0x00, 0x72, 0xB2, 0xff}, // blue
	{0xD5, 0x5E, 0x00, 0xff}, // vermillion
	{0x00, 0x9E, 0x73, 0xff}, // bluish green
	{0xCC, 0x79, 0xA7, 0xff}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xff}, // orange
	{0x56, 0xB4, 0xE9, 0xff}, // sky blue
	{0x33, 0x33, 0x33, 0xff}, // near black
	{0xF0, 0xE4, 0x42, 0xff}, // yellow
}

// dashes are the line dash patterns cycled through by the series of a line
// chart, so that series stay distinct in grey-scale print.
var dashes = [][]vg.Length{
	nil,
	{vg.Points(7), vg.Points(3)},
	{vg.Points(2), vg.Points(2.5)},
	{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)},
	{vg.Points(4), vg.Points(4)},
}

// seriesColor and seriesDashes return the style of series i. The dash
// pattern advances with every series, the color too, and the pair repeats
// only after lcm(8, 5) = 40 series.
func seriesColor(i int) color.NRGBA  { return SeriesColor(i) }
func seriesDashes(i int) []vg.Length { return dashes[i%len(dashes)] }

// SeriesColor returns the color of series or path i (counting from 0) in
// every chart of the package, from the eight Okabe–Ito colors, which stay
// distinguishable under the common forms of color blindness: blue,
// vermillion, bluish green, reddish purple, orange, sky blue, near black
// and yellow. It lets other views of the same runs match the charts.
func SeriesColor(i int) color.NRGBA {
	if i < 0 {
		i = -i
	}
	return okabeIto[i%len(okabeIto)]
}

// Font sizes and colors shared by every chart.
var (
	sansFont  = font.Font{Typeface: "Liberation", Variant: "Sans"}
	textColor = color.NRGBA{0x22, 0x22, 0x22, 0xff}
	axisColor = color.NRGBA{0x55, 0x55, 0x55, 0xff}
	gridColor = color.NRGBA{0xe3, 0xe3, 0xe3, 0xff}
	white     = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

const (
	titleSize  = 15
	labelSize  = 12.5
	tickSize   = 11
	legendSize = 11
)

// pxToPt is the size of one pixel in points: images are drawn at 96 dpi.
const pxToPt = 72.0 / 96.0

func textStyle(size vg.Length, xa draw.XAlignment, ya draw.YAlignment) text.Style {
	return text.Style{
		Color:   textColor,
		Font:    font.From(sansFont, size),
		XAlign:  xa,
		YAlign:  ya,
		Handler: plot.DefaultTextHandler,
	}
}

// chart is a plot with a y-axis label drawn by the package: gonum centers
// the label's glyph box at the mean of the axis range, which on a log axis
// lies near the top and makes the layout reserve space above the plot.
type chart struct {
	p      *plot.Plot
	ylabel string
	// side is a legend drawn outside the data area, when it would cover
	// data inside it (see placeLegend): right of the data area, or below
	// the chart when below is set.
	side  *legendBox
	below bool
}

var ylabelStyle = func() text.Style {
	s := textStyle(labelSize, draw.XCenter, draw.YTop)
	s.Rotation = math.Pi / 2
	return s
}()

// newChart returns a chart styled for the package: sans-serif text in sizes
// readable on a slide, thin grey axes, short outward ticks. The package does
// not modify gonum's global defaults, so it is safe to use alongside other
// users of gonum/plot.
func newChart(title, xlabel, ylabel string) *chart {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle = textStyle(titleSize, draw.XCenter, draw.YTop)
	p.Title.Padding = vg.Points(10)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.LineStyle = draw.LineStyle{Color: axisColor, Width: vg.Points(0.8)}
		a.Tick.LineStyle = draw.LineStyle{Color: axisColor, Width: vg.Points(0.8)}
		a.Tick.Length = vg.Points(4)
		a.Label.Padding = vg.Points(4)
	}
	p.X.Label.Text = xlabel
	p.X.Label.TextStyle = textStyle(labelSize, draw.XCenter, draw.YBottom)
	p.X.Tick.Label = textStyle(tickSize, draw.XCenter, draw.YTop)
	p.Y.Tick.Label = textStyle(tickSize, draw.XRight, draw.YCenter)
	p.Legend = plot.NewLegend() // unused: the package draws its own legend box
	return &chart{p: p, ylabel: ylabel}
}

// Margins around every chart, inside the image edge.
var (
	marginLeft   = vg.Points(8)
	marginRight  = vg.Points(16)
	marginBottom = vg.Points(6)
	marginTop    = vg.Points(8)
)

// area returns the part of the image the plot is drawn in: inside the
// margins and right of the y-axis label.
func (ch *chart) area(c draw.Canvas) draw.Canvas {
	left := marginLeft
	if ch.ylabel != "" {
		left += ylabelStyle.Height(ch.ylabel) + vg.Points(6)
	}
	right, bottom := marginRight, marginBottom
	if ch.side != nil {
		w, h, _ := ch.side.size()
		if ch.below {
			bottom += h + sideGap
		} else {
			right += w + sideGap
		}
	}
	return draw.Crop(c, left, -right, bottom, -marginTop)
}

// sideGap separates an outside legend from the data area.
var sideGap = vg.Points(10)

// dataArea returns the data area of the chart on c.
func (ch *chart) dataArea(c draw.Canvas) draw.Canvas { return ch.p.DataCanvas(ch.area(c)) }

// draw draws the chart on c over a white background.
func (ch *chart) draw(c draw.Canvas) {
	c.SetColor(white)
	c.Fill(c.Rectangle.Path())
	ch.p.Draw(ch.area(c))
	da := ch.dataArea(c)
	if ch.ylabel != "" {
		c.FillText(ylabelStyle, vg.Point{X: c.Min.X + marginLeft, Y: (da.Min.Y + da.Max.Y) / 2}, ch.ylabel)
	}
	if ch.side != nil {
		w, h, _ := ch.side.size()
		x, y := da.Max.X+sideGap, da.Max.Y-h
		if ch.below {
			x, y = (da.Min.X+da.Max.X-w)/2, c.Min.Y+marginBottom
		}
		ch.side.drawAt(c, vg.Rectangle{Min: vg.Point{X: x, Y: y}, Max: vg.Point{X: x + w, Y: y + h}})
	}
}

// placeLegend decides where the legend goes for a w×h pixel image: inside
// the data area in the least covered corner (the default); when every
// corner would hide data, right of the data area or below the chart (in as
// many columns as fit), whichever leaves the larger data area. A legend
// outside that would take more than a quarter of the data area stays
// inside after all, covering a little data. It reports whether the legend
// went outside; the caller must then not add it as a plotter.
func (ch *chart) placeLegend(lb *legendBox, w, h int) bool {
	if len(lb.entries) == 0 {
		return false
	}
	wp, hp := ptSize(w, h)
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: wp, Y: hp}}}
	da := ch.dataArea(c)
	bw, bh, _ := lb.size()
	if _, cover := lb.place(da, ch.p, bw, bh); cover <= legendTolerance {
		return false
	}
	area := func(d draw.Canvas) vg.Length { return (d.Max.X - d.Min.X) * (d.Max.Y - d.Min.Y) }
	inside := area(da)
	// Right of the data area.
	ch.side = lb
	right := area(ch.dataArea(c))
	// Below the chart, in as many columns as fit.
	ch.below = true
	avail := c.Max.X - marginLeft - marginRight
	lb.cols = max(1, int((avail-2*legendPad+legendColGap)/(lb.colWidth()+legendColGap)))
	below := area(ch.dataArea(c))
	switch {
	case below >= right && below >= 0.75*inside:
		return true
	case right > below && right >= 0.75*inside:
		ch.below, lb.cols = false, 0
		return true
	}
	ch.side, ch.below, lb.cols = nil, false, 0
	return false
}

// heatColors is the sequential color map of contour charts: a viridis-like
// map (dark blue-violet to yellow) built with moreland.NewLuminance from
// viridis control points, so perceived lightness rises linearly with value.
var heatColors = sync.OnceValue(func() []color.NRGBA {
	controls := []color.Color{
		color.NRGBA{0x44, 0x01, 0x54, 0xff},
		color.NRGBA{0x3b, 0x52, 0x8b, 0xff},
		color.NRGBA{0x21, 0x91, 0x8c, 0xff},
		color.NRGBA{0x5e, 0xc9, 0x62, 0xff},
		color.NRGBA{0xfd, 0xe7, 0x25, 0xff},
	}
	cm, err := moreland.NewLuminance(controls)
	if err != nil {
		panic("viz: heat map controls: " + err.Error()) // fixed data: cannot happen
	}
	cm.SetMin(0)
	cm.SetMax(1)
	return paletteNRGBA(cm.Palette(heatLevels))
})

// heatLevels is the number of distinct heat-map colors. It is also the
// share of the 256-entry GIF palette that the heat map gets.
const heatLevels = 160

// heatLighten is how far the heat map is blended towards white, so that
// paths, arrows and labels drawn on it keep their contrast.
const heatLighten = 0.22

func paletteNRGBA(p palette.Palette) []color.NRGBA {
	cs := p.Colors()
	out := make([]color.NRGBA, len(cs))
	for i, c := range cs {
		n := color.NRGBAModel.Convert(c).(color.NRGBA)
		n.R = lighten(n.R)
		n.G = lighten(n.G)
		n.B = lighten(n.B)
		n.A = 0xff
		out[i] = n
	}
	return out
}

func lighten(v uint8) uint8 {
	return uint8(math.Round(float64(v) + heatLighten*(255-float64(v))))
}

// decadeTicks is a plot.Ticker for logarithmic axes. It labels powers of ten
// with plain numbers ("1e-05", "0.001", "1", "100", "1e+06"), never with the
// floating-point noise of plot.LogTicks, thins the labels to at most about
// eight, and falls back to 1-2-5 or 1…9 multiples when the range spans less
// than two decades.
type decadeTicks struct{}

var _ plot.Ticker = decadeTicks{}

// Ticks implements plot.Ticker.
func (decadeTicks) Ticks(min, max float64) []plot.Tick {
	if !(min > 0) || !(max >= min) || math.IsInf(max, 0) {
		return nil
	}
	kmin := int(math.Floor(math.Log10(min)))
	kmax := int(math.Ceil(math.Log10(max)))
	in := func(v float64) bool { return v >= min*(1-1e-9) && v <= max*(1+1e-9) }
	n := kmax - kmin
	if n > 2 || countDecades(min, max) >= 2 {
		step := (n + 7) / 8
		if step < 1 {
			step = 1
		}
		var ticks []plot.Tick
		for k := kmin; k <= kmax; k++ {
			v := pow10(1, k)
			if !in(v) {
				continue
			}
			if floorMod(k, step) == 0 {
				ticks = append(ticks, plot.Tick{Value: v, Label: fmtTick(v)})
			} else {
				ticks = append(ticks, plot.Tick{Value: v})
			}
			if step == 1 && n <= 6 {
				for m := 2; m <= 9; m++ {
					if w := pow10(m, k); in(w) {
						ticks = append(ticks, plot.Tick{Value: w})
					}
				}
			}
		}
		return ticks
	}
	// Less than two decades: label 1-2-5 multiples, or all of 1…9.
	for _, set := range [][]int{{1, 2, 5}, {1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		var ticks []plot.Tick
		labeled := 0
		for k := kmin - 1; k <= kmax; k++ {
			for m := 1; m <= 9; m++ {
				v := pow10(m, k)
				if !in(v) {
					continue
				}
				if contains(set, m) {
					ticks = append(ticks, plot.Tick{Value: v, Label: fmtTick(v)})
					labeled++
				} else {
					ticks = append(ticks, plot.Tick{Value: v})
				}
			}
		}
		if labeled >= 3 || len(set) == 9 {
			if labeled < 2 {
				// A sliver of a decade: label its ends.
				ticks = append(ticks,
					plot.Tick{Value: min, Label: fmtTick(roundSig(min))},
					plot.Tick{Value: max, Label: fmtTick(roundSig(max))})
			}
			return ticks
		}
	}
	return nil
}

func countDecades(min, max float64) int {
	c := 0
	for k := int(math.Floor(math.Log10(min))); k <= int(math.Ceil(math.Log10(max))); k++ {
		if v := pow10(1, k); v >= min && v <= max {
			c++
		}
	}
	return c
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func floorMod(a, b int) int {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// pow10 returns the float64 nearest to m·10^k, exactly as parsed from text,
// so that labels print without rounding noise.
func pow10(m, k int) float64 {
	v, _ := strconv.ParseFloat(strconv.Itoa(m)+"e"+strconv.Itoa(k), 64)
	return v
}

func fmtTick(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

func roundSig(v float64) float64 {
	s := strconv.FormatFloat(v, 'g', 2, 64)
	r, _ := strconv.ParseFloat(s, 64)
	return r
}

// linearTicks places about six major ticks at 1-2-2.5-5 multiples of a
// power of ten, labeled in the shortest form ('g' format) so that
// 0.30000000000000004 reads 0.3, with unlabeled minor ticks between them.
type linearTicks struct{}

// Ticks implements plot.Ticker.
func (linearTicks) Ticks(min, max float64) []plot.Tick {
	if !(max > min) || math.IsInf(max-min, 0) {
		return nil
	}
	raw := (max - min) / 6
	e := math.Floor(math.Log10(raw))
	base := math.Pow(10, e)
	var step, minor float64
	switch m := raw / base; {
	case m < 1.5:
		step, minor = base, base/5
	case m < 2.25:
		step, minor = 2*base, base/2
	case m < 3.5:
		step, minor = 2.5*base, base/2
	case m < 7.5:
		step, minor = 5*base, base
	default:
		step, minor = 10*base, 2*base
	}
	var ticks []plot.Tick
	eps := minor * 1e-9
	for k := math.Ceil((min - eps) / minor); k*minor <= max+eps; k++ {
		v := k * minor
		ratio := v / step
		if math.Abs(ratio-math.Round(ratio)) < 1e-6 {
			v = math.Round(ratio) * step
			if math.Abs(v) < step*1e-9 {
				v = 0
			}
			ticks = append(ticks, plot.Tick{Value: v, Label: strconv.FormatFloat(v, 'g', 6, 64)})
		} else {
			ticks = append(ticks, plot.Tick{Value: v})
		}
		if len(ticks) > 1000 {
			break
		}
	}
	return ticks
}
