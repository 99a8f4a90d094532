package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
)

// exportOptions are the options of `export` (and `watch`).
type exportOptions struct {
	Formats      []string // names from formats, in the order given
	Out          string   // -o: "" (next to the input), "-" (stdout), a file or a folder
	Since        string   // "" (latest snapshot, if any), "none", a date or a file
	Parties      []string
	Issues       []string
	Order        string    // "workbook" or "similarity"
	SplitBy      matrix.By // 0 (no split), matrix.ByParty or matrix.ByIssue
	Quiet        bool
	Jobs         int  // inputs read and outputs built at once; 0 = the number of cores
	History      bool // --history: the history of the workbook's snapshots in the PDF, HTML and XLSX report
	inputOptions      // the reader's options and --max-problems
	// Export carries paper, orientation, title, sections and font; Now is
	// set from SOURCE_DATE_EPOCH when NowSet.
	Export export.Options
	NowSet bool
}

// exportFlags are the flags of `export`, shared with `watch`.
func exportFlags() []cli.Flag {
	return append([]cli.Flag{
		&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "pdf",
			Usage: "output `FORMATS`, comma-separated: " + strings.Join(formatNames(), ", ")},
		&cli.StringFlag{Name: "output", Aliases: []string{"o"}, TakesFile: true,
			Usage: "output file `OUT` (one input, one format), folder, or - for stdout"},
		&cli.StringFlag{Name: "paper", Value: "a4", Usage: "paper size: `a4|letter`"},
		&cli.StringFlag{Name: "orientation", Value: "auto", Usage: "page orientation: `auto|portrait|landscape`"},
		&cli.StringFlag{Name: "title", Usage: "document `TITLE` (default: the workbook's About title)"},
		&cli.StringFlag{Name: "sections", Usage: "PDF and HTML `SECTIONS`, comma-separated: " + strings.Join(pdf.Sections(), ", ")},
		&cli.StringFlag{Name: "detail", Value: "auto", Usage: "PDF and HTML detail: `auto|summary|full` (auto: summary-first above " +
			strconv.Itoa(export.MaxFullParties) + " parties or " + strconv.Itoa(export.MaxFullIssues) + " issues)"},
		&cli.StringFlag{Name: "parties", Usage: "only these `PARTIES` (comma-separated names or short names)"},
		&cli.StringFlag{Name: "issues", Usage: "only these `ISSUES` (comma-separated names or short names)"},
		&cli.StringFlag{Name: "order", Value: "workbook", Usage: "party order: `workbook|similarity`"},
		&cli.StringFlag{Name: "since", Usage: "mark changes since `OLD.xlsx|YYYY-MM-DD|none` (default: the latest snapshot)"},
		&cli.BoolFlag{Name: "history", Usage: "add how positions moved across the workbook's dated snapshots (PDF and HTML section, XLSX report History sheet)"},
		&cli.StringFlag{Name: "font", TakesFile: true, Usage: "TrueType font `FILE.ttf` for scripts the embedded font lacks"},
		&cli.StringFlag{Name: "split-by", Usage: "one document per `party|issue`"},
		&cli.BoolFlag{Name: "csv-bom", Usage: "start the CSV with a UTF-8 byte order mark, for Excel on Windows"},
		&cli.BoolFlag{Name: "provenance", Usage: "start the CSV with a comment line: the source, its SHA-256, the tool's version, the As of date"},
		&cli.BoolFlag{Name: "quiet", Aliases: []string{"q"}, Usage: "print only problems"},
		&cli.IntFlag{Name: "jobs", Aliases: []string{"j"}, Usage: "inputs read and outputs built at once (1: one at a time, least memory)", DefaultText: "the number of cores"},
	}, readFlags()...)
}

