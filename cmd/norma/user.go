package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"norma/workflow"
)

const userUsage = "usage: norma user add --name NAME --role ROLE --password-stdin | norma user list | " +
	"norma user disable|enable --name NAME | norma user reset-password --name NAME --password-stdin"

// runUser manages accounts: norma user add | list | disable | enable | reset-password.
func runUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &exitError{code: 2, msg: userUsage}
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], stdin, stdout, stderr)
	case "list":
		return runUserList(ctx, args[1:], stdout, stderr)
	case "disable", "enable":
		return runUserState(ctx, args[0], args[1:], stdout, stderr)
	case "reset-password":
		return runUserPassword(ctx, args[1:], stdin, stdout, stderr)
	}
	return &exitError{code: 2, msg: fmt.Sprintf("unknown user command %q: add, list, disable, enable or reset-password", args[0])}
}

// runUserState disables or enables an account: norma user disable|enable
// --name NAME. Disabling ends the account's sessions; the last active
// admin is never disabled.
func runUserState(ctx context.Context, cmd string, args []string, stdout, stderr io.Writer) error {
	var name string
	cfg, err := configFor("user "+cmd, args, stderr, func(c *Config, fs *flagSet) {
		c.dataFlags(fs.FlagSet)
		fs.StringVar(&name, "name", "", "user name (required)")
	})
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	off := cmd == "disable"
	u, err := a.svc.UpdateUser(ctx, workflow.Console, name, workflow.UserPatch{Disabled: &off})
	if err != nil {
		return &exitError{code: 1, msg: workflow.ErrorMessage(err)}
	}
	fmt.Fprintf(stdout, "%sd user %s\n", cmd, u.Username)
	return nil
}

// runUserPassword sets a new password: norma user reset-password --name
// NAME --password-stdin. The account's sessions end.
func runUserPassword(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var name string
	var fromStdin bool
	cfg, err := configFor("user reset-password", args, stderr, func(c *Config, fs *flagSet) {
		c.dataFlags(fs.FlagSet)
		fs.StringVar(&name, "name", "", "user name (required)")
		fs.BoolVar(&fromStdin, "password-stdin", false, "read the new password from standard input (required)")
	})
	if err != nil {
		return err
	}
	if !fromStdin {
		return &exitError{code: 2, msg: "give --password-stdin and the password on standard input; passwords are never taken as arguments"}
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if err := a.svc.ResetPassword(ctx, workflow.Console, name, password); err != nil {
		return &exitError{code: 1, msg: workflow.ErrorMessage(err)}
	}
	fmt.Fprintf(stdout, "new password set for %s; its sessions have ended\n", name)
	return nil
}

func runUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var name, display, role, org string
	var fromStdin bool
	cfg, err := configFor("user add", args, stderr, func(c *Config, fs *flagSet) {
		c.dataFlags(fs.FlagSet)
		fs.StringVar(&name, "name", "", "user name (required)")
		fs.StringVar(&display, "display-name", "", "name shown in the UI (default: the user name)")
		fs.StringVar(&role, "role", "", "role: admin, staff, drafter or expert (required)")
		fs.StringVar(&org, "organization", "", "the organisation the holder works for (an expert never reviews its standards)")
		fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from standard input (required)")
	})
	if err != nil {
		return err
	}
	if !fromStdin {
		return &exitError{code: 2, msg: "give --password-stdin and the password on standard input; passwords are never taken as arguments"}
	}
	password, err := readPassword(stdin)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.svc.CreateUser(ctx, nil, workflow.NewUser{Username: name, Name: display, Role: workflow.Role(role), Password: password,
		Organization: org})
	if err != nil {
		return &exitError{code: 1, msg: workflow.ErrorMessage(err)}
	}
	fmt.Fprintf(stdout, "created user %s (%s)\n", u.Username, u.Role)
	return nil
}

// readPassword reads the first line of r, without its line ending.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", &exitError{code: 1, msg: "no password on standard input"}
	}
	return line, nil
}

func runUserList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := configFor("user list", args, stderr, func(c *Config, fs *flagSet) { c.dataFlags(fs.FlagSet) })
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	users, err := a.db.FindUsers(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		fmt.Fprintf(stdout, "%-20s %-8s %s", u.Username, u.Role, u.Name)
		if u.Organization != "" {
			fmt.Fprintf(stdout, " (%s)", u.Organization)
		}
		if u.Disabled() {
			fmt.Fprint(stdout, " [disabled]")
		}
		fmt.Fprintln(stdout)
	}
	return nil
}
