package matrix

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Direction says which way a cell moved on the scale.
type Direction int

const (
	Moved             Direction = iota // label changed, no direction on the axis
	TowardsSupport                     // score went up
	TowardsOpposition                  // score went down
	OffAxis                            // from or to a stance without a score, or blank
)

// String returns "moved", "towards support", "towards opposition" or
// "off-axis".
func (d Direction) String() string {
	switch d {
	case TowardsSupport:
		return "towards support"
	case TowardsOpposition:
		return "towards opposition"
	case OffAxis:
		return "off-axis"
	}
	return "moved"
}

// MarshalText encodes the direction as its String, so that JSON shows
// "towards support" rather than a number.
func (d Direction) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// CellChange is one cell whose stance differs between two matrices.
type CellChange struct {
	Issue, Party string // canonical names (of the newer matrix)
	Old, New     string // canonical labels; "" for blank
	Direction    Direction
	Ref          string // the cell in the newer matrix, e.g. "Matrix!C7"
	// OldScore and NewScore place the two stances on the newer matrix's
	// scale, for drawing the move: NewScore is the new stance's score, and
	// OldScore the old stance's score, or, when the older matrix has
	// another scale, the score at the same fraction of the newer scale's
	// range. Meaningful only when OldScored, NewScored (false for a blank
	// cell or a stance without a score).
	OldScore, NewScore   float64
	OldScored, NewScored bool
}

// Changes is what differs between an older and a newer matrix.
type Changes struct {
	Old, New         string    // descriptions, e.g. "Matrix 2025-04-16" or a file name
	OldDate, NewDate time.Time // zero when unknown
	Cells            []CellChange
	PartiesAdded     []string
	PartiesRemoved   []string
	IssuesAdded      []string
	IssuesRemoved    []string
	NewEvidence      []Evidence // evidence in the newer matrix dated after OldDate
	// Edits are the changes other than stances: notes, evidence rows,
	// parties' and issues' fields, the scale, About and the author's
	// findings (see Diff).
	Edits []Edit
	// Edition and Banner are the newer matrix's edition level and banner
	// when its workbook marks release levels (see Matrix.Edition); "" when
	// it marks none.
	Edition, Banner string
}

// Empty reports whether nothing changed.
func (c *Changes) Empty() bool {
	return c == nil || len(c.Cells)+len(c.PartiesAdded)+len(c.PartiesRemoved)+len(c.IssuesAdded)+len(c.IssuesRemoved)+len(c.NewEvidence)+len(c.Edits) == 0
}

// StancesOnly returns the changes without the Edits: the stance changes,
// the parties and issues added or removed and the new evidence, the narrow
// view of `diff --only stances`. c is not changed.
func (c *Changes) StancesOnly() *Changes {
	if c == nil {
		return nil
	}
	out := *c
	out.Edits = nil
	return &out
}

// Changed returns the change of the cell at issue and party, if any.
func (c *Changes) Changed(issue, party string) (CellChange, bool) {
	if c == nil {
		return CellChange{}, false
	}
	for _, cc := range c.Cells {
		if cc.Issue == issue && cc.Party == party {
			return cc, true
		}
	}
	return CellChange{}, false
}

// foldIndex maps lower-cased names to their first index.
func foldIndex(names []string) map[string]int {
	idx := make(map[string]int, len(names))
	for i, n := range names {
		k := strings.ToLower(n)
		if _, dup := idx[k]; !dup {
			idx[k] = i
		}
	}
	return idx
}

func partyNames(m *Matrix) []string {
	out := make([]string, len(m.Parties))
	for i, p := range m.Parties {
		out[i] = p.Name
	}
	return out
}

func issueNames(m *Matrix) []string {
	out := make([]string, len(m.Issues))
	for i, is := range m.Issues {
		out[i] = is.Name
	}
	return out
}

// position returns the score of a canonical label as a fraction of the
// scale's range (0 at the lowest score, 1 at the highest), so that two
// matrices with different scales compare; ok is false for a blank or
// unscored label or a scale of fewer than two scores.
func position(s Scale, label string) (float64, bool) {
	if label == "" {
		return 0, false
	}
	sc, ok := s.Score(label)
	if !ok {
		return 0, false
	}
	lo, hi, ok := s.Bounds()
	if !ok {
		return 0, false
	}
	return (sc - lo) / (hi - lo), true
}