// exportOptionsFrom collects and checks the export flags.
func (e *env) exportOptionsFrom(cmd *cli.Command) (exportOptions, error) {
	opt := exportOptions{
		Out:     cmd.String("output"),
		Since:   strings.TrimSpace(cmd.String("since")),
		Parties: splitList(cmd.String("parties")),
		Issues:  splitList(cmd.String("issues")),
		Order:   cmd.String("order"),
		Quiet:   cmd.Bool("quiet"),
		Jobs:    cmd.Int("jobs"),
		History: cmd.Bool("history"),
	}
	if opt.Jobs < 0 {
		return opt, usageError("--jobs: want a positive number, not %d", opt.Jobs)
	}
	for _, f := range splitList(cmd.String("format")) {
		f = strings.ToLower(f)
		if f == "markdown" {
			f = "md"
		}
		if _, ok := lookupFormat(f); !ok {
			return opt, usageError("--format: unknown format %q (want %s)", f, strings.Join(formatNames(), ", "))
		}
		if !slices.Contains(opt.Formats, f) {
			opt.Formats = append(opt.Formats, f)
		}
	}
	if len(opt.Formats) == 0 {
		return opt, usageError("--format: no format given")
	}
	opt.Export.Paper = strings.ToLower(cmd.String("paper"))
	opt.Export.Orientation = strings.ToLower(cmd.String("orientation"))
	opt.Export.Title = cmd.String("title")
	opt.Export.ByteOrderMark = cmd.Bool("csv-bom")
	opt.Export.ProvenanceComment = cmd.Bool("provenance")
	opt.Export.Version = version()
	opt.Export.Detail = strings.ToLower(cmd.String("detail"))
	opt.Export.FullDetail = "export again with --detail full for all of it"
	if err := oneOf("paper", opt.Export.Paper, "a4", "letter"); err != nil {
		return opt, err
	}
	if err := oneOf("orientation", opt.Export.Orientation, "auto", "portrait", "landscape"); err != nil {
		return opt, err
	}
	if err := oneOf("detail", opt.Export.Detail, "auto", "summary", "full"); err != nil {
		return opt, err
	}
	if err := oneOf("order", opt.Order, "workbook", "similarity"); err != nil {
		return opt, err
	}
	if opt.History && cmd.String("split-by") != "" {
		return opt, usageError("--history cannot be combined with --split-by")
	}
	switch by := cmd.String("split-by"); by {
	case "":
	case "party":
		opt.SplitBy = matrix.ByParty
	case "issue":
		opt.SplitBy = matrix.ByIssue
	default:
		return opt, oneOf("split-by", by, "party", "issue")
	}
	for _, s := range splitList(cmd.String("sections")) {
		s = strings.ToLower(s)
		if !slices.Contains(pdf.Sections(), s) {
			msg := fmt.Sprintf("--sections: unknown section %q", s)
			if sug := matrix.Suggest(s, pdf.Sections()); sug != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", sug)
			}
			return opt, usageError("%s; sections are %s", msg, strings.Join(pdf.Sections(), ", "))
		}
		opt.Export.Sections = append(opt.Export.Sections, s)
	}
	if font := cmd.String("font"); font != "" {
		b, err := os.ReadFile(font)
		if err != nil {
			return opt, failed(fmt.Errorf("--font: %v", err))
		}
		opt.Export.Font = b
	}
	now, err := e.sourceDate()
	if err != nil {
		return opt, err
	}
	opt.Export.Now, opt.NowSet = now, !now.IsZero()
	if opt.inputOptions, err = inputOptionsFrom(cmd); err != nil {
		return opt, err
	}
	return opt, nil
}

