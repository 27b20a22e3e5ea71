package jsonnum

import (
	"encoding/json"
	"math"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	in := []float64{0, -0.1, 1e-300, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), math.Nextafter(0.3, 1)}
	b, err := json.Marshal(Floats(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `[0,-0.1,1e-300,1.7976931348623157e+308,"+Inf","-Inf",null,0.30000000000000004]` {
		t.Fatalf("encoded %s", b)
	}
	var out []Float
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	for i, v := range Unfloats(out) {
		if math.Float64bits(v) != math.Float64bits(in[i]) && !(math.IsNaN(v) && math.IsNaN(in[i])) {
			t.Errorf("item %d: %v, want %v", i, v, in[i])
		}
	}
	var f Float
	for s, want := range map[string]float64{`"NaN"`: math.NaN(), `"Inf"`: math.Inf(1), `2.5`: 2.5} {
		if err := json.Unmarshal([]byte(s), &f); err != nil || !(float64(f) == want || math.IsNaN(want) && math.IsNaN(float64(f))) {
			t.Errorf("%s → %v, %v", s, f, err)
		}
	}
	if err := json.Unmarshal([]byte(`"x"`), &f); err == nil || err.Error() != `"x" is not a number` {
		t.Errorf("bad input: %v", err)
	}
}
