package json_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	exportjson "github.com/stancematrix/stancematrix/export/json"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// doc is the JSON document as a consumer would decode it.
type doc struct {
	SchemaVersion *int   `json:"schema_version"`
	Source        string `json:"source"`
	Title         string `json:"title"`
	About         struct {
		Title, Subtitle, Author, Organisation, Classification, Footer, Notes string
		AsOf                                                                 *string `json:"as_of"`
	} `json:"about"`
	Scale []struct {
		Label       string   `json:"label"`
		Score       *float64 `json:"score"`
		Color       string   `json:"color"`
		Symbol      string   `json:"symbol"`
		Aliases     []string `json:"aliases"`
		Description string   `json:"description"`
	} `json:"scale"`
	Parties []struct {
		Name, Short, Group, Color, Description string
		Weight                                 *float64
	} `json:"parties"`
	Issues []struct {
		Name, Short, Category, Description string
		Weight                             *float64
		Statistics                         *struct {
			Positions     int            `json:"positions"`
			Scored        int            `json:"scored"`
			Counts        map[string]int `json:"counts"`
			Spread        *float64       `json:"spread"`
			Range         *float64       `json:"range"`
			Consensus     *float64       `json:"consensus"`
			Median        *float64       `json:"median"`
			ContestedRank *int           `json:"contested_rank"`
		} `json:"statistics"`
	} `json:"issues"`
	Cells     []cell `json:"cells"`
	Evidence  []evidence
	Snapshots []struct {
		Date  *string `json:"date"`
		Sheet string  `json:"sheet"`
		Cells []cell  `json:"cells"`
	} `json:"snapshots"`
	Agreement []struct {
		A, B      string
		Agreement *float64 `json:"agreement"`
		Shared    int      `json:"shared"`
	} `json:"agreement"`
	Contested       []string `json:"contested"`
	SimilarityOrder []string `json:"similarity_order"`
	Map             []struct {
		Party string
		X, Y  float64
	} `json:"map"`
	MapFit struct {
		Explained  []float64 `json:"explained"`
		Stress     *float64  `json:"stress"`
		MinShared  int       `json:"min_shared"`
		Pairs      int       `json:"pairs"`
		PairsKnown int       `json:"pairs_known"`
		LeftOut    []struct {
			Party, Reason string
		} `json:"left_out"`
		Reason *string `json:"reason"`
	} `json:"map_fit"`
	Blocs        [][]string  `json:"blocs"`
	BlocsSummary string      `json:"blocs_summary"`
	KeyFindings  []string    `json:"key_findings"`
	Changes      *changesDoc `json:"changes"`
}

type cell struct {
	Issue  string   `json:"issue"`
	Party  string   `json:"party"`
	Stance *string  `json:"stance"`
	Score  *float64 `json:"score"`
	Note   string   `json:"note"`
}

type evidence struct {
	Party, Issue, Summary, Quote, Speaker, Source, URL string
	Stance                                             *string
	Date                                               *string
}

type changesDoc struct {
	SchemaVersion *int    `json:"schema_version"`
	Old           string  `json:"old"`
	New           string  `json:"new"`
	OldDate       *string `json:"old_date"`
	NewDate       *string `json:"new_date"`
	Cells         []struct {
		Issue, Party, Direction, Ref string
		Old, New                     *string
	} `json:"cells"`
	PartiesAdded   []string   `json:"parties_added"`
	PartiesRemoved []string   `json:"parties_removed"`
	IssuesAdded    []string   `json:"issues_added"`
	IssuesRemoved  []string   `json:"issues_removed"`
	NewEvidence    []evidence `json:"new_evidence"`
}

func decode(t *testing.T, b []byte) doc {
	t.Helper()
	var d doc
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&d); err != nil {
		t.Fatalf("decoding: %v\n%s", err, b)
	}
	return d
}

func str(p *string) string {
	if p == nil {
		return "null"
	}
	return *p
}

