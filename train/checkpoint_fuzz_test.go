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
	cfg, valid := smallCheckpoint(f)
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
