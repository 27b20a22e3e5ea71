package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/descentgo/descent/lrfind"
)

func TestParseRule(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want lrfind.Rule
		err  string
	}{
		{"valley", lrfind.Valley, ""},
		{" Steep ", lrfind.Steep, ""},
		{"steepest", lrfind.Steep, ""}, // the name before steep
		{"MINIMUM", lrfind.Minimum, ""},
		{"", "", `--rule "": use valley, steep, minimum`},
		{"slide", "", `--rule "slide": use valley, steep, minimum`},
	} {
		got, err := parseRule(tc.in)
		switch {
		case tc.err != "" && (err == nil || err.Error() != tc.err):
			t.Errorf("%q: %v, want error %q", tc.in, err, tc.err)
		case tc.err == "" && (err != nil || got != tc.want):
			t.Errorf("%q: %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// FuzzParseRule: any text either names a valid rule or is an error naming
// the flag; a valid rule's name parses back to itself.
func FuzzParseRule(f *testing.F) {
	for _, s := range []string{"valley", "steep", "steepest", "minimum", "", " VALLEY\t", "x", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRule(s)
		if err != nil {
			if r != "" || !strings.HasPrefix(err.Error(), "--rule ") {
				t.Fatalf("%q: %q with error %v", s, r, err)
			}
			return
		}
		if !r.Valid() {
			t.Fatalf("%q: invalid rule %q without error", s, r)
		}
		if back, err := parseRule(string(r)); err != nil || back != r {
			t.Fatalf("%q → %q → %q, %v", s, r, back, err)
		}
	})
}

// TestLRFindText: the text output names the rule and shows the validation
// table; on x² + 10y² (2/L = 0.1) the suggestion is below 2/L and a
// validation run at 0.218 ≥ 2/L diverged.
func TestLRFindText(t *testing.T) {
	out, msg, code := runCLI(t, "lrfind", "--expr", "x^2+10*y^2", "--start", "3,1")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	for _, want := range []string{"suggested lr   0.0725  (rule valley:", "validation     100 steps from the start (loss 19)", "0.2175      -             diverged", "← suggested"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, msg, code = runCLI(t, "lrfind", "--expr", "x^2+10*y^2", "--start", "3,1", "--opt", "adam", "--rule", "steepest", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var r struct {
		Rule       string   `json:"rule"`
		Suggested  *float64 `json:"suggested_lr"`
		Proposed   *float64 `json:"proposed_lr"`
		Steep      *float64 `json:"steepest_lr"`
		Validated  bool     `json:"validated"`
		StartLoss  float64  `json:"start_loss"`
		Validation []struct {
			LR      float64  `json:"lr"`
			Loss    *float64 `json:"loss"`
			Verdict string   `json:"verdict"`
		} `json:"validation"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Rule != "steep" || r.Suggested == nil || *r.Suggested >= 0.5 || !r.Validated || r.StartLoss != 19 || len(r.Validation) < 3 || r.Proposed == nil || r.Steep == nil || *r.Proposed != *r.Steep {
		t.Errorf("adam --rule steepest --json: %.600s", out)
	}
	_, msg, code = runCLI(t, "lrfind", "--expr", "x^2", "--rule", "slide")
	if code != 2 || !strings.Contains(msg, `--rule "slide": use valley, steep, minimum`) {
		t.Errorf("--rule slide: exit %d: %s", code, msg)
	}
	_, msg, code = runCLI(t, "lrfind", "--expr", "x^2", "--validation-steps", "-2")
	if code != 2 || !strings.Contains(msg, "--validation-steps: -2: must be > 0") {
		t.Errorf("--validation-steps -2: exit %d: %s", code, msg)
	}
	out, _, code = runCLI(t, "lrfind", "--expr", "x^2+10*y^2", "--start", "3,1", "--no-validate")
	if code != 0 || !strings.Contains(out, "suggested lr   0.0002984  (rule valley: the valley rule's rate, not validated)") || strings.Contains(out, "validation ") {
		t.Errorf("--no-validate: exit %d\n%s", code, out)
	}
}

// TestLRFindDataCurvature: the range test on data reports the objective's
// curvature at the start weights with the optimizer's bound, as train
// does: for gd, stable_lr_bound = 2/L exactly.
func TestLRFindDataCurvature(t *testing.T) {
	out, msg, code := runCLI(t, "lrfind", "--data", diabetesData, "--model", "linear", "--standardize", "--opt", "gd", "--batch", "full", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var r struct {
		Curvature *struct {
			L             float64 `json:"L"`
			StableLRBound float64 `json:"stable_lr_bound"`
			Point         string  `json:"point"`
			Exact         bool    `json:"exact_hessian"`
		} `json:"curvature"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if c := r.Curvature; c == nil || !(c.L > 0) || c.StableLRBound != 2/c.L || c.Point != "start" || !c.Exact {
		t.Errorf("curvature %+v", r.Curvature)
	}
}
