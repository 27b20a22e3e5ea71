// Command descent-beam is descent with Apache Beam as the training backend:
// the same commands and flags, and `descent-beam train --data DIR` trains on
// the blocks in DIR (written by `descent shard`) with one Beam job per
// full-batch evaluation. Beam's runner flags (--endpoint,
// --environment_type, --worker_binary, --temp_location, …) are flags of
// train; --runner picks the runner (default prism, in this process).
//
// Beam starts this same binary as its worker (--worker): beam.Init, called
// first, then runs the worker and never returns.
package main

import (
	"flag"
	"os"

	beamsdk "github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/dataflow"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/flink"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/spark"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/runners/universal"

	"github.com/descentgo/descent/beam"
	"github.com/descentgo/descent/cmd/descent/cli"
)

func main() {
	// Beam's own flags come first on a worker's command line; on the
	// user's, parsing stops at the command name and cobra reads them.
	flag.Parse()
	beam.Quiet()
	beamsdk.Init()
	os.Exit(cli.Main(cli.Options{Name: "descent-beam", Train: beam.TrainFlags}))
}