// TestJSONFormat checks the layout: exactly what json.Indent makes of the
// compacted document (two spaces, no trailing spaces), <, > and & not
// escaped, a final newline.
func TestJSONFormat(t *testing.T) {
	m := exporttest.Fixture()
	for _, tc := range []struct {
		name string
		out  []byte
	}{
		{"json", exporttest.Bytes(t, exportjson.Write, m, export.Options{})},
		{"json with changes", exporttest.Bytes(t, exportjson.Write, m, export.Options{Changes: exporttest.FixtureChanges()})},
		{"analysis", exporttest.Bytes(t, exportjson.Analysis, m, export.Options{})},
		{"empty matrix", exporttest.Bytes(t, exportjson.Write, &matrix.Matrix{Scale: matrix.DefaultScale()}, export.Options{})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var compact, indented bytes.Buffer
			if err := json.Compact(&compact, tc.out); err != nil {
				t.Fatalf("invalid JSON: %v\n%s", err, tc.out)
			}
			if err := json.Indent(&indented, compact.Bytes(), "", "  "); err != nil {
				t.Fatal(err)
			}
			indented.WriteByte('\n')
			if !bytes.Equal(tc.out, indented.Bytes()) {
				t.Errorf("layout is not the standard two-space indentation:\n%s", matrixtest.FirstDiff(tc.out, indented.Bytes()))
			}
			if bytes.Contains(tc.out, []byte(`\u003c`)) || bytes.Contains(tc.out, []byte(`\u0026`)) {
				t.Errorf("HTML characters are escaped")
			}
		})
	}
	out := string(exporttest.Bytes(t, exportjson.Write, m, export.Options{}))
	if !strings.Contains(out, `"name": "Coalition \"of the willing\" <EU> & Co"`) {
		t.Errorf("party name not written naturally")
	}
	if !strings.HasPrefix(out, "{\n  \"schema_version\": 1,\n") {
		t.Errorf("document does not open with schema_version: %.60q", out)
	}
}