func (e *env) exportCommand() *cli.Command {
	return &cli.Command{
		Name:      "export",
		Usage:     "write briefings and reports: pdf, xlsx, json, csv, md",
		ArgsUsage: "FILE...",
		Description: `Writes each workbook in the chosen formats. Output names derive from the
input (ukraine.xlsx → ukraine.pdf, ukraine-report.xlsx, ukraine.json, …) and go
next to it, or into the folder -o names. -o names a file when there is one
input and one format; "-o -" (or /dev/stdout) writes that single output to
stdout; "-" as input reads the workbook from stdin. Inputs with errors are
reported and skipped; the others are still written (exit status 1 says
something failed). Every file is written to a temporary name and renamed
into place (through a symlink, over its target); a device, FIFO or socket,
such as -o >(gzip > out.gz), is written in place.

  stancematrix export ukraine.xlsx
  stancematrix export ukraine.xlsx --format pdf,xlsx -o out/
  stancematrix export ukraine.xlsx --split-by party -o desks/
  stancematrix export - --format json -o - < ukraine.xlsx`,
		OnUsageError: onUsageError,
		Flags:        exportFlags(),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			inputs := cmd.Args().Slice()
			if len(inputs) == 0 {
				return usageError("export: missing FILE argument")
			}
			if err := checkInputs(inputs); err != nil {
				return err
			}
			opt, err := e.exportOptionsFrom(cmd)
			if err != nil {
				return err
			}
			return e.export(ctx, opt, inputs)
		},
	}
}

// exportPlan is where the outputs of one `export` call go.
type exportPlan struct {
	opt      exportOptions
	inputs   []string
	toStdout bool
	// paths[i][f] is the output of input i in format opt.Formats[f] when
	// not splitting.
	paths [][]string
	// splitDirs[i] is the folder for input i's split documents.
	splitDirs []string
	// writers bounds the outputs being built at once, over all inputs, to
	// --jobs: a PDF and an XLSX of one input are built side by side, and
	// --split-by does not hold hundreds of documents in memory.
	writers chan struct{}
}

// planExport checks the combination of inputs and -o and decides every
// output name up front, in input order, so names are the same on every run.
func planExport(opt exportOptions, inputs []string) (*exportPlan, error) {
	if opt.Jobs <= 0 {
		opt.Jobs = runtime.NumCPU()
	}
	pl := &exportPlan{opt: opt, inputs: inputs, writers: make(chan struct{}, opt.Jobs)}
	if std := stdStream(opt.Out); std != "" {
		if len(inputs) != 1 || len(opt.Formats) != 1 || opt.SplitBy != 0 {
			return nil, usageError("-o %s: %s takes exactly one output (one input, one format, no --split-by)", opt.Out, std)
		}
		pl.toStdout = true
		return pl, nil
	}
	outFile := ""
	outDir := ""
	if opt.Out != "" {
		fi, err := os.Stat(opt.Out)
		isDir := err == nil && fi.IsDir()
		if len(inputs) == 1 && len(opt.Formats) == 1 && opt.SplitBy == 0 && !isDir && !strings.HasSuffix(opt.Out, string(filepath.Separator)) && !strings.HasSuffix(opt.Out, "/") {
			outFile = opt.Out
			if err := ensureDir(filepath.Dir(outFile)); err != nil {
				return nil, failed(err)
			}
		} else {
			outDir = filepath.Clean(opt.Out)
			if err := ensureDir(outDir); err != nil {
				return nil, failed(err)
			}
		}
	}
	nm := newNamer()
	for _, in := range inputs {
		dir, stem := outDir, "stdin"
		if in != "-" {
			stem = strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))
			if dir == "" {
				dir = filepath.Dir(in)
			}
		} else if dir == "" {
			dir = "."
		}
		if opt.SplitBy != 0 {
			switch {
			case outDir != "" && len(inputs) == 1:
				pl.splitDirs = append(pl.splitDirs, outDir)
			case outDir != "":
				pl.splitDirs = append(pl.splitDirs, nm.path(outDir, safeFileName(stem), ""))
			default:
				pl.splitDirs = append(pl.splitDirs, nm.path(dir, stem+"-by-"+opt.SplitBy.String(), ""))
			}
			pl.paths = append(pl.paths, nil)
			continue
		}
		var ps []string
		for _, fname := range opt.Formats {
			f, _ := lookupFormat(fname)
			if outFile != "" {
				ps = append(ps, outFile)
				continue
			}
			ps = append(ps, nm.path(dir, stem, f.suffix))
		}
		pl.paths = append(pl.paths, ps)
	}
	return pl, nil
}

