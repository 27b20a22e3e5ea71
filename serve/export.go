package serve

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// The static export: the playground as files that any static web host
// serves (a teacher's course page, GitHub Pages), with the engine — this
// package's handler — compiled to WebAssembly and run in the browser
// (serve/wasm). The page is the same page; its api() asks the engine
// instead of the server (web/engine.js), so the numbers, JSON and errors
// are the server's.

// EnginePackage is the import path of the playground's WebAssembly engine.
const EnginePackage = modulePath + "/serve/wasm"

const modulePath = "github.com/descentgo/descent"

// Engine is the playground's engine compiled to WebAssembly, with the
// JavaScript support file of the Go release that compiled it (the two
// must come from the same release).
type Engine struct {
	WASM      []byte // engine.wasm: EnginePackage built with GOOS=js GOARCH=wasm
	Exec      []byte // wasm_exec.js of the same Go release
	GoVersion string // that release, e.g. "go1.26.8"
}

// GzipSize returns the size of the compressed engine as a web server
// sends it with gzip (level 6, the default of gzip and nginx).
func (e *Engine) GzipSize() int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.DefaultCompression)
	w.Write(e.WASM)
	w.Close()
	return b.Len()
}

// BuildOptions say where BuildEngine finds the Go toolchain and the
// source of this module. The zero value means "go" on PATH and the
// current directory.
type BuildOptions struct {
	// Go is the go command; "" means the one on PATH.
	Go string
	// Dir is a directory inside the descent module (a clone of the
	// repository) or inside a module that requires it; "" means the
	// current directory.
	Dir string
}

