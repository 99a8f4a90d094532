package main

import (
	"errors"
	"fmt"
	"os"
	"sync"

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

// passwords are the passwords typed at the prompt that opened a workbook,
// in the order typed. mu serialises the prompt: parallel workers (export
// -j N with several encrypted inputs) ask one at a time, and each first
// tries the passwords that opened an earlier input.
type passwords struct {
	mu    sync.Mutex
	known []string
}

// unlock reads the workbook name again when its first read (m, ps) says it
// is encrypted and no password was given (neither --password nor
// $STANCEMATRIX_PASSWORD): with each password that opened an earlier
// input at the prompt, then, if none does, with one asked for on the
// terminal, which is remembered when it opens the file. One input asks at
// a time; a wrong password is reported, not asked again.
func (e *env) unlock(name string, opt matrix.ReadOptions, m *matrix.Matrix, ps matrix.Problems) (*matrix.Matrix, matrix.Problems) {
	if opt.Password != "" || !needsPassword(ps) {
		return m, ps
	}
	e.passwords.mu.Lock()
	defer e.passwords.mu.Unlock()
	for _, pw := range e.passwords.known {
		opt.Password = pw
		if m2, ps2 := matrix.ReadFile(name, opt); !wrongPassword(ps2) {
			return m2, ps2
		}
	}
	pw, ok := e.askPassword(name)
	if !ok || pw == "" {
		return m, ps
	}
	opt.Password = pw
	m, ps = matrix.ReadFile(name, opt)
	if !wrongPassword(ps) {
		e.passwords.known = append(e.passwords.known, pw)
	}
	return m, ps
}

// wrongPassword reports whether ps says the password does not open the
// workbook.
func wrongPassword(ps matrix.Problems) bool {
	for _, p := range ps.Errors() {
		if errors.Is(p.Err, xlsxfile.ErrPasswordIncorrect) {
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
