package shard_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/shard"
)

// Store a data set as three blocks, then open the set and read it back.
func Example() {
	d := &data.Dense{N: 7, D: 2, X: []float64{1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60, 7, 70},
		Y: []float64{0, 1, 0, 1, 1, 0, 1}, Features: []string{"a", "b"}, Target: "y"}
	dir, _ := os.MkdirTemp("", "blocks")
	defer os.RemoveAll(dir)
	paths, err := shard.WriteDir(dir, d, 3, "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range paths {
		fmt.Println(filepath.Base(p))
	}
	set, err := shard.OpenDir(dir)
	if err != nil {
		fmt.Println(err)
		return
	}
	back, bounds, err := set.Load()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(set.TotalRows, set.Cols, set.Standardization.Mean, bounds, back.Y)
	// Output:
	// block-00000-of-00003.dsb
	// block-00001-of-00003.dsb
	// block-00002-of-00003.dsb
	// 7 2 [4 40] [0 2 4 7] [0 1 0 1 1 0 1]
}
