// Command labo builds, checks and serves a Labo site. See internal/cli.
package main

import (
	"os"

	"labo/internal/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) }
