package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShardCommand stores iris as 3 blocks and trains on them: the result
// must equal training on the CSV with --shards 3 (the same sums in the same
// order), to the printed digit and in the JSON.
func TestShardCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "iris.blocks")
	out, errs, code := runCLI(t, "shard", "--data", "../../../testdata/datasets/iris.csv", "--shards", "3", "--out", dir, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r shardResult
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Blocks != 3 || r.Rows != 150 || r.Cols != 4 || r.Target != "species" || len(r.Files) != 3 || r.Bytes < 150*5*8 || len(r.DataID) != 16 {
		t.Fatalf("shard result %+v", r)
	}
	args := []string{"train", "--model", "softmax", "--opt", "gd:lr=0.5", "--epochs", "40", "--standardize", "--json"}
	a, errs, code := runCLI(t, append(args, "--data", dir)...)
	if code != 0 {
		t.Fatalf("train on blocks: exit %d: %s", code, errs)
	}
	b, errs, code := runCLI(t, append(args, "--data", "../../../testdata/datasets/iris.csv", "--shards", "3")...)
	if code != 0 {
		t.Fatalf("train on csv: exit %d: %s", code, errs)
	}
	field := func(s, key string) string {
		var m map[string]any
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			t.Fatal(err)
		}
		v, _ := json.Marshal(m[key])
		return string(v)
	}
	for _, k := range []string{"train_loss", "train_accuracy", "epochs"} {
		if field(a, k) != field(b, k) || field(a, k) == "null" {
			t.Errorf("%s: blocks %s, csv --shards 3 %s", k, field(a, k), field(b, k))
		}
	}
}

func TestShardCommandErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"shard", "--shards", "2", "--out", dir}, "--data: no data file given"},
		{[]string{"shard", "--data", "../../../testdata/datasets/iris.csv", "--shards", "2"}, "--out: no output directory"},
		{[]string{"shard", "--data", "../../../testdata/datasets/iris.csv", "--shards", "0", "--out", dir}, "--shards 0: must be ≥ 1"},
		{[]string{"shard", "--data", "../../../testdata/datasets/iris.csv", "--shards", "151", "--out", dir}, "has 150 rows"},
		{[]string{"shard", "--data", "nope.csv", "--shards", "2", "--out", dir}, "nope.csv"},
		{[]string{"shard", "--data", "../../../testdata/datasets/iris.csv", "--target", "zzz", "--shards", "2", "--out", dir}, "zzz"},
	} {
		_, errs, code := runCLI(t, c.args...)
		if code != 2 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errs, c.want)
		}
	}
}

// TestShardStream: --stream writes the same block files as the in-memory
// path, byte for byte.
func TestShardStream(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	for _, args := range [][]string{
		{"shard", "--data", "../../../testdata/datasets/wine.csv", "--shards", "5", "--out", a},
		{"shard", "--data", "../../../testdata/datasets/wine.csv", "--shards", "5", "--out", b, "--stream"},
	} {
		if _, errs, code := runCLI(t, args...); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
	}
	for s := range 5 {
		x, _ := os.ReadFile(filepath.Join(a, fmt.Sprintf("block-%05d-of-00005.dsb", s)))
		y, _ := os.ReadFile(filepath.Join(b, fmt.Sprintf("block-%05d-of-00005.dsb", s)))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Fatalf("block %d: streamed %d bytes, in memory %d, not equal", s, len(y), len(x))
		}
	}
}
