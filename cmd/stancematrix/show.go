package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// showOptions are the options of `show`.
type showOptions struct {
	Color        string // "auto", "always" or "never"
	Parties      []string
	Issues       []string
	Width        int // 0: the terminal's width, else $COLUMNS, else 100
	inputOptions     // the reader's options and --max-problems
}

func (e *env) showCommand() *cli.Command {
	return &cli.Command{
		Name:      "show",
		Usage:     "print the matrix as a table in the terminal",
		ArgsUsage: "FILE",
		Description: `Prints issues down and parties across, each cell with its stance symbol and
label, in colour when stdout is a terminal (NO_COLOR turns colour off).

  stancematrix show ukraine.xlsx
  stancematrix show ukraine.xlsx --parties Russia,Ukraine --color never`,
		OnUsageError: onUsageError,
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "color", Value: "auto", Usage: "colour: `auto|always|never`"},
			&cli.StringFlag{Name: "parties", Usage: "only these `PARTIES` (comma-separated names or short names)"},
			&cli.StringFlag{Name: "issues", Usage: "only these `ISSUES` (comma-separated names or short names)"},
			&cli.IntFlag{Name: "width", Usage: "table width in columns (default: the terminal's, $COLUMNS or 100)"},
		}, readFlags()...),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usageError("show: want exactly one FILE argument, got %d", cmd.Args().Len())
			}
			opt := showOptions{Color: cmd.String("color"), Parties: splitList(cmd.String("parties")),
				Issues: splitList(cmd.String("issues")), Width: cmd.Int("width")}
			if err := oneOf("color", opt.Color, "auto", "always", "never"); err != nil {
				return err
			}
			var err error
			if opt.inputOptions, err = inputOptionsFrom(cmd); err != nil {
				return err
			}
			return e.show(opt, cmd.Args().First())
		},
	}
}

// splitList splits a comma-separated flag value, trims the items and drops
// empty ones.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func (e *env) show(opt showOptions, file string) error {
	m, ps := e.readInput(file, opt.Read)
	if ps.Err() != nil || m == nil {
		printProblems(e.stderr, ps, opt.MaxProblems)
		return exitCode(1)
	}
	printProblems(e.stderr, ps, opt.MaxProblems)
	if len(opt.Parties) > 0 || len(opt.Issues) > 0 {
		sel, err := m.Select(opt.Parties, opt.Issues)
		if err != nil {
			return failed(fmt.Errorf("%s: %v", file, err))
		}
		m = sel
	}
	color := opt.Color == "always" || (opt.Color == "auto" && e.getenv("NO_COLOR") == "" && isTerminal(e.stdout))
	width := opt.Width
	if width <= 0 {
		width = e.terminalWidth(e.stdout)
	}
	bannerLine(e.stdout, m)
	if err := renderTable(e.stdout, m, width, color); err != nil {
		return failed(err)
	}
	return nil
}

// textWidth is the number of columns s takes (one per rune: good enough for
// the Latin, Cyrillic and Greek scripts the tool targets).
func textWidth(s string) int { return utf8.RuneCountInString(s) }

// truncate shortens s to at most w columns, ending in "…" when cut.
func truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if textWidth(s) <= w {
		return s
	}
	if w == 1 {
		return "…"
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:w-1]), " ") + "…"
}

// oneLine returns s for one line of the table: each line break (typed
// with Alt+Enter in Excel: LF, CRLF or CR; also the Unicode line and
// paragraph separators) and any other control character becomes one space,
// so that a name never breaks a row or sends the terminal a control code.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, breaksLine) {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if breaksLine(r) || r == ' ' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func breaksLine(r rune) bool { return unicode.IsControl(r) || r == '\u2028' || r == '\u2029' }