// TestJSONContent checks the data fields against the fixture.
func TestJSONContent(t *testing.T) {
	m := exporttest.Fixture()
	d := decode(t, exporttest.Bytes(t, exportjson.Write, m, export.Options{Title: "Override"}))
	if d.SchemaVersion == nil || *d.SchemaVersion != 1 {
		t.Errorf("schema_version = %v, want 1", d.SchemaVersion)
	}
	if d.Source != "ukraine.xlsx" {
		t.Errorf("source = %q, want the base name", d.Source)
	}
	if d.About.Title != "Override" || str(d.About.AsOf) != "2025-04-23" || d.About.Organisation != `Ministry of "Foreign" Affairs` {
		t.Errorf("about = %+v", d.About)
	}
	if len(d.Scale) != 6 || d.Scale[4].Label != "Opposes" || d.Scale[4].Score == nil || *d.Scale[4].Score != -2 ||
		d.Scale[5].Score != nil || d.Scale[0].Aliases[0] != "Support" {
		t.Errorf("scale = %+v", d.Scale)
	}
	if len(d.Parties) != 5 || d.Parties[0].Name != "Україна" || *d.Parties[0].Weight != 2 || d.Parties[4].Short != "" {
		t.Errorf("parties = %+v", d.Parties)
	}
	if len(d.Issues) != 3 || d.Issues[0].Short != "Ceasefire" || d.Issues[0].Category != "Security" || *d.Issues[0].Weight != 2 {
		t.Errorf("issues = %+v", d.Issues)
	}

	// Cells: issue-major, display order, every cell present.
	if len(d.Cells) != 15 {
		t.Fatalf("%d cells, want 15", len(d.Cells))
	}
	for k, c := range d.Cells {
		i, p := k/5, k%5
		if c.Issue != m.Issues[i].Name || c.Party != m.Parties[p].Name {
			t.Errorf("cell %d is %q × %q, want %q × %q", k, c.Issue, c.Party, m.Issues[i].Name, m.Parties[p].Name)
		}
	}
	for _, tc := range []struct {
		name   string
		k      int
		stance string
		score  *float64
		note   string
	}{
		{"scored with note", 0, "Conditional", ptr(0.0), "Only with security guarantees"},
		{"negative score, note with line break", 2, "Opposes", ptr(-2.0), "Demands withdrawal\nfirst"},
		{"off-axis", 6, "Unclear", nil, "Contradictory statements"},
		{"blank", 8, "null", nil, ""},
		{"formula-looking note kept as is", 12, "Supports", ptr(2.0), `=HYPERLINK("http://evil")`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := d.Cells[tc.k]
			if str(c.Stance) != tc.stance || c.Note != tc.note || (c.Score == nil) != (tc.score == nil) ||
				(c.Score != nil && *c.Score != *tc.score) {
				t.Errorf("cell = {%s %v %q}, want {%s %v %q}", str(c.Stance), c.Score, c.Note, tc.stance, tc.score, tc.note)
			}
		})
	}

	if len(d.Evidence) != 4 || str(d.Evidence[0].Date) != "2025-04-20" || d.Evidence[3].Date != nil ||
		d.Evidence[0].URL != "https://example.org/ua/news (1)?a=1&b=2" || str(d.Evidence[2].Stance) != "Supports" {
		t.Errorf("evidence = %+v", d.Evidence)
	}
	if len(d.Snapshots) != 1 || str(d.Snapshots[0].Date) != "2025-04-16" || d.Snapshots[0].Sheet != "Matrix 2025-04-16" ||
		len(d.Snapshots[0].Cells) != 8 || str(d.Snapshots[0].Cells[6].Stance) != "Opposes" || d.Snapshots[0].Cells[6].Party != "Russia" {
		t.Errorf("snapshots = %+v", d.Snapshots)
	}
	if d.Changes != nil {
		t.Errorf("changes = %+v, want null without export.Options.Changes", d.Changes)
	}
	for name, l := range map[string][]string{"contested": d.Contested, "similarity_order": d.SimilarityOrder, "key_findings": d.KeyFindings} {
		if l == nil {
			t.Errorf("%s is null, want a list", name)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// TestJSONAnalysis checks the analysis fields against figures worked out by
// hand on exporttest.Fixture (see its comment for the scores and weights). The
// structure checks hold whatever the analysis returns; the figures need the
// real matrix analysis (issue 5).
func TestJSONAnalysis(t *testing.T) {
	m := exporttest.Fixture()
	for _, tc := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"JSON", func(b *bytes.Buffer) error { return exportjson.Write(b, m, export.Options{}) }},
		{"AnalysisJSON", func(b *bytes.Buffer) error { return exportjson.Analysis(b, m, export.Options{}) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := tc.write(&b); err != nil {
				t.Fatal(err)
			}
			d := decode(t, b.Bytes())

			// One entry per unordered pair, a before b in display order.
			var want [][2]string
			for a := range m.Parties {
				for b := a + 1; b < len(m.Parties); b++ {
					want = append(want, [2]string{m.Parties[a].Name, m.Parties[b].Name})
				}
			}
			if len(d.Agreement) != len(want) {
				t.Fatalf("%d agreement pairs, want %d", len(d.Agreement), len(want))
			}
			got := map[[2]string]int{}
			for k, p := range d.Agreement {
				if [2]string{p.A, p.B} != want[k] {
					t.Errorf("pair %d is %q–%q, want %q–%q", k, p.A, p.B, want[k][0], want[k][1])
				}
				if p.Agreement != nil && (*p.Agreement < 0 || *p.Agreement > 1) {
					t.Errorf("agreement %q–%q = %v, outside [0, 1]", p.A, p.B, *p.Agreement)
				}
				if (p.Agreement == nil) != (p.Shared == 0) {
					t.Errorf("agreement %q–%q = %v with %d shared issues: null exactly when none is shared", p.A, p.B, p.Agreement, p.Shared)
				}
				got[[2]string{p.A, p.B}] = k
			}
			// Issue-weighted mean of 1 − |a − b| / 4 over shared scored issues
			// (weights Ceasefire 2, Talks 1, Sanctions 1):
			for _, ex := range []struct {
				a, b   string
				agree  *float64
				shared int
			}{
				// Ceasefire 0/-2 → 0.5 (w2); Talks -2/2 → 0; Sanctions -2/2 → 0: 1/4
				{"Україна", "Russia", ptr(0.25), 3},
				// Ceasefire 0/2 → 0.5 (w2); Talks: Ελλάδα off-axis; Sanctions -2/-1 → 0.75: 1.75/3
				{"Україна", "Ελλάδα", ptr(0.5833), 2},
				// Ceasefire 2/-2 → 0 (w2); Sanctions -1/2 → 0.25: 0.25/3
				{"Ελλάδα", "Russia", ptr(0.0833), 2},
				// Ceasefire 2/2 → 1 (w2); Sanctions -1/-2 → 0.75: 2.75/3
				{"Ελλάδα", "Coalition \"of the willing\" <EU> & Co", ptr(0.9167), 2},
				// Ceasefire -2/2 → 0; Sanctions 2/-2 → 0: a figure of 0, not "no figure"
				{"Russia", "Coalition \"of the willing\" <EU> & Co", ptr(0.0), 2},
				// Observer has no position: no figure
				{"Russia", "Observer", nil, 0},
			} {
				p := d.Agreement[got[[2]string{ex.a, ex.b}]]
				if p.Shared != ex.shared || (p.Agreement == nil) != (ex.agree == nil) || (p.Agreement != nil && *p.Agreement != *ex.agree) {
					t.Errorf("agreement %s–%s = %s over %d shared, want %s over %d", ex.a, ex.b, num(p.Agreement), p.Shared, num(ex.agree), ex.shared)
				}
			}

			// Issue statistics, by hand (party weights Україна 2, others 1).
			for _, ex := range []struct {
				issue                     int
				positions, scored         int
				counts                    map[string]int
				spread, rng, cons, median *float64
				rank                      int
			}{
				// Scores 0, 2, -2, 2: mean 0.5, variance 11/4, sd 1.6583;
				// consensus: pairs weighted by weight products: (0.5·2 + 0.5·2 +
				// 0.5·2 + 0 + 1 + 0) / 9 = 4/9; weighted median: -2 (1), 0 (2)
				// reaches half of 5 → 0.
				{0, 4, 4, map[string]int{"Supports": 2, "Conditional": 1, "Opposes": 1, "Unclear": 0}, ptr(1.6583), ptr(4.0), ptr(0.4444), ptr(0.0), 2},
				// Scores -2 (w2), 2 (w1); Unclear counts as a position only;
				// one pair agreeing 0; weighted median -2.
				{1, 3, 2, map[string]int{"Supports": 1, "Opposes": 1, "Unclear": 1, "Leans support": 0}, ptr(2.0), ptr(4.0), ptr(0.0), ptr(-2.0), 1},
				// Scores -2 (w2), -1, 2, -2: mean -0.75, variance 10.75/4, sd 1.6394;
				// consensus (0.75·2 + 0 + 1·2 + 0.25 + 0.75 + 0) / 9 = 0.5; median -2.
				{2, 4, 4, map[string]int{"Opposes": 2, "Leans oppose": 1, "Supports": 1}, ptr(1.6394), ptr(4.0), ptr(0.5), ptr(-2.0), 3},
			} {
				is := d.Issues[ex.issue]
				st := is.Statistics
				if st == nil {
					t.Errorf("%s: statistics are null", is.Name)
					continue
				}
				if st.Positions != ex.positions || st.Scored != ex.scored {
					t.Errorf("%s: positions %d scored %d, want %d %d", is.Name, st.Positions, st.Scored, ex.positions, ex.scored)
				}
				if len(st.Counts) != len(m.Scale.Stances) {
					t.Errorf("%s: counts has %d labels, want one per stance", is.Name, len(st.Counts))
				}
				for l, n := range ex.counts {
					if st.Counts[l] != n {
						t.Errorf("%s: counts[%s] = %d, want %d", is.Name, l, st.Counts[l], n)
					}
				}
				for _, f := range []struct {
					name      string
					got, want *float64
				}{{"spread", st.Spread, ex.spread}, {"range", st.Range, ex.rng}, {"consensus", st.Consensus, ex.cons}, {"median", st.Median, ex.median}} {
					if (f.got == nil) != (f.want == nil) || (f.got != nil && math.Abs(*f.got-*f.want) > 1e-9) {
						t.Errorf("%s: %s = %s, want %s", is.Name, f.name, num(f.got), num(f.want))
					}
				}
				if st.ContestedRank == nil || *st.ContestedRank != ex.rank {
					t.Errorf("%s: contested_rank = %v, want %d", is.Name, st.ContestedRank, ex.rank)
				}
			}
			wantContested := []string{"Bilateral talks", "Ceasefire along the front line", "Sanctions relief"}
			if strings.Join(d.Contested, "|") != strings.Join(wantContested, "|") {
				t.Errorf("contested = %q, want %q", d.Contested, wantContested)
			}
			// The similarity order is a permutation of the party names.
			seen := map[string]bool{}
			for _, p := range d.SimilarityOrder {
				seen[p] = true
			}
			if len(d.SimilarityOrder) != len(m.Parties) || len(seen) != len(m.Parties) {
				t.Errorf("similarity_order = %q, want a permutation of the %d parties", d.SimilarityOrder, len(m.Parties))
			}
			for _, p := range m.Parties {
				if !seen[p.Name] {
					t.Errorf("similarity_order lacks %q", p.Name)
				}
			}
			if len(d.KeyFindings) == 0 {
				t.Errorf("no key findings")
			}
		})
	}
}

