package beam

import (
	"log/slog"
	"os"

	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
)

// Quiet sends Beam's and Prism's logs below warnings nowhere: a training
// run prints its own progress. It must run before beam.Init.
func Quiet() {
	beamlog.LogLevel = "warn"
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
}
