package matrix

import (
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// This file holds the history of a stance matrix across dates (issue 17):
// the dated states of one workbook's snapshots or of several workbooks,
// parties and issues matched across them, and what moved. The formulas are
// documented in the README section "History" and on each type below.

// State is the matrix on one date of a history.
type State struct {
	Date time.Time
	// Source names the state: the base name of its file for a workbook's
	// current Matrix sheet, "file: Matrix YYYY-MM-DD" for a snapshot.
	Source string
	Matrix *Matrix
}

// UndatedError is the error of NewHistory for a workbook without a date:
// no About "As of" and no YYYY-MM-DD in its file name.
type UndatedError struct{ File string }

func (e *UndatedError) Error() string {
	return fmt.Sprintf("%s: no date: the About sheet has no \"As of\" and the file name holds no YYYY-MM-DD date", e.File)
}

// reFileDate finds a YYYY-MM-DD date in a file name, not inside a longer
// run of digits.
var reFileDate = regexp.MustCompile(`(?:^|[^0-9])(\d{4}-\d{2}-\d{2})(?:[^0-9]|$)`)

// FileDate returns the date of a workbook for a history: its About "As of"
// date, else the first YYYY-MM-DD date in the base name of its file; ok is
// false when it has neither.
func FileDate(m *Matrix) (time.Time, bool) {
	if !m.About.AsOf.IsZero() {
		return m.About.AsOf, true
	}
	for _, sm := range reFileDate.FindAllStringSubmatch(filepath.Base(m.Source), -1) {
		if d, err := time.Parse(time.DateOnly, sm[1]); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// States returns the dated states of workbooks, oldest first: each
// workbook's current Matrix sheet on its FileDate, and each of its
// snapshots on the snapshot's date. Two states on the same calendar day
// are one too many: a workbook's current sheet wins over a snapshot sheet
// of another workbook (the snapshot is listed in skipped); of two
// snapshots, the one kept in the older workbook wins (it was written
// closest to its date, under the names of its time); two workbooks dated
// the same day are an error, as is a workbook without a date (an
// *UndatedError).
func States(ms []*Matrix) (states []State, skipped []string, err error) {
	type cand struct {
		State
		current bool
		fileDay time.Time
	}
	var cands []cand
	for _, m := range alignEditions(ms...) {
		d, ok := FileDate(m)
		name := filepath.Base(m.Source)
		if m.Source == "" {
			name = "matrix"
		}
		if !ok {
			return nil, nil, &UndatedError{File: m.Source}
		}
		cands = append(cands, cand{State: State{Date: calendarDay(d), Source: name, Matrix: m}, current: true, fileDay: calendarDay(d)})
		for _, s := range m.Snapshots {
			sheet := s.Sheet
			if sheet == "" {
				sheet = snapshotSheet(s.Date)
			}
			cands = append(cands, cand{State: State{Date: calendarDay(s.Date), Source: name + ": " + sheet, Matrix: s.Matrix}, fileDay: calendarDay(d)})
		}
	}
	// Oldest first; on a day, current sheets first, then snapshots of the
	// oldest workbook first.
	sort.SliceStable(cands, func(a, b int) bool {
		x, y := cands[a], cands[b]
		switch {
		case !x.Date.Equal(y.Date):
			return x.Date.Before(y.Date)
		case x.current != y.current:
			return x.current
		}
		return x.fileDay.Before(y.fileDay)
	})
	for k, c := range cands {
		if k > 0 && c.Date.Equal(cands[k-1].Date) {
			prev := states[len(states)-1]
			if c.current {
				return nil, nil, fmt.Errorf("%s and %s are both dated %s; a history holds one matrix per day", prev.Source, c.Source, c.Date.Format(time.DateOnly))
			}
			skipped = append(skipped, fmt.Sprintf("%s (%s is of the same day)", c.Source, prev.Source))
			continue
		}
		states = append(states, c.State)
	}
	return states, skipped, nil
}

// calendarDay is the calendar day of t, at midnight UTC.
func calendarDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// Track follows one party or issue across the dates of a history.
type Track struct {
	// Name is the name at the last date the party or issue is present.
	Name string
	// Names holds, per date, the name in that state ("" when absent);
	// Index the index in that state's matrix (−1 when absent).
	Names []string
	Index []int
}

// Present reports whether the party or issue is in the state of date d
// (an index into History.States).
func (t Track) Present(d int) bool { return t.Index[d] >= 0 }

// EventKind says what happened to a party or issue between two dates.
type EventKind int

const (
	Appeared    EventKind = iota // present at this date, absent at the one before
	Disappeared                  // absent at this date, present at the one before
	Renamed                      // present at both under another name (matched by an alias)
)

// String returns "appeared", "disappeared" or "renamed".
func (k EventKind) String() string {
	switch k {
	case Disappeared:
		return "disappeared"
	case Renamed:
		return "renamed"
	}
	return "appeared"
}

// MarshalText encodes the kind as its String.
func (k EventKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Event is a party or issue that appeared, disappeared or was renamed.
type Event struct {
	Date  time.Time
	Kind  EventKind
	Party bool   // a party; else an issue
	Name  string // the Track's Name
	Old   string // with Renamed: the name at the date before
	New   string // with Renamed: the name at this date
}

// Move is one cell whose stance changed between two dates of a history.
type Move struct {
	Date      time.Time // the date of the new stance
	From      time.Time // the previous date at which the cell was in the matrix
	Issue     int       // index in History.Issues
	Party     int       // index in History.Parties
	Old, New  string    // canonical labels; "" for blank
	Direction Direction
	// Delta is the score change, New − Old, each on its state's scale;
	// meaningful when HasDelta (both stances scored).
	Delta    float64
	HasDelta bool
}

// PartyMovement is how one party moved over a history.
type PartyMovement struct {
	Party int // index in History.Parties
	// Moves counts its changed cells; Distance is Σ |Delta| over those with
	// a score on both sides, Net Σ Delta (above 0: towards support).
	Moves           int
	Distance, Net   float64
	Partners        []PartnerShift // every other party with a figure at two dates, in party order
	Closer, Further int            // partners whose agreement rose, fell
}

// PartnerShift is the change in agreement between two parties: Agreement
// at the first and at the last date where the pair has a figure (both
// present, sharing at least MinShared scored issues).
type PartnerShift struct {
	Other            int // index in History.Parties
	FromDate, ToDate time.Time
	From, To         float64
	Change           float64 // To − From
}

// IssueTrend is whether the positions on one issue converged or diverged:
// the issue's Consensus and Spread (IssueStatistics) at the first and the
// last date where it has a consensus figure.
type IssueTrend struct {
	Issue            int  // index in History.Issues
	OK               bool // a consensus figure at two dates
	FromDate, ToDate time.Time
	ConsensusFrom    float64
	ConsensusTo      float64
	SpreadFrom       float64
	SpreadTo         float64
	Trend            Trend
}

// Trend is the way the positions on an issue went.
type Trend int

const (
	Steady    Trend = iota // consensus unchanged, or no figure at two dates
	Converged              // consensus rose
	Diverged               // consensus fell
)

// String returns "steady", "converged" or "diverged".
func (t Trend) String() string {
	switch t {
	case Converged:
		return "converged"
	case Diverged:
		return "diverged"
	}
	return "steady"
}

// MarshalText encodes the trend as its String.
func (t Trend) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// DateAgreement is the mean agreement of the matrix on one date: the
// unweighted mean of Agreement over the pairs of parties that share at
// least MinShared scored issues. OK is false when no pair does.
type DateAgreement struct {
	Date  time.Time
	Mean  float64
	Pairs int // pairs counted
	OK    bool
}

// History is a stance matrix across dates.
type History struct {
	States  []State  // oldest first, one per day
	Skipped []string // states left out as a duplicate of a day, see States
	Parties []Track  // in the order of the newest state, then those gone, newest first
	Issues  []Track
	Events  []Event // by date, parties before issues, then in track order
	Moves   []Move  // by date, then issue, then party
	// PartyMoves and IssueTrends are parallel to Parties and Issues.
	PartyMoves  []PartyMovement
	IssueTrends []IssueTrend
	Agreement   []DateAgreement // parallel to States
}

// Moved reports whether anything moved: a cell changed, or a party or
// issue appeared, disappeared or was renamed.
func (h *History) Moved() bool { return len(h.Moves)+len(h.Events) > 0 }

// Stance returns the stance of issue i and party p at date d and whether
// the cell is in that state's matrix (both the issue and the party are).
func (h *History) Stance(i, p, d int) (string, bool) {
	ii, pi := h.Issues[i].Index[d], h.Parties[p].Index[d]
	if ii < 0 || pi < 0 {
		return "", false
	}
	return cellAt(h.States[d].Matrix, ii, pi).Stance, true
}

// NewHistory builds the history of workbooks: their states (see States),
// parties and issues matched across dates, and what moved.
//
// A party (issue) of one date is the same as one of an earlier date when
// one of its name and aliases equals one of the other's, ignoring case and
// repeated spaces as the reader does; short names do not match. A party
// matching two earlier ones, or two parties of one date matching the same
// earlier one, is an error: the history never merges what the workbooks
// do not say is one.
func NewHistory(ms []*Matrix) (*History, error) {
	states, skipped, err := States(ms)
	if err != nil {
		return nil, err
	}
	h := &History{States: states, Skipped: skipped}
	if h.Parties, err = tracks(states, true); err != nil {
		return nil, err
	}
	if h.Issues, err = tracks(states, false); err != nil {
		return nil, err
	}
	h.events()
	h.moves()
	h.partyMovement()
	h.issueTrends()
	return h, nil
}

// tracks matches the parties (or issues) of the states across dates.
func tracks(states []State, parties bool) ([]Track, error) {
	kind, kinds := "issue", "issues"
	if parties {
		kind, kinds = "party", "parties"
	}
	var out []Track
	owner := map[string]int{} // normalised name or alias → track
	for d, st := range states {
		n := len(st.Matrix.Issues)
		if parties {
			n = len(st.Matrix.Parties)
		}
		for j := 0; j < n; j++ {
			name, aliases := "", Aliases("")
			if parties {
				name, aliases = st.Matrix.Parties[j].Name, st.Matrix.Parties[j].Aliases
			} else {
				name, aliases = st.Matrix.Issues[j].Name, st.Matrix.Issues[j].Aliases
			}
			keys := append([]string{normLabel(name)}, aliases.List()...)
			for k := 1; k < len(keys); k++ {
				keys[k] = normLabel(keys[k])
			}
			t := -1
			for _, k := range keys {
				o, ok := owner[k]
				if !ok || o == t {
					continue
				}
				if t >= 0 {
					return nil, fmt.Errorf("%s: %s %q matches both %q and %q of earlier dates by name or alias; a history does not merge them",
						st.Source, kind, name, out[t].Name, out[o].Name)
				}
				t = o
			}
			if t >= 0 && out[t].Index[d] >= 0 {
				return nil, fmt.Errorf("%s: %s %q and %q both match %q by name or alias; a history does not merge them",
					st.Source, kinds, out[t].Names[d], name, out[t].Name)
			}
			if t < 0 {
				t = len(out)
				tr := Track{Names: make([]string, len(states)), Index: make([]int, len(states))}
				for k := range tr.Index {
					tr.Index[k] = -1
				}
				out = append(out, tr)
			}
			out[t].Names[d], out[t].Index[d], out[t].Name = name, j, name
			for _, k := range keys {
				owner[k] = t
			}
		}
	}
	// Display order: the newest state's order, then the tracks gone from it
	// in the order of the newest state they are in.
	pos := make([]int, len(out))
	for t := range pos {
		pos[t] = -1
	}
	next := 0
	for d := len(states) - 1; d >= 0; d-- {
		// The tracks present at d, in their order at d.
		at := make([]int, 0, len(out))
		for t := range out {
			if pos[t] < 0 && out[t].Index[d] >= 0 {
				at = append(at, t)
			}
		}
		sort.Slice(at, func(a, b int) bool { return out[at[a]].Index[d] < out[at[b]].Index[d] })
		for _, t := range at {
			pos[t] = next
			next++
		}
	}
	sorted := make([]Track, len(out))
	for t, p := range pos {
		sorted[p] = out[t]
	}
	return sorted, nil
}

func (h *History) events() {
	for _, party := range []bool{true, false} {
		ts := h.Issues
		if party {
			ts = h.Parties
		}
		for d := 1; d < len(h.States); d++ {
			for _, t := range ts {
				ev := Event{Date: h.States[d].Date, Party: party, Name: t.Name}
				switch was, is := t.Present(d-1), t.Present(d); {
				case !was && is:
					ev.Kind = Appeared
				case was && !is:
					ev.Kind = Disappeared
				case was && is && t.Names[d-1] != t.Names[d]:
					ev.Kind, ev.Old, ev.New = Renamed, t.Names[d-1], t.Names[d]
				default:
					continue
				}
				h.Events = append(h.Events, ev)
			}
		}
	}
	sort.SliceStable(h.Events, func(a, b int) bool { return h.Events[a].Date.Before(h.Events[b].Date) })
}

// moves finds every changed cell: a cell's stance compared with the one at
// the previous date at which the cell was in the matrix.
func (h *History) moves() {
	np, ni := len(h.Parties), len(h.Issues)
	last := make([]int, ni*np) // date of the cell's previous stance + 1; 0: none yet
	for d, st := range h.States {
		m := st.Matrix
		for i, it := range h.Issues {
			ii := it.Index[d]
			if ii < 0 {
				continue
			}
			for p, pt := range h.Parties {
				pi := pt.Index[d]
				if pi < 0 {
					continue
				}
				k := i*np + p
				prev := last[k] - 1
				last[k] = d + 1
				if prev < 0 {
					continue
				}
				old := cellAt(h.States[prev].Matrix, h.Issues[i].Index[prev], h.Parties[p].Index[prev]).Stance
				cur := cellAt(m, ii, pi).Stance
				if strings.EqualFold(old, cur) {
					continue
				}
				os := h.States[prev].Matrix.Scale
				mv := Move{Date: st.Date, From: h.States[prev].Date, Issue: i, Party: p, Old: old, New: cur,
					Direction: direction(os, old, m.Scale, cur)}
				so, ok1 := os.Score(old)
				sn, ok2 := m.Scale.Score(cur)
				if ok1 && ok2 {
					mv.Delta, mv.HasDelta = sn-so, true
				}
				h.Moves = append(h.Moves, mv)
			}
		}
	}
}

// partyMovement sums each party's moves and compares its agreement with
// every other party at the first and the last date the pair has a figure;
// it also fills the mean agreement per date.
func (h *History) partyMovement() {
	np := len(h.Parties)
	h.PartyMoves = make([]PartyMovement, np)
	for p := range h.PartyMoves {
		h.PartyMoves[p].Party = p
	}
	for _, mv := range h.Moves {
		pm := &h.PartyMoves[mv.Party]
		pm.Moves++
		if mv.HasDelta {
			pm.Distance += math.Abs(mv.Delta)
			pm.Net += mv.Delta
		}
	}
	type figure struct {
		d int
		a float64
	}
	first := make([]figure, np*np)
	lastF := make([]figure, np*np)
	for k := range first {
		first[k].d = -1
	}
	h.Agreement = make([]DateAgreement, len(h.States))
	for d, st := range h.States {
		m := st.Matrix
		da := DateAgreement{Date: st.Date}
		// The tracks present at d, by their index in m.
		at := make([]int, len(m.Parties))
		for k := range at {
			at[k] = -1
		}
		for p, t := range h.Parties {
			if t.Index[d] >= 0 {
				at[t.Index[d]] = p
			}
		}
		am := AgreementMatrix(m)
		sum := 0.0
		for a := range am {
			for b := a + 1; b < len(am); b++ {
				pr := am[a][b]
				if !pr.OK || pr.Shared < MinShared || at[a] < 0 || at[b] < 0 {
					continue
				}
				sum += pr.Agreement
				da.Pairs++
				for _, k := range []int{at[a]*np + at[b], at[b]*np + at[a]} {
					if first[k].d < 0 {
						first[k] = figure{d, pr.Agreement}
					}
					lastF[k] = figure{d, pr.Agreement}
				}
			}
		}
		if da.Pairs > 0 {
			da.Mean, da.OK = sum/float64(da.Pairs), true
		}
		h.Agreement[d] = da
	}
	for p := range h.PartyMoves {
		pm := &h.PartyMoves[p]
		for q := 0; q < np; q++ {
			k := p*np + q
			if q == p || first[k].d < 0 || first[k].d == lastF[k].d {
				continue
			}
			s := PartnerShift{Other: q, FromDate: h.States[first[k].d].Date, ToDate: h.States[lastF[k].d].Date,
				From: first[k].a, To: lastF[k].a, Change: lastF[k].a - first[k].a}
			switch {
			case s.Change > trendEpsilon:
				pm.Closer++
			case s.Change < -trendEpsilon:
				pm.Further++
			}
			pm.Partners = append(pm.Partners, s)
		}
	}
}

// trendEpsilon is the least change of a figure that counts as a change:
// below it, the difference is rounding.
const trendEpsilon = 1e-9

// issueTrends compares each issue's consensus at the first and the last
// date where it has a figure.
func (h *History) issueTrends() {
	stats := make([][]IssueStats, len(h.States)) // computed when needed
	statsAt := func(i, d int) (IssueStats, bool) {
		ii := h.Issues[i].Index[d]
		if ii < 0 {
			return IssueStats{}, false
		}
		if stats[d] == nil {
			stats[d] = IssueStatistics(h.States[d].Matrix)
		}
		s := stats[d][ii]
		return s, s.HasConsensus
	}
	h.IssueTrends = make([]IssueTrend, len(h.Issues))
	for i := range h.Issues {
		tr := IssueTrend{Issue: i}
		from, to := -1, -1
		var sf, st IssueStats
		for d := range h.States {
			if s, ok := statsAt(i, d); ok {
				from, sf = d, s
				break
			}
		}
		for d := len(h.States) - 1; d > from && from >= 0; d-- {
			if s, ok := statsAt(i, d); ok {
				to, st = d, s
				break
			}
		}
		if to > from && from >= 0 {
			tr.OK = true
			tr.FromDate, tr.ToDate = h.States[from].Date, h.States[to].Date
			tr.ConsensusFrom, tr.ConsensusTo = sf.Consensus, st.Consensus
			tr.SpreadFrom, tr.SpreadTo = sf.Spread, st.Spread
			switch c := st.Consensus - sf.Consensus; {
			case c > trendEpsilon:
				tr.Trend = Converged
			case c < -trendEpsilon:
				tr.Trend = Diverged
			}
		}
		h.IssueTrends[i] = tr
	}
}

// MovedCells returns the cells that moved, as [issue, party] indexes into
// Issues and Parties, in issue then party order.
func (h *History) MovedCells() [][2]int {
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
