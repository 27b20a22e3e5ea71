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
		addr string
		open bool
	)
	c := &cobra.Command{
		Use:   "serve [--addr 127.0.0.1:8080] [--open]",
		Short: "Open the playground in the browser: race optimizers on a contour map, train on a data set",
		Long: `serve starts the playground, a web page and JSON API embedded in the binary. Pick a
test function or type a formula, click the start point on the contour map, choose
optimizers, a learning rate and a schedule, and watch the paths and loss curves,
with the verdict and advice of each run. The whole view lives in the URL: copy it
to share it. The data tab trains a small model on iris, wine or diabetes.

The server listens on 127.0.0.1 (this machine only) unless --addr says otherwise;
it stops cleanly on Ctrl-C.`,
		Example: `  descent serve
  descent serve --addr 127.0.0.1:0 --open   # any free port, open the browser`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
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
			srv := serve.New(serve.Config{Hosts: hosts})
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
	return c
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
