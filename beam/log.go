package beam

import (
	"log/slog"
	"os"
	"strings"

	beamlog "github.com/apache/beam/sdks/v2/go/pkg/beam/log"
)

// LogEnv names the environment variable that sets the level of Beam's and
// Prism's own logs on stderr: debug, info, warn or error. Unset, they are
// off: a run prints one line per job, and a failed job's cause is in the
// error that training returns.
const LogEnv = "DESCENT_BEAM_LOG"

// Quiet sets the level of Beam's logs from LogEnv. It must run before
// beam.Init, and again after it (Init replaces the default logger):
// Bind does the latter.
func Quiet() {
	level := strings.ToLower(os.Getenv(LogEnv))
	switch level {
	case "debug", "info", "warn", "error":
		beamlog.LogLevel = level
		return
	}
	beamlog.LogLevel = "error"
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError + 4})))
}
