package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/csv"
	"github.com/stancematrix/stancematrix/export/json"
	"github.com/stancematrix/stancematrix/matrix"
)

// historyOptions are the options of `history`.
type historyOptions struct {
	Format       string // "text", "json" or "csv"
	Out          string // -o: a file, or "" / "-" for stdout
	BOM          bool   // with csv: start with a byte order mark
	inputOptions        // the reader's options and --max-problems
}

func (e *env) historyCommand() *cli.Command {
	return &cli.Command{
		Name:      "history",
		Usage:     "show how positions moved across dated snapshots or workbooks",
		ArgsUsage: "FILE...",
		Description: `Builds the history of one workbook's "Matrix YYYY-MM-DD" snapshots, of several
workbooks (each dated by its About "As of", else by a YYYY-MM-DD date in its
file name), or both. Parties and issues are matched across dates by name and
alias; those that appear, disappear or are renamed are listed. It prints every
cell that moved, with its date; how often and how far each party moved and
towards or away from whom; whether each issue converged or diverged; and the
mean agreement per date. Like diff, the exit status is 0 when nothing moved,
1 when something did, and 2 on trouble.

  stancematrix history talks.xlsx
  stancematrix history talks-2025-04-*.xlsx --format json -o history.json
  stancematrix history talks-*.xlsx --format csv > history.csv

--format csv writes tidy long data for pandas or R: one row per date, party
and issue (date,party,issue,stance,score).`,
		OnUsageError: onUsageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Aliases: []string{"f"}, Value: "text", Usage: "output format: `text|json|csv`"},
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, TakesFile: true, Usage: "write to `FILE` instead of stdout (- for stdout)"},
			&cli.BoolFlag{Name: "csv-bom", Usage: "with --format csv, start with a UTF-8 byte order mark, for Excel on Windows"},
		}, readFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			opt := historyOptions{Format: cmd.String("format"), Out: cmd.String("output"), BOM: cmd.Bool("csv-bom")}
			if err := oneOf("format", opt.Format, "text", "json", "csv"); err != nil {
				return err
			}
			if opt.BOM && opt.Format != "csv" {
				return usageError("history: --csv-bom needs --format csv")
			}
			args := cmd.Args().Slice()
			if len(args) == 0 {
				return usageError("history: want one or more FILE arguments")
			}
			if err := checkInputs(args); err != nil {
				return err
			}
			var err error
			if opt.inputOptions, err = inputOptionsFrom(cmd); err != nil {
				return err
			}
			return e.history(ctx, opt, args)
		},
	}
}

func (e *env) history(ctx context.Context, opt historyOptions, args []string) error {
	var ms []*matrix.Matrix
	bad := false
	ro := opt.Read
	for _, f := range args {
		m, ps := e.readInput(f, ro)
		if m != nil && ro.Edition == "" {
			ro.Edition = m.About.Edition // every date at the first one's level
		}
		printProblems(e.stderr, ps, opt.MaxProblems)
		if ps.Err() != nil || m == nil {
			bad = true
			continue
		}
		ms = append(ms, m)
	}
	if bad {
		return exitCode(2)
	}
	h, err := matrix.NewHistory(ms)
	if err != nil {
		var ue *matrix.UndatedError
		if errors.As(err, &ue) {
			fmt.Fprintf(e.stderr, "%s\nhint: add an \"As of\" date to its About sheet, or name the file like talks-2025-04-23.xlsx\n", err)
			return exitCode(2)
		}
		return trouble(err)
	}
	write := func(w io.Writer) error {
		switch opt.Format {
		case "csv":
			return csv.History(w, h, export.Options{ByteOrderMark: opt.BOM})
		case "json":
			return json.History(w, h, export.Options{})
		}
		bw := bufio.NewWriter(w)
		if _, b := h.Edition(); b != "" {
			fmt.Fprintf(bw, "[%s]\n", b)
		}
		writeHistory(bw, h)
		return bw.Flush()
	}
	if opt.Out == "" || stdStream(opt.Out) != "" {
		std := "stdout"
		if opt.Out != "" {
			std = stdStream(opt.Out)
		}
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return trouble(err)
		}
		if _, err := e.stream(std).Write(buf.Bytes()); err != nil {
			return trouble(fmt.Errorf("writing to %s: %w", std, err))
		}
	} else if err := e.writeFile(ctx, opt.Out, args, write); err != nil {
		return trouble(err)
	}
	if h.Moved() {
		return exitCode(1)
	}
	return nil
}