// pad pads s with spaces to w columns.
func pad(s string, w int) string {
	if n := textWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

// renderTable writes m as a table no wider than width. Cells show the
// stance symbol and label; when that does not fit, the symbol only; when the
// parties still do not fit, they are split into blocks with the issue column
// repeated.
func renderTable(w io.Writer, m *matrix.Matrix, width int, color bool) error {
	if width < 40 {
		width = 40
	}
	if m.About.Title != "" {
		fmt.Fprintln(w, oneLine(m.About.Title))
		fmt.Fprintln(w)
	}
	if len(m.Parties) == 0 || len(m.Issues) == 0 {
		fmt.Fprintf(w, "(%s, %s)\n", export.Plural(len(m.Parties), "party", "parties"), export.Plural(len(m.Issues), "issue", "issues"))
		return nil
	}
	headers := make([]string, len(m.Parties))
	for p, party := range m.Parties {
		headers[p] = oneLine(party.Name)
		if party.Short != "" {
			headers[p] = oneLine(party.Short)
		}
	}
	issues := make([]string, len(m.Issues))
	for i, is := range m.Issues {
		issues[i] = oneLine(is.Name)
	}
	cellText := func(label string, full bool) string {
		if label == "" {
			return ""
		}
		st, ok := m.Scale.Stance(label)
		if !ok {
			return oneLine(label)
		}
		if !full && st.Symbol != "" {
			return oneLine(st.Symbol)
		}
		if st.Symbol == "" {
			return oneLine(st.Label)
		}
		return oneLine(st.Symbol + " " + st.Label)
	}
	naturalW := 0
	for _, name := range issues {
		naturalW = max(naturalW, textWidth(name))
	}
	issueW := min(naturalW, max(20, width/3))

	colWidths := func(full bool) []int {
		ws := make([]int, len(m.Parties))
		for p := range m.Parties {
			ws[p] = min(textWidth(headers[p]), 16)
			for i := range m.Issues {
				ws[p] = max(ws[p], textWidth(cellText(m.Stance(i, p), full)))
			}
			ws[p] = max(ws[p], 2)
		}
		return ws
	}
	total := func(ws []int) int {
		t := issueW
		for _, x := range ws {
			t += 1 + x
		}
		return t
	}
	full := true
	ws := colWidths(true)
	if total(ws) > width {
		full = false
		ws = colWidths(false)
		for p := range ws {
			ws[p] = min(ws[p], 8)
		}
	}
	// Give room left over to the issue names.
	if spare := width - total(ws); spare > 0 {
		issueW = min(naturalW, issueW+spare)
	}
	// Split the parties into blocks that fit.
	var blocks [][2]int
	for start := 0; start < len(ws); {
		end, t := start, issueW
		for end < len(ws) && (end == start || t+1+ws[end] <= width) {
			t += 1 + ws[end]
			end++
		}
		blocks = append(blocks, [2]int{start, end})
		start = end
	}
	for bi, b := range blocks {
		if bi > 0 {
			fmt.Fprintln(w)
		}
		var sb strings.Builder
		sb.WriteString(pad("", issueW))
		for p := b[0]; p < b[1]; p++ {
			sb.WriteString(" ")
			sb.WriteString(pad(truncate(headers[p], ws[p]), ws[p]))
		}
		fmt.Fprintln(w, strings.TrimRight(sb.String(), " "))
		for i, name := range issues {
			sb.Reset()
			sb.WriteString(pad(truncate(name, issueW), issueW))
			for p := b[0]; p < b[1]; p++ {
				sb.WriteString(" ")
				label := m.Stance(i, p)
				txt := pad(truncate(cellText(label, full), ws[p]), ws[p])
				if color && label != "" {
					if st, ok := m.Scale.Stance(label); ok {
						txt = ansiColor(st.Color, txt)
					}
				}
				sb.WriteString(txt)
			}
			fmt.Fprintln(w, strings.TrimRight(sb.String(), " "))
		}
	}
	// Legend.
	fmt.Fprintln(w)
	line, lineW := "", 0
	for _, st := range m.Scale.Stances {
		item := oneLine(st.Label)
		if st.Symbol != "" {
			item = oneLine(st.Symbol + " " + st.Label)
		}
		itemW := textWidth(item)
		if color {
			item = ansiColor(st.Color, item)
		}
		if lineW > 0 && lineW+2+itemW > width {
			fmt.Fprintln(w, line)
			line, lineW = "", 0
		}
		if lineW > 0 {
			line += "  "
			lineW += 2
		}
		line += item
		lineW += itemW
	}
	fmt.Fprintln(w, line)
	if headersShortened(m) {
		for _, p := range m.Parties {
			if p.Short != "" && p.Short != p.Name {
				fmt.Fprintf(w, "%s = %s\n", oneLine(p.Short), oneLine(p.Name))
			}
		}
	}
	return nil
}

func headersShortened(m *matrix.Matrix) bool {
	for _, p := range m.Parties {
		if p.Short != "" && p.Short != p.Name {
			return true
		}
	}
	return false
}

// ansiColor wraps s in a 24-bit background colour with a readable foreground.
func ansiColor(hex, s string) string {
	if len(hex) != 7 || hex[0] != '#' {
		return s
	}
	v, err := strconv.ParseUint(hex[1:], 16, 32)
	if err != nil {
		return s
	}
	r, g, b := v>>16&0xff, v>>8&0xff, v&0xff
	fg := "30" // black
	if 299*r+587*g+114*b < 128000 {
		fg = "97" // bright white
	}
	return fmt.Sprintf("\x1b[%s;48;2;%d;%d;%dm%s\x1b[0m", fg, r, g, b, s)
}
