package main

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/term"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// passwordEnv is the environment variable that gives the password of an
// encrypted workbook, so that it need not be on the command line (shell
// history, process lists).
const passwordEnv = "STANCEMATRIX_PASSWORD"

// withPassword fills opt.Password from $STANCEMATRIX_PASSWORD when no
// --password was given.
func (e *env) withPassword(opt matrix.ReadOptions) matrix.ReadOptions {
	if opt.Password == "" && e.getenv != nil {
		opt.Password = e.getenv(passwordEnv)
	}
	return opt
}

// needsPassword reports whether ps says the workbook is encrypted and no
// password was given.
func needsPassword(ps matrix.Problems) bool {
	for _, p := range ps.Errors() {
		if errors.Is(p.Err, xlsxfile.ErrPasswordRequired) {
			return true
		}
	}
	return false
}

// askPassword asks for the password of name on the terminal, without echo.
// ok is false when there is no terminal to ask on (then the caller reports
// the missing password). Tests set env.prompt.
func (e *env) askPassword(name string) (string, bool) {
	if e.prompt != nil {
		return e.prompt(fmt.Sprintf("password for %s: ", name))
	}
	in, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) || !isTerminal(e.stderr) {
		return "", false
	}
	fmt.Fprintf(e.stderr, "password for %s: ", name)
	b, err := term.ReadPassword(int(in.Fd()))
	fmt.Fprintln(e.stderr)
	if err != nil {
		return "", false
	}
	return string(b), true
}
