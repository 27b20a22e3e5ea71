// Command descent minimizes functions and trains models by gradient descent,
// and draws what the learning rate does. Run `descent help` for the commands.
//
// Exit status: 0 for a finished run, 3 for a diverged run, 2 for bad usage or
// bad input, 1 for any other failure.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"

	"github.com/spf13/cobra"
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

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "descent",
		Short: "Gradient descent you can see: minimize functions, train models, compare learning rates",
		Long: `descent minimizes any differentiable function — a formula or a catalogue test
function — with the torch.optim family of optimizers, line searches and L-BFGS,
tells why each run stopped and what to change, and draws the descent.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usage(err) })
	root.AddCommand(newMinimizeCmd(), newCompareCmd(), newLRFindCmd(), newFunctionsCmd(), newOptimizersCmd(), newServeCmd(), newTrainCmd(), newEvaluateCmd(), newPredictCmd(), newScheduleCmd())
	return root
}

func main() {
	// The first Ctrl-C stops the run cleanly (status interrupted, outputs
	// written); after it, the default handler is back, so a second one kills.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	context.AfterFunc(ctx, stop)
	root := newRoot()
	err := root.ExecuteContext(ctx)
	os.Exit(exitCode(err))
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee exitError
	if !errors.As(err, &ee) {
		fmt.Fprintln(os.Stderr, "descent:", err)
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
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}