// expected returns the outputs expected of n inputs before they are read:
// one per format, or one output for stdout; with --split-by, those of one
// document, as an input may be split into any number.
func (pl *exportPlan) expected(n int) int {
	if pl.toStdout {
		return n
	}
	return n * len(pl.opt.Formats)
}

// exportResult is what one input produced.
type exportResult struct {
	input   string
	log     bytes.Buffer // problems and "wrote" lines, printed in input order
	written []string
	failed  bool
	// warns are the warnings of the output being written, printed (up to
	// --max-problems) when it is done.
	warns matrix.Problems
	// unreadable is set when the input could not be read as a workbook at
	// all (e.g. a truncated file while an editor is still saving it).
	unreadable bool
	// problems are those of the input (and of the --since file) that were
	// logged; reason says why there is nothing to export when no problem
	// does.
	problems matrix.Problems
	reason   string
}

func (r *exportResult) logf(format string, args ...any) { fmt.Fprintf(&r.log, format+"\n", args...) }

func (e *env) export(ctx context.Context, opt exportOptions, inputs []string) error {
	pl, err := planExport(opt, inputs)
	if err != nil {
		return err
	}
	var bar *progress
	if !opt.Quiet && isTerminal(e.stderr) && (len(inputs)*len(opt.Formats) > 1 || opt.SplitBy != 0) {
		bar = newProgress(e.stderr, pl.expected(len(inputs)))
	}
	results := make([]*exportResult, len(inputs))
	done := make([]chan struct{}, len(inputs))
	for i := range done {
		done[i] = make(chan struct{})
	}
	jobs := make(chan int)
	workers := min(pl.opt.Jobs, len(inputs))
	for w := 0; w < workers; w++ {
		go func() {
			for i := range jobs {
				results[i] = e.exportOne(ctx, pl, i, bar)
				close(done[i])
			}
		}()
	}
	go func() {
		for i := range inputs {
			jobs <- i
		}
		close(jobs)
	}()

	// Print each input's messages in input order, whatever order the
	// workers finish in.
	var bad []string
	for i := range inputs {
		<-done[i]
		r := results[i]
		bar.print(e.stderr, r.log.Bytes())
		if r.failed {
			bad = append(bad, inputName(r.input))
		}
	}
	bar.finish()
	if ctx.Err() != nil {
		return failed(errors.New("interrupted; no partial files were left"))
	}
	if len(bad) > 0 {
		if len(inputs) > 1 {
			return failed(fmt.Errorf("%d of %d inputs failed: %s", len(bad), len(inputs), strings.Join(bad, ", ")))
		}
		return exitCode(1)
	}
	return nil
}

func inputName(in string) string {
	if in == "-" {
		return "stdin"
	}
	return in
}

