package viz

import (
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/png"
	"os"
	"testing"
)

func TestDbgFrames(t *testing.T) {
	for _, name := range []string{"quad", "rosen"} {
		f, _ := os.Open("/tmp/viz/" + name + ".gif")
		g, err := gif.DecodeAll(f)
		if err != nil {
			t.Fatal(err)
		}
		canvas := image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))
		for k, fr := range g.Image {
			draw.Draw(canvas, fr.Bounds(), fr, fr.Bounds().Min, draw.Over)
			if k == 8 || k == 30 || k == len(g.Image)-1 {
				o, _ := os.Create(fmt.Sprintf("/tmp/viz/%s-frame%02d.png", name, k))
				png.Encode(o, canvas)
				o.Close()
			}
		}
	}
}
