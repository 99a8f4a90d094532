package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v3"
	"golang.org/x/term"

	"github.com/stancematrix/stancematrix/matrix"
)

// env is what a command may touch of the outside world. Tests build one
// with buffers; main builds one with the process's files.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
	// prompt, when set, asks for a password instead of the terminal
	// (tests); it returns false when there is no one to ask.
	prompt func(msg string) (string, bool)

	mu sync.Mutex // serialises writes to stderr from parallel workers

	passwords passwords // the prompt's passwords that worked; see unlock
}

// exitError ends a command with an exit code. Its message, when not empty,
// is printed by run; an empty message means the command already reported.
// A usage error is followed by a hint to the help; other errors, whatever
// their code, are not (the help would not help with them).
type exitError struct {
	code  int
	err   error
	usage bool
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError is an exit-2 error with a message, a mistake in the command
// line.
func usageError(format string, args ...any) error {
	return &exitError{code: 2, err: fmt.Errorf(format, args...), usage: true}
}

// failed is an exit-1 error; a nil err means the problems were printed.
func failed(err error) error { return &exitError{code: 1, err: err} }

// exitCode returns the code for an exit without a message.
func exitCode(code int) error {
	if code == 0 {
		return nil
	}
	return &exitError{code: code}
}

// run builds the command-line application, runs it with args (args[0] is the
// program name) and returns the exit code. It never exits the process.
func run(ctx context.Context, stdin io.Reader, stdout, stderr io.Writer, args []string, getenv func(string) string) int {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	app := e.newApp()
	err := app.Run(ctx, args)
	if err == nil {
		return 0
	}
	var xe *exitError
	if errors.As(err, &xe) {
		if xe.err != nil {
			fmt.Fprintf(stderr, "stancematrix: %v\n", xe.err)
			if xe.usage {
				fmt.Fprintln(stderr, usageHint)
			}
		}
		return xe.code
	}
	if ec, ok := err.(cli.ExitCoder); ok && ec.ExitCode() == 1 {
		if msg := ec.Error(); msg != "" {
			fmt.Fprintf(stderr, "stancematrix: %s\n", msg)
		}
		return 1
	}
	// Anything else comes from the CLI library while parsing, or from its
	// help command (exit 3 for an unknown topic): a usage error.
	fmt.Fprintf(stderr, "stancematrix: %s\n", libraryMessage(app, err))
	fmt.Fprintln(stderr, usageHint)
	return 2
}

// usageHint follows the message of a usage error.
const usageHint = "hint: run 'stancematrix help' or 'stancematrix COMMAND --help' for usage"

// reNoHelpTopic matches the library's message for `help NAME` of an unknown
// command.
var reNoHelpTopic = regexp.MustCompile(`^No help topic for '(.*)'`)

// libraryMessage returns the message of an error of the CLI library in the
// words of our own messages.
func libraryMessage(app *cli.Command, err error) string {
	m := reNoHelpTopic.FindStringSubmatch(err.Error())
	if m == nil {
		return err.Error()
	}
	msg := fmt.Sprintf("help: unknown command %q", m[1])
	if s := matrix.Suggest(m[1], commandNames(app)); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return msg
}

func (e *env) newApp() *cli.Command {
	app := &cli.Command{
		Name:  "stancematrix",
		Usage: "read a stance-matrix workbook and turn it into briefings",
		// --version is our own flag (versionFlag), not the library's.
		HideVersion:                     true,
		Flags:                           []cli.Flag{versionFlag()},
		EnableShellCompletion:           true,
		ConfigureShellCompletionCommand: configureCompletion,
		Reader:                          e.stdin,
		Writer:                          e.stdout,
		ErrWriter:                       e.stderr,
		Suggest:                         true,
		// Run returns every error to us; nothing below main exits.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
		OnUsageError:   onUsageError,
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Bool("version") && cmd.Args().Len() == 0 {
				return readBuildInfo().writeText(e.stdout)
			}
			if cmd.Args().Len() == 0 {
				_ = cli.ShowRootCommandHelp(cmd)
				return exitCode(2)
			}
			name := cmd.Args().First()
			msg := fmt.Sprintf("unknown command %q", name)
			if s := matrix.Suggest(name, commandNames(cmd)); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			return usageError("%s", msg)
		},
		Commands: []*cli.Command{
			e.validateCommand(),
			e.showCommand(),
			e.initCommand(),
			e.exportCommand(),
			e.analyzeCommand(),
			e.diffCommand(),
			e.historyCommand(),
			e.watchCommand(),
			e.serveCommand(),
			e.versionCommand(),
		},
	}
	setCompletion(app)
	return app
}

