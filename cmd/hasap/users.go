package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"hasap/app"
	"hasap/auth"
)

const userUsage = "user create --email E --name N [--lang ru] [--password-file F] | user reset-password --email E [--password-file F] | " +
	"user reset-totp --email E | " +
	"user add-member --org C --email E --role R | user remove-member --org C --email E | user list --org C"

// cmdUser manages users and memberships as the operator (app.System); every
// change is audited. A password is read from the first line of standard
// input or of --password-file, never from a flag, which would leave it in
// the shell history and the process list. A new user's language is the
// language of the command (--lang or HASAP_LANG).
func cmdUser(e *env, args []string) error {
	if len(args) == 0 {
		return usagef("%s", userUsage)
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	email := fs.String("email", "", "the user's email")
	org := fs.String("org", "", "organisation code")
	switch args[0] {
	case "create":
		name := fs.String("name", "", "the user's full name")
		pwFile := fs.String("password-file", "", "read the password from this file's first line (default: standard input)")
		if err := parseUserFlags(fs, args, "email", email, "name", name); err != nil {
			return err
		}
		pw, err := readPassword(e, *pwFile)
		if err != nil {
			return err
		}
		u, err := e.app.CreateUser(e.ctx, app.System, *email, *name, pw, e.lang)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created user %s (%s, language %s)\n", u.Email, u.Name, u.Lang)
		return nil
	case "reset-password":
		pwFile := fs.String("password-file", "", "read the password from this file's first line (default: standard input)")
		if err := parseUserFlags(fs, args, "email", email); err != nil {
			return err
		}
		pw, err := readPassword(e, *pwFile)
		if err != nil {
			return err
		}
		if err := e.app.ResetPassword(e.ctx, app.System, *email, pw); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "password of %s reset; their sessions are ended\n", strings.ToLower(strings.TrimSpace(*email)))
		return nil
	case "reset-totp":
		if err := parseUserFlags(fs, args, "email", email); err != nil {
			return err
		}
		if err := e.app.ResetTOTP(e.ctx, app.System, *email); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "two-factor authentication of %s is off; their sessions are ended\n", strings.ToLower(strings.TrimSpace(*email)))
		return nil
	case "add-member":
		role := fs.String("role", "", "role: "+roleNames())
		if err := parseUserFlags(fs, args, "org", org, "email", email, "role", role); err != nil {
			return err
		}
		if err := e.app.AddMember(e.ctx, app.System, *org, *email, auth.Role(*role)); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s is %s of %s\n", strings.ToLower(strings.TrimSpace(*email)), *role, *org)
		return nil
	case "remove-member":
		if err := parseUserFlags(fs, args, "org", org, "email", email); err != nil {
			return err
		}
		if err := e.app.RemoveMember(e.ctx, app.System, *org, *email); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "%s is no longer a member of %s\n", strings.ToLower(strings.TrimSpace(*email)), *org)
		return nil
	case "list":
		if err := parseUserFlags(fs, args, "org", org); err != nil {
			return err
		}
		members, err := e.app.Members(e.ctx, app.System, *org)
		if err != nil {
			return err
		}
		for _, m := range members {
			var flags []string
			if m.User.Disabled {
				flags = append(flags, "disabled")
			}
			if m.TOTP {
				flags = append(flags, "totp")
			}
			fmt.Fprintf(e.stdout, "%s\t%s\t%s\t%s\n", m.User.Email, m.Role, m.User.Name, strings.Join(flags, ","))
		}
		return nil
	}
	return usagef("%s", userUsage)
}

// parseUserFlags parses a user subcommand's flags and checks that the
// named ones (name, value pairs) are given.
func parseUserFlags(fs *flag.FlagSet, args []string, req ...any) error {
	if err := parseFlags(fs, args[1:], 0); err != nil {
		return err
	}
	for i := 0; i+1 < len(req); i += 2 {
		if err := required(req[i].(string), *req[i+1].(*string)); err != nil {
			return err
		}
	}
	return nil
}

func roleNames() string {
	names := make([]string, len(auth.Roles))
	for i, r := range auth.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// maxPasswordLine bounds what readPassword reads: far more than any
// password the policy admits.
const maxPasswordLine = 4096

// readPassword returns the first line of file, or of standard input when
// file is "", without its line ending.
func readPassword(e *env, file string) (string, error) {
	var r io.Reader = e.stdin
	if file != "" {
		f, err := os.Open(file)
		if err != nil {
			return "", err
		}
		defer f.Close()
		r = f
	} else if f, ok := e.stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(e.stderr, "password (shown as you type; a pipe or --password-file hides it): ")
		}
	}
	line, err := bufio.NewReaderSize(io.LimitReader(r, maxPasswordLine), maxPasswordLine).ReadString('\n')
	if err != nil && err != io.EOF {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", usagef("give the password on standard input or in --password-file")
	}
	return line, nil
}