func num(p *float64) string {
	if p == nil {
		return "null"
	}
	b, _ := json.Marshal(*p)
	return string(b)
}

// TestJSONChanges checks the changes object, in JSON and alone (diff).
func TestJSONChanges(t *testing.T) {
	m := exporttest.Fixture()
	full := decode(t, exporttest.Bytes(t, exportjson.Write, m, export.Options{Changes: exporttest.FixtureChanges()}))
	var b bytes.Buffer
	if err := exportjson.Changes(&b, exporttest.FixtureChanges()); err != nil {
		t.Fatal(err)
	}
	var alone changesDoc
	if err := json.Unmarshal(b.Bytes(), &alone); err != nil {
		t.Fatal(err)
	}
	if alone.SchemaVersion == nil || *alone.SchemaVersion != 1 {
		t.Errorf("diff json lacks schema_version 1")
	}
	for name, ch := range map[string]*changesDoc{"in JSON": full.Changes, "ChangesJSON": &alone} {
		t.Run(name, func(t *testing.T) {
			if ch == nil {
				t.Fatal("changes are null")
			}
			if ch.Old != "Matrix 2025-04-16" || str(ch.OldDate) != "2025-04-16" || str(ch.NewDate) != "2025-04-23" {
				t.Errorf("changes = %+v", ch)
			}
			if len(ch.Cells) != 4 {
				t.Fatalf("%d changed cells, want 4", len(ch.Cells))
			}
			c := ch.Cells[3]
			if c.Party != "Russia" || str(c.Old) != "Opposes" || str(c.New) != "Supports" || c.Direction != "towards_support" || c.Ref != "Matrix!D3" {
				t.Errorf("cell change = %+v", c)
			}
			if ch.Cells[2].Old != nil || ch.Cells[2].Direction != "off_axis" {
				t.Errorf("blank old stance = %v %s, want null off_axis", ch.Cells[2].Old, ch.Cells[2].Direction)
			}
			if len(ch.PartiesAdded) != 1 || ch.PartiesRemoved == nil || ch.NewEvidence == nil {
				t.Errorf("lists = %q %q %v, want [Observer] [] []", ch.PartiesAdded, ch.PartiesRemoved, ch.NewEvidence)
			}
		})
	}
	t.Run("nil", func(t *testing.T) {
		var b bytes.Buffer
		if err := exportjson.Changes(&b, nil); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), `"cells": []`) || strings.Contains(b.String(), "null,\n  \"parties") {
			t.Errorf("nil changes written as\n%s", b.String())
		}
	})
}

