package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeExportErrors: `serve --export` refuses a non-empty directory,
// a file, an empty name and serving flags with exit 2 before building
// anything, and says what is needed when there is no Go toolchain (exit
// 1). The export itself is tested in package serve (TestExport*, and
// TestBrowserStaticExport in chromium).
func TestServeExportErrors(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "full")
	file := filepath.Join(dir, "file")
	if err := os.Mkdir(full, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{filepath.Join(full, "notes.txt"), file} {
		if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"serve", "--export", full}, 2, "--export " + full + ": the export directory must be new or empty (it holds 1 entries; nothing was written)"},
		{[]string{"serve", "--export", file}, 2, "it is a file"},
		{[]string{"serve", "--export", ""}, 2, "--export: name a directory"},
		{[]string{"serve", "--export", filepath.Join(dir, "new"), "--addr", "127.0.0.1:0"}, 2, "drop --addr and --open"},
		{[]string{"serve", "--export", filepath.Join(dir, "new"), "--open"}, 2, "drop --addr and --open"},
	} {
		_, errs, code := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%q: exit %d (%q), want %d with %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
	if b, err := os.ReadFile(filepath.Join(full, "notes.txt")); err != nil || string(b) != "mine" {
		t.Errorf("the user's file: %q, %v", b, err)
	}
	// No go command on PATH.
	t.Setenv("PATH", t.TempDir())
	_, errs, code := runCLI(t, "serve", "--export", filepath.Join(dir, "site"))
	if code != 1 || !strings.Contains(errs, "needs the Go toolchain") {
		t.Errorf("without go: exit %d (%q), want 1 saying the Go toolchain is needed", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
		t.Error("a failed export created the directory")
	}
}
