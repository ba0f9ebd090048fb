package main

import "flag"

// flagSet is a subcommand's flags.
type flagSet struct {
	*flag.FlagSet
	args *[]string // where the positional arguments go, if the command takes any
}

func newFlagSet(name string) *flagSet {
	return &flagSet{FlagSet: flag.NewFlagSet("norma "+name, flag.ContinueOnError)}
}

// setArgs makes the command take positional arguments into dst.
func (fs *flagSet) setArgs(dst *[]string) { fs.args = dst }