// TestJSONRoundTrip puts hostile strings in every text field and checks that
// each comes back exactly (for valid UTF-8; encoding/json replaces invalid
// bytes with U+FFFD).
func TestJSONRoundTrip(t *testing.T) {
	for _, s := range exporttest.TextHostile {
		name := s
		if len(name) > 20 {
			name = name[:20]
		}
		t.Run(name, func(t *testing.T) {
			if !utf8.ValidString(s) {
				t.Fatalf("test string %q is not valid UTF-8", s)
			}
			m := exporttest.TextMatrix(s, s+"i", s+"n", s+"q", s+"u")
			m.About.Title = s
			d := decode(t, exporttest.Bytes(t, exportjson.Write, m, export.Options{}))
			checks := []struct{ field, got, want string }{
				{"about.title", d.About.Title, s},
				{"about.notes", d.About.Notes, s + "n"},
				{"parties[0].name", d.Parties[0].Name, s},
				{"parties[0].short", d.Parties[0].Short, s + "q"},
				{"parties[0].group", d.Parties[0].Group, s + "n"},
				{"issues[0].name", d.Issues[0].Name, s + "i"},
				{"issues[0].description", d.Issues[0].Description, s + "n"},
				{"cells[0].party", d.Cells[0].Party, s},
				{"cells[0].note", d.Cells[0].Note, s + "n"},
				{"evidence[0].quote", d.Evidence[0].Quote, s + "q"},
				{"evidence[0].speaker", d.Evidence[0].Speaker, s},
				{"evidence[0].url", d.Evidence[0].URL, s + "u"},
			}
			for _, c := range checks {
				if c.got != c.want {
					t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
				}
			}
		})
	}
}

