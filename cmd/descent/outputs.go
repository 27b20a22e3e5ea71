package main

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
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
