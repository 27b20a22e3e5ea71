package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/serve"
)

func newServeCmd() *cobra.Command {
	var (
		addr   string
		open   bool
		export string
	)
	c := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--open] | serve --export DIR",
		Short: "Open the playground in the browser: race optimizers on a contour map, train on a data set",
		Long: `serve starts the playground, a web page and JSON API embedded in the binary. Pick a
test function or type a formula, click the start point on the contour map, choose
optimizers, a learning rate and a schedule, and watch the paths and loss curves,
with the verdict and advice of each run. The whole view lives in the URL: copy it
to share it. The data tab trains a small model on iris, wine or diabetes.

The server listens on 127.0.0.1 (this machine only) unless --addr says otherwise;
it stops cleanly on Ctrl-C.

--export DIR writes the playground as a static site instead of serving it: the
page and its engine, the same Go code compiled to WebAssembly (engine.wasm, 11 MiB,
3 MiB gzipped), which runs in the visitor's browser, so that any static web host
(a course page, GitHub Pages) can serve it. DIR must be new or empty; nothing is
written unless the whole site is. Building engine.wasm needs the Go toolchain
(go on PATH) and the descent source: run the command inside a clone of the
repository (or a module that requires github.com/descentgo/descent). Browsers do
not run WebAssembly from file:// pages: open the folder through a web server.`,
		Example: `  descent serve
  descent serve --addr 127.0.0.1:0 --open   # any free port, open the browser
  descent serve --export site               # a static site in ./site`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if c.Flags().Changed("export") {
				if c.Flags().Changed("addr") || open {
					return usagef("--export writes a static site and serves nothing: drop --addr and --open")
				}
				return exportSite(c, export)
			}
			host, _, err := net.SplitHostPort(addr)
			if err != nil {
				return usagef("--addr %q: want host:port, e.g. 127.0.0.1:8080", addr)
			}
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("--addr %s: %v", addr, err)
			}
			if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
				fmt.Fprintf(c.ErrOrStderr(), "descent serve: listening on %s: the playground is reachable from other machines\n", host)
			}
			var hosts []string // loopback names only, unless --addr names another
			if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
				hosts = []string{"*"} // all interfaces: any name may reach it
			} else if host != "localhost" && (ip == nil || !ip.IsLoopback()) {
				hosts = []string{host}
			}
			srv := serve.New(serve.Config{Hosts: hosts, HostHint: "or start it with --addr naming this host"})
			defer srv.Close() // removes the data set files written for the data tab
			hs := srv.HTTPServer(addr)
			url := "http://" + ln.Addr().String() + "/"
			fmt.Fprintf(c.OutOrStdout(), "descent playground: %s  (Ctrl-C stops)\n", url)
			if open {
				if err := openBrowser(url); err != nil {
					fmt.Fprintf(c.ErrOrStderr(), "descent serve: --open: %v; open %s yourself\n", err, url)
				}
			}
			done := make(chan error, 1)
			go func() { done <- hs.Serve(ln) }()
			select {
			case err := <-done:
				return err
			case <-c.Context().Done():
			}
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			fmt.Fprintln(c.ErrOrStderr(), "descent serve: shutting down")
			if err := hs.Shutdown(ctx); err != nil {
				return fmt.Errorf("shutdown: %v", err)
			}
			if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
				return err
			}
			return nil
		},
	}
	c.Flags().StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	c.Flags().BoolVar(&open, "open", false, "open the page in the default browser")
	c.Flags().StringVar(&export, "export", "", "write the playground as a static site (engine in WebAssembly) into this new or empty directory, and exit")
	return c
}

// exportSite builds the WebAssembly engine and writes the static site.
func exportSite(c *cobra.Command, dir string) error {
	if dir == "" {
		return usagef("--export: name a directory")
	}
	if err := serve.CheckExportDir(dir); err != nil {
		if errors.Is(err, serve.ErrExportDir) {
			return usagef("--export %v", err)
		}
		return fmt.Errorf("--export %v", err)
	}
	fmt.Fprintln(c.ErrOrStderr(), "descent serve: building the WebAssembly engine (go build, GOOS=js GOARCH=wasm; about a minute the first time)…")
	start := time.Now()
	eng, err := serve.BuildEngine(c.Context(), serve.BuildOptions{})
	if err != nil {
		return fmt.Errorf("--export: %v", err)
	}
	took := time.Since(start)
	ex, err := serve.Export(dir, eng)
	if err != nil {
		if errors.Is(err, serve.ErrExportDir) {
			return usagef("--export %v", err)
		}
		return fmt.Errorf("--export %v", err)
	}
	mb := func(n int) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }
	w := c.OutOrStdout()
	fmt.Fprintf(w, "wrote the static playground to %s: %d files, %s\n", ex.Dir, len(ex.Files), mb(int(ex.Bytes)))
	fmt.Fprintf(w, "engine.wasm: %s, %s gzipped (built with %s in %.0f s)\n", mb(len(eng.WASM)), mb(eng.GzipSize()), eng.GoVersion, took.Seconds())
	fmt.Fprintln(w, "serve the folder with any static web server (browsers do not run WebAssembly from file:// pages)")
	return nil
}

// openBrowser asks the desktop to open url.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
