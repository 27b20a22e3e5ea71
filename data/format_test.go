package data

import "testing"

func TestFormat(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want Format
		err  string
	}{
		{"csv", CSV, ""},
		{"CSV", CSV, ""},
		{"libsvm", LIBSVM, ""},
		{"SVMlight", LIBSVM, ""},
		{"tsv", 0, `unknown data format "tsv" (want csv or libsvm)`},
		{"", 0, `unknown data format "" (want csv or libsvm)`},
	} {
		got, err := ParseFormat(tt.in)
		if got != tt.want || (err == nil) != (tt.err == "") || (err != nil && err.Error() != tt.err) {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v, %s", tt.in, got, err, tt.want, tt.err)
		}
	}
	for _, tt := range []struct {
		path string
		want Format
		ok   bool
	}{
		{"a/iris.csv", CSV, true},
		{"IRIS.CSV", CSV, true},
		{"x.svm", LIBSVM, true},
		{"x.libsvm", LIBSVM, true},
		{"x.svmlight", LIBSVM, true},
		{"x.txt", 0, false},
		{"csv", 0, false},
	} {
		if got, ok := FormatOf(tt.path); got != tt.want || ok != tt.ok {
			t.Errorf("FormatOf(%q) = %v, %t; want %v, %t", tt.path, got, ok, tt.want, tt.ok)
		}
	}
	for f, want := range map[Format]string{CSV: "csv", LIBSVM: "libsvm", 7: "Format(7)"} {
		if got := f.String(); got != want {
			t.Errorf("Format(%d).String() = %q, want %q", int(f), got, want)
		}
	}
}
