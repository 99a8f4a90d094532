package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// validateOptions are the options of `validate`.
type validateOptions struct {
	Format       string // "text" or "json"
	inputOptions        // the reader's options and --max-problems
}

func (e *env) validateCommand() *cli.Command {
	return &cli.Command{
		Name:      "validate",
		Usage:     "check workbooks and list every error and warning",
		ArgsUsage: "FILE...",
		Description: `Reads each workbook and prints its problems one per line, with their place
(file: Sheet!C7: message), or "file: ok (…)" when there are none.
Exit status 0 when no input has errors, 1 when any has, 2 on usage errors.

  stancematrix validate ukraine.xlsx
  stancematrix validate --format json *.xlsx`,
		OnUsageError: onUsageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: `text|json`"},
		}, readFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			files := cmd.Args().Slice()
			if len(files) == 0 {
				return usageError("validate: missing FILE argument")
			}
			if err := checkInputs(files); err != nil {
				return err
			}
			opt := validateOptions{Format: cmd.String("format")}
			if err := oneOf("format", opt.Format, "text", "json"); err != nil {
				return err
			}
			var err error
			if opt.inputOptions, err = inputOptionsFrom(cmd); err != nil {
				return err
			}
			return e.validate(ctx, opt, files)
		},
	}
}

// jsonProblem is one problem in `validate --format json`.
type jsonProblem struct {
	File     string `json:"file"`
	Sheet    string `json:"sheet"`
	Cell     string `json:"cell"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

func (e *env) validate(ctx context.Context, opt validateOptions, files []string) error {
	bad := false
	all := []jsonProblem{}
	for _, f := range files {
		if ctx.Err() != nil {
			return failed(ctx.Err())
		}
		m, levels, ps := e.validateOne(f, opt.Read)
		if ps.Err() != nil || m == nil {
			bad = true
		}
		if opt.Format == "json" {
			for _, p := range ps {
				p = withFlagHint(p)
				all = append(all, jsonProblem{File: p.File, Sheet: p.Sheet, Cell: p.Cell,
					Severity: p.Severity.String(), Message: p.Msg, Hint: p.Hint})
			}
			continue
		}
		printProblems(e.stdout, ps, opt.MaxProblems)
		if ps.Err() == nil && m != nil {
			name := m.Source
			if name == "" {
				name = f
			}
			summary := export.Plural(len(m.Parties), "party", "parties") + ", " + export.Plural(len(m.Issues), "issue", "issues") + ", " + export.Plural(len(m.Evidence), "evidence row", "evidence rows")
			if n := len(m.Snapshots); n > 0 {
				summary += ", " + export.Plural(n, "snapshot", "snapshots")
			}
			if m.Marked {
				summary = "edition " + m.About.Edition + ": " + summary
			}
			if w := len(ps.Warnings()); w > 0 {
				fmt.Fprintf(e.stdout, "%s: ok with %s (%s)\n", name, export.Plural(w, "warning", "warnings"), summary)
			} else {
				fmt.Fprintf(e.stdout, "%s: ok (%s)\n", name, summary)
			}
			if levels != "" {
				fmt.Fprintf(e.stdout, "%s: by level: %s\n", name, levels)
			}
		}
	}
	if opt.Format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(all); err != nil {
			return failed(err)
		}
	}
	if bad {
		return exitCode(1)
	}
	return nil
}

// validateOne reads a workbook for validate: the edition whose counts it
// prints (--edition's, else the default) and, for a workbook that marks
// release levels, what the whole workbook holds at each level, e.g. "4
// evidence rows: 2 PUBLIC, 1 INTERNAL, 1 RESTRICTED; …; default edition
// RESTRICTED".
func (e *env) validateOne(name string, opt matrix.ReadOptions) (*matrix.Matrix, string, matrix.Problems) {
	level := opt.Edition
	opt.Edition = ""
	m, ps := e.readWhole(name, opt)
	if m == nil || ps.Err() != nil {
		return m, "", ps
	}
	if level == "" && !m.Marked {
		// The default edition of a workbook that marks nothing leaves
		// nothing out (see Matrix.Edition), and validate prints only its
		// counts: no copy of the matrix, which at 200 × 6,000 allocated
		// 7 MB at the moment the reader's garbage made the heap its largest.
		return m, "", ps
	}
	ed, _, err := m.Edition(level)
	if err != nil {
		ps.Add(matrix.Problem{File: inputName(name), Severity: matrix.Error, Msg: err.Error(), Err: err})
		return nil, "", ps
	}
	if !m.Marked {
		return ed, "", ps
	}
	lc := m.LevelCounts()
	var parts []string
	for _, k := range []struct {
		n        []int
		one, all string
	}{
		{lc.Parties, "party", "parties"}, {lc.Issues, "issue", "issues"},
		{lc.Evidence, "evidence row", "evidence rows"}, {lc.Findings, "finding", "findings"},
		{lc.Notes, "note", "notes"},
	} {
		total := 0
		var by []string
		for i, n := range k.n {
			total += n
			if n > 0 {
				by = append(by, fmt.Sprintf("%d %s", n, lc.Levels[i]))
			}
		}
		if total > 0 {
			parts = append(parts, export.Plural(total, k.one, k.all)+": "+strings.Join(by, ", "))
		}
	}
	parts = append(parts, "default edition "+m.DefaultEdition())
	return ed, strings.Join(parts, "; "), ps
}
