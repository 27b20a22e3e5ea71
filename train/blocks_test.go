package train

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/shard"
)

// TestBlocksSource trains on a data set stored as blocks and on its CSV
// file with as many shards: the sums are added in the same order, so the
// weights must agree to the bit. With the CSV's default single shard they
// differ in the last bits, which shows that the blocks fix the order.
func TestBlocksSource(t *testing.T) {
	d, err := data.ReadCSVFile(diabetesCSV, data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "blocks")
	if _, err := shard.WriteDir(dir, d, 5, diabetesCSV); err != nil {
		t.Fatal(err)
	}
	run := func(src Source, shards int) *Result {
		t.Helper()
		cfg := DefaultConfig()
		cfg.Source, cfg.Model, cfg.Opt, cfg.Shards = src, mustSpec("linear"), mustSpec("gd:lr=0.1"), shards
		cfg.Standardize, cfg.Epochs, cfg.GradTol, cfg.FTol = true, 50, 0, 0
		res, err := Train(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	blocks := run(Source{Path: dir}, 0)
	csv5 := run(Source{Path: diabetesCSV}, 5)
	csv1 := run(Source{Path: diabetesCSV}, 1)
	if !slices.Equal(blocks.Trained.Params, csv5.Trained.Params) {
		t.Errorf("blocks %v\n≠ csv with 5 shards %v", blocks.Trained.Params, csv5.Trained.Params)
	}
	if slices.Equal(blocks.Trained.Params, csv1.Trained.Params) {
		t.Log("note: one shard gave the same bits as five (the test of order is then weak)")
	}
	if got := blocks.Trained.Training.Format; got != BlocksFormat {
		t.Errorf("training format %q, want %q", got, BlocksFormat)
	}
	if !slices.Equal(blocks.Trained.Features, d.Features) || blocks.Trained.Target != d.Target {
		t.Errorf("names %v %q, want %v %q", blocks.Trained.Features, blocks.Trained.Target, d.Features, d.Target)
	}
	// Evaluating on the blocks equals evaluating on the CSV.
	eb, err := blocks.Trained.Evaluate(Source{Path: dir})
	if err != nil {
		t.Fatal(err)
	}
	ec, err := blocks.Trained.Evaluate(Source{Path: diabetesCSV})
	if err != nil {
		t.Fatal(err)
	}
	if eb.Loss != ec.Loss || eb.N != ec.N {
		t.Errorf("evaluate on blocks %+v, on csv %+v", eb, ec)
	}
}

func TestBlocksSourceErrors(t *testing.T) {
	d, _ := data.ReadCSVFile(irisCSV, data.CSVOptions{})
	dir := t.TempDir()
	shard.WriteDir(dir, d, 3, irisCSV)
	empty := t.TempDir()
	corrupt := t.TempDir()
	shard.WriteDir(corrupt, d, 3, irisCSV)
	p := filepath.Join(corrupt, shard.Name(1, 3))
	b, _ := os.ReadFile(p)
	b[len(b)-100] ^= 1
	os.WriteFile(p, b, 0o644)
	for _, c := range []struct {
		name string
		src  Source
		want string
	}{
		{"target", Source{Path: dir, Target: "x"}, "target: does not apply to blocks"},
		{"stream", Source{Path: dir, Stream: true}, "stream: blocks are not streamed"},
		{"empty", Source{Path: empty}, "no block files"},
		{"corrupt", Source{Path: corrupt}, shard.Name(1, 3) + ": checksum mismatch"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Source, cfg.Model = c.src, mustSpec("softmax")
			_, err := Train(context.Background(), cfg)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("Train: %v, want %q", err, c.want)
			}
		})
	}
}
