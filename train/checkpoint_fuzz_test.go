package train

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzResumeCheckpoint: any bytes as a checkpoint file are either refused
// by ReadCheckpoint or by the resume with an error — never a panic, never
// a hang (issue 13). The seeds are a real checkpoint of a small run, cut
// and edited.
func FuzzResumeCheckpoint(f *testing.F) {
	dir := f.TempDir()
	cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("adam:lr=0.01"),
		Batch: 50, Epochs: 2, Standardize: true, Seed: 1, Checkpoint: filepath.Join(dir, "ck")}
	if _, err := Train(context.Background(), cfg); err != nil {
		f.Fatal(err)
	}
	valid, err := os.ReadFile(filepath.Join(cfg.Checkpoint, CheckpointFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add(valid[:len(valid)/2])
	f.Add([]byte(`{"format":"descent-checkpoint","version":1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d := t.TempDir()
		if err := os.WriteFile(filepath.Join(d, CheckpointFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
		ck, err := ReadCheckpoint(d)
		if err != nil {
			return
		}
		res := cfg
		res.Resume, res.Checkpoint, res.Epochs = ck, d, 3
		Train(context.Background(), res) // an error is fine; a panic fails
	})
}
