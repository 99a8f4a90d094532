// Package matrix holds the stance-matrix domain: parties, issues, the stance
// scale, the cells of the matrix, the evidence behind them and the document
// metadata; it reads and validates hand-edited workbooks and analyses them.
package matrix

import (
	"strings"
	"time"
)

// Matrix is one stance matrix: issues down, parties across.
type Matrix struct {
	// Source is the file name the matrix was read from, used in messages.
	Source string
	// SHA256 is the SHA-256 of the file's bytes in hex, as sha256sum
	// prints it; empty for a matrix not read from a file.
	SHA256 string
	About  About
	Scale  Scale
	// Parties and Issues are in display order.
	Parties []Party
	Issues  []Issue
	// cells holds the stances and notes, by issue and party, parallel to
	// Issues and Parties: see Cell, SetCell and InitCells.
	cells cellStore
	// Evidence holds every evidence row, in workbook order.
	Evidence []Evidence
	// Findings are the author's own key findings (the Findings sheet), in
	// the order the briefings show them: by Order, then sheet order.
	Findings []Finding
	// Snapshots are earlier states of the matrix (sheets named
	// "Matrix YYYY-MM-DD"), oldest first. Each snapshot matrix shares this
	// matrix's Scale and About, except that its About.AsOf is the
	// snapshot's Date, and has no Evidence or Snapshots of its own.
	Snapshots []Snapshot
	// Markings are the release levels, lowest first: the Markings sheet's,
	// or DefaultMarkings without one. See edition.go.
	Markings []Marking
	// Marked reports whether the workbook marks anything: a Markings sheet,
	// a Release value, a note's level marker or an About Edition.
	Marked bool
	// Threaded lists the cells (e.g. "Matrix!C7") that hold a threaded
	// comment, a reviewer discussion; its text is not the cell's note
	// unless ReadOptions.IncludeComments.
	Threaded []string
	// withheld holds the names (lower case: name, short name, aliases) of
	// the parties and issues an edition left out, so that another file
	// compared with it can leave them out too (see alignEditions). It is
	// unexported: no output can reach it.
	withheld withheld
}

// Finding is one of the author's own key judgements, a row of the Findings
// sheet. The briefings show these first under "Key findings", marked as
// the author's, before the computed ones.
type Finding struct {
	Text    string
	Issue   string   // the issue's name as in Issues; empty when it concerns none
	Parties []string // the parties' names as in Parties, in the order written
	// Order places the finding: findings with an Order come first, lowest
	// first; the others follow in sheet order.
	Order    float64
	HasOrder bool
	Sheet    string // where it was read, for messages
	Row      int
	// Release is the row's level (a Markings name); "" is the lowest.
	Release string
}

// Snapshot is an earlier state of the matrix kept in the same workbook.
type Snapshot struct {
	Date   time.Time
	Sheet  string // the sheet name as written in the workbook
	Matrix *Matrix
}

// Party is a government, bloc or leader: one column of the matrix.
type Party struct {
	Name        string
	Short       string // used where space is tight; may be empty
	Group       string // bloc, e.g. "Coalition of the willing"; may be empty
	Color       string // "#RRGGBB" or empty
	Weight      float64
	Description string
	// Aliases are other names of the party (the Parties sheet's Aliases
	// column): a Matrix sheet may name the party by one, and a history
	// matches the party across dates by its name and aliases.
	Aliases Aliases
	Ref     string // where the party is defined, e.g. "Parties!A3" or "Matrix!C1"
	// Release is the party's level (a Markings name); "" is the lowest.
	Release string
}

// Issue is one question the parties take positions on: one row of the matrix.
type Issue struct {
	Name        string
	Short       string
	Category    string
	Description string
	Weight      float64
	// Aliases are other names of the issue, as for Party.Aliases.
	Aliases Aliases
	Ref     string // e.g. "Issues!A4" or "Matrix!A5"
	// Release is the issue's level (a Markings name); "" is the lowest.
	Release string
}

// Aliases are the other names of a party or issue, joined by ", " (an alias
// holds no comma: the Aliases column is split on commas). It is one string
// so that Party and Issue stay comparable with ==.
type Aliases string

// List returns the aliases in the order written; nil when there are none.
func (a Aliases) List() []string {
	var out []string
	for _, s := range strings.Split(string(a), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Cell is one party's stance on one issue.
type Cell struct {
	// Stance is the canonical scale label, or "" for no recorded position.
	Stance string
	// Note is the cell's Excel comment, if any.
	Note string
	// Release is the level of the note's marker ("[INTERNAL] …", removed
	// from Note); "" without one. The note's level is the highest of this,
	// its party's and its issue's.
	Release string
}

// Blank reports whether the cell records no position.
func (c Cell) Blank() bool { return c.Stance == "" }

// Evidence is one sourced statement behind a cell.
type Evidence struct {
	Party   string // canonical party name
	Issue   string // canonical issue name
	Stance  string // canonical scale label, or ""
	Date    time.Time
	Summary string
	Quote   string
	Speaker string
	Source  string
	URL     string
	Sheet   string // sheet name as written
	Row     int    // 1-based row in Sheet
	// Release is the row's level (a Markings name); "" is the lowest.
	Release string
}

// About is the document metadata from the About sheet.
type About struct {
	Title          string
	Subtitle       string
	AsOf           time.Time
	Author         string
	Organisation   string
	Classification string
	Footer         string
	Notes          string
	// Language is the language of the workbook's text, a well-formed
	// BCP 47 tag in its canonical form ("en", "de", "en-GB"; the About
	// sheet's Language key); "" when it names none or an invalid one.
	Language string
	// Edition is the workbook's default edition (a Markings name, the
	// About sheet's Edition key); "" when it names none.
	Edition string
}

// PartyIndex returns the index of the party with the given name or short
// name (case-insensitive), or -1.
func (m *Matrix) PartyIndex(name string) int {
	for i, p := range m.Parties {
		if strings.EqualFold(p.Name, name) || (p.Short != "" && strings.EqualFold(p.Short, name)) {
			return i
		}
	}
	return -1
}

// IssueIndex returns the index of the issue with the given name or short
// name (case-insensitive), or -1.
func (m *Matrix) IssueIndex(name string) int {
	for i, is := range m.Issues {
		if strings.EqualFold(is.Name, name) || (is.Short != "" && strings.EqualFold(is.Short, name)) {
			return i
		}
	}
	return -1
}

// EvidenceFor returns the evidence rows for a party and issue, newest first
// (rows without a date last, then in workbook order).
func (m *Matrix) EvidenceFor(party, issue string) []Evidence {
	var out []Evidence
	for _, e := range m.Evidence {
		if e.Party == party && e.Issue == issue {
			out = append(out, e)
		}
	}
	sortEvidence(out)
	return out
}
