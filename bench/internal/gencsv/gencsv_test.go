package gencsv

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLogistic: the header names x1…xd and y; each of the n rows has d
// floats that read back to the bit from 17 significant digits and a 0/1
// label; the same seed writes the same bytes; the size returned is the
// file's.
func TestLogistic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	size, err := Logistic(a, 200, 3, 7)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Logistic(b, 200, 3, 7); err != nil {
		t.Fatal(err)
	}
	ba, _ := os.ReadFile(a)
	bb, _ := os.ReadFile(b)
	if !bytes.Equal(ba, bb) || int64(len(ba)) != size {
		t.Fatalf("two files of seed 7 differ (%d, %d bytes; size %d)", len(ba), len(bb), size)
	}
	lines := strings.Split(strings.TrimSuffix(string(ba), "\n"), "\n")
	if lines[0] != "x1,x2,x3,y" || len(lines) != 201 {
		t.Fatalf("header %q, %d lines", lines[0], len(lines))
	}
	ones := 0
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if len(f) != 4 || (f[3] != "0" && f[3] != "1") {
			t.Fatalf("row %q", l)
		}
		for _, v := range f[:3] {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || strconv.FormatFloat(x, 'e', 16, 64) != v {
				t.Fatalf("value %q does not read back", v)
			}
		}
		if f[3] == "1" {
			ones++
		}
	}
	if ones < 60 || ones > 140 {
		t.Errorf("%d of 200 labels are 1: the teacher's classes should be about balanced", ones)
	}
}
