// Package cli is the descent command line: its commands, flags, outputs and
// exit statuses. cmd/descent runs it; other binaries built on the same
// commands (cmd/descent-beam in the beam module) run it with Options.
//
// Exit status (the README's table): 0 for a finished run, 2 for bad usage or
// bad input (unknown commands, extra arguments, bad flags, malformed files),
// 3 when the run diverged (for compare: every run diverged), 130 when
// interrupted by Ctrl-C (SIGINT) after writing what the run had, 1 for any
// other failure (an unwritable output, an I/O error).
package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/train"
)

// usageError marks errors caused by the user's flags or input (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

func usage(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// exitError carries a non-zero exit status for a run that finished but must
// report failure (3: diverged). Its message has already been printed.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// NewRoot returns the root command with every subcommand.
func NewRoot(o Options) *cobra.Command {
	if o.Name == "" {
		o.Name = "descent"
	}
	root := &cobra.Command{
		Use:   o.Name,
		Short: "Gradient descent you can see: minimize functions, train models, compare learning rates",
		Long: `descent minimizes any differentiable function — a formula or a catalogue test
function — with the torch.optim family of optimizers, line searches and L-BFGS,
tells why each run stopped and what to change, and draws the descent.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usage(err) })
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error { return checkPositive(c) }
	root.AddCommand(newMinimizeCmd(), newCompareCmd(), newLRFindCmd(), newFunctionsCmd(), newOptimizersCmd(), newServeCmd(), newTrainCmd(o.Train), newEvaluateCmd(), newPredictCmd(), newScheduleCmd(), newShardCmd())
	// Positional arguments a command does not take are usage errors too.
	for _, c := range root.Commands() {
		if check := c.Args; check != nil {
			c.Args = func(c *cobra.Command, args []string) error { return usage(check(c, args)) }
		}
	}
	return root
}

// Options adapt the command line to the binary that runs it. The zero
// value is the descent command.
type Options struct {
	// Name is the program's name in usage and messages; "" means descent.
	Name string
	// Train, if set, is called when the train command is built, with its
	// flag set, to add flags of its own; the function it returns is called
	// with the run's configuration before training, to change it (for
	// example to set Config.Backend), and may refuse it with an error.
	Train func(*pflag.FlagSet) func(*train.Config) error
}

// Main runs the command line on os.Args[1:] and returns the exit status.
// The first Ctrl-C (or SIGTERM) stops a run cleanly (status interrupted,
// outputs written); after it, the default handler is back, so a second one
// kills.
func Main(o Options) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	context.AfterFunc(ctx, stop)
	root := NewRoot(o)
	err := root.ExecuteContext(ctx)
	return exitCode(root.Name(), err)
}

func exitCode(name string, err error) int {
	if err == nil {
		return 0
	}
	var ee exitError
	if !errors.As(err, &ee) {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
	}
	return exitCodeQuiet(err)
}

// exitCodeQuiet maps an error to the exit status without printing it.
func exitCodeQuiet(err error) int {
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command ") {
		// cobra reports an unknown subcommand from its own lookup, before
		// any of descent's code runs.
		return 2
	}
	return 1
}

// statusExit is the exit status of a finished run with status st: 3 when
// it diverged, 130 (128 + SIGINT) when Ctrl-C interrupted it — its
// outputs are written — and 0 otherwise.
func statusExit(st minimize.Status) error {
	switch st {
	case minimize.Diverged:
		return exitError{3}
	case minimize.Interrupted:
		return exitError{130}
	}
	return nil
}

// positiveFlags lists, per command, the flags that must be > 0 when given:
// their zero value means "the default" in the libraries, so an explicit 0
// (or a value that underflows to it, such as 1e-400) would otherwise be
// silently replaced. Flags whose engines reject 0 themselves are not here.
var positiveFlags = map[string][]string{
	"minimize": {"trace-every"},
	"compare":  {"trace-every"},
	"lrfind":   {"steps", "start-lr", "end-lr", "validation-steps", "buffer"},
	"train":    {"buffer", "checkpoint-every"},
	"predict":  {"buffer"},
	"evaluate": {"buffer"},
}

// checkPositive reports the first flag of positiveFlags that the user set
// to a number ≤ 0.
func checkPositive(c *cobra.Command) error {
	for _, name := range positiveFlags[c.Name()] {
		f := c.Flags().Lookup(name)
		if f == nil || !f.Changed {
			continue
		}
		v, err := strconv.ParseFloat(f.Value.String(), 64)
		if err == nil && !(v > 0) {
			return usagef("--%s: %s: must be > 0", name, f.Value.String())
		}
	}
	return nil
}
