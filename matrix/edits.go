package matrix

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// This file finds the edits a reviewer signs off besides the stances (issue
// 17): a cell's note, the evidence rows, the parties' and issues' fields,
// the scale, the About sheet and the author's findings.

// EditKind says what an Edit changed.
type EditKind int

const (
	NoteEdited      EditKind = iota // a cell's note (added, changed or removed)
	EvidenceAdded                   // an evidence row the older workbook lacks
	EvidenceEdited                  // an evidence row with some fields changed
	EvidenceRemoved                 // an evidence row the newer workbook lacks
	PartyEdited                     // a field of a party in both
	IssueEdited                     // a field of an issue in both
	ScaleEdited                     // a stance added, removed or changed
	AboutEdited                     // a field of the About sheet
	FindingAdded                    // an author's finding the older workbook lacks
	FindingRemoved                  // an author's finding the newer workbook lacks
)

// String returns the kind as the outputs print it: "note", "evidence
// added", "evidence edited", "evidence removed", "party", "issue", "scale",
// "about", "finding added" or "finding removed".
func (k EditKind) String() string {
	switch k {
	case NoteEdited:
		return "note"
	case EvidenceAdded:
		return "evidence added"
	case EvidenceEdited:
		return "evidence edited"
	case EvidenceRemoved:
		return "evidence removed"
	case PartyEdited:
		return "party"
	case IssueEdited:
		return "issue"
	case ScaleEdited:
		return "scale"
	case AboutEdited:
		return "about"
	case FindingAdded:
		return "finding added"
	case FindingRemoved:
		return "finding removed"
	}
	return "edit(" + strconv.Itoa(int(k)) + ")"
}

