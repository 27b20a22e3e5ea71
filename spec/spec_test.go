package spec

import (
	"encoding/json"
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want Spec
		err  string
	}{
		{"adam", Spec{Name: "adam"}, ""},
		{" adam:lr=0.01, beta2 = 0.99 ", Spec{Name: "adam", Params: []Param{{"lr", "0.01"}, {"beta2", "0.99"}}}, ""},
		{"mlp:hidden=64,32,act=relu", Spec{Name: "mlp", Params: []Param{{"hidden", "64,32"}, {"act", "relu"}}}, ""},
		{"multistep:milestones=30;80,gamma=0.5", Spec{Name: "multistep", Params: []Param{{"milestones", "30;80"}, {"gamma", "0.5"}}}, ""},
		{"", Spec{}, "empty specification"},
		{":lr=1", Spec{}, `":lr=1": missing name before ':'`},
		{"adam:", Spec{}, `"adam:": no parameters after ':'`},
		{"adam:lr", Spec{}, `"adam:lr": "lr" is not of the form key=value`},
		{"adam:=1", Spec{}, `"adam:=1": missing key before '='`},
		{"adam:lr=", Spec{}, `"adam:lr=": key "lr" has an empty value`},
		{"adam:lr=1,lr=2", Spec{}, `"adam:lr=1,lr=2": key "lr" given twice`},
		{"mlp:hidden=64,,act=relu", Spec{}, `"mlp:hidden=64,,act=relu": empty list item`},
	}
	for _, tc := range tests {
		got, err := Parse(tc.in)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("Parse(%q) error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
}

func TestBind(t *testing.T) {
	fields := []Field{
		{Key: "lr", Kind: Float, Default: "0.001"},
		{Key: "n", Kind: Int, Default: "3"},
		{Key: "amsgrad", Kind: Bool, Default: "false"},
		{Key: "mode", Kind: String, Default: "min", Choices: []string{"min", "max"}},
		{Key: "milestones", Kind: Ints},
		{Key: "w", Kind: Floats, Default: "1;2.5"},
	}
	a, err := Bind(`optimizer "x"`, Spec{Name: "x", Params: []Param{{"lr", "0.5"}, {"milestones", "30;80"}}}, fields)
	if err != nil {
		t.Fatal(err)
	}
	if a.Float("lr") != 0.5 || a.Int("n") != 3 || a.Bool("amsgrad") || a.String("mode") != "min" ||
		!reflect.DeepEqual(a.Ints("milestones"), []int{30, 80}) || !reflect.DeepEqual(a.Floats("w"), []float64{1, 2.5}) ||
		!a.Given("lr") || a.Given("n") {
		t.Fatalf("bad binding %+v", a)
	}
	errs := []struct {
		p    Param
		want string
	}{
		{Param{"beta", "1"}, `optimizer "x" has no parameter "beta" (valid: lr, n, amsgrad, mode, milestones, w)`},
		{Param{"lr", "abc"}, `optimizer "x": lr=abc: "abc" is not a finite number`},
		{Param{"lr", "NaN"}, `optimizer "x": lr=NaN: "NaN" is not a finite number`},
		{Param{"n", "2.5"}, `optimizer "x": n=2.5: "2.5" is not an integer`},
		{Param{"amsgrad", "yes"}, `optimizer "x": amsgrad=yes: "yes" is not true or false`},
		{Param{"mode", "up"}, `optimizer "x": mode=up: "up" is not one of min, max`},
		{Param{"milestones", "30;x"}, `optimizer "x": milestones=30;x: "x" is not an integer`},
	}
	for _, e := range errs {
		_, err := Bind(`optimizer "x"`, Spec{Name: "x", Params: []Param{e.p}}, fields)
		if err == nil || err.Error() != e.want {
			t.Errorf("%v: got %v, want %q", e.p, err, e.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"adam:lr=0.01,beta2=0.99", "mlp:hidden=64,32,act=relu", "a:b=c;d", ":", "x:=,"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sp, err := Parse(s)
		if err != nil {
			return
		}
		again, err := Parse(sp.String())
		if err != nil || !reflect.DeepEqual(again, sp) {
			t.Fatalf("round trip %q → %q → %+v, %v", s, sp.String(), again, err)
		}
	})
}

func TestSpecJSONRoundTrip(t *testing.T) {
	for _, in := range []string{`"adam:lr=0.01,beta2=0.99"`, `"mlp:hidden=64,32,act=tanh"`, `""`, `"gd"`} {
		var s Spec
		if err := json.Unmarshal([]byte(in), &s); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		out, err := json.Marshal(s)
		if err != nil || string(out) != in {
			t.Errorf("%s → %+v → %s, %v", in, s, out, err)
		}
	}
	var s Spec
	if err := json.Unmarshal([]byte(`"adam:lr"`), &s); err == nil {
		t.Error(`"adam:lr" decoded without error`)
	}
	if got := (Spec{Name: "sgd", Params: []Param{{"lr", "1"}, {"momentum", "0.9"}}}).With("lr", "2").Without("momentum").String(); got != "sgd:lr=2" {
		t.Errorf("With/Without: %s", got)
	}
}
