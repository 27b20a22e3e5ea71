package beam_test

import (
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/descentgo/descent/beam"
	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
)

// Train on blocks with Beam (Prism in this process) and in process: the
// same weights, to the bit.
func Example() {
	d, err := data.ReadCSVFile("../testdata/datasets/iris.csv", data.CSVOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	dir, _ := os.MkdirTemp("", "iris-blocks")
	defer os.RemoveAll(dir)
	if _, err := shard.WriteDir(dir, d, 3, "iris.csv"); err != nil {
		fmt.Println(err)
		return
	}
	cfg := train.DefaultConfig()
	cfg.Source = train.Source{Path: dir}
	cfg.Model, cfg.Opt = spec.Spec{Name: "softmax"}, spec.Spec{Name: "gd", Params: []spec.Param{{Key: "lr", Value: "0.5"}}}
	cfg.Batch, cfg.Epochs, cfg.Standardize = 0, 5, true
	local, err := train.Train(context.Background(), cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg.Backend = &beam.Backend{} // Prism, in this process
	onBeam, err := train.Train(context.Background(), cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(onBeam.Epochs, slices.Equal(local.Trained.Params, onBeam.Trained.Params))
	// Output: 5 true
}
