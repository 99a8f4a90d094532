package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/csv"
	"github.com/stancematrix/stancematrix/export/json"
	"github.com/stancematrix/stancematrix/matrix"
)

// analyzeOptions are the options of `analyze`.
type analyzeOptions struct {
	Format       string // "text", "json" or "csv"
	Table        string // with csv: one of csv.Tables
	BOM          bool   // with csv: start with a byte order mark
	Provenance   bool   // with csv: start with a provenance comment
	Since        string // as for export; "" uses the latest snapshot
	inputOptions        // the reader's options and --max-problems
}

func (e *env) analyzeCommand() *cli.Command {
	return &cli.Command{
		Name:      "analyze",
		Usage:     "print who agrees, what is contested and the key findings",
		ArgsUsage: "FILE",
		Description: `Prints the agreement between every pair of parties (in percent, over the
issues both take a scored position on), the issues from most contested to most
agreed (consensus, spread and weighted centre), and the key findings.

  stancematrix analyze ukraine.xlsx
  stancematrix analyze ukraine.xlsx --format json
  stancematrix analyze ukraine.xlsx --format csv --table pairs > pairs.csv

--format csv writes one table of the data behind the briefing's charts
(--table pairs, parties, issues or split), tidy, for pandas or R.`,
		OnUsageError: onUsageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "format", Value: "text", Usage: "output format: `text|json|csv`"},
			&cli.StringFlag{Name: "table", Value: "pairs", Usage: "with --format csv, the table: `" + strings.Join(csv.Tables(), "|") + "`"},
			&cli.BoolFlag{Name: "csv-bom", Usage: "with --format csv, start with a UTF-8 byte order mark, for Excel on Windows"},
			&cli.BoolFlag{Name: "provenance", Usage: "with --format csv, start with a comment line: the source, its SHA-256, the tool's version, the As of date"},
			&cli.StringFlag{Name: "since", Usage: "changes since OLD.xlsx, a snapshot date YYYY-MM-DD, or none (default: the latest snapshot)"},
		}, readFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usageError("analyze: want exactly one FILE argument, got %d", cmd.Args().Len())
			}
			opt := analyzeOptions{Format: cmd.String("format"), Since: cmd.String("since"), Table: cmd.String("table"), BOM: cmd.Bool("csv-bom")}
			if err := oneOf("format", opt.Format, "text", "json", "csv"); err != nil {
				return err
			}
			if err := oneOf("table", opt.Table, csv.Tables()...); err != nil {
				return err
			}
			opt.Provenance = cmd.Bool("provenance")
			if opt.Format != "csv" && (cmd.IsSet("table") || opt.BOM || opt.Provenance) {
				return usageError("analyze: --table, --csv-bom and --provenance need --format csv")
			}
			var err error
			if opt.inputOptions, err = inputOptionsFrom(cmd); err != nil {
				return err
			}
			return e.analyze(opt, cmd.Args().First())
		},
	}
}

func (e *env) analyze(opt analyzeOptions, file string) error {
	m, ps := e.readInput(file, opt.Read)
	printProblems(e.stderr, ps, opt.MaxProblems)
	if ps.Err() != nil || m == nil {
		return exitCode(1)
	}
	ch, err := changesSince(m, opt.Since, e.withPassword(opt.Read))
	if err != nil {
		if cps, ok := err.(matrix.Problems); ok {
			printProblems(e.stderr, cps, opt.MaxProblems)
			return exitCode(1)
		}
		return failed(err)
	}
	an := matrix.Analyze(m, ch)
	if opt.Format == "csv" {
		if err := csv.Analysis(e.stdout, m, opt.Table, export.Options{Changes: ch, Analysis: an, ByteOrderMark: opt.BOM,
			ProvenanceComment: opt.Provenance, Version: version()}); err != nil {
			return failed(err)
		}
		return nil
	}
	if opt.Format == "json" {
		now, err := e.sourceDate()
		if err != nil {
			return err
		}
		if now.IsZero() {
			now = m.About.AsOf
		}
		if err := json.Analysis(e.stdout, m, export.Options{Now: now, Changes: ch, Analysis: an, Version: version()}); err != nil {
			return failed(err)
		}
		return nil
	}
	bannerLine(e.stdout, m)
	writeAnalysis(e.stdout, m, an)
	return nil
}

