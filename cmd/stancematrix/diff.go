package main

import (
	"context"
	"fmt"
	"io"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export/json"
	"github.com/stancematrix/stancematrix/matrix"
)

// diffOptions are the options of `diff`.
type diffOptions struct {
	Format       string // "text" or "json"
	Since        string // with one FILE: a snapshot date, or an older file
	Only         string // "stances": leave out the edits other than stances
	inputOptions        // the reader's options and --max-problems
}

func (e *env) diffCommand() *cli.Command {
	return &cli.Command{
		Name:      "diff",
		Usage:     "list what changed between two workbooks or since a snapshot",
		ArgsUsage: "OLD NEW | FILE --since YYYY-MM-DD",
		Description: `Prints the cells that changed (old → new stance and the direction on the
scale), the parties and issues added or removed, the evidence added since, and
every other edit a reviewer signs off: cell notes, evidence rows (added, edited
field by field, removed), the fields of parties and issues, the scale, the
About sheet and the author's findings. --only stances leaves the edits out.
Like diff(1), the exit status is 0 when nothing changed, 1 when something did,
and 2 on trouble (unreadable input, usage errors).

  stancematrix diff old.xlsx new.xlsx
  stancematrix diff ukraine.xlsx --since 2025-04-16
  stancematrix diff ukraine.xlsx            (against its latest snapshot)`,
		OnUsageError: onUsageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: `text|json`"},
			&cli.StringFlag{Name: "since", Usage: "with one FILE: a snapshot date YYYY-MM-DD or an older workbook (default: the latest snapshot)"},
			&cli.StringFlag{Name: "only", Usage: "`stances`: only the stance changes, parties and issues added or removed and new evidence"},
		}, readFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			opt := diffOptions{Format: cmd.String("format"), Since: cmd.String("since"), Only: cmd.String("only")}
			if err := oneOf("format", opt.Format, "text", "json"); err != nil {
				return err
			}
			if cmd.IsSet("only") {
				if err := oneOf("only", opt.Only, "stances"); err != nil {
					return err
				}
			}
			args := cmd.Args().Slice()
			switch {
			case len(args) == 2 && opt.Since != "":
				return usageError("diff: give OLD NEW or FILE --since, not both")
			case len(args) < 1 || len(args) > 2:
				return usageError("diff: want OLD NEW, or FILE --since DATE")
			case opt.Since == "none":
				return usageError("diff: --since none leaves nothing to compare")
			}
			if err := checkInputs(args); err != nil {
				return err
			}
			var err error
			if opt.inputOptions, err = inputOptionsFrom(cmd); err != nil {
				return err
			}
			return e.diff(opt, args)
		},
	}
}

// trouble is an exit-2 error for diff: unreadable inputs.
func trouble(err error) error { return &exitError{code: 2, err: err} }

func (e *env) diff(opt diffOptions, args []string) error {
	newFile := args[len(args)-1]
	m, ps := e.readInput(newFile, opt.Read)
	printProblems(e.stderr, ps, opt.MaxProblems)
	if ps.Err() != nil || m == nil {
		return exitCode(2)
	}
	var ch *matrix.Changes
	if len(args) == 2 {
		ro := opt.Read
		ro.Edition = m.About.Edition // both sides at one level
		old, ps := e.readInput(args[0], ro)
		printProblems(e.stderr, ps, opt.MaxProblems)
		if ps.Err() != nil || old == nil {
			return exitCode(2)
		}
		ch = matrix.Diff(old, m)
	} else {
		if opt.Since == "" && len(m.Snapshots) == 0 {
			return trouble(fmt.Errorf("%s: no snapshot sheet to compare with; give OLD NEW or --since", inputName(newFile)))
		}
		var err error
		ch, err = changesSince(m, opt.Since, e.withPassword(opt.Read))
		if err != nil {
			if cps, ok := err.(matrix.Problems); ok {
				printProblems(e.stderr, cps, opt.MaxProblems)
				return exitCode(2)
			}
			return trouble(err)
		}
	}
	if opt.Only == "stances" {
		ch = ch.StancesOnly()
	}
	if opt.Format == "json" {
		if err := json.Changes(e.stdout, ch); err != nil {
			return trouble(err)
		}
	} else {
		bannerLine(e.stdout, m)
		writeChanges(e.stdout, ch)
	}
	if ch.Empty() {
		return nil
	}
	return exitCode(1)
}

// writeChanges prints changes as text, one change per line.
func writeChanges(w io.Writer, ch *matrix.Changes) {
	from, to := ch.Old, ch.New
	if !ch.OldDate.IsZero() {
		from += " (" + ch.OldDate.Format("2006-01-02") + ")"
	}
	if !ch.NewDate.IsZero() {
		to += " (" + ch.NewDate.Format("2006-01-02") + ")"
	}
	if ch.Empty() {
		fmt.Fprintf(w, "no changes from %s to %s\n", from, to)
		return
	}
	fmt.Fprintf(w, "changes from %s to %s\n", from, to)
	blank := func(s string) string {
		if s == "" {
			return "(blank)"
		}
		return s
	}
	for _, c := range ch.Cells {
		fmt.Fprintf(w, "%s / %s: %s → %s (%s)\n", c.Issue, c.Party, blank(c.Old), blank(c.New), c.Direction)
	}
	for _, p := range ch.PartiesAdded {
		fmt.Fprintf(w, "party added: %s\n", p)
	}
	for _, p := range ch.PartiesRemoved {
		fmt.Fprintf(w, "party removed: %s\n", p)
	}
	for _, is := range ch.IssuesAdded {
		fmt.Fprintf(w, "issue added: %s\n", is)
	}
	for _, is := range ch.IssuesRemoved {
		fmt.Fprintf(w, "issue removed: %s\n", is)
	}
	for _, ev := range ch.NewEvidence {
		line := fmt.Sprintf("new evidence: %s / %s", ev.Issue, ev.Party)
		if !ev.Date.IsZero() {
			line += ", " + ev.Date.Format("2006-01-02")
		}
		if ev.Stance != "" {
			line += ": " + ev.Stance
		}
		text := ev.Summary
		if text == "" {
			text = ev.Quote
		}
		if text != "" {
			line += ": " + truncate(text, 120)
		}
		if ev.Source != "" {
			line += " (" + ev.Source + ")"
		}
		fmt.Fprintln(w, line)
	}
	for _, ed := range ch.Edits {
		line := ed.String()
		if ed.Ref != "" {
			line += " (" + ed.Ref + ")"
		}
		fmt.Fprintln(w, line)
	}
}
