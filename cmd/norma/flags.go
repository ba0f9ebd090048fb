package main

import "flag"

// flagSet is a subcommand's flags.
type flagSet struct{ *flag.FlagSet }

func newFlagSet(name string) *flagSet {
	return &flagSet{flag.NewFlagSet("norma "+name, flag.ContinueOnError)}
}
