// Command descent minimizes functions and trains models by gradient descent,
// and draws what the learning rate does. Run `descent help` for the commands;
// the command line is package cmd/descent/cli.
package main

import (
	"os"

	"github.com/descentgo/descent/cmd/descent/cli"
)

func main() { os.Exit(cli.Main(cli.Options{})) }