// TestJSONSchema validates the JSON outputs against
// testdata/stancematrix.schema.json: the fixture, a synthetic matrix,
// an empty one, and every sample workbook.
func TestJSONSchema(t *testing.T) {
	const schema = "testdata/stancematrix.schema.json"
	c := jsonschema.NewCompiler()
	compile := func(ref string) *jsonschema.Schema {
		s, err := c.Compile(schema + ref)
		if err != nil {
			t.Fatalf("compiling %s%s: %v", schema, ref, err)
		}
		return s
	}
	doc, analysis, changes := compile(""), compile("#/$defs/analysis"), compile("#/$defs/changesDocument")
	historyDoc := compile("#/$defs/historyDocument")

	matrices := map[string]*matrix.Matrix{
		"fixture":   exporttest.Fixture(),
		"synthetic": matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 8, Issues: 12, Evidence: 40, Scripts: true, Seed: 1}),
		"empty":     {Scale: matrix.DefaultScale()},
	}
	// An edition of a marked workbook carries "edition".
	marked := exporttest.Fixture()
	marked.Marked = true
	marked.Parties[0].Release = "RESTRICTED"
	ed, _, err := marked.Edition("INTERNAL")
	if err != nil {
		t.Fatal(err)
	}
	if out := exporttest.Bytes(t, exportjson.Write, ed, export.Options{}); !bytes.Contains(out, []byte(`"edition": {`)) {
		t.Fatalf("the edition's JSON has no edition object")
	}
	matrices["edition"] = ed
	// A workbook that names its language carries "language" in "about".
	lang := exporttest.Fixture()
	lang.About.Language = "en-GB"
	if out := exporttest.Bytes(t, exportjson.Write, lang, export.Options{}); !bytes.Contains(out, []byte(`"language": "en-GB"`)) {
		t.Fatalf("the about object has no language")
	}
	matrices["language"] = lang
	samples, _ := filepath.Glob("../../samples/*.xlsx")
	if len(samples) == 0 {
		t.Fatal("no sample workbooks in ../../samples")
	}
	for _, path := range samples {
		m, ps := matrix.ReadFile(path, matrix.ReadOptions{})
		if err := ps.Err(); err != nil {
			t.Fatalf("sample %s: %v", path, err)
		}
		matrices["sample "+filepath.Base(path)] = m
	}
	validate := func(t *testing.T, s *jsonschema.Schema, out []byte) {
		t.Helper()
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
		if err != nil {
			t.Fatalf("invalid JSON: %v", err)
		}
		if err := s.Validate(inst); err != nil {
			t.Errorf("does not match the schema: %v", err)
		}
	}
	for name, m := range matrices {
		t.Run(name, func(t *testing.T) {
			validate(t, doc, exporttest.Bytes(t, exportjson.Write, m, export.Options{}))
			validate(t, doc, exporttest.Bytes(t, exportjson.Write, m, export.Options{Changes: exporttest.FixtureChanges()}))
			validate(t, analysis, exporttest.Bytes(t, exportjson.Analysis, m, export.Options{Changes: exporttest.FixtureChanges()}))
		})
	}
	t.Run("diff", func(t *testing.T) {
		for _, ch := range []*matrix.Changes{exporttest.FixtureChanges(), nil, {}} {
			var b bytes.Buffer
			if err := exportjson.Changes(&b, ch); err != nil {
				t.Fatal(err)
			}
			validate(t, changes, b.Bytes())
		}
	})
	t.Run("history", func(t *testing.T) {
		series, _ := matrixtest.WeeklySeries(matrixtest.SyntheticOptions{Parties: 6, Issues: 9, Seed: 3}, 5, 4)
		for name, ms := range map[string][]*matrix.Matrix{"series": series, "one date": series[:1]} {
			h, err := matrix.NewHistory(ms)
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := exportjson.History(&b, h, export.Options{}); err != nil {
				t.Fatal(err)
			}
			t.Run(name, func(t *testing.T) { validate(t, historyDoc, b.Bytes()) })
		}
	})
	// The schema is closed: an extra or missing field fails, so the schema
	// cannot drift from the exporter unnoticed.
	t.Run("schema rejects drift", func(t *testing.T) {
		out := exporttest.Bytes(t, exportjson.Write, exporttest.Fixture(), export.Options{})
		for _, bad := range [][]byte{
			bytes.Replace(out, []byte(`"schema_version": 1,`), []byte(`"schema_version": 1, "extra": true,`), 1),
			bytes.Replace(out, []byte(`"note": "Only with security guarantees"`), []byte(`"notes": ""`), 1),
			bytes.Replace(out, []byte(`"as_of": "2025-04-23"`), []byte(`"as_of": "23/04/2025"`), 1),
		} {
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(bad))
			if err != nil {
				t.Fatal(err)
			}
			if doc.Validate(inst) == nil {
				t.Errorf("a drifted document passed the schema")
			}
		}
	})
}

func TestGolden(t *testing.T) {
	exporttest.Golden(t, exportjson.Write, "json")
	matrixtest.Golden(t, "testdata/analysis.json", exporttest.Bytes(t, exportjson.Analysis, exporttest.Fixture(), export.Options{}))
	var b bytes.Buffer
	if err := exportjson.Changes(&b, exporttest.FixtureChanges()); err != nil {
		t.Fatal(err)
	}
	matrixtest.Golden(t, "testdata/diff.json", b.Bytes())
}

func TestDeterministic(t *testing.T) { exporttest.Deterministic(t, exportjson.Write) }

// FuzzJSON exports a matrix of fuzzed texts: the documents are valid JSON,
// and texts that are valid UTF-8 come back exactly.
func FuzzJSON(f *testing.F) {
	exporttest.FuzzText(f, exportjson.Write, func(t *testing.T, in exporttest.TextInput, m *matrix.Matrix, opt export.Options, out []byte) {
		var doc doc
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("json is invalid: %v", err)
		}
		if utf8.ValidString(in.Party) && doc.Parties[0].Name != in.Party {
			t.Fatalf("party name %q came back as %q", in.Party, doc.Parties[0].Name)
		}
		if utf8.ValidString(in.Note) && doc.Cells[0].Note != in.Note {
			t.Fatalf("note %q came back as %q", in.Note, doc.Cells[0].Note)
		}
		if !json.Valid(exporttest.Bytes(t, exportjson.Analysis, m, opt)) {
			t.Fatalf("analysis json is invalid")
		}
		var b bytes.Buffer
		if err := exportjson.Changes(&b, opt.Changes); err != nil || !json.Valid(b.Bytes()) {
			t.Fatalf("changes json is invalid (%v)", err)
		}
	})
}

