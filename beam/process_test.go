package beam

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/descentgo/descent/train"
)

// build compiles a package into dir and returns the binary's path.
func build(t *testing.T, dir, name, pkg string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// TestProcessEnvironment submits training to a standalone Prism job server
// in the PROCESS environment, the path of a real cluster: descent-beam is
// staged as the worker binary (--worker_binary), and the Go SDK's boot
// loader, started by the job server as a separate process, fetches it and
// runs it as the worker. The weights must equal the in-process backend's
// to the bit.
func TestProcessEnvironment(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three binaries")
	}
	bin := t.TempDir()
	prism := build(t, bin, "prism", "github.com/apache/beam/sdks/v2/go/cmd/prism")
	boot := build(t, bin, "boot", "github.com/apache/beam/sdks/v2/go/container")
	worker := build(t, bin, "descent-beam", "./cmd/descent-beam")

	port := freePort(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := exec.CommandContext(ctx, prism, fmt.Sprintf("--job_port=%d", port), "--serve_http=false", "--log_level=warn")
	srv.Dir = t.TempDir() // the boot loader writes pipeline_options.json into its directory
	var srvLog strings.Builder
	srv.Stderr, srv.Stdout = &srvLog, &srvLog
	defer func() {
		if t.Failed() {
			t.Logf("job server log:\n%s", srvLog.String())
		}
	}()
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer srv.Wait()
	defer cancel()
	endpoint := fmt.Sprintf("localhost:%d", port)
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", endpoint, time.Second)
		if err == nil {
			c.Close()
			break
		}
		if i == 100 {
			t.Fatalf("the job server did not come up: %v", err)
		}
		time.Sleep(100 * time.Millisecond)
	}

	dir := blocks(t, irisCSV, 3)
	model := filepath.Join(t.TempDir(), "model.json")
	wrapper, err := filepath.Abs("process-boot.sh")
	if err != nil {
		t.Fatal(err)
	}
	env, _ := json.Marshal(map[string]any{"command": wrapper, "env": map[string]string{"DESCENT_BEAM_BOOT": boot}})
	start := time.Now()
	// Beam's PROCESS path hangs rather than fails when a worker cannot
	// register: bound the run so that the test fails instead.
	runCtx, stop := context.WithTimeout(ctx, 4*time.Minute)
	defer stop()
	cmd := exec.CommandContext(runCtx, worker, "train", "--data", dir, "--model", "softmax", "--opt", "gd:lr=0.5", "--epochs", "3",
		"--standardize", "--save", model, "--json",
		"--runner", "universal", "--endpoint", endpoint, "--environment_type", "PROCESS",
		"--environment_config", string(env), "--worker_binary", worker, "--temp_location", t.TempDir())
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("descent-beam: %v\n%s", err, stderr.String())
	}
	jobs := strings.Count(stderr.String(), "beam: job ")
	t.Logf("PROCESS environment: %d jobs in %.1f s (%.2f s per job)", jobs, time.Since(start).Seconds(), time.Since(start).Seconds()/float64(max(jobs, 1)))

	var saved struct {
		Params []float64 `json:"params"`
	}
	b, err := os.ReadFile(model)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &saved); err != nil {
		t.Fatal(err)
	}
	cfg := train.DefaultConfig()
	cfg.Source = train.Source{Path: dir}
	cfg.Model, cfg.Opt, cfg.Batch, cfg.Epochs, cfg.Standardize = mustSpec(t, "softmax"), mustSpec(t, "gd:lr=0.5"), 0, 3, true
	local, err := train.Train(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(saved.Params, local.Trained.Params) {
		t.Fatalf("weights differ:\nin process %v\nPROCESS    %v\n%s", local.Trained.Params, saved.Params, out)
	}
}
