package viz

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/descentgo/descent/internal/atomicfile"
)

// formats lists the accepted output file extensions.
var formats = []string{".png", ".svg", ".pdf"}

// format returns the lower-case extension of path, or an error naming the
// accepted ones.
func format(path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range formats {
		if ext == f {
			return ext, nil
		}
	}
	if ext == "" {
		return "", fmt.Errorf("viz: %s has no file extension; use one of %s", path, strings.Join(formats, ", "))
	}
	return "", fmt.Errorf("viz: unsupported file extension %q in %s; use one of %s", ext, path, strings.Join(formats, ", "))
}

// sizeOrDefault validates a width and height in pixels.
func sizeOrDefault(w, h, defW, defH int) (int, int, error) {
	if w == 0 && h == 0 {
		return defW, defH, nil
	}
	if w == 0 {
		w = h * defW / defH
	}
	if h == 0 {
		h = w * defH / defW
	}
	if w < 64 || h < 64 || w > 16384 || h > 16384 {
		return 0, 0, fmt.Errorf("viz: image size %d×%d out of range (64…16384 pixels per side)", w, h)
	}
	return w, h, nil
}

// ptSize returns the size in points of a w×h pixel image.
func ptSize(w, h int) (vg.Length, vg.Length) {
	return vg.Length(float64(w) * pxToPt), vg.Length(float64(h) * pxToPt)
}

// canvasFor returns a vector or raster canvas for ext with a w×h pixel size.
func canvasFor(ext string, w, h int) vg.CanvasWriterTo {
	wp, hp := ptSize(w, h)
	switch ext {
	case ".svg":
		return vgsvg.New(wp, hp)
	case ".pdf":
		return vgpdf.New(wp, hp)
	default:
		return vgimg.PngCanvas{Canvas: newImageCanvas(w, h)}
	}
}

// newImageCanvas returns a 96-dpi raster canvas of exactly w×h pixels.
func newImageCanvas(w, h int) *vgimg.Canvas {
	return vgimg.NewWith(vgimg.UseImage(image.NewRGBA(image.Rect(0, 0, w, h))), vgimg.UseDPI(96))
}

// save renders with drawFn onto a canvas of the format of path and writes
// it atomically.
func save(path, ext string, w, h int, drawFn func(draw.Canvas)) error {
	c := canvasFor(ext, w, h)
	drawFn(draw.New(c))
	return atomicfile.Write(path, func(out io.Writer) error {
		return writeCanvas(out, ext, c)
	})
}

func writeCanvas(out io.Writer, ext string, c vg.CanvasWriterTo) error {
	switch ext {
	case ".png":
		enc := png.Encoder{CompressionLevel: png.BestSpeed}
		return enc.Encode(out, c.(vgimg.PngCanvas).Image())
	case ".svg":
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			return err
		}
		_, err := out.Write(fixSVG(buf.Bytes()))
		return err
	default:
		_, err := c.WriteTo(out)
		return err
	}
}

// fixSVG patches the output of vgsvg: it names generic fallbacks after the
// font, which viewers rarely have installed; lets raster images (the heat
// map) stretch to their rectangle instead of keeping their aspect ratio;
// and labels their data as PNG, which it is.
func fixSVG(b []byte) []byte {
	b = bytes.ReplaceAll(b, []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;"))
	b = bytes.ReplaceAll(b, []byte("<image "), []byte(`<image preserveAspectRatio="none" `))
	return bytes.ReplaceAll(b, []byte("data:image/jpg;base64,"), []byte("data:image/png;base64,"))
}

// Layout is the geometry of a rendered chart: the size of the image and
// where its data area lies, in pixels with the origin at the top-left corner
// and y growing downwards (the convention of package image).
type Layout struct {
	// Width and Height are the image size in pixels.
	Width, Height int
	// Left, Top, Right and Bottom bound the data area in pixels.
	Left, Top, Right, Bottom float64
	// XMin, XMax, YMin and YMax are the data coordinates at the edges of
	// the data area.
	XMin, XMax, YMin, YMax float64
	// LogX and LogY report logarithmic axes.
	LogX, LogY bool
}

// Pixel returns the image position of the data point (x, y). The result
// lies outside the data area for points outside the axis ranges, and is NaN
// for non-positive values on a logarithmic axis.
func (l Layout) Pixel(x, y float64) (px, py float64) {
	return l.Left + norm(x, l.XMin, l.XMax, l.LogX)*(l.Right-l.Left),
		l.Bottom - norm(y, l.YMin, l.YMax, l.LogY)*(l.Bottom-l.Top)
}

// Contains reports whether the pixel position (px, py) lies in the data area.
func (l Layout) Contains(px, py float64) bool {
	return px >= l.Left && px <= l.Right && py >= l.Top && py <= l.Bottom
}

func norm(v, min, max float64, log bool) float64 {
	if log {
		return plot.LogScale{}.Normalize(min, max, v)
	}
	return (v - min) / (max - min)
}

// layoutOf returns the layout p gets when drawn on a w×h pixel canvas.
// It relies on the package's plotters not reporting glyph boxes, so the data
// area depends only on the title and the axes.
func layoutOf(ch *chart, w, h int) Layout {
	p := ch.p
	wp, hp := ptSize(w, h)
	c := draw.Canvas{Rectangle: vg.Rectangle{Max: vg.Point{X: wp, Y: hp}}}
	da := ch.dataArea(c)
	_, logX := p.X.Scale.(plot.LogScale)
	_, logY := p.Y.Scale.(plot.LogScale)
	const ptToPx = 1 / pxToPt
	return Layout{
		Width:  w,
		Height: h,
		Left:   float64(da.Min.X) * ptToPx,
		Right:  float64(da.Max.X) * ptToPx,
		Top:    float64(hp-da.Max.Y) * ptToPx,
		Bottom: float64(hp-da.Min.Y) * ptToPx,
		XMin:   p.X.Min, XMax: p.X.Max,
		YMin: p.Y.Min, YMax: p.Y.Max,
		LogX: logX, LogY: logY,
	}
}
