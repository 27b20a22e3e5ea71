package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// checkOutput verifies before any work that path has an accepted extension
// and that its directory is writable, so a run never ends in a failed write.
func checkOutput(flag, path string, exts ...string) error {
	if path == "" {
		return nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	ok := false
	for _, e := range exts {
		if ext == e {
			ok = true
		}
	}
	if !ok {
		return usagef("%s %s: unsupported extension %q (use %s)", flag, path, ext, strings.Join(exts, ", "))
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return usagef("%s %s: is a directory: name a file", flag, path)
	}
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, ".descent-probe*")
	if err != nil {
		if pe, ok := err.(*os.PathError); ok {
			err = pe.Err
		}
		return usagef("%s %s: cannot write in %s: %v", flag, path, dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

var imageExts = []string{".png", ".svg", ".pdf"}

// parseWindow parses --window xmin,xmax,ymin,ymax.
func parseWindow(s string) ([4]float64, error) {
	var w [4]float64
	if s == "" {
		return w, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return w, usagef("--window %q: want xmin,xmax,ymin,ymax (4 numbers), got %d", s, len(parts))
	}
	v, err := parseFloats("--window", s)
	if err != nil {
		return w, err
	}
	copy(w[:], v)
	if !(w[0] < w[1]) || !(w[2] < w[3]) {
		return w, usagef("--window %q: need xmin < xmax and ymin < ymax", s)
	}
	return w, nil
}

// writeJSON prints v as indented JSON with no HTML escaping (so "<" stays "<").
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// num formats a result value for text output with verb (e.g. "%.6g").
// Text never prints NaN or ±Inf as if they were results: an infinity is
// "overflowed" (the run diverged past the float64 range; the status says
// when) and NaN is "n/a" (a value that does not apply or could not be
// computed). JSON keeps them as null and "+Inf"/"-Inf" (package jsonnum).
func num(verb string, v float64) string {
	switch {
	case math.IsNaN(v):
		return "n/a"
	case math.IsInf(v, 0):
		return "overflowed"
	}
	return fmt.Sprintf(verb, v)
}

// fmtStart prints a start point as --start takes it: 1,0.5.
func fmtStart(x []float64) string {
	parts := make([]string, len(x))
	for i, v := range x {
		parts[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strings.Join(parts, ",")
}
