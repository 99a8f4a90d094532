package json

import (
	"strings"

	"github.com/stancematrix/stancematrix/matrix"
)

type changes struct {
	Old            string       `json:"old"`
	New            string       `json:"new"`
	OldDate        *string      `json:"old_date"`
	NewDate        *string      `json:"new_date"`
	Cells          []cellChange `json:"cells"`
	PartiesAdded   []string     `json:"parties_added"`
	PartiesRemoved []string     `json:"parties_removed"`
	IssuesAdded    []string     `json:"issues_added"`
	IssuesRemoved  []string     `json:"issues_removed"`
	NewEvidence    []evidence   `json:"new_evidence"`
	Edits          []edit       `json:"edits"`
}

// edit is a matrix.Edit; empty strings are null.
type edit struct {
	Kind    string  `json:"kind"`
	Party   *string `json:"party"`
	Issue   *string `json:"issue"`
	Subject string  `json:"subject"`
	Field   *string `json:"field"`
	Old     *string `json:"old"`
	New     *string `json:"new"`
	Ref     *string `json:"ref"`
}

// editKind is an edit's kind as the JSON schema names it: its String with
// underscores for spaces ("evidence_edited").
func editKind(k matrix.EditKind) string { return strings.ReplaceAll(k.String(), " ", "_") }

type cellChange struct {
	Issue     string  `json:"issue"`
	Party     string  `json:"party"`
	Old       *string `json:"old"`
	New       *string `json:"new"`
	Direction string  `json:"direction"`
	Ref       string  `json:"ref"`
	// OldScore and NewScore place the two stances on the newer matrix's
	// scale; null for a blank cell or a stance without a score.
	OldScore *float64 `json:"old_score"`
	NewScore *float64 `json:"new_score"`
}

func changesOf(ch *matrix.Changes) changes {
	out := changes{Old: ch.Old, New: ch.New, OldDate: date(ch.OldDate), NewDate: date(ch.NewDate),
		Cells:          make([]cellChange, 0, len(ch.Cells)),
		PartiesAdded:   append([]string{}, ch.PartiesAdded...),
		PartiesRemoved: append([]string{}, ch.PartiesRemoved...),
		IssuesAdded:    append([]string{}, ch.IssuesAdded...),
		IssuesRemoved:  append([]string{}, ch.IssuesRemoved...),
		NewEvidence:    make([]evidence, 0, len(ch.NewEvidence)),
		Edits:          make([]edit, 0, len(ch.Edits)),
	}
	for _, e := range ch.Edits {
		out.Edits = append(out.Edits, edit{Kind: editKind(e.Kind), Party: label(e.Party), Issue: label(e.Issue), Subject: e.Subject,
			Field: label(e.Field), Old: label(e.Old), New: label(e.New), Ref: label(e.Ref)})
	}
	for _, c := range ch.Cells {
		cc := cellChange{Issue: c.Issue, Party: c.Party, Old: label(c.Old),
			New: label(c.New), Direction: directionCode(c.Direction), Ref: c.Ref}
		if c.OldScored {
			cc.OldScore = figure(c.OldScore)
		}
		if c.NewScored {
			cc.NewScore = figure(c.NewScore)
		}
		out.Cells = append(out.Cells, cc)
	}
	for _, e := range ch.NewEvidence {
		out.NewEvidence = append(out.NewEvidence, evidenceOf(e))
	}
	return out
}

// directionCode is a direction as the JSON schema names it.
func directionCode(d matrix.Direction) string {
	switch d {
	case matrix.TowardsSupport:
		return "towards_support"
	case matrix.TowardsOpposition:
		return "towards_opposition"
	case matrix.OffAxis:
		return "off_axis"
	default:
		return "moved"
	}
}
