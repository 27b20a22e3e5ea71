// Package viz draws pictures of gradient descent: loss curves on a log scale,
// descent paths over a contour map of the objective, animated GIFs of runs
// racing along their paths, and learning-rate-finder charts.
//
// Every chart is written through internal/atomicfile, so a failure never
// leaves a partial file behind. The output format follows the file
// extension: ".png", ".svg" or ".pdf"; any other extension is an error.
//
// # Sizes
//
// Widths and heights are given in pixels. A PNG is exactly Width×Height
// pixels, drawn at 96 dots per inch, so one pixel is 0.75 point. SVG and PDF
// files have the same layout with their size given in points
// (Width×0.75 pt by Height×0.75 pt), which is Width×Height CSS pixels.
//
// # Coordinates
//
// Layout describes where the data area of a chart lies in its image, and
// Layout.Pixel maps data coordinates to image pixels. LossLayout,
// ContourLayout and GIFLayout return the layout that LossChart, Contour and
// GIF use for the same arguments, which lets tests and callers find what
// was drawn where.
//
// # Colors
//
// Series and paths take their colors, in order, from the Okabe–Ito palette
// (see SeriesColor), and loss curves also cycle through dash patterns. The
// heat map of contour charts uses a viridis-like sequential map built with
// moreland.NewLuminance, lightened a little so that paths stand out.
package viz
