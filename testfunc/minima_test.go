package testfunc

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// refPoint is one entry of testdata/minima.json, written by
// testdata/minima.py: a minimizer and its value to 30 digits, computed in
// mpmath from an independent Python implementation of each function.
type refPoint struct {
	X []string `json:"x"`
	F string   `json:"f"`
}

func loadRef(t *testing.T) map[string]map[string][]refPoint {
	t.Helper()
	b, err := os.ReadFile("testdata/minima.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref map[string]map[string][]refPoint
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

func parseRef(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("testdata: %v", err)
	}
	return v
}

// near reports |a − b| ≤ 2 ulp-ish: a relative 4e-16, or 1e-300 absolute.
func near(a, b float64) bool {
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b
	}
	return math.Abs(a-b) <= 4e-16*math.Max(math.Abs(a), math.Abs(b))+1e-300
}

// TestMinimaAgainstMpmath checks every stored non-trivial minimizer and
// minimum value against the 30-digit mpmath references, to double
// precision: the stored constants must be the references correctly rounded.
func TestMinimaAgainstMpmath(t *testing.T) {
	ref := loadRef(t)
	checked := 0
	for _, f := range All() {
		r, ok := ref[f.Name]
		if !ok {
			continue
		}
		if len(r["global"]) != len(f.Minima) {
			t.Errorf("%s: %d global minimizers, reference has %d", f.Name, len(f.Minima), len(r["global"]))
			continue
		}
		for i, p := range r["global"] {
			for j, s := range p.X {
				// The reference Gaussian x3 is 1e-76, i.e. zero.
				if want := parseRef(t, s); !near(f.Minima[i][j], want) && !(math.Abs(want) < 1e-60 && f.Minima[i][j] == 0) {
					t.Errorf("%s: minimizer %d coordinate %d = %.17g, mpmath %s", f.Name, i, j, f.Minima[i][j], s)
				}
			}
			if want := parseRef(t, p.F); !near(f.FMin, want) && !(math.Abs(want) < 1e-60 && f.FMin == 0) {
				t.Errorf("%s: FMin = %.17g, mpmath %s", f.Name, f.FMin, p.F)
			}
			checked++
		}
		if len(r["local"]) != len(f.LocalMinima) {
			t.Errorf("%s: %d local minima, reference has %d", f.Name, len(f.LocalMinima), len(r["local"]))
			continue
		}
		for i, p := range r["local"] {
			for j, s := range p.X {
				if want := parseRef(t, s); !near(f.LocalMinima[i].X[j], want) {
					t.Errorf("%s: local minimizer %d coordinate %d = %.17g, mpmath %s", f.Name, i, j, f.LocalMinima[i].X[j], s)
				}
			}
			if want := parseRef(t, p.F); !near(f.LocalMinima[i].F, want) {
				t.Errorf("%s: local minimum %d = %.17g, mpmath %s", f.Name, i, f.LocalMinima[i].F, p.F)
			}
			checked++
		}
	}
	// Styblinski–Tang is separable: its constants are per coordinate.
	st := ref["styblinski-tang-1d"]["global"][0]
	if !near(stArg, parseRef(t, st.X[0])) || !near(stMin, parseRef(t, st.F)) {
		t.Errorf("styblinski-tang: stArg %.17g, stMin %.17g; mpmath %s, %s", stArg, stMin, st.X[0], st.F)
	}
	if checked < 14 {
		t.Errorf("only %d reference points checked", checked)
	}
}

// TestMinimaAgainstPaper compares with the digits printed in Moré, Garbow &
// Hillstrom (1981), which truncate ("8.21487...10^-3"): the stored value
// must begin with the printed digits.
func TestMinimaAgainstPaper(t *testing.T) {
	get := func(name string) *Function {
		f, err := lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	// truncates reports whether v/scale, truncated to the decimals of the
	// printed value p (fixed notation), equals p.
	truncates := func(v, scale float64, p string) bool {
		want, err := strconv.ParseFloat(p, 64)
		if err != nil {
			t.Fatal(err)
		}
		k := 0
		if _, frac, ok := strings.Cut(p, "."); ok {
			k = len(frac)
		}
		pow := math.Pow(10, float64(k))
		return math.Signbit(v) == math.Signbit(want) &&
			math.Trunc(math.Abs(v)/scale*pow) == math.Round(math.Abs(want)*pow)
	}
	for _, c := range []struct {
		what  string
		got   float64
		scale float64
		paper string
	}{
		{"freudenstein-roth local f", get("freudenstein-roth").LocalMinima[0].F, 1, "48.9842"},
		{"freudenstein-roth local x1", get("freudenstein-roth").LocalMinima[0].X[0], 1, "11.41"},
		{"freudenstein-roth local x2", get("freudenstein-roth").LocalMinima[0].X[1], 1, "-0.8968"},
		{"powell-badly-scaled x1", get("powell-badly-scaled").Minima[0][0], 1e-5, "1.098"},
		{"powell-badly-scaled x2", get("powell-badly-scaled").Minima[0][1], 1, "9.106"},
		{"bard f*", get("bard").FMin, 1e-3, "8.21487"},
		{"bard local f", get("bard").LocalMinima[0].F, 1, "17.4286"},
		{"bard local x1", get("bard").LocalMinima[0].X[0], 1, "0.8406"},
		{"gaussian f*", get("gaussian").FMin, 1e-8, "1.12793"},
		{"kowalik-osborne f*", get("kowalik-osborne").FMin, 1e-4, "3.07505"},
		{"jennrich-sampson f*", get("jennrich-sampson").FMin, 1, "124.362"},
		{"jennrich-sampson x1", get("jennrich-sampson").Minima[0][0], 1, "0.2578"},
		{"jennrich-sampson x2", get("jennrich-sampson").Minima[0][1], 1, "0.2578"},
	} {
		if !truncates(c.got, c.scale, c.paper) {
			t.Errorf("%s = %.17g does not begin with the paper's %s…×%g", c.what, c.got, c.paper, c.scale)
		}
	}
	// A wrong digit must be caught.
	if truncates(48.98425, 1, "48.9843") || truncates(48.98425, 1, "48.9841") {
		t.Error("truncates accepts a wrong last digit")
	}
	// Exact minimizers printed in the paper.
	for _, c := range []struct {
		name string
		x    []float64
	}{
		{"freudenstein-roth", []float64{5, 4}},
		{"brown-badly-scaled", []float64{1e6, 2e-6}},
		{"beale", []float64{3, 0.5}},
		{"helical-valley", []float64{1, 0, 0}},
		{"box-3d", []float64{1, 10, 1}},
		{"box-3d", []float64{10, 1, -1}},
		{"powell-singular", []float64{0, 0, 0, 0}},
		{"wood", []float64{1, 1, 1, 1}},
	} {
		f := get(c.name)
		found := false
		for _, m := range f.Minima {
			if slicesEqual(m, c.x) {
				found = true
			}
		}
		if !found || f.FMin != 0 {
			t.Errorf("%s: the paper's minimizer %v with f = 0 is not listed (%v, %v)", c.name, c.x, f.Minima, f.FMin)
		}
	}
}

func slicesEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