// writeHistory prints a history as text: the dates, then what moved.
func writeHistory(w io.Writer, h *matrix.History) {
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	first, last := h.States[0].Date, h.States[len(h.States)-1].Date
	fmt.Fprintf(w, "History of %s, %s to %s: %s, %s\n", export.Plural(len(h.States), "date", "dates"), day(first), day(last),
		export.Plural(len(h.Parties), "party", "parties"), export.Plural(len(h.Issues), "issue", "issues"))
	for d, st := range h.States {
		line := fmt.Sprintf("  %s  %s", day(st.Date), st.Source)
		if a := h.Agreement[d]; a.OK {
			line += fmt.Sprintf("  (mean agreement %s over %s)", pct(a.Mean), export.Plural(a.Pairs, "pair", "pairs"))
		}
		fmt.Fprintln(w, line)
	}
	for _, s := range h.Skipped {
		fmt.Fprintf(w, "  skipped: %s\n", s)
	}
	if !h.Moved() {
		fmt.Fprintln(w, "\nnothing moved")
		return
	}
	summary := fmt.Sprintf("%s in %s", export.Plural(len(h.Moves), "move", "moves"), export.Plural(len(h.MovedCells()), "cell", "cells"))
	if len(h.Events) > 0 {
		summary += fmt.Sprintf(", %s of parties and issues", export.Plural(len(h.Events), "change", "changes"))
	}
	if a, b := h.Agreement[0], h.Agreement[len(h.Agreement)-1]; a.OK && b.OK {
		summary += fmt.Sprintf("; mean agreement %s → %s", pct(a.Mean), pct(b.Mean))
	}
	fmt.Fprintf(w, "\n%s\n", summary)
	if len(h.Events) > 0 {
		fmt.Fprintln(w, "\nParties and issues")
		for _, ev := range h.Events {
			what := "issue"
			if ev.Party {
				what = "party"
			}
			if ev.Kind == matrix.Renamed {
				fmt.Fprintf(w, "  %s  %s renamed: %s → %s\n", day(ev.Date), what, ev.Old, ev.New)
				continue
			}
			fmt.Fprintf(w, "  %s  %s %s: %s\n", day(ev.Date), what, ev.Kind, ev.Name)
		}
	}
	if len(h.Moves) > 0 {
		fmt.Fprintf(w, "\nMoves (%d)\n", len(h.Moves))
		for _, mv := range h.Moves {
			fmt.Fprintf(w, "  %s  %s / %s: %s → %s (%s)\n", day(mv.Date), h.Issues[mv.Issue].Name, h.Parties[mv.Party].Name,
				blankText(mv.Old), blankText(mv.New), mv.Direction)
		}
		fmt.Fprintln(w, "\nTrajectories of the cells that moved")
		for _, c := range h.MovedCells() {
			var sb strings.Builder
			prev, have := "", false
			for d := range h.States {
				st, ok := h.Stance(c[0], c[1], d)
				if !ok || (have && strings.EqualFold(st, prev)) {
					continue
				}
				if have {
					sb.WriteString(" → ")
				}
				sb.WriteString(day(h.States[d].Date) + " " + blankText(st))
				prev, have = st, true
			}
			fmt.Fprintf(w, "  %s / %s: %s\n", h.Issues[c[0]].Name, h.Parties[c[1]].Name, sb.String())
		}
	}
	fmt.Fprintln(w, "\nParties: moves, distance on the scale, net (+ towards support), and the partners they drew closest to and furthest from")
	for p, pm := range h.PartyMoves {
		line := fmt.Sprintf("  %s: %s, distance %s, net %s", h.Parties[p].Name, export.Plural(pm.Moves, "move", "moves"), num(pm.Distance), signed(pm.Net))
		if len(pm.Partners) > 0 {
			ps := append([]matrix.PartnerShift(nil), pm.Partners...)
			sort.SliceStable(ps, func(a, b int) bool { return ps[a].Change > ps[b].Change })
			if c := ps[0]; c.Change > 0.00005 {
				line += fmt.Sprintf("; closer to %s (%s → %s)", h.Parties[c.Other].Name, pct(c.From), pct(c.To))
			}
			if c := ps[len(ps)-1]; c.Change < -0.00005 {
				line += fmt.Sprintf("; further from %s (%s → %s)", h.Parties[c.Other].Name, pct(c.From), pct(c.To))
			}
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintln(w, "\nIssues: consensus and spread, first → last date")
	for i, tr := range h.IssueTrends {
		if !tr.OK {
			fmt.Fprintf(w, "  %s: no consensus figure at two dates\n", h.Issues[i].Name)
			continue
		}
		fmt.Fprintf(w, "  %s: %s, consensus %s → %s, spread %s → %s (%s → %s)\n", h.Issues[i].Name, tr.Trend,
			pct(tr.ConsensusFrom), pct(tr.ConsensusTo), num(tr.SpreadFrom), num(tr.SpreadTo), day(tr.FromDate), day(tr.ToDate))
	}
}

func blankText(s string) string {
	if s == "" {
		return "(blank)"
	}
	return s
}

func pct(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func num(x float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", export.Round(x)), "0"), ".")
}

func signed(x float64) string {
	if export.Round(x) > 0 {
		return "+" + num(x)
	}
	return num(x)
}