func TestHandedAnalysis(t *testing.T) {
	exporttest.HandedAnalysis(t, exportjson.Write, func(b []byte) string { return string(b) })
	exporttest.HandedAnalysis(t, exportjson.Analysis, func(b []byte) string { return string(b) })
}

// TestJSONMap checks map, map_fit, blocs and blocs_summary against the
// analysis, for a matrix with a map and two blocs and for one without a
// map, in both documents.
func TestJSONMap(t *testing.T) {
	// A, C, E lean to support, B, D, F to oppose.
	rows := []string{"SSsSsSSs", "OOoOoOcO", "SsSScSSS", "oOOOOoOO", "sSSsSSsS", "OOooOOOo"}
	labels := map[byte]string{'S': "Supports", 's': "Leans support", 'c': "Conditional", 'o': "Leans oppose", 'O': "Opposes"}
	blocs := &matrix.Matrix{Source: "blocs.xlsx", Scale: matrix.DefaultScale()}
	for _, name := range []string{"A", "B", "C", "D", "E", "F"} {
		blocs.Parties = append(blocs.Parties, matrix.Party{Name: name, Weight: 1})
	}
	for i := range rows[0] {
		blocs.Issues = append(blocs.Issues, matrix.Issue{Name: fmt.Sprintf("I%d", i+1), Weight: 1})
	}
	blocs.InitCells()
	for p := range blocs.Parties {
		for i := range rows[p] {
			blocs.SetStance(i, p, labels[rows[p][i]])
		}
	}
	for _, tc := range []struct {
		name string
		m    *matrix.Matrix
	}{{"blocs", blocs}, {"fixture, no map", exporttest.Fixture()}} {
		an := matrix.Analyze(tc.m, nil)
		for _, write := range []struct {
			name string
			w    exporttest.Writer
		}{{"Write", exportjson.Write}, {"Analysis", exportjson.Analysis}} {
			t.Run(tc.name+"/"+write.name, func(t *testing.T) {
				d := decode(t, exporttest.Bytes(t, write.w, tc.m, export.Options{}))
				if len(d.Map) != len(an.Map.Points) {
					t.Fatalf("%d points, want %d", len(d.Map), len(an.Map.Points))
				}
				for k, p := range an.Map.Points {
					if got := d.Map[k]; got.Party != tc.m.Parties[p.Party].Name || got.X != p.X || got.Y != p.Y {
						t.Errorf("point %d = %+v, want %s at (%v, %v)", k, got, tc.m.Parties[p.Party].Name, p.X, p.Y)
					}
				}
				fit := d.MapFit
				if an.Map.Reason == "" {
					if fit.Reason != nil || len(fit.Explained) != 2 || fit.Explained[0] != an.Map.Explained[0] || fit.Stress == nil || *fit.Stress != an.Map.Stress {
						t.Errorf("map_fit = %+v, want the fit of %+v", fit, an.Map)
					}
				} else if fit.Reason == nil || *fit.Reason != an.Map.Reason || fit.Explained != nil || fit.Stress != nil {
					t.Errorf("map_fit = %+v, want reason %q and no figures", fit, an.Map.Reason)
				}
				if fit.MinShared != matrix.MinShared || fit.Pairs != an.Map.Pairs || fit.PairsKnown != an.Map.Known || len(fit.LeftOut) != len(an.Map.LeftOut) {
					t.Errorf("map_fit = %+v, want the coverage of %+v", fit, an.Map)
				}
				var want [][]string
				for _, g := range an.Blocs.Groups {
					var names []string
					for _, p := range g {
						names = append(names, tc.m.Parties[p].Name)
					}
					want = append(want, names)
				}
				if fmt.Sprint(d.Blocs) != fmt.Sprint(want) || d.BlocsSummary != an.Blocs.Summary {
					t.Errorf("blocs = %q, %q; want %q, %q", d.Blocs, d.BlocsSummary, want, an.Blocs.Summary)
				}
			})
		}
	}
	if an := matrix.Analyze(blocs, nil); an.Map.Reason != "" || len(an.Blocs.Groups) != 2 {
		t.Errorf("the planted blocs give map %+v and blocs %v", an.Map, an.Blocs.Groups)
	}
}