// BuildEngine compiles EnginePackage for GOOS=js GOARCH=wasm with the Go
// toolchain (go build -trimpath -buildvcs=false -ldflags=-s -w), from the module source
// that `go list -m` finds from o.Dir. A binary cannot compile itself: the
// toolchain and the source are needed, and the error says which is missing.
func BuildEngine(ctx context.Context, o BuildOptions) (*Engine, error) {
	const need = "building the playground's WebAssembly engine needs the Go toolchain (https://go.dev/dl) and the source of " + modulePath
	goCmd := o.Go
	if goCmd == "" {
		goCmd = "go"
	}
	if _, err := exec.LookPath(goCmd); err != nil {
		return nil, fmt.Errorf("%s: no go command: %v", need, err)
	}
	gocmd := func(env []string, args ...string) (string, error) {
		c := exec.CommandContext(ctx, goCmd, args...)
		c.Dir = o.Dir
		c.Env = append(os.Environ(), env...)
		var out, errb bytes.Buffer
		c.Stdout, c.Stderr = &out, &errb
		if err := c.Run(); err != nil {
			msg := strings.TrimSpace(errb.String())
			if msg == "" {
				msg = err.Error()
			}
			return "", fmt.Errorf("go %s: %s", args[0], msg)
		}
		return strings.TrimSpace(out.String()), nil
	}
	src, err := gocmd(nil, "list", "-m", "-f", "{{.Dir}}", modulePath)
	if err != nil || src == "" {
		return nil, fmt.Errorf("%s: run it inside a clone of the repository or a module that requires it (%v)", need, err)
	}
	env, err := gocmd(nil, "env", "GOROOT", "GOVERSION")
	if err != nil {
		return nil, fmt.Errorf("%s: %v", need, err)
	}
	goroot, version, _ := strings.Cut(env, "\n")
	var execJS []byte
	for _, p := range []string{"lib/wasm/wasm_exec.js", "misc/wasm/wasm_exec.js"} { // Go ≥ 1.24, older
		if execJS, err = os.ReadFile(filepath.Join(goroot, filepath.FromSlash(p))); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: wasm_exec.js is not in GOROOT %s", need, goroot)
	}
	tmp, err := os.MkdirTemp("", "descent-engine-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "engine.wasm")
	o.Dir = src
	if _, err := gocmd([]string{"GOOS=js", "GOARCH=wasm"}, "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w", "-o", out, EnginePackage); err != nil {
		return nil, fmt.Errorf("building the playground's WebAssembly engine from %s: %v", src, err)
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	return &Engine{WASM: wasm, Exec: execJS, GoVersion: strings.TrimSpace(version)}, nil
}

// ErrExportDir is the error (tested with errors.Is) of Export and
// CheckExportDir when the directory exists and is not empty, or is not a
// directory: an export never writes over anything.
var ErrExportDir = errors.New("the export directory must be new or empty")

// CheckExportDir returns an error unless dir does not exist or is an empty
// directory (the check Export makes first, for callers that want it before
// the slow BuildEngine).
func CheckExportDir(dir string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s: %w (it is a file; nothing was written)", dir, ErrExportDir)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(ents) > 0 {
		return fmt.Errorf("%s: %w (it holds %d entries; nothing was written)", dir, ErrExportDir, len(ents))
	}
	return nil
}

// Exported lists what Export wrote.
type Exported struct {
	Dir   string
	Files []string // paths relative to Dir, slash-separated, sorted
	Bytes int64    // their total size
}

// exportHead is inserted before </head> of the exported index.html: the
// marker of the static page and engine.js, which runs engine.wasm in a Web
// Worker (engine-worker.js, with the Go runtime's wasm_exec.js) and answers
// app.js's api() from it.
const exportHead = `<meta name="descent-engine" content="wasm">
<script src="engine.js"></script>
`

// Export writes the playground as a static site into dir: the page
// (index.html, app.js, app.css, engine.js, vendor/), favicon.svg, and the
// engine (engine-worker.js, engine.wasm, wasm_exec.js). dir must not exist or be empty
// (ErrExportDir). The files are written into a new directory beside dir,
// which is renamed to dir only when all are written: a failed export
// leaves nothing behind. The site must be served over HTTP (browsers do
// not load WebAssembly from file:// pages); any static server will do.
func Export(dir string, e *Engine) (*Exported, error) {
	if e == nil || len(e.WASM) == 0 || len(e.Exec) == 0 {
		panic("serve.Export: no engine (use BuildEngine)")
	}
	if err := CheckExportDir(dir); err != nil {
		return nil, err
	}
	dir = filepath.Clean(dir)
	parent := filepath.Dir(dir)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".tmp-")
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(tmp)
		}
	}()
	out := &Exported{Dir: dir}
	put := func(name string, b []byte) error {
		p := filepath.Join(tmp, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := writeSynced(p, b); err != nil {
			return err
		}
		out.Files = append(out.Files, name)
		out.Bytes += int64(len(b))
		return nil
	}
	web, err := fs.Sub(webFS, "web")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	err = fs.WalkDir(web, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(web, name)
		if err != nil {
			return err
		}
		if name == "index.html" {
			if b, err = exportIndex(b); err != nil {
				return err
			}
		}
		return put(name, b)
	})
	for _, f := range []struct {
		name string
		b    []byte
	}{{"favicon.svg", []byte(faviconSVG)}, {"wasm_exec.js", e.Exec}, {"engine.wasm", e.WASM}} {
		if err == nil {
			err = put(f.name, f.b)
		}
	}
	if err == nil {
		err = os.Chmod(tmp, 0o755) // MkdirTemp makes it 0700; a web server must read it
	}
	if err == nil {
		if beforeRename != nil {
			beforeRename()
		}
		err = renameDir(tmp, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("export %s: %w (nothing was written)", dir, err)
	}
	ok = true
	syncDir(parent)
	sort.Strings(out.Files)
	return out, nil
}

// beforeRename, when set by a test, runs between writing the files and
// renaming the directory.
var beforeRename func()

// exportIndex turns the served index.html into the exported one.
func exportIndex(b []byte) ([]byte, error) {
	i := bytes.Index(b, []byte("</head>"))
	if i < 0 {
		return nil, errors.New("index.html has no </head>")
	}
	s := string(b[:i]) + exportHead + string(b[i:])
	// The server answers /favicon.ico itself; the export ships the
	// picture as a file, relative, so that the site can live in any
	// folder of its host.
	s = strings.Replace(s, `href="/favicon.ico"`, `href="favicon.svg"`, 1)
	return []byte(s), nil
}

// renameDir renames the directory tmp to dir, which does not exist or is
// empty (POSIX rename replaces an empty directory; elsewhere it is
// removed first, which fails if something was put in it meanwhile).
func renameDir(tmp, dir string) error {
	err := os.Rename(tmp, dir)
	if err == nil {
		return nil
	}
	if fi, lerr := os.Lstat(dir); lerr != nil || !fi.IsDir() {
		return err // never remove a file put there meanwhile
	}
	if rmErr := os.Remove(dir); rmErr != nil {
		if errors.Is(rmErr, fs.ErrNotExist) {
			return err
		}
		return fmt.Errorf("%w (it is not empty any more)", ErrExportDir)
	}
	return os.Rename(tmp, dir)
}

// writeSynced writes b to the new file p and syncs it.
func writeSynced(p string, b []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes the rename durable where the system allows syncing a
// directory; errors are ignored (some systems do not).
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
