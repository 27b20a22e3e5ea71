package train

import "github.com/descentgo/descent/internal/jsonnum"

// Float is a float64 that encodes as JSON null when it is NaN (a metric that
// does not apply, such as the validation loss of a run without --val) and as
// the strings "+Inf" and "-Inf" for infinities, in Go's shortest round-trip
// form otherwise, so every value survives a round trip bit for bit.
type Float = jsonnum.Float

func floats(v []float64) []Float { return jsonnum.Floats(v) }

func unfloats(v []Float) []float64 { return jsonnum.Unfloats(v) }