func commandNames(cmd *cli.Command) []string {
	var names []string
	for _, c := range cmd.Commands {
		if !c.Hidden {
			names = append(names, c.Name)
		}
	}
	return names
}

// onUsageError turns a flag-parsing error into a usage error, which names
// the command ("validate: flag provided but not defined: -bogus") after the
// program's name that run prints before every message.
func onUsageError(_ context.Context, cmd *cli.Command, err error, _ bool) error {
	if cmd.Root() == cmd {
		return &exitError{code: 2, err: err, usage: true}
	}
	name := strings.TrimPrefix(cmd.FullName(), cmd.Root().Name+" ")
	return &exitError{code: 2, err: fmt.Errorf("%s: %w", name, err), usage: true}
}

// readFlags are the input limits shared by every command that reads a
// workbook. Each call returns new flags: nothing is shared between commands.
func readFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "password", Usage: "`PASSWORD` of an encrypted workbook (better: $" + passwordEnv + ", or the prompt on a terminal)"},
		&cli.StringFlag{Name: "edition", Usage: "the edition's release `LEVEL`: nothing above it is read (default: the workbook's About Edition, else its highest level)"},
		&cli.BoolFlag{Name: "include-comments", Usage: "publish threaded comments (reviewer discussions) as cell notes"},
		&cli.StringFlag{Name: "max-file-size", Usage: "largest input file accepted, `SIZE` in bytes or with K, M, G", DefaultText: "64M"},
		&cli.StringFlag{Name: "max-unzip-size", Usage: "largest decompressed `SIZE` accepted", DefaultText: "512M"},
		&cli.IntFlag{Name: "max-cells", Usage: "most non-empty cells per sheet", DefaultText: strconv.Itoa(matrix.DefaultMaxCells)},
		&cli.IntFlag{Name: "max-cell-chars", Usage: "most characters in one cell", DefaultText: strconv.Itoa(matrix.DefaultMaxCellChars)},
		&cli.IntFlag{Name: "max-problems", Value: defaultMaxProblems, Usage: "most problems printed per input, then one line per kind of the rest (0: all)"},
	}
}

// defaultMaxProblems is the default of --max-problems: a screenful, enough
// for a workbook typed by hand, and a short answer for a file that is no
// stance matrix at all.
const defaultMaxProblems = 50

// problemLimit reads --max-problems.
// inputOptions are the options of every command that reads workbooks: the
// reader's limits and password, and how many problems to print per input.
type inputOptions struct {
	Read        matrix.ReadOptions
	MaxProblems int // problems printed per input (0: all); validate's JSON lists all
}

// inputOptionsFrom collects the flags of readFlags.
func inputOptionsFrom(cmd *cli.Command) (inputOptions, error) {
	r, err := readOptions(cmd)
	if err != nil {
		return inputOptions{}, err
	}
	n, err := problemLimit(cmd)
	return inputOptions{Read: r, MaxProblems: n}, err
}

func problemLimit(cmd *cli.Command) (int, error) {
	n := cmd.Int("max-problems")
	if n < 0 {
		return 0, usageError("--max-problems: want 0 (all) or more, not %d", n)
	}
	return n, nil
}

// readOptions collects the limit flags.
func readOptions(cmd *cli.Command) (matrix.ReadOptions, error) {
	opt := matrix.ReadOptions{
		Password:        cmd.String("password"),
		Edition:         strings.TrimSpace(cmd.String("edition")),
		IncludeComments: cmd.Bool("include-comments"),
		MaxCells:        cmd.Int("max-cells"),
		MaxCellChars:    cmd.Int("max-cell-chars"),
	}
	var err error
	if opt.MaxFileSize, err = parseSize(cmd.String("max-file-size")); err != nil {
		return opt, usageError("--max-file-size: %v", err)
	}
	if opt.MaxUnzipSize, err = parseSize(cmd.String("max-unzip-size")); err != nil {
		return opt, usageError("--max-unzip-size: %v", err)
	}
	if opt.MaxCells < 0 || opt.MaxCellChars < 0 {
		return opt, usageError("limits must not be negative")
	}
	return opt, nil
}