// exportOne reads input i of the plan and writes its outputs, stepping bar
// (which may be nil) for each.
func (e *env) exportOne(ctx context.Context, pl *exportPlan, i int, bar *progress) *exportResult {
	opt := pl.opt
	in := pl.inputs[i]
	r := &exportResult{input: in}
	// The bar expects this input's outputs before they are known: an input
	// that fails before them has them skipped.
	expected, counted := pl.expected(1), false
	defer func() {
		if !counted {
			bar.skip(expected)
		}
	}()
	fail := func(format string, args ...any) *exportResult {
		r.logf(format, args...)
		r.failed = true
		return r
	}
	m, ch, xo, ok := e.prepare(r, opt)
	if !ok {
		return r
	}

	// Each document (the input, or a part of it) is analysed once, by the
	// first of its outputs that needs it, for all of them.
	analysis := func(m *matrix.Matrix, ch *matrix.Changes) func() *matrix.Analysis {
		return sync.OnceValue(func() *matrix.Analysis { return matrix.Analyze(m, ch) })
	}
	var outs []output
	if opt.SplitBy != 0 {
		dir := pl.splitDirs[i]
		if err := ensureDir(dir); err != nil {
			return fail("%v", err)
		}
		parts, err := m.Split(opt.SplitBy, ch)
		if err != nil {
			return fail("%s: %v", inputName(in), err)
		}
		nm := newNamer()
		for _, part := range parts {
			stem := safeFileName(part.Name)
			an := analysis(part.Matrix, part.Changes)
			for _, fname := range opt.Formats {
				f, _ := lookupFormat(fname)
				p := nm.path(dir, stem, f.suffix)
				if !within(dir, p) { // cannot happen with safeFileName; never write outside
					return fail("%s: refusing to write outside %s", p, dir)
				}
				outs = append(outs, output{p, fname, part.Matrix, part.Changes, an})
			}
		}
	} else if pl.toStdout {
		outs = append(outs, output{opt.Out, opt.Formats[0], m, ch, analysis(m, ch)})
	} else {
		an := analysis(m, ch)
		for f, fname := range opt.Formats {
			outs = append(outs, output{pl.paths[i][f], fname, m, ch, an})
		}
	}

	bar.add(len(outs) - expected)
	bar.skip(expected - len(outs))
	counted = true
	// Each output is built in its own goroutine, logging into its own
	// result; the logs are then taken in output order, so the messages come
	// in the same order on every run.
	subs := make([]*exportResult, len(outs))
	var wg sync.WaitGroup
	for k, o := range outs {
		sub := &exportResult{input: in}
		subs[k] = sub
		oxo := xo
		oxo.Warn = func(p matrix.Problem) {
			if p.File == "" {
				p.File = inputName(in)
			}
			sub.warns = append(sub.warns, p)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			pl.writers <- struct{}{}
			defer func() { <-pl.writers }()
			e.writeOutput(ctx, sub, pl, o, oxo)
			bar.step()
		}()
	}
	wg.Wait()
	for _, sub := range subs {
		r.log.Write(sub.log.Bytes())
		r.written = append(r.written, sub.written...)
		r.failed = r.failed || sub.failed
	}
	return r
}

// prepare reads the input of r and makes the document opt asks for: the
// matrix with --parties, --issues and --order applied, its changes --since
// and the export options. It logs the problems of the workbook (and of the
// --since file) in r and keeps them in r.problems; when there is nothing to
// export it says why in r.log (and r.reason, when no problem says it) and
// returns false.
func (e *env) prepare(r *exportResult, opt exportOptions) (*matrix.Matrix, *matrix.Changes, export.Options, bool) {
	in := r.input
	var xo export.Options
	fail := func(format string, args ...any) (*matrix.Matrix, *matrix.Changes, export.Options, bool) {
		r.reason = fmt.Sprintf(format, args...)
		r.logf("%s", r.reason)
		r.failed = true
		return nil, nil, xo, false
	}
	problems := func(ps matrix.Problems) {
		printProblems(&r.log, ps, opt.MaxProblems)
		r.problems = append(r.problems, ps...)
	}
	m, ps := e.readInput(in, opt.Read)
	problems(ps)
	if ps.Err() != nil || m == nil {
		r.unreadable = m == nil
		if len(ps) == 0 {
			return fail("%s: cannot read the workbook", inputName(in))
		}
		r.failed = true
		return nil, nil, xo, false
	}
	if len(m.Parties) == 0 || len(m.Issues) == 0 {
		return fail("%s: nothing to export: the matrix is empty", inputName(in))
	}
	ch, err := changesSince(m, opt.Since, e.withPassword(opt.Read))
	if err != nil {
		var cps matrix.Problems
		if errors.As(err, &cps) {
			problems(cps)
			r.failed = true
			return nil, nil, xo, false
		}
		return fail("%v", err)
	}
	// The history is of the whole workbook (at its edition), whatever
	// --parties and --issues select.
	var hist *matrix.History
	if opt.History {
		if hist, err = matrix.NewHistory([]*matrix.Matrix{m}); err != nil {
			return fail("%s: --history: %v", inputName(in), err)
		}
	}
	if len(opt.Parties) > 0 || len(opt.Issues) > 0 {
		sel, err := m.Select(opt.Parties, opt.Issues)
		if err != nil {
			return fail("%s: %v", inputName(in), err)
		}
		var by matrix.By
		if len(opt.Parties) > 0 {
			by |= matrix.ByParty
		}
		if len(opt.Issues) > 0 {
			by |= matrix.ByIssue
		}
		ch = ch.Select(sel, by)
		m = sel
	}
	if opt.Order == "similarity" {
		m = m.Reorder(matrix.SimilarityOrder(m))
	}
	xo = opt.Export // Changes and Warn are set per output
	xo.History = hist
	if !opt.NowSet {
		xo.Now = m.About.AsOf
	}
	return m, ch, xo, true
}