// MarshalText encodes the kind as its String.
func (k EditKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// Edit is one change other than a stance.
type Edit struct {
	Kind EditKind
	// Party and Issue are the canonical names (of the newer workbook) the
	// edit concerns; empty when it concerns none (the scale, About).
	Party, Issue string
	// Subject names what changed for a reader: "Crimea / Ukraine" for a
	// cell or an evidence row, a party's or issue's name, a stance's label,
	// "About", or the finding's text.
	Subject string
	// Field is the field that changed ("Quote", "Description", "Title",
	// "Score", …); empty for a note and for a row added or removed.
	Field string
	// Old and New are the field's values (for a row added or removed, the
	// row in one line); "" for none.
	Old, New string
	// Ref is where the edit is in the newer workbook ("Evidence!A7"), or
	// in the older one for something removed; empty when unknown.
	Ref string
}

// edits returns the edits from old to new besides the stances. Against a
// snapshot of new (which holds the Matrix sheet only, sharing the rest of
// the workbook) only the notes are compared, and only when the snapshot
// sheet holds a note at all, as a sheet copied without its notes would
// otherwise show every note as added.
func edits(old, new *Matrix, pmap, imap []int) []Edit {
	var out []Edit
	snapshot := isSnapshotOf(old, new)
	if !snapshot || hasNotes(old) {
		out = append(out, noteEdits(old, new, pmap, imap)...)
	}
	if snapshot {
		return out
	}
	out = append(out, evidenceEdits(old, new)...)
	for p, op := range pmap {
		if op >= 0 {
			a, b := old.Parties[op], new.Parties[p]
			out = append(out, fieldEdits(PartyEdited, b.Name, "", b.Name, b.Ref, []field{
				{"Name", a.Name, b.Name}, {"Short", a.Short, b.Short}, {"Group", a.Group, b.Group},
				{"Color", a.Color, b.Color}, {"Weight", num(a.Weight), num(b.Weight)}, {"Description", a.Description, b.Description},
			})...)
		}
	}
	for i, oi := range imap {
		if oi >= 0 {
			a, b := old.Issues[oi], new.Issues[i]
			out = append(out, fieldEdits(IssueEdited, "", b.Name, b.Name, b.Ref, []field{
				{"Name", a.Name, b.Name}, {"Short", a.Short, b.Short}, {"Category", a.Category, b.Category},
				{"Weight", num(a.Weight), num(b.Weight)}, {"Description", a.Description, b.Description},
			})...)
		}
	}
	out = append(out, scaleEdits(old.Scale, new.Scale)...)
	// The As of dates are the comparison's own (OldDate, NewDate).
	a, b := old.About, new.About
	out = append(out, fieldEdits(AboutEdited, "", "", "About", "", []field{
		{"Title", a.Title, b.Title}, {"Subtitle", a.Subtitle, b.Subtitle},
		{"Author", a.Author, b.Author}, {"Organisation", a.Organisation, b.Organisation},
		{"Classification", a.Classification, b.Classification}, {"Footer", a.Footer, b.Footer}, {"Notes", a.Notes, b.Notes},
		{"Language", a.Language, b.Language},
	})...)
	out = append(out, findingEdits(old, new)...)
	return out
}

func isSnapshotOf(old, new *Matrix) bool {
	for _, s := range new.Snapshots {
		if s.Matrix == old {
			return true
		}
	}
	return false
}

func hasNotes(m *Matrix) bool {
	found := false
	m.NoteCells(func(i, p int) {
		found = found || m.Cell(i, p).Note != ""
	})
	return found
}

func num(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

type field struct{ name, old, new string }

// fieldEdits returns an edit of kind for each field whose value differs.
func fieldEdits(kind EditKind, party, issue, subject, ref string, fs []field) []Edit {
	var out []Edit
	for _, f := range fs {
		if f.old != f.new {
			out = append(out, Edit{Kind: kind, Party: party, Issue: issue, Subject: subject, Field: f.name, Old: f.old, New: f.new, Ref: ref})
		}
	}
	return out
}

func noteEdits(old, new *Matrix, pmap, imap []int) []Edit {
	var out []Edit
	for i, oi := range imap {
		if oi < 0 {
			continue
		}
		for p, op := range pmap {
			if op < 0 {
				continue
			}
			nc, oc := cellAt(new, i, p), cellAt(old, oi, op)
			if nc.Note != oc.Note {
				is, pt := new.Issues[i].Name, new.Parties[p].Name
				out = append(out, Edit{Kind: NoteEdited, Party: pt, Issue: is, Subject: is + " / " + pt, Old: oc.Note, New: nc.Note, Ref: new.CellRef(i, p)})
			}
		}
	}
	return out
}

func scaleEdits(old, new Scale) []Edit {
	var out []Edit
	seen := map[string]bool{}
	score := func(s Stance) string {
		if !s.HasScore {
			return ""
		}
		return num(s.Score)
	}
	for _, b := range new.Stances {
		k := normLabel(b.Label)
		seen[k] = true
		a, ok := old.Lookup(b.Label)
		if !ok || normLabel(a.Label) != k {
			out = append(out, Edit{Kind: ScaleEdited, Subject: b.Label, Field: "Label", New: b.Label})
			continue
		}
		out = append(out, fieldEdits(ScaleEdited, "", "", b.Label, "", []field{
			{"Label", a.Label, b.Label}, {"Score", score(a), score(b)}, {"Color", a.Color, b.Color},
			{"Symbol", a.Symbol, b.Symbol}, {"Aliases", strings.Join(a.Aliases, ", "), strings.Join(b.Aliases, ", ")},
			{"Description", a.Description, b.Description},
		})...)
	}
	for _, a := range old.Stances {
		if !seen[normLabel(a.Label)] {
			out = append(out, Edit{Kind: ScaleEdited, Subject: a.Label, Field: "Label", Old: a.Label})
		}
	}
	return out
}

func findingEdits(old, new *Matrix) []Edit {
	var out []Edit
	for _, f := range unmatchedFindings(new.Findings, old.Findings) {
		out = append(out, Edit{Kind: FindingAdded, Issue: f.Issue, Subject: f.Text, New: f.Text, Ref: rowRef(f.Sheet, f.Row)})
	}
	for _, f := range unmatchedFindings(old.Findings, new.Findings) {
		out = append(out, Edit{Kind: FindingRemoved, Issue: f.Issue, Subject: f.Text, Old: f.Text, Ref: rowRef(f.Sheet, f.Row)})
	}
	return out
}

// unmatchedFindings returns the findings of fs whose text is not in
// others, each finding of others matching one of fs at most.
func unmatchedFindings(fs, others []Finding) []Finding {
	count := map[string]int{}
	for _, f := range others {
		count[f.Text]++
	}
	var out []Finding
	for _, f := range fs {
		if count[f.Text] > 0 {
			count[f.Text]--
			continue
		}
		out = append(out, f)
	}
	return out
}

func rowRef(sheet string, row int) string {
	if sheet == "" || row <= 0 {
		return ""
	}
	return fmt.Sprintf("%s!A%d", sheet, row)
}

// evidenceFields are an evidence row's fields in the order of the sheet.
func evidenceFields(e Evidence) []field {
	return []field{
		{"Stance", "", e.Stance}, {"Date", "", day(e.Date)}, {"Summary", "", e.Summary}, {"Quote", "", e.Quote},
		{"Speaker", "", e.Speaker}, {"Source", "", e.Source}, {"URL", "", e.URL},
	}
}

// evidenceLine writes an evidence row in one line, for a row added or
// removed.
func evidenceLine(e Evidence) string {
	var parts []string
	for _, f := range evidenceFields(e) {
		if f.new != "" {
			parts = append(parts, f.name+": "+f.new)
		}
	}
	return strings.Join(parts, "; ")
}

// evidenceEdits compares the evidence rows of two workbooks. Rows have no
// identity, so rows of the same cell (party and issue, ignoring case) are
// paired: identical rows first, then the most alike (see likeness) as long
// as more of their filled fields are equal than differ; a row left unpaired
// was added or removed. An edited row gives one edit per changed field.
func evidenceEdits(old, new *Matrix) []Edit {
	key := func(e Evidence) string { return strings.ToLower(e.Party) + "\x00" + strings.ToLower(e.Issue) }
	byCell := map[string][]int{}
	for i, e := range old.Evidence {
		byCell[key(e)] = append(byCell[key(e)], i)
	}
	usedOld := make([]bool, len(old.Evidence))
	match := make([]int, len(new.Evidence)) // index in old, or −1
	for j := range match {
		match[j] = -1
	}
	// Identical rows.
	for j, e := range new.Evidence {
		for _, i := range byCell[key(e)] {
			if !usedOld[i] && sameEvidence(old.Evidence[i], e) {
				usedOld[i], match[j] = true, i
				break
			}
		}
	}
	// Then the closest rows, best pairs first.
	for want := 6; want >= 1; want-- {
		for j, e := range new.Evidence {
			if match[j] >= 0 {
				continue
			}
			for _, i := range byCell[key(e)] {
				if !usedOld[i] && likeness(old.Evidence[i], e) == want {
					usedOld[i], match[j] = true, i
					break
				}
			}
		}
	}
	var out []Edit
	for j, e := range new.Evidence {
		subject := e.Issue + " / " + e.Party
		ref := rowRef(e.Sheet, e.Row)
		if match[j] < 0 {
			out = append(out, Edit{Kind: EvidenceAdded, Party: e.Party, Issue: e.Issue, Subject: subject, New: evidenceLine(e), Ref: ref})
			continue
		}
		of, nf := evidenceFields(old.Evidence[match[j]]), evidenceFields(e)
		for k := range nf {
			if of[k].new != nf[k].new {
				out = append(out, Edit{Kind: EvidenceEdited, Party: e.Party, Issue: e.Issue, Subject: subject,
					Field: nf[k].name, Old: of[k].new, New: nf[k].new, Ref: ref})
			}
		}
	}
	for i, e := range old.Evidence {
		if !usedOld[i] {
			party, issue := e.Party, e.Issue
			if p := new.PartyIndex(party); p >= 0 {
				party = new.Parties[p].Name
			}
			if is := new.IssueIndex(issue); is >= 0 {
				issue = new.Issues[is].Name
			}
			out = append(out, Edit{Kind: EvidenceRemoved, Party: party, Issue: issue, Subject: e.Issue + " / " + e.Party,
				Old: evidenceLine(e), Ref: rowRef(e.Sheet, e.Row)})
		}
	}
	return out
}

func sameEvidence(a, b Evidence) bool {
	fa, fb := evidenceFields(a), evidenceFields(b)
	for k := range fa {
		if fa[k].new != fb[k].new {
			return false
		}
	}
	return true
}

// likeness is the number of fields (stance, date, summary, quote, speaker,
// source, URL) filled and equal in both rows less the number that differ.
func likeness(a, b Evidence) int {
	fa, fb := evidenceFields(a), evidenceFields(b)
	n := 0
	for k := range fa {
		switch {
		case fa[k].new != fb[k].new:
			n--
		case fa[k].new != "":
			n++
		}
	}
	return n
}

// String writes the edit in one line, as diff, the briefings' changes
// sections and the Markdown show it, e.g.
//
//	note changed on Talks / Ukraine: "Ready to talk." → "Not ready."
//	evidence on Talks / Ukraine: Quote "We are ready." → "We are ready!"
//	About: Title "Talks" → "London talks"
//
// Values are quoted as Go quotes them, so that a line break or an empty
// value shows.
func (e Edit) String() string {
	q := strconv.Quote
	change := func(head string) string {
		if e.Field == "" {
			return fmt.Sprintf("%s: %s → %s", head, q(e.Old), q(e.New))
		}
		return fmt.Sprintf("%s: %s %s → %s", head, e.Field, q(e.Old), q(e.New))
	}
	switch e.Kind {
	case NoteEdited:
		switch {
		case e.Old == "":
			return fmt.Sprintf("note added on %s: %s", e.Subject, q(e.New))
		case e.New == "":
			return fmt.Sprintf("note removed on %s: %s", e.Subject, q(e.Old))
		}
		return fmt.Sprintf("note changed on %s: %s → %s", e.Subject, q(e.Old), q(e.New))
	case EvidenceAdded:
		return fmt.Sprintf("evidence added on %s: %s", e.Subject, e.New)
	case EvidenceRemoved:
		return fmt.Sprintf("evidence removed on %s: %s", e.Subject, e.Old)
	case EvidenceEdited:
		return change("evidence on " + e.Subject)
	case PartyEdited:
		return change("party " + e.Subject)
	case IssueEdited:
		return change("issue " + e.Subject)
	case ScaleEdited:
		switch {
		case e.Field == "Label" && e.Old == "":
			return fmt.Sprintf("scale: stance %s added", q(e.New))
		case e.Field == "Label" && e.New == "":
			return fmt.Sprintf("scale: stance %s removed", q(e.Old))
		}
		return change("scale: stance " + q(e.Subject))
	case AboutEdited:
		return change("About")
	case FindingAdded:
		return fmt.Sprintf("author's finding added: %s", q(e.New))
	case FindingRemoved:
		return fmt.Sprintf("author's finding removed: %s", q(e.Old))
	}
	return change(e.Kind.String() + " " + e.Subject)
}
