package cli

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/train"
)

// shardResult is the JSON output of descent shard.
type shardResult struct {
	Source string   `json:"data"`
	Out    string   `json:"out"`
	Blocks int      `json:"blocks"`
	Rows   int      `json:"rows"`
	Cols   int      `json:"features"`
	Target string   `json:"target"`
	DataID string   `json:"data_id"`
	Bytes  int64    `json:"bytes"`
	Files  []string `json:"files"`
}

func newShardCmd() *cobra.Command {
	var (
		df     dataFlags
		k      int
		out    string
		asJSON bool
	)
	c := &cobra.Command{
		Use:   "shard --data FILE --shards K --out DIR",
		Short: "Store a data set as K binary blocks of rows for a distributed backend",
		Long: `shard reads a CSV or LIBSVM file and writes it as K block files
block-00000-of-0000K.dsb … in DIR: little-endian float64 rows after a JSON
header with the rows, the columns, the target, the standardization statistics
and label summary of the whole data set, and a CRC-32C checksum. Block s holds
rows [⌊s·n/K⌋, ⌊(s+1)·n/K⌋). Each file is written atomically; blocks of an
earlier split in DIR are removed once the new ones are in place.

descent train --data DIR trains on the blocks in this process, adding the
blocks' sums in block order; descent-beam train --data DIR (the beam module)
sends each block to an Apache Beam worker.`,
		Example: `  descent shard --data big.csv --shards 16 --out big.blocks
  descent train --data big.blocks --model logistic --standardize`,
		Args: cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if df.path == "" {
				return usagef("--data: no data file given")
			}
			if out == "" {
				return usagef("--out: no output directory given")
			}
			if k < 1 {
				return usagef("--shards %d: must be ≥ 1", k)
			}
			if err := checkDir("--out", out); err != nil {
				return err
			}
			src := df.source()
			var files []string
			var n, dim int
			var target string
			if df.stream {
				src.Stream = false
				st, features, tgt, err := train.OpenStream(src)
				if err != nil {
					return cliError(err)
				}
				defer st.Close()
				n, dim, target = st.N(), st.D(), tgt
				if k > n {
					return usagef("--shards %d: the data set has %d rows; a block needs at least one", k, n)
				}
				if files, err = shard.WriteStream(out, shard.StreamRows(st, features, tgt), k, df.path); err != nil {
					return cliError(err)
				}
			} else {
				d, err := train.LoadDense(src)
				if err != nil {
					return cliError(err)
				}
				if k > d.N {
					return usagef("--shards %d: the data set has %d rows; a block needs at least one", k, d.N)
				}
				if files, err = shard.WriteDir(out, d, k, df.path); err != nil {
					return err
				}
				n, dim, target = d.N, d.D, d.Target
			}
			set, err := shard.OpenDir(out)
			if err != nil {
				return fmt.Errorf("checking the blocks just written: %v", err)
			}
			r := shardResult{Source: df.path, Out: out, Blocks: k, Rows: n, Cols: dim, Target: target, DataID: set.DataID, Files: files}
			for _, f := range files {
				if fi, err := os.Stat(f); err == nil {
					r.Bytes += fi.Size()
				}
			}
			if asJSON {
				return writeJSON(c.OutOrStdout(), r)
			}
			fmt.Fprintf(c.OutOrStdout(), "wrote %d blocks of %s (%d rows × %d features, target %q) to %s: %d bytes, data id %s\n",
				k, df.path, n, dim, target, out, r.Bytes, r.DataID)
			return nil
		},
	}
	f := c.Flags()
	df.register(f, true)
	f.Lookup("stream").Usage = "read the file in passes, one block in memory at a time, for files larger than memory (the same blocks)"
	f.MarkHidden("buffer")
	f.IntVar(&k, "shards", 0, "number K of blocks (each at least one row)")
	f.StringVar(&out, "out", "", "`DIR` that receives the blocks (created if needed)")
	f.BoolVar(&asJSON, "json", false, "print a JSON summary on stdout")
	return c
}