// onScale returns the score of label on scale os placed on scale ns: the
// score itself when both scales have the same bounds, else the score at
// the same fraction of ns's range.
func onScale(os Scale, label string, ns Scale) (float64, bool) {
	sc, ok := os.Score(label)
	if !ok {
		return 0, false
	}
	olo, ohi, ok1 := os.Bounds()
	nlo, nhi, ok2 := ns.Bounds()
	if olo == nlo && ohi == nhi {
		return sc, true
	}
	if !ok1 || !ok2 {
		return 0, false
	}
	return nlo + (sc-olo)/(ohi-olo)*(nhi-nlo), true
}

// direction classifies a change of label from old (on scale os) to new (on
// scale ns).
func direction(os Scale, old string, ns Scale, new string) Direction {
	if old == "" || new == "" {
		return OffAxis
	}
	_, okOld := os.Score(old)
	_, okNew := ns.Score(new)
	if !okOld || !okNew {
		return OffAxis
	}
	po, ok1 := position(os, old)
	pn, ok2 := position(ns, new)
	switch {
	case !ok1 || !ok2 || po == pn:
		return Moved
	case pn > po:
		return TowardsSupport
	default:
		return TowardsOpposition
	}
}

// Diff compares an older and a newer matrix.
//
// Parties and issues are matched by canonical name, ignoring case. A cell
// changed when its stance label differs (ignoring case) in a party and an
// issue present in both; the direction compares the scores as fractions of
// each matrix's scale range: up is TowardsSupport, down TowardsOpposition,
// a different label with the same score Moved, and a change from or to a
// blank cell or an unscored stance OffAxis. Changed cells come in the newer
// matrix's issue order, then party order; added names in the newer
// matrix's order, removed names in the older one's. Edits holds every other
// change a reviewer signs off, in this order: cell notes (compared exactly,
// in the newer matrix's issue, then party order), evidence rows (added,
// edited field by field, removed: see evidenceEdits), the fields of the
// parties and issues in both (a change of case in a name included), the
// scale's stances, the About sheet's fields but As of (the comparison's own
// dates) and the author's findings
// (added or removed, by text). Against a snapshot of new, which shares the
// rest of the workbook, only notes are compared, and only when the
// snapshot sheet has any. NewEvidence holds the
// newer matrix's evidence dated after the older matrix's As of date (none
// when that date is unknown), oldest first, ties in workbook order.
//
// Old and New describe the two matrices: a snapshot of the other matrix by
// its sheet name ("Matrix 2025-04-16"); an older matrix read from the same
// file with a different As of date as "Matrix YYYY-MM-DD"; otherwise by the
// base name of its file ("matrix" when it has none). OldDate and NewDate are
// the As of dates.
//
// Two editions of different files are compared without what either left
// out (see alignEditions): a party, issue, note or row that one file
// places above the edition is not quoted from the other.
func Diff(old, new *Matrix) *Changes {
	if !isSnapshotOf(old, new) {
		a := alignEditions(old, new)
		old, new = a[0], a[1]
	}
	ch := &Changes{
		Old: describe(old, new, true), New: describe(new, old, false),
		OldDate: old.About.AsOf, NewDate: new.About.AsOf,
	}
	if new.Marked {
		ch.Edition, ch.Banner = new.About.Edition, new.About.Classification
	}
	oldParties, oldIssues := foldIndex(partyNames(old)), foldIndex(issueNames(old))
	newParties, newIssues := foldIndex(partyNames(new)), foldIndex(issueNames(new))

	// pmap[p] is the index in old of new's party p, or -1.
	pmap := make([]int, len(new.Parties))
	for p, pt := range new.Parties {
		if op, ok := oldParties[strings.ToLower(pt.Name)]; ok {
			pmap[p] = op
		} else {
			pmap[p] = -1
			ch.PartiesAdded = append(ch.PartiesAdded, pt.Name)
		}
	}
	for _, pt := range old.Parties {
		if _, ok := newParties[strings.ToLower(pt.Name)]; !ok {
			ch.PartiesRemoved = append(ch.PartiesRemoved, pt.Name)
		}
	}
	for _, is := range old.Issues {
		if _, ok := newIssues[strings.ToLower(is.Name)]; !ok {
			ch.IssuesRemoved = append(ch.IssuesRemoved, is.Name)
		}
	}
	imap := make([]int, len(new.Issues)) // index in old of new's issue i, or −1
	for i, is := range new.Issues {
		oi, ok := oldIssues[strings.ToLower(is.Name)]
		if !ok {
			imap[i] = -1
			ch.IssuesAdded = append(ch.IssuesAdded, is.Name)
			continue
		}
		imap[i] = oi
		for p, pt := range new.Parties {
			op := pmap[p]
			if op < 0 {
				continue
			}
			nc, oc := cellAt(new, i, p), cellAt(old, oi, op)
			if strings.EqualFold(nc.Stance, oc.Stance) {
				continue
			}
			cc := CellChange{
				Issue: is.Name, Party: pt.Name, Old: oc.Stance, New: nc.Stance,
				Direction: direction(old.Scale, oc.Stance, new.Scale, nc.Stance),
				Ref:       new.CellRef(i, p),
			}
			cc.NewScore, cc.NewScored = new.Scale.Score(nc.Stance)
			cc.OldScore, cc.OldScored = onScale(old.Scale, oc.Stance, new.Scale)
			ch.Cells = append(ch.Cells, cc)
		}
	}
	ch.Edits = edits(old, new, pmap, imap)
	if since := old.About.AsOf; !since.IsZero() {
		for _, e := range new.Evidence {
			if !e.Date.IsZero() && e.Date.After(since) {
				ch.NewEvidence = append(ch.NewEvidence, e)
			}
		}
		sort.SliceStable(ch.NewEvidence, func(x, y int) bool {
			return ch.NewEvidence[x].Date.Before(ch.NewEvidence[y].Date)
		})
	}
	return ch
}