// output is one file (or a standard stream, see stdStream) that an input
// produces.
type output struct {
	path, format string
	m            *matrix.Matrix
	changes      *matrix.Changes
	analysis     func() *matrix.Analysis // of m and changes, shared by the outputs of one document
}

// writeOutput writes one output of r's input and logs the outcome in r.
// It may run beside other outputs' writeOutput, each with its own r.
func (e *env) writeOutput(ctx context.Context, r *exportResult, pl *exportPlan, o output, xo export.Options) {
	f, _ := lookupFormat(o.format)
	xo.Changes = o.changes
	if f.analysed {
		xo.Analysis = o.analysis()
	}
	write := func(w io.Writer) error {
		err := f.write(w, o.m, xo)
		printProblems(&r.log, r.warns, pl.opt.MaxProblems)
		r.warns = nil
		if err != nil {
			return fmt.Errorf("%s: exporting %s: %w", inputName(r.input), o.format, err)
		}
		return nil
	}
	if std := stdStream(o.path); std != "" {
		var buf bytes.Buffer
		err := write(&buf)
		if err == nil {
			e.mu.Lock()
			_, err = e.stream(std).Write(buf.Bytes())
			e.mu.Unlock()
			if err != nil {
				err = fmt.Errorf("writing to %s: %w", std, err)
			}
		}
		if err != nil {
			r.logf("%v", err)
			r.failed = true
		}
		return
	}
	if err := e.writeFile(ctx, o.path, pl.inputs, write); err != nil {
		r.failed = true
		if ctx.Err() != nil {
			r.logf("%s: interrupted", o.path)
			return
		}
		r.logf("%v", err) // the other outputs are still tried
		return
	}
	r.written = append(r.written, o.path)
	if !pl.opt.Quiet {
		r.logf("wrote %s", o.path)
	}
}

// changesSince parses the --since value s ("" for the latest snapshot,
// "none", an existing file, or a date YYYY-MM-DD) and returns the changes of
// m since then. Errors about the value or the older file name the flag;
// errors in the older file come as matrix.Problems.
func changesSince(m *matrix.Matrix, s string, ro matrix.ReadOptions) (*matrix.Changes, error) {
	var since matrix.Since
	isFile := false
	switch {
	case s == "":
		since = matrix.SinceLatest()
	case s == "none":
		since = matrix.SinceNone()
	case isFileName(s):
		since, isFile = matrix.SinceFile(s), true
	default:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, fmt.Errorf("--since: %q is neither a file nor a date (YYYY-MM-DD)", s)
		}
		since = matrix.SinceDate(d)
	}
	// The older state is read at m's level, so that no edit carries text
	// above it (snapshots are filtered with m already).
	ro.Edition = m.About.Edition
	ch, err := matrix.ChangesSince(m, since, ro)
	if err != nil && isFile {
		if _, ok := err.(matrix.Problems); !ok {
			err = fmt.Errorf("--since: %w", err)
		}
	}
	return ch, err
}

// isFileName reports whether name is an existing file that is not a folder.
func isFileName(name string) bool {
	fi, err := os.Stat(name)
	return err == nil && !fi.IsDir()
}