// partyLabel is the short name of party p, or its name.
func partyLabel(m *matrix.Matrix, p int) string {
	if s := m.Parties[p].Short; s != "" {
		return s
	}
	return m.Parties[p].Name
}

// writeAnalysis prints a, the analysis of m, as text for a terminal.
func writeAnalysis(w io.Writer, m *matrix.Matrix, a *matrix.Analysis) {
	title := m.About.Title
	if title == "" {
		title = m.Source
	}
	fmt.Fprintf(w, "%s: %s, %s\n\n", title, export.Plural(len(m.Parties), "party", "parties"), export.Plural(len(m.Issues), "issue", "issues"))

	// Agreement matrix.
	fmt.Fprintln(w, "Agreement between parties (% over shared scored issues; - = no shared issue)")
	am := a.Agreement
	labels := make([]string, len(m.Parties))
	lw := 0
	for p := range m.Parties {
		labels[p] = truncate(partyLabel(m, p), 12)
		lw = max(lw, textWidth(labels[p]))
	}
	cw := 4
	for _, l := range labels {
		cw = max(cw, textWidth(l))
	}
	var sb strings.Builder
	sb.WriteString(pad("", lw))
	for _, l := range labels {
		sb.WriteString(" " + leftPad(l, cw))
	}
	fmt.Fprintln(w, strings.TrimRight(sb.String(), " "))
	for p := range m.Parties {
		sb.Reset()
		sb.WriteString(pad(labels[p], lw))
		for q := range m.Parties {
			cell := "-"
			if p < len(am) && q < len(am[p]) && am[p][q].OK {
				cell = fmt.Sprintf("%d", int(math.Round(am[p][q].Agreement*100)))
			}
			sb.WriteString(" " + leftPad(cell, cw))
		}
		fmt.Fprintln(w, sb.String())
	}

	// Issue ranking.
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Issues, most contested first")
	stats := a.Contested
	iw := 0
	for _, st := range stats {
		iw = max(iw, textWidth(m.Issues[st.Issue].Name))
	}
	iw = min(iw, 48)
	for n, st := range stats {
		cons := "   -"
		if st.HasConsensus {
			cons = fmt.Sprintf("%3d%%", int(math.Round(st.Consensus*100)))
		}
		centre := "-"
		if st.HasMedian {
			centre = fmt.Sprintf("%+g", st.Median)
			if lbl := labelForScore(m.Scale, st.Median); lbl != "" {
				centre += " (" + lbl + ")"
			}
		}
		fmt.Fprintf(w, "%3d. %s  consensus %s  spread %.2f  centre %s  positions %d\n",
			n+1, pad(truncate(m.Issues[st.Issue].Name, iw), iw), cons, st.Spread, centre, st.Positions)
	}

	// Key findings: the author's own first, then the computed ones.
	if fs := a.Findings; len(fs)+len(m.Findings) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Key findings")
		for _, f := range m.Findings {
			fmt.Fprintf(w, "- %s: %s\n", export.AuthorMark, export.AuthorFinding(f))
		}
		for _, f := range fs {
			fmt.Fprintf(w, "- %s\n", f)
		}
	}
}

func leftPad(s string, w int) string {
	if n := textWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// labelForScore returns the label of the stance with exactly this score.
func labelForScore(s matrix.Scale, score float64) string {
	for _, st := range s.Stances {
		if st.HasScore && st.Score == score {
			return st.Label
		}
	}
	return ""
}
