package beam

import (
	"flag"
	"os"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners"
	"github.com/spf13/pflag"

	"github.com/descentgo/descent/train"
)

// workerFlags are the flags with which a runner starts the worker binary;
// they are hidden from the user's help.
var workerFlags = map[string]bool{"worker": true, "id": true, "logging_endpoint": true, "control_endpoint": true,
	"semi_persist_dir": true, "options": true, "status_endpoint": true, "provision_endpoint": true, "artifact_endpoint": true}

// TrainFlags adds Beam's flags to the train command's flag set — every flag
// that Beam's packages define on the standard flag set, with Beam's names
// (--runner, --endpoint, --environment_type, --environment_config,
// --worker_binary, --temp_location, --job_name, and the Dataflow, Flink and
// Spark options) — and returns the function that sets the run's Backend
// from them. It is cli.Options.Train for descent-beam.
func TrainFlags(f *pflag.FlagSet) func(*train.Config) error {
	f.AddGoFlagSet(flag.CommandLine)
	flag.CommandLine.VisitAll(func(g *flag.Flag) {
		if workerFlags[g.Name] {
			f.MarkHidden(g.Name)
		}
	})
	if fl := f.Lookup("runner"); fl != nil {
		fl.Usage = "Beam runner: prism (default: in this process, or the job server at the endpoint flag's address), universal, flink, spark, dataflow"
	}
	if fl := f.Lookup("temp_location"); fl != nil {
		fl.Usage = "storage that the driver and every worker reach, for the weights and results of each job (gs://, s3://, a shared mount); default: a local temporary directory"
	}
	return func(c *train.Config) error {
		b := &Backend{Runner: strings.ToLower(*runners.Runner), Log: os.Stderr}
		if fl := flag.Lookup("temp_location"); fl != nil {
			b.TempDir = fl.Value.String()
		}
		c.Backend = b
		if !f.Changed("batch") {
			c.Batch = 0 // the backend takes full-batch steps
		}
		return nil
	}
}
