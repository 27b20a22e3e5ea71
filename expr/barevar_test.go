package expr

import (
	"reflect"
	"testing"
)

// TestBareVariable: a formula that is just a variable (the last one, or the
// only one) has gradient e_i and a zero Hessian. This once gave a zero
// gradient because the result aliased the variable's own slot.
func TestBareVariable(t *testing.T) {
	tests := []struct {
		src  string
		vars []string
		x    []float64
		want []float64
	}{
		{"x", nil, []float64{3}, []float64{1}},
		{"(x)", nil, []float64{3}, []float64{1}},
		{"+x", nil, []float64{3}, []float64{1}},
		{"y", []string{"x", "y"}, []float64{3, 4}, []float64{0, 1}},
		{"x", []string{"x", "y"}, []float64{3, 4}, []float64{1, 0}},
	}
	for _, tc := range tests {
		p := MustCompile(tc.src, tc.vars)
		g := make([]float64, p.Dim())
		v := p.ValueGrad(g, tc.x)
		want := tc.x[0]
		if tc.src == "y" {
			want = tc.x[1]
		}
		if v != want || !reflect.DeepEqual(g, tc.want) || p.Value(tc.x) != want {
			t.Errorf("%s (vars %v): f = %v, ∇f = %v; want %v, %v", tc.src, tc.vars, v, g, want, tc.want)
		}
		hv := make([]float64, p.Dim())
		ones := make([]float64, p.Dim())
		for i := range ones {
			ones[i] = 1
		}
		p.HessVec(hv, tc.x, ones)
		for _, h := range hv {
			if h != 0 {
				t.Errorf("%s: H·1 = %v, want 0", tc.src, hv)
			}
		}
	}
}
