package matrix

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// Severity says whether a problem stops an export.
type Severity int

const (
	// Error stops an export.
	Error Severity = iota
	// Warning is reported but does not stop an export.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Problem is one thing wrong with an input, with its place.
type Problem struct {
	File     string // file name as given by the user
	Sheet    string // sheet name as written in the workbook; empty for whole-file problems
	Cell     string // e.g. "C7"; empty for whole-sheet problems
	Severity Severity
	Msg      string // lower case, no final period; may end in "(did you mean …?)"
	Hint     string // optional advice printed on its own line
	// Err is the error behind a problem of the file itself, when there is
	// one: an *xlsxfile.LimitError for input over a limit (which the caller
	// may tell how to raise), an *xlsxfile.Error otherwise.
	Err error
	// Kind groups problems that say the same thing of different places or
	// values, so that a long list can be summed up: KindUnknownStance, or
	// the message's template (Errorf and Warnf set it). Empty means the
	// message with its quoted values and numbers left out (see KindOf).
	Kind string
}

// Place returns "Sheet!C7", "Sheet" or "" for the problem's position.
func (p Problem) Place() string {
	switch {
	case p.Sheet != "" && p.Cell != "":
		return p.Sheet + "!" + p.Cell
	default:
		return p.Sheet
	}
}

// Error formats the problem as "file: Sheet!C7: message", with "warning: "
// before the message for warnings.
func (p Problem) Error() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(p.File)
		b.WriteString(": ")
	}
	if pl := p.Place(); pl != "" {
		b.WriteString(pl)
		b.WriteString(": ")
	}
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Problems is a list of problems, like go/scanner.ErrorList.
type Problems []Problem

// Add appends a problem. Its sheet, message and hint are made safe to
// print first: a message that quotes the file's content with %s rather
// than %q (a formula, an XML error, a sheet's name) shows control
// characters and bytes that are not UTF-8 as escapes.
func (ps *Problems) Add(p Problem) {
	p.Sheet = xlsxfile.Printable(p.Sheet)
	p.Msg = xlsxfile.Printable(p.Msg)
	p.Hint = xlsxfile.Printable(p.Hint)
	*ps = append(*ps, p)
}

// Errorf appends an error at sheet and cell.
func (ps *Problems) Errorf(file, sheet, cell, format string, args ...any) {
	ps.Add(Problem{File: file, Sheet: sheet, Cell: cell, Severity: Error, Msg: fmt.Sprintf(format, args...), Kind: format})
}

// Warnf appends a warning at sheet and cell.
func (ps *Problems) Warnf(file, sheet, cell, format string, args ...any) {
	ps.Add(Problem{File: file, Sheet: sheet, Cell: cell, Severity: Warning, Msg: fmt.Sprintf(format, args...), Kind: format})
}

// Sort orders problems by file, sheet, row, column; the order of problems at
// the same place is kept.
func (ps Problems) Sort() {
	sort.SliceStable(ps, func(i, j int) bool {
		a, b := ps[i], ps[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		ca, ra := splitCell(a.Cell)
		cb, rb := splitCell(b.Cell)
		if ra != rb {
			return ra < rb
		}
		if len(ca) != len(cb) {
			return len(ca) < len(cb)
		}
		return ca < cb
	})
}

// splitCell splits "AB12" into "AB" and 12.
func splitCell(c string) (string, int) {
	i := 0
	for i < len(c) && (c[i] < '0' || c[i] > '9') {
		i++
	}
	n := 0
	for _, r := range c[i:] {
		if r < '0' || r > '9' {
			break
		}
		n = n*10 + int(r-'0')
	}
	return c[:i], n
}

// Errors returns only the errors.
func (ps Problems) Errors() Problems { return ps.filter(Error) }

// Warnings returns only the warnings.
func (ps Problems) Warnings() Problems { return ps.filter(Warning) }

func (ps Problems) filter(s Severity) Problems {
	var out Problems
	for _, p := range ps {
		if p.Severity == s {
			out = append(out, p)
		}
	}
	return out
}

// Err returns nil when the list holds no errors (warnings do not count), and
// otherwise the list of errors as an error.
func (ps Problems) Err() error {
	errs := ps.Errors()
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// Error prints the first problem and "(and N more)".
func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", ps[0].Error(), len(ps)-1)
}
