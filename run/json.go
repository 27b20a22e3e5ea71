package run

import (
	"math"
	"strconv"
)

// Float is a float64 that encodes as JSON null when it is not finite (JSON
// has no NaN or infinity), in Go's shortest round-trip form otherwise.
type Float float64

// MarshalJSON implements json.Marshaler.
func (f Float) MarshalJSON() ([]byte, error) {
	v := float64(f)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, v, 'g', -1, 64), nil
}

// Floats converts a slice for JSON output.
func Floats(v []float64) []Float {
	out := make([]Float, len(v))
	for i, x := range v {
		out[i] = Float(x)
	}
	return out
}
