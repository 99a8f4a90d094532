package main

import (
	"bufio"
	"bytes"
	"context"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/csv"
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
			return writeHistoryJSON(w, h)
		}
		bw := bufio.NewWriter(w)
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
	summary := fmt.Sprintf("%s in %s", export.Plural(len(h.Moves), "move", "moves"), export.Plural(len(movedCells(h)), "cell", "cells"))
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
		for _, c := range movedCells(h) {
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

// movedCells returns the cells that moved, as [issue, party], in issue then
// party order.
func movedCells(h *matrix.History) [][2]int {
	seen := map[[2]int]bool{}
	var out [][2]int
	for _, mv := range h.Moves {
		k := [2]int{mv.Issue, mv.Party}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a][0] != out[b][0] {
			return out[a][0] < out[b][0]
		}
		return out[a][1] < out[b][1]
	})
	return out
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

// historySchemaVersion is the version of the JSON schema of `history`,
// raised when a field changes meaning or goes away.
const historySchemaVersion = 1

// The JSON document of `history`; the README documents it. It is written
// here, not in export/json, for now (see the note in the README).
type (
	historyDoc struct {
		SchemaVersion int            `json:"schema_version"`
		Moved         bool           `json:"moved"`
		Dates         []historyDate  `json:"dates"`
		Skipped       []string       `json:"skipped"`
		Events        []historyEvent `json:"events"`
		Moves         []historyMove  `json:"moves"`
		Cells         []historyCell  `json:"cells"`
		Parties       []historyParty `json:"parties"`
		Issues        []historyIssue `json:"issues"`
	}
	historyDate struct {
		Date          string   `json:"date"`
		Source        string   `json:"source"`
		MeanAgreement *float64 `json:"mean_agreement"`
		Pairs         int      `json:"pairs"`
	}
	historyEvent struct {
		Date string `json:"date"`
		Kind string `json:"kind"`
		What string `json:"what"`
		Name string `json:"name"`
		Old  string `json:"old,omitempty"`
		New  string `json:"new,omitempty"`
	}
	historyMove struct {
		Date      string   `json:"date"`
		FromDate  string   `json:"from_date"`
		Issue     string   `json:"issue"`
		Party     string   `json:"party"`
		Old       string   `json:"old"`
		New       string   `json:"new"`
		Direction string   `json:"direction"`
		Delta     *float64 `json:"delta"`
	}
	historyCell struct {
		Issue   string    `json:"issue"`
		Party   string    `json:"party"`
		Stances []*string `json:"stances"`
	}
	historyParty struct {
		Name     string           `json:"name"`
		Names    []*string        `json:"names"`
		Moves    int              `json:"moves"`
		Distance float64          `json:"distance"`
		Net      float64          `json:"net"`
		Closer   int              `json:"closer"`
		Further  int              `json:"further"`
		Partners []historyPartner `json:"partners"`
	}
	historyPartner struct {
		Party    string  `json:"party"`
		FromDate string  `json:"from_date"`
		ToDate   string  `json:"to_date"`
		From     float64 `json:"from"`
		To       float64 `json:"to"`
		Change   float64 `json:"change"`
	}
	historyIssue struct {
		Name          string    `json:"name"`
		Names         []*string `json:"names"`
		Trend         string    `json:"trend"`
		FromDate      *string   `json:"from_date"`
		ToDate        *string   `json:"to_date"`
		ConsensusFrom *float64  `json:"consensus_from"`
		ConsensusTo   *float64  `json:"consensus_to"`
		SpreadFrom    *float64  `json:"spread_from"`
		SpreadTo      *float64  `json:"spread_to"`
	}
)

// writeHistoryJSON writes h as the JSON document of `history`: indented,
// figures rounded to 4 decimals, lists never null, so that the same inputs
// give the same bytes.
func writeHistoryJSON(w io.Writer, h *matrix.History) error {
	day := func(t time.Time) string { return t.Format(time.DateOnly) }
	f := func(x float64) *float64 { r := export.Round(x); return &r }
	names := func(t matrix.Track) []*string {
		out := make([]*string, len(t.Names))
		for d, n := range t.Names {
			if t.Present(d) {
				out[d] = &n
			}
		}
		return out
	}
	doc := historyDoc{SchemaVersion: historySchemaVersion, Moved: h.Moved(), Skipped: append([]string{}, h.Skipped...),
		Dates: []historyDate{}, Events: []historyEvent{}, Moves: []historyMove{}, Cells: []historyCell{},
		Parties: []historyParty{}, Issues: []historyIssue{}}
	for d, st := range h.States {
		hd := historyDate{Date: day(st.Date), Source: st.Source, Pairs: h.Agreement[d].Pairs}
		if a := h.Agreement[d]; a.OK {
			hd.MeanAgreement = f(a.Mean)
		}
		doc.Dates = append(doc.Dates, hd)
	}
	for _, ev := range h.Events {
		what := "issue"
		if ev.Party {
			what = "party"
		}
		doc.Events = append(doc.Events, historyEvent{Date: day(ev.Date), Kind: ev.Kind.String(), What: what, Name: ev.Name, Old: ev.Old, New: ev.New})
	}
	for _, mv := range h.Moves {
		hm := historyMove{Date: day(mv.Date), FromDate: day(mv.From), Issue: h.Issues[mv.Issue].Name, Party: h.Parties[mv.Party].Name,
			Old: mv.Old, New: mv.New, Direction: mv.Direction.String()}
		if mv.HasDelta {
			hm.Delta = f(mv.Delta)
		}
		doc.Moves = append(doc.Moves, hm)
	}
	for _, c := range movedCells(h) {
		hc := historyCell{Issue: h.Issues[c[0]].Name, Party: h.Parties[c[1]].Name, Stances: make([]*string, len(h.States))}
		for d := range h.States {
			if st, ok := h.Stance(c[0], c[1], d); ok {
				hc.Stances[d] = &st
			}
		}
		doc.Cells = append(doc.Cells, hc)
	}
	for p, pm := range h.PartyMoves {
		hp := historyParty{Name: h.Parties[p].Name, Names: names(h.Parties[p]), Moves: pm.Moves, Distance: *f(pm.Distance), Net: *f(pm.Net),
			Closer: pm.Closer, Further: pm.Further, Partners: []historyPartner{}}
		for _, s := range pm.Partners {
			hp.Partners = append(hp.Partners, historyPartner{Party: h.Parties[s.Other].Name, FromDate: day(s.FromDate), ToDate: day(s.ToDate),
				From: *f(s.From), To: *f(s.To), Change: *f(s.Change)})
		}
		doc.Parties = append(doc.Parties, hp)
	}
	for i, tr := range h.IssueTrends {
		hi := historyIssue{Name: h.Issues[i].Name, Names: names(h.Issues[i]), Trend: tr.Trend.String()}
		if tr.OK {
			fd, td := day(tr.FromDate), day(tr.ToDate)
			hi.FromDate, hi.ToDate = &fd, &td
			hi.ConsensusFrom, hi.ConsensusTo = f(tr.ConsensusFrom), f(tr.ConsensusTo)
			hi.SpreadFrom, hi.SpreadTo = f(tr.SpreadFrom), f(tr.SpreadTo)
		}
		doc.Issues = append(doc.Issues, hi)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := stdjson.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return bw.Flush()
}