// cellAt returns the cell, or a blank one when the matrix is ragged.
func cellAt(m *Matrix, i, p int) Cell { return m.Cell(i, p) }

// describe names m for a changes report; other is the matrix it is compared
// with, and isOld says that m is the older one.
func describe(m, other *Matrix, isOld bool) string {
	for _, s := range other.Snapshots {
		if s.Matrix == m {
			if s.Sheet != "" {
				return s.Sheet
			}
			return snapshotSheet(s.Date)
		}
	}
	if isOld && m.Source == other.Source && !m.About.AsOf.IsZero() && !sameDay(m.About.AsOf, other.About.AsOf) {
		return snapshotSheet(m.About.AsOf)
	}
	if m.Source == "" {
		return "matrix"
	}
	return filepath.Base(m.Source)
}

func snapshotSheet(d time.Time) string { return "Matrix " + d.Format(time.DateOnly) }

func sameDay(a, b time.Time) bool {
	ya, ma, da := a.Date()
	yb, mb, db := b.Date()
	return ya == yb && ma == mb && da == db
}

// SnapshotOn returns the snapshot dated date (the calendar day, ignoring the
// time of day). The error names the dates available.
func (m *Matrix) SnapshotOn(date time.Time) (*Snapshot, error) {
	for i := range m.Snapshots {
		if sameDay(m.Snapshots[i].Date, date) {
			return &m.Snapshots[i], nil
		}
	}
	prefix := ""
	if m.Source != "" {
		prefix = m.Source + ": "
	}
	if len(m.Snapshots) == 0 {
		return nil, fmt.Errorf("%sno snapshot dated %s: the workbook has no sheet named \"Matrix YYYY-MM-DD\"", prefix, date.Format(time.DateOnly))
	}
	dates := make([]string, len(m.Snapshots))
	for i, s := range m.Snapshots {
		dates[i] = s.Date.Format(time.DateOnly)
	}
	return nil, fmt.Errorf("%sno snapshot dated %s (snapshots: %s)", prefix, date.Format(time.DateOnly), strings.Join(dates, ", "))
}

// LatestSnapshot returns the newest snapshot (the last of equally dated
// ones), or nil when there is none.
func (m *Matrix) LatestSnapshot() *Snapshot {
	var best *Snapshot
	for i := range m.Snapshots {
		if best == nil || !m.Snapshots[i].Date.Before(best.Date) {
			best = &m.Snapshots[i]
		}
	}
	return best
}