// chartData is the data behind the PDF's charts 3 to 5 as a consumer
// decodes it.
type chartData struct {
	Issues []struct {
		Name       string `json:"name"`
		Statistics struct {
			Counts  map[string]int      `json:"counts"`
			Weights map[string]*float64 `json:"weights"`
		} `json:"statistics"`
	} `json:"issues"`
	CategoryProfiles struct {
		Categories []struct {
			Category string `json:"category"`
			Issues   int    `json:"issues"`
			Means    []struct {
				Party  string   `json:"party"`
				Mean   *float64 `json:"mean"`
				Scored int      `json:"scored"`
			} `json:"means"`
		} `json:"categories"`
		Uncategorised int     `json:"uncategorised"`
		MinCategories int     `json:"min_categories"`
		Reason        *string `json:"reason"`
	} `json:"category_profiles"`
	Changes *struct {
		Cells []struct {
			Party    string   `json:"party"`
			OldScore *float64 `json:"old_score"`
			NewScore *float64 `json:"new_score"`
		} `json:"cells"`
	} `json:"changes"`
}

// TestJSONChartData checks the weights per stance, the category profiles
// and the moves' scores against the analysis, in both documents.
func TestJSONChartData(t *testing.T) {
	// Weights 1, 2, 0 and +Inf: only the first two weigh.
	m := &matrix.Matrix{Source: "w.xlsx", Scale: matrix.DefaultScale()}
	for p, w := range []float64{1, 2, 0, math.Inf(1)} {
		m.Parties = append(m.Parties, matrix.Party{Name: fmt.Sprintf("P%d", p+1), Weight: w})
	}
	m.Issues = []matrix.Issue{{Name: "I1", Category: "Security", Weight: 1}, {Name: "I2", Category: "Economy", Weight: 1}, {Name: "I3", Weight: 1}}
	m.SetCells([][]matrix.Cell{
		{{Stance: "Supports"}, {Stance: "Supports"}, {Stance: "Opposes"}, {Stance: "Opposes"}},
		{{Stance: "Conditional"}, {}, {Stance: "Unclear"}, {Stance: "Leans support"}},
		{{Stance: "Supports"}, {}, {}, {}},
	})
	old := (&matrix.Matrix{Source: "w.xlsx", Scale: m.Scale, Parties: m.Parties, Issues: m.Issues}).SetCells([][]matrix.Cell{{{Stance: "Opposes"}, {Stance: "Supports"}, {Stance: "Opposes"}, {Stance: "Opposes"}}, {{}, {}, {Stance: "Unclear"}, {Stance: "Leans support"}}, {{Stance: "Supports"}, {}, {}, {}}})
	ch := matrix.Diff(old, m)
	for _, write := range []struct {
		name string
		w    exporttest.Writer
	}{{"Write", exportjson.Write}, {"Analysis", exportjson.Analysis}} {
		t.Run(write.name, func(t *testing.T) {
			var d chartData
			if err := json.Unmarshal(exporttest.Bytes(t, write.w, m, export.Options{Changes: ch}), &d); err != nil {
				t.Fatal(err)
			}
			st := d.Issues[0].Statistics
			if st.Counts["Supports"] != 2 || st.Counts["Opposes"] != 2 || *st.Weights["Supports"] != 3 || *st.Weights["Opposes"] != 0 {
				t.Errorf("I1: counts %v, weights %v; want 2 and 2, 3 and 0", st.Counts, st.Weights)
			}
			cp := d.CategoryProfiles
			if len(cp.Categories) != 2 || cp.Uncategorised != 1 || cp.MinCategories != 2 || cp.Reason != nil {
				t.Fatalf("category_profiles = %+v", cp)
			}
			eco := cp.Categories[1]
			if eco.Category != "Economy" || eco.Issues != 1 || len(eco.Means) != 4 || *eco.Means[0].Mean != 0 || eco.Means[0].Scored != 1 ||
				eco.Means[1].Mean != nil || eco.Means[2].Mean != nil || eco.Means[2].Scored != 0 || *eco.Means[3].Mean != 1 {
				t.Errorf("Economy = %+v", eco)
			}
			if d.Changes == nil || len(d.Changes.Cells) != 2 {
				t.Fatalf("changes = %+v", d.Changes)
			}
			c0, c1 := d.Changes.Cells[0], d.Changes.Cells[1]
			if c0.Party != "P1" || *c0.OldScore != -2 || *c0.NewScore != 2 || c1.OldScore != nil || *c1.NewScore != 0 {
				t.Errorf("moves %+v, %+v; want P1 −2 → 2 and P1 null → 0", c0, c1)
			}
		})
	}
}
