package cli

import (
	"bytes"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets the test binary act as the descent command (in the
// children of TestKillResume): DESCENT_AS_CLI=1 runs the arguments.
func TestMain(m *testing.M) {
	if os.Getenv("DESCENT_AS_CLI") == "1" {
		root := NewRoot(Options{})
		root.SetArgs(os.Args[1:])
		os.Exit(exitCode("descent", root.Execute()))
	}
	os.Exit(m.Run())
}

// TestKillResume (issue 13): a training run killed with SIGKILL at 20
// random (seeded) moments and resumed from its checkpoint ends with a
// model file identical byte for byte to an uninterrupted run's, and leaves
// no temporary files beside the model or in the checkpoint directory.
func TestKillResume(t *testing.T) {
	if testing.Short() {
		t.Skip("kills and resumes 20 training runs")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	wine, _ := filepath.Abs("../../../testdata/datasets/wine.csv")
	args := func(dir string) []string {
		return []string{"train", "--data", wine, "--model", "mlp:hidden=32,act=tanh", "--standardize", "--opt", "adam:lr=0.01",
			"--batch", "8", "--epochs", "60", "--checkpoint", filepath.Join(dir, "ck"), "--save", filepath.Join(dir, "model.json")}
	}
	cli := func(a ...string) *exec.Cmd {
		c := exec.Command(exe, a...)
		c.Env = append(os.Environ(), "DESCENT_AS_CLI=1")
		return c
	}
	ref := t.TempDir()
	if out, err := cli(args(ref)...).CombinedOutput(); err != nil {
		t.Fatalf("uninterrupted run: %v\n%s", err, out)
	}
	want, err := os.ReadFile(filepath.Join(ref, "model.json"))
	if err != nil {
		t.Fatal(err)
	}
	// How long a run takes here, to spread the kills over it.
	start := time.Now()
	if err := cli(args(t.TempDir())...).Run(); err != nil {
		t.Fatal(err)
	}
	span := time.Since(start)
	rng := rand.New(rand.NewPCG(13, 17))
	killedMid := 0
	for i := range 20 {
		dir := t.TempDir()
		c := cli(args(dir)...)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.Float64() * float64(span)))
		c.Process.Signal(syscall.SIGKILL)
		if err := c.Wait(); err != nil {
			killedMid++
		}
		// Resume (or start afresh when no checkpoint was written yet).
		ck := filepath.Join(dir, "ck", "checkpoint.json")
		var out []byte
		if _, err := os.Stat(ck); err == nil {
			out, err = cli("train", "--resume", filepath.Join(dir, "ck"), "--save", filepath.Join(dir, "model.json")).CombinedOutput()
			if err != nil {
				t.Fatalf("kill %d: resume: %v\n%s", i, err, out)
			}
		} else if out, err = cli(args(dir)...).CombinedOutput(); err != nil {
			t.Fatalf("kill %d: rerun: %v\n%s", i, err, out)
		}
		got, err := os.ReadFile(filepath.Join(dir, "model.json"))
		if err != nil {
			t.Fatalf("kill %d: %v", i, err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("kill %d: the resumed model differs from the uninterrupted one", i)
		}
		for _, d := range []string{dir, filepath.Join(dir, "ck")} {
			entries, _ := os.ReadDir(d)
			for _, e := range entries {
				if strings.Contains(e.Name(), ".tmp") {
					t.Errorf("kill %d: stray temporary file %s", i, filepath.Join(d, e.Name()))
				}
			}
		}
	}
	if killedMid < 5 {
		t.Errorf("only %d of 20 kills hit a running process: the kills are not spread over the run", killedMid)
	}
	t.Logf("%d of 20 kills interrupted a run (the run takes %v here)", killedMid, span)
}
