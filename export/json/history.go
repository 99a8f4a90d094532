package json

import (
	"bufio"
	"encoding/json"
	"io"
	"time"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// HistorySchemaVersion is the version of the JSON schema of `history`,
// raised when a field changes meaning or goes away.
const HistorySchemaVersion = 1

// The JSON document of `history`; the README and $defs/historyDocument of
// testdata/stancematrix.schema.json document it.
type (
	historyDoc struct {
		SchemaVersion int            `json:"schema_version"`
		Edition       *edition       `json:"edition,omitempty"`
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

// History writes h as the JSON document of `stancematrix history`:
// indented, figures rounded to 4 decimals, lists never null, so that the
// same inputs give the same bytes. It has no provenance of its own (each
// date names its source); opt is for what formats share and is unused
// today.
func History(w io.Writer, h *matrix.History, opt export.Options) error {
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
	doc := historyDoc{SchemaVersion: HistorySchemaVersion, Moved: h.Moved(), Skipped: append([]string{}, h.Skipped...),
		Dates: []historyDate{}, Events: []historyEvent{}, Moves: []historyMove{}, Cells: []historyCell{},
		Parties: []historyParty{}, Issues: []historyIssue{}}
	if level, banner := h.Edition(); banner != "" {
		doc.Edition = &edition{Level: level, Banner: banner}
	}
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
	for _, c := range h.MovedCells() {
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
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return bw.Flush()
}
