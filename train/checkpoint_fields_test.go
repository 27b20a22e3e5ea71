package train

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestCorruptCheckpointFields (issue 13): a checkpoint edited field by
// field is refused on resume with the field named — never a panic, never a
// replay that runs for minutes (an Adam step of 4e18 used to step a power
// sequence one product at a time).
// smallCheckpoint trains softmax on iris with Adam for a few epochs,
// checkpointing into a temporary directory, and returns the run's
// configuration and the checkpoint file's bytes.
func smallCheckpoint(t testing.TB) (Config, []byte) {
	cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("adam:lr=0.01"),
		Batch: 16, Epochs: 3, Standardize: true, Seed: 1, Checkpoint: filepath.Join(t.TempDir(), "ck")}
	if _, err := Train(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(cfg.Checkpoint, CheckpointFile))
	if err != nil {
		t.Fatal(err)
	}
	return cfg, b
}

func TestCorruptCheckpointFields(t *testing.T) {
	cfg, orig := smallCheckpoint(t)
	path := filepath.Join(cfg.Checkpoint, CheckpointFile)
	for _, tc := range []struct {
		name  string
		edit  func(m map[string]any)
		field string // "" when the resume must work
	}{
		{"best params too short", func(m map[string]any) {
			b := m["best"].(map[string]any)
			b["params"] = []any{1.0, 2.0}
		}, `"best.params"`},
		{"negative epoch", func(m map[string]any) { m["epoch"] = -1 }, "position epoch -1"},
		{"history cut", func(m map[string]any) { m["history"] = m["history"].([]any)[:1] }, "with 1 history rows"},
		{"best epoch past the end", func(m map[string]any) { m["best"].(map[string]any)["epoch"] = 99 }, `"best.epoch"`},
		{"huge optimizer step", func(m map[string]any) { m["optimizer"].(map[string]any)["step"] = 4e18 }, ""},
	} {
		var m map[string]any
		if err := json.Unmarshal(orig, &m); err != nil {
			t.Fatal(err)
		}
		tc.edit(m)
		b, _ := json.Marshal(m)
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		err := func() (err error) {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("%s: panic %v", tc.name, r)
				}
			}()
			ck, err := ReadCheckpoint(cfg.Checkpoint)
			if err != nil {
				return err
			}
			res := cfg
			res.Resume, res.Epochs = ck, 4
			_, err = Train(context.Background(), res)
			return err
		}()
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: the resume took %v", tc.name, d)
		}
		switch {
		case tc.field == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.field != "" && (err == nil || !strings.Contains(err.Error(), tc.field)):
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.field)
		}
	}
}

// TestResumeFromAnotherDirectory (issue 13): a checkpoint of a run given
// a relative data path resumes from another working directory (it
// records the absolute path; it used to fail with "r.csv: no such file").
func TestResumeFromAnotherDirectory(t *testing.T) {
	b, err := os.ReadFile(irisCSV)
	if err != nil {
		t.Fatal(err)
	}
	work, other := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(work, "r.csv"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	cfg := Config{Source: Source{Path: "r.csv"}, Model: mustSpec("softmax"), Opt: mustSpec("sgd:lr=0.1"),
		Batch: 16, Epochs: 2, Standardize: true, Seed: 1, Checkpoint: filepath.Join(work, "ck")}
	if _, err := Train(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	t.Chdir(other)
	ck, err := ReadCheckpoint(cfg.Checkpoint)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ck.DataPath(), filepath.Join(work, "r.csv"); got != want {
		t.Fatalf("DataPath %q, want %q", got, want)
	}
	res := cfg
	res.Path, res.Resume, res.Epochs = ck.DataPath(), ck, 3
	r, err := Train(context.Background(), res)
	if err != nil {
		t.Fatal(err)
	}
	if r.Epochs != 3 || !r.Resumed {
		t.Errorf("resumed to epoch %d (resumed %v), want 3", r.Epochs, r.Resumed)
	}
}
