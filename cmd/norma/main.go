// Command norma runs Norma, the system in which standard texts are drafted,
// reviewed, put out for public notice and issued, and in which every existing
// standard can be searched. See `norma help`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// command is one subcommand of norma.
type command struct {
	name, usage, summary string
	run                  func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "norma serve [--addr A] [--data D] [--demo]", "run the web server", runServe},
		{"user", "norma user add|list|disable|enable|reset-password --name NAME …", "manage accounts", runUser},
		{"import", "norma import [--data D] PATH...", "load Markdown texts into the library", runImport},
		{"reindex", "norma reindex [--data D]", "rebuild the search index from the store", runReindex},
		{"migrate", "norma migrate [--data D | --database-url URL]", "bring the database's schema up to date", runMigrate},
		{"backup", "norma backup [--data D] FILE", "copy the SQLite database while Norma runs", runBackup},
		{"restore", "norma restore [--data D] FILE", "put a backup in place (Norma stopped)", runRestore},
	}
}

// exitError carries a message and an exit status to main.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var ee *exitError
		code := 1
		if errors.As(err, &ee) {
			code = ee.code
		}
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "norma:", err)
		} else {
			code = 0
		}
		os.Exit(code)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return &exitError{code: 2, msg: "no command given"}
		}
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	usage(stderr)
	return &exitError{code: 2, msg: fmt.Sprintf("unknown command %q", args[0])}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Norma: drafting, review, public notice and issue of standards.\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-52s %s\n", c.usage, c.summary)
	}
	fmt.Fprintln(w, "\nEvery setting is also read from NORMA_* environment variables; see the README.")
}

// parseFlags parses a subcommand's flags, writing its usage to stderr.
// Flags may come before or after positional arguments.
func parseFlags(fs *flagSet, args []string, stderr io.Writer) error {
	fs.SetOutput(stderr)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return &exitError{code: 2, msg: err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		rest = append(rest, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if fs.args != nil {
		*fs.args = rest
	} else if len(rest) > 0 {
		return &exitError{code: 2, msg: fmt.Sprintf("unexpected argument %q", rest[0])}
	}
	return nil
}
