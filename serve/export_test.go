package serve

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// fakeEngine stands for a built engine: Export copies bytes, whatever
// they are.
var fakeEngine = &Engine{WASM: []byte("\x00asm fake engine"), Exec: []byte("// fake wasm_exec.js"), GoVersion: "go0"}

// leftovers lists the temporary directories Export left in parent.
func leftovers(t *testing.T, parent string) []string {
	t.Helper()
	ents, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if strings.Contains(e.Name(), ".tmp-") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestExportFiles(t *testing.T) {
	for _, pre := range []string{"new", "empty"} {
		t.Run(pre, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "site")
			if pre == "empty" {
				if err := os.Mkdir(dir, 0o700); err != nil {
					t.Fatal(err)
				}
			}
			ex, err := Export(dir, fakeEngine)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"app.css", "app.js", "engine-worker.js", "engine.js", "engine.wasm", "favicon.svg", "index.html", "vendor/uPlot.LICENSE", "vendor/uPlot.iife.min.js", "vendor/uPlot.min.css", "wasm_exec.js"}
			for _, w := range want {
				if !slices.Contains(ex.Files, w) {
					t.Errorf("Export wrote %q, missing %s", ex.Files, w)
				}
			}
			// Every file listed is on disk, and nothing else.
			var onDisk []string
			var total int64
			filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(dir, p)
					onDisk = append(onDisk, filepath.ToSlash(rel))
					fi, _ := d.Info()
					total += fi.Size()
				}
				return err
			})
			if !slices.Equal(onDisk, ex.Files) || total != ex.Bytes {
				t.Errorf("on disk %q (%d bytes), Export reports %q (%d bytes)", onDisk, total, ex.Files, ex.Bytes)
			}
			read := func(name string) []byte {
				b, err := os.ReadFile(filepath.Join(dir, name))
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			if !bytes.Equal(read("engine.wasm"), fakeEngine.WASM) || !bytes.Equal(read("wasm_exec.js"), fakeEngine.Exec) {
				t.Error("engine.wasm or wasm_exec.js differ from the engine's bytes")
			}
			served, _ := webFS.ReadFile("web/app.js")
			if !bytes.Equal(read("app.js"), served) {
				t.Error("app.js differs from the served page's")
			}
			// index.html: the served page plus the engine's loader, before
			// app.js runs, and a relative favicon.
			index := string(read("index.html"))
			head, body, _ := strings.Cut(index, "</head>")
			for _, s := range []string{`<meta name="descent-engine" content="wasm">`, `<script src="engine.js"></script>`, `href="favicon.svg"`} {
				if !strings.Contains(head, s) {
					t.Errorf("index.html's head lacks %s", s)
				}
			}
			if !strings.Contains(body, `<script src="app.js"></script>`) || strings.Contains(index, "/favicon.ico") {
				t.Errorf("index.html: app.js must load after the engine and the favicon be relative:\n%s", index)
			}
			if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o755 {
				t.Errorf("the site's directory: %v, mode %v; want 0755 for a web server", err, fi.Mode().Perm())
			}
			if l := leftovers(t, parent); len(l) > 0 {
				t.Errorf("temporary directories left: %q", l)
			}
		})
	}
}

func TestExportRefuses(t *testing.T) {
	parent := t.TempDir()
	full := filepath.Join(parent, "full")
	if err := os.Mkdir(full, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(full, "notes.txt")
	file := filepath.Join(parent, "file")
	for _, p := range []string{mine, file} {
		if err := os.WriteFile(p, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct{ dir, msg string }{
		{full, "holds 1 entries"},
		{file, "is a file"},
	} {
		_, err := Export(c.dir, fakeEngine)
		if !errors.Is(err, ErrExportDir) || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), "nothing was written") {
			t.Errorf("Export(%s): %v; want ErrExportDir saying %q", c.dir, err, c.msg)
		}
	}
	for _, p := range []string{mine, file} {
		if b, err := os.ReadFile(p); err != nil || string(b) != "mine" {
			t.Errorf("%s: %q, %v; the user's file must be untouched", p, b, err)
		}
	}
	if ents, _ := os.ReadDir(full); len(ents) != 1 {
		t.Errorf("%s holds %d entries after the refused export, want 1", full, len(ents))
	}
	if _, err := Export(filepath.Join(parent, "no", "such", "parent"), fakeEngine); err == nil {
		t.Error("Export into a missing parent directory succeeded")
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("temporary directories left: %q", l)
	}
}

// TestExportAtomic: a directory that fills up while the site is being
// written (after the first check) is not written into, the user's file
// in it survives, and no temporary directory remains.
func TestExportAtomic(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	mine := filepath.Join(dir, "index.html")
	beforeRename = func() {
		if err := os.WriteFile(mine, []byte("mine"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	defer func() { beforeRename = nil }()
	_, err := Export(dir, fakeEngine)
	if !errors.Is(err, ErrExportDir) {
		t.Errorf("Export into a directory filled meanwhile: %v, want ErrExportDir", err)
	}
	ents, _ := os.ReadDir(dir)
	if b, rerr := os.ReadFile(mine); rerr != nil || string(b) != "mine" || len(ents) != 1 {
		t.Errorf("after the failed export %s holds %d entries and index.html is %q (%v); want only the user's file", dir, len(ents), b, rerr)
	}
	if l := leftovers(t, parent); len(l) > 0 {
		t.Errorf("temporary directories left: %q", l)
	}
}

func TestBuildEngineErrors(t *testing.T) {
	// No go command: the message says what is needed.
	_, err := BuildEngine(t.Context(), BuildOptions{Go: filepath.Join(t.TempDir(), "no-go")})
	if err == nil || !strings.Contains(err.Error(), "needs the Go toolchain") {
		t.Errorf("BuildEngine without go: %v", err)
	}
	// Outside any module: the source is missing.
	dir := t.TempDir()
	_, err = BuildEngine(t.Context(), BuildOptions{Dir: dir})
	if err == nil || !strings.Contains(err.Error(), "source of github.com/descentgo/descent") || !strings.Contains(err.Error(), "clone") {
		t.Errorf("BuildEngine outside the module: %v", err)
	}
}

// TestEngineLeavesOutPlotting: the WebAssembly engine's dependencies do
// not include gonum/plot (fonts, PDF, SVG and TIFF writers: 7 MB of the
// 18 MB engine before serve used viz/geom instead of viz).
func TestEngineLeavesOutPlotting(t *testing.T) {
	c := exec.Command("go", "list", "-deps", EnginePackage)
	c.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "github.com/descentgo/descent/serve") {
		t.Fatalf("go list -deps %s lists %d packages without serve", EnginePackage, len(deps))
	}
	for _, d := range deps {
		if strings.HasPrefix(d, "gonum.org/v1/plot") || d == "github.com/descentgo/descent/viz" {
			t.Errorf("the engine depends on %s", d)
		}
	}
}
