// Command descent minimizes functions and trains models by gradient descent,
// and draws what the learning rate does. Run `descent help` for the commands;
// the command line is package internal/cli.
package main

import (
	"os"

	"github.com/descentgo/descent/internal/cli"
)

func main() { os.Exit(cli.Main(cli.Options{})) }