// parseSize reads a byte count with an optional K, M or G suffix (powers of
// 1024); "" is 0, meaning the default.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	mult := int64(1)
	u := strings.ToUpper(strings.TrimSuffix(strings.TrimSuffix(s, "B"), "b"))
	switch {
	case strings.HasSuffix(u, "K"):
		mult, u = 1<<10, strings.TrimSuffix(u, "K")
	case strings.HasSuffix(u, "M"):
		mult, u = 1<<20, strings.TrimSuffix(u, "M")
	case strings.HasSuffix(u, "G"):
		mult, u = 1<<30, strings.TrimSuffix(u, "G")
	}
	n, err := strconv.ParseInt(u, 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("invalid size %q (want bytes, or a number with K, M or G)", s)
	}
	return n * mult, nil
}

// readInput reads a workbook from a file, or from stdin when name is "-".
// It returns an edition: opt.Edition's, or without one the workbook's
// default (matrix.Matrix.DefaultEdition), so that no command ever sees
// what is above it; m.About.Edition names the level.
func (e *env) readInput(name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems) {
	m, ps := e.readWhole(name, opt)
	if m != nil && opt.Edition == "" && ps.Err() == nil {
		em, _, err := m.Edition("")
		if err != nil {
			ps.Add(matrix.Problem{File: inputName(name), Severity: matrix.Error, Msg: err.Error(), Err: err})
			return nil, ps
		}
		m = em
	}
	return m, ps
}

// readWhole reads a workbook as readInput does, but without opt.Edition
// it returns the whole workbook: only validate, which counts what each
// level holds, calls it.
func (e *env) readWhole(name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems) {
	opt = e.withPassword(opt)
	if name == "-" {
		return matrix.Read(e.stdin, "stdin", opt)
	}
	m, ps := matrix.ReadFile(name, opt)
	return e.unlock(name, opt, m, ps)
}

// bannerLine writes the edition's banner of a marked workbook as the first
// line of show, analyze and diff.
func bannerLine(w io.Writer, m *matrix.Matrix) {
	if m != nil && m.Marked && m.About.Classification != "" {
		fmt.Fprintf(w, "[%s]\n", m.About.Classification)
	}
}

// printProblems writes problems one per line, each hint on its own line,
// with the flags that raise limits or give the password. Past max problems
// (0: no limit) it writes one line per kind of the rest instead.
func printProblems(w io.Writer, ps matrix.Problems, max int) {
	shown, omitted := ps.Cap(max)
	for _, p := range shown {
		p = withFlagHint(p)
		fmt.Fprintln(w, p.Error())
		if p.Hint != "" {
			fmt.Fprintf(w, "hint: %s\n", p.Hint)
		}
	}
	for _, o := range omitted {
		fmt.Fprintf(w, "%s; --max-problems 0 shows all\n", o)
	}
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// terminalWidth is the width of w when it is a terminal, else $COLUMNS, else
// 100.
func (e *env) terminalWidth(w io.Writer) int {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if wd, _, err := term.GetSize(int(f.Fd())); err == nil && wd > 0 {
			return wd
		}
	}
	if n, err := strconv.Atoi(e.getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return 100
}

// sourceDate returns the time from SOURCE_DATE_EPOCH, or the zero time when
// it is unset.
func (e *env) sourceDate() (time.Time, error) {
	s := strings.TrimSpace(e.getenv("SOURCE_DATE_EPOCH"))
	if s == "" {
		return time.Time{}, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		return time.Time{}, usageError("SOURCE_DATE_EPOCH: invalid value %q (want seconds since 1970)", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

// checkInputs refuses "-" (stdin) given more than once.
func checkInputs(files []string) error {
	n := 0
	for _, f := range files {
		if f == "-" {
			n++
		}
	}
	if n > 1 {
		return usageError("stdin (-) can be read only once")
	}
	return nil
}

// oneOf checks a flag value against its allowed values.
func oneOf(flag, v string, allowed ...string) error {
	for _, a := range allowed {
		if v == a {
			return nil
		}
	}
	return usageError("--%s: invalid value %q (want %s)", flag, v, strings.Join(allowed, ", "))
}
