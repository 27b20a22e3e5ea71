package run

import "github.com/descentgo/descent/internal/jsonnum"

// Float is the one JSON float of descent's outputs and files
// (jsonnum.Float): Go's shortest round-trip form, null for NaN (a value
// that does not apply), and the strings "+Inf" and "-Inf" for infinities,
// so a diverged value reads as what it was.
type Float = jsonnum.Float

// Floats converts a slice for JSON output.
func Floats(v []float64) []Float {
	if v == nil {
		return []Float{}
	}
	return jsonnum.Floats(v)
}
