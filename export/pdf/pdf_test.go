package pdf_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

var out = flag.String("pdfout", "", "write the PDFs of the layout tests to this directory, to look at them")

// needTool skips when an external program is missing, or fails under CI.
func needTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is required under CI (install poppler-utils and qpdf)", name)
		}
		t.Skipf("%s not installed", name)
	}
	return p
}

func writeTemp(t testing.TB, data []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func run(t testing.TB, name string, args ...string) string {
	t.Helper()
	needTool(t, name)
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// pdfText extracts the text of the PDF file with pdftotext in raw order.
func text(t testing.TB, file string, args ...string) string {
	t.Helper()
	args = append(append([]string{"-raw", "-enc", "UTF-8"}, args...), file, "-")
	return run(t, "pdftotext", args...)
}

// squeeze removes all white space, so that text wrapped across lines (even
// inside a word, like a long URL) still matches.
func squeeze(s string) string {
	return strings.Join(strings.Fields(s), "")
}

var pageNumberLine = regexp.MustCompile(`page \d+ of \d+$`)

// body drops the page furniture (classification banners, footer and page
// number lines) from pdftotext -raw output, so that text broken across a
// page joins up again.
// provenanceLine is the small line above each page's footer that says
// where the briefing came from.
var provenanceLine = regexp.MustCompile(` · SHA-256 [0-9a-f]{12}( · |$)`)

func body(raw string, m *matrix.Matrix) string {
	var out []string
	for _, l := range strings.Split(raw, "\n") {
		l = strings.TrimSpace(strings.TrimPrefix(l, "\f"))
		if pageNumberLine.MatchString(l) || (m.About.Classification != "" && l == m.About.Classification) ||
			provenanceLine.MatchString(l) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// oneSpace collapses runs of white space to one space.
func oneSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

func pages(t testing.TB, file string) int {
	t.Helper()
	info := run(t, "pdfinfo", file)
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo: no page count in\n%s", info)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// outlines returns the bookmark titles of the file, depth first.
func outlines(t testing.TB, file string) []string {
	t.Helper()
	out := run(t, "qpdf", "--json", "--json-key=outlines", file)
	var doc struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var titles []string
	var walk func([]outline)
	walk = func(os []outline) {
		for _, o := range os {
			titles = append(titles, o.Title)
			walk(o.Kids)
		}
	}
	walk(doc.Outlines)
	return titles
}

type outline struct {
	Title string    `json:"title"`
	Kids  []outline `json:"kids"`
}

// annotation is a link annotation as qpdf reads it.
type annotation struct {
	Subtype string          `json:"/Subtype"`
	Dest    json.RawMessage `json:"/Dest"`
	A       struct {
		URI string `json:"/URI"`
	} `json:"/A"`
}

// annotations returns the link annotations of the file, as qpdf reads them.
func annotations(t testing.TB, file string) []annotation {
	t.Helper()
	out := run(t, "qpdf", "--json", "--json-key=qpdf", file)
	var doc struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || len(doc.Qpdf) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs map[string]struct {
		Value struct {
			Annots []annotation `json:"/Annots"`
		} `json:"value"`
	}
	if err := json.Unmarshal(doc.Qpdf[1], &objs); err != nil {
		t.Fatalf("qpdf --json objects: %v", err)
	}
	var list []annotation
	for _, obj := range objs {
		for _, a := range obj.Value.Annots {
			if a.Subtype == "/Link" {
				list = append(list, a)
			}
		}
	}
	return list
}

// links counts the link annotations of the file that jump inside it and
// those that open a URI.
func links(t testing.TB, file string) (internal, external int) {
	t.Helper()
	for _, a := range annotations(t, file) {
		switch {
		case len(a.Dest) > 0 && !strings.Contains(string(a.Dest), "null,"):
			internal++
		case a.A.URI != "":
			external++
		}
	}
	return internal, external
}

func TestPDFLinks(t *testing.T) {
	m := sampleLike()
	cells := len(m.Issues) * len(m.Parties)
	tests := []struct {
		name               string
		sections           []string
		minInternal, maxIn int
		external           int
	}{
		// Every cell and issue label of the matrix jumps to its issue;
		// citations jump to their sources; source URLs open.
		{"default", nil, cells + len(m.Issues) + len(m.Evidence), 1 << 30, len(m.Evidence)},
		// Without the issue section there is nothing to jump to.
		{"matrix only", []string{"matrix"}, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := exportPDF(t, m, export.Options{Sections: tc.sections})
			in, ex := links(t, writeTemp(t, data))
			if in < tc.minInternal || in > tc.maxIn || ex != tc.external {
				t.Errorf("internal links = %d, want %d…%d; external = %d, want %d", in, tc.minInternal, tc.maxIn, ex, tc.external)
			}
		})
	}
}

func qpdfCheck(t testing.TB, file string) {
	t.Helper()
	needTool(t, "qpdf")
	out, err := exec.Command("qpdf", "--check", file).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors") {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func exportPDF(t testing.TB, m *matrix.Matrix, opt export.Options) ([]byte, []matrix.Problem) {
	t.Helper()
	var warns []matrix.Problem
	if opt.Warn == nil {
		opt.Warn = func(p matrix.Problem) { warns = append(warns, p) }
	}
	var buf bytes.Buffer
	if err := pdf.Write(&buf, m, opt); err != nil {
		t.Fatalf("PDF: %v", err)
	}
	return buf.Bytes(), warns
}

func save(t testing.TB, name string, data []byte) {
	if *out == "" {
		return
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(*out, strings.ReplaceAll(name, " ", "_")+".pdf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func date(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// briefingMatrix builds a small matrix in code: parties down a list, issues,
// a grid of stance labels (rows are issues), and evidence.
func briefingMatrix(parties, issues []string, grid [][]string) *matrix.Matrix {
	m := &matrix.Matrix{Source: "test.xlsx", Scale: matrix.DefaultScale()}
	m.About = matrix.About{Title: "Test briefing", Subtitle: "Positions on the settlement",
		AsOf: date("2025-04-23"), Author: "Desk officer", Organisation: "Policy unit",
		Classification: "Internal — not for circulation", Footer: "Prepared for the weekly meeting"}
	for p, n := range parties {
		m.Parties = append(m.Parties, matrix.Party{Name: n, Weight: 1, Ref: fmt.Sprintf("Matrix!%c1", 'B'+p)})
	}
	for i, n := range issues {
		m.Issues = append(m.Issues, matrix.Issue{Name: n, Weight: 1, Description: "What the parties say about " + n + ".",
			Ref: fmt.Sprintf("Matrix!A%d", i+2)})
	}
	m.InitCells()
	cols, rowAt := make([]int, len(parties)), make([]int, len(issues))
	for p := range cols {
		cols[p] = p + 2
	}
	for i := range rowAt {
		rowAt[i] = i + 2
	}
	m.SetCellPlaces("Matrix", cols, rowAt)
	for i := range issues {
		for p := range parties {
			m.SetCell(i, p, matrix.Cell{Stance: grid[i][p]})
		}
	}
	return m
}

func addEvidence(m *matrix.Matrix, party, issue, d, quote, speaker string) {
	m.Evidence = append(m.Evidence, matrix.Evidence{Party: party, Issue: issue, Date: date(d),
		Summary: "Statement by " + speaker, Quote: quote, Speaker: speaker, Source: "Newswire " + d,
		URL:   "https://example.org/" + strings.ReplaceAll(strings.ToLower(speaker), " ", "-") + "/" + d,
		Sheet: "Evidence", Row: len(m.Evidence) + 2})
}

// cyrillicGreek is a matrix with Cyrillic and Greek names and quotes.
func cyrillicGreek() *matrix.Matrix {
	m := briefingMatrix(
		[]string{"Україна", "Россия", "Ελλάδα", "Κύπρος"},
		[]string{"Перемир’я на лінії фронту", "Ασφαλιστικές εγγυήσεις", "Санкции"},
		[][]string{
			{"Supports", "Opposes", "Leans support", "Conditional"},
			{"Supports", "", "Unclear", "Leans oppose"},
			{"Opposes", "Supports", "Leans oppose", ""},
		})
	m.Parties[2].Group = "Ευρωπαϊκή Ένωση"
	m.Parties[3].Group = "Ευρωπαϊκή Ένωση"
	m.SetNote(0, 0, "Лише з гарантіями безпеки", m.Cell(0, 0).Release)
	addEvidence(m, "Україна", "Перемир’я на лінії фронту", "2025-04-20", "Ми не погодимося на заморожений конфлікт", "Міністр закордонних справ")
	addEvidence(m, "Ελλάδα", "Ασφαλιστικές εγγυήσεις", "2025-04-18", "Η θέση μας δεν έχει αλλάξει", "Υπουργός Εξωτερικών")
	addEvidence(m, "Россия", "Санкции", "2025-04-11", "Санкции должны быть сняты", "Пресс-секретарь")
	return m
}

func sampleLike() *matrix.Matrix {
	parties := []string{"Ukraine", "Russia", "United States", "European Union", "United Kingdom", "France", "Germany", "Turkey", "China"}
	issues := []string{"Ceasefire along the current front line", "Security guarantees for Ukraine", "Bilateral talks between Kyiv and Moscow",
		"Lifting sanctions", "NATO membership for Ukraine", "International peacekeeping force", "Reconstruction funding from frozen assets"}
	labels := []string{"Supports", "Leans support", "Conditional", "Leans oppose", "Opposes", "Unclear", ""}
	grid := make([][]string, len(issues))
	for i := range grid {
		grid[i] = make([]string, len(parties))
		for p := range grid[i] {
			grid[i][p] = labels[(i*3+p*5)%len(labels)]
		}
	}
	m := briefingMatrix(parties, issues, grid)
	short := []string{"UA", "RU", "US", "EU", "UK", "FR", "DE", "TR", "CN"}
	group := []string{"", "", "Coalition of the willing", "Coalition of the willing", "Coalition of the willing", "Coalition of the willing", "Coalition of the willing", "Mediators", "Mediators"}
	for p := range m.Parties {
		m.Parties[p].Short = short[p]
		m.Parties[p].Group = group[p]
	}
	for i := range m.Issues {
		m.Issues[i].Category = []string{"Security", "Security", "Diplomacy", "Economy", "Security", "Security", "Economy"}[i]
	}
	m.SetNote(2, 1, "Only on Russian terms", m.Cell(2, 1).Release)
	addEvidence(m, "Russia", issues[2], "2025-04-22", "We are ready for direct talks without preconditions", "Dmitry Peskov")
	addEvidence(m, "Russia", issues[2], "2025-03-02", "There is nobody to talk to in Kyiv", "Maria Zakharova")
	addEvidence(m, "Ukraine", issues[0], "2025-04-20", "A ceasefire must be full and unconditional, in the air, at sea and on land", "Volodymyr Zelensky")
	addEvidence(m, "United States", issues[1], "2025-04-19", "Europe must carry the load of guarantees", "Marco Rubio")
	return m
}

func TestPDFContents(t *testing.T) {
	needTool(t, "pdftotext")
	tests := []struct {
		name  string
		m     *matrix.Matrix
		pages int
	}{
		// Title, findings and who stands with whom on page 1, the matrix
		// and issues on page 2, the rest on page 3.
		{"three by three", briefingMatrix([]string{"Alpha", "Beta", "Gamma"}, []string{"Ceasefire", "Sanctions", "Elections"},
			[][]string{{"Supports", "Opposes", "Unclear"}, {"Leans support", "", "Conditional"}, {"Leans oppose", "Supports", "Opposes"}}), 3},
		// Its issues split and the profiles by category add a page.
		{"cyrillic and greek", cyrillicGreek(), 4},
		// Title, findings and the heatmap; the party map and blocs; where
		// the issues split and the profiles by category; the matrix in
		// landscape; issues, profiles and sources on five upright pages.
		{"sample-like", sampleLike(), 9},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, warns := exportPDF(t, tc.m, export.Options{Sections: pdf.Sections()})
			for _, w := range warns {
				t.Errorf("unexpected warning: %v", w)
			}
			save(t, "contents-"+strings.ReplaceAll(tc.name, " ", "-"), data)
			file := writeTemp(t, data)
			qpdfCheck(t, file)
			raw := text(t, file)
			for _, w := range []string{tc.m.About.Classification, tc.m.About.Footer, fmt.Sprintf("page 1 of %d", tc.pages)} {
				if !strings.Contains(raw, w) {
					t.Errorf("text lacks page furniture %q", w)
				}
			}
			text := squeeze(body(raw, tc.m))
			want := []string{tc.m.About.Title, tc.m.About.Subtitle, "As of 23 April 2025"}
			for _, p := range tc.m.Parties {
				want = append(want, p.Name, p.Group)
			}
			for i, is := range tc.m.Issues {
				want = append(want, is.Name, is.Description)
				for p := range tc.m.Parties {
					c := tc.m.Cell(i, p)
					want = append(want, c.Stance, c.Note)
				}
			}
			for _, e := range tc.m.Evidence {
				want = append(want, e.Quote, e.Speaker, e.URL, e.Source)
			}
			for _, st := range tc.m.Scale.Stances {
				want = append(want, st.Label, st.Symbol)
			}
			for _, w := range want {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("text lacks %q", w)
				}
			}
			if n := pages(t, file); n != tc.pages {
				t.Errorf("pages = %d, want %d", n, tc.pages)
			}
			marks := strings.Join(outlines(t, file), "\n")
			for _, w := range []string{"The matrix", "Issue by issue", "Party profiles", "Sources", tc.m.Issues[0].Name, tc.m.Parties[0].Name} {
				if !strings.Contains(marks, w) {
					t.Errorf("bookmarks lack %q:\n%s", w, marks)
				}
			}
			info := oneSpace(run(t, "pdfinfo", file))
			for _, w := range []string{"Title: Test briefing", "Author: Desk officer, Policy unit", "Creator: stancematrix"} {
				if !strings.Contains(info, w) {
					t.Errorf("pdfinfo lacks %q:\n%s", w, info)
				}
			}
		})
	}
}

func TestPDFDeterministic(t *testing.T) {
	m := sampleLike()
	ch := &matrix.Changes{Old: "Matrix 2025-04-16", OldDate: date("2025-04-16"),
		Cells: []matrix.CellChange{{Issue: m.Issues[2].Name, Party: "Russia", Old: "Opposes", New: m.Stance(2, 1), Direction: matrix.TowardsSupport}}}
	opt := export.Options{Sections: pdf.Sections(), Changes: ch}
	a, _ := exportPDF(t, m, opt)
	b, _ := exportPDF(t, m, opt)
	if !bytes.Equal(a, b) {
		t.Fatal("two exports of the same matrix differ")
	}
	save(t, "changes", a)
}

func TestPDFChanges(t *testing.T) {
	needTool(t, "pdftotext")
	m := sampleLike()
	ch := &matrix.Changes{Old: "Matrix 2025-04-16", OldDate: date("2025-04-16"), New: "Matrix",
		Cells:        []matrix.CellChange{{Issue: m.Issues[2].Name, Party: "Russia", Old: "Opposes", New: m.Stance(2, 1), Direction: matrix.TowardsSupport}},
		PartiesAdded: []string{"China"}, NewEvidence: m.Evidence[:1],
		Edits: []matrix.Edit{{Kind: matrix.NoteEdited, Party: "Russia", Issue: m.Issues[2].Name, Subject: m.Issues[2].Name + " / Russia",
			Old: "Will not talk.", New: "Will talk.", Ref: "Matrix!C4"}}}
	for _, tc := range []struct {
		name    string
		changes *matrix.Changes
		want    []string
		absent  []string
	}{
		{"with changes", ch, []string{"Changes since the last snapshot", "Changed since Matrix 2025-04-16", "towards support", "Parties added: China", "changed from Opposes",
			"Other edits (1)", `"Will not talk." → "Will talk." (Matrix!C4)`}, nil},
		{"without changes", nil, nil, []string{"Changes since", "Changed since"}},
		{"many edits", func() *matrix.Changes {
			c := *ch
			c.Edits = nil
			for k := range 45 {
				c.Edits = append(c.Edits, matrix.Edit{Kind: matrix.AboutEdited, Subject: "About", Field: "Notes", Old: fmt.Sprint("v", k), New: fmt.Sprint("w", k)})
			}
			return &c
		}(), []string{"Other edits (45)", `"v39" → "w39"`, "… and 5 more; stancematrix diff lists them all."}, []string{`"v40"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, _ := exportPDF(t, m, export.Options{Changes: tc.changes})
			text := squeeze(text(t, writeTemp(t, data)))
			for _, w := range tc.want {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, w := range tc.absent {
				if strings.Contains(text, squeeze(w)) {
					t.Errorf("text has %q", w)
				}
			}
		})
	}
}

// countSymbols counts each stance symbol's characters in text and what the
// cells (plus one legend tile each) should give.
func symbolCounts(m *matrix.Matrix, text string) (got, want map[rune]int) {
	got, want = map[rune]int{}, map[rune]int{}
	syms := map[string]string{}
	for _, st := range m.Scale.Stances {
		syms[st.Label] = st.Symbol
		for _, r := range st.Symbol {
			want[r]++ // the legend
		}
	}
	for _, row := range m.Cells() {
		for _, c := range row {
			for _, r := range syms[c.Stance] {
				want[r]++
			}
		}
	}
	for _, r := range text {
		if _, ok := want[r]; ok {
			got[r]++
		}
	}
	return got, want
}

func TestPDFLayout(t *testing.T) {
	needTool(t, "pdftotext")
	tests := []struct {
		name    string
		m       *matrix.Matrix
		full    bool // also export every section
		orients []string
		big     bool // the other sections without the matrix, checked on their first pages
	}{
		{"3x3", briefingMatrix([]string{"Alpha", "Beta", "Gamma"}, []string{"Ceasefire", "Sanctions", "Elections"},
			[][]string{{"Supports", "Opposes", "Unclear"}, {"Leans support", "", "Conditional"}, {"Leans oppose", "Supports", "Opposes"}}), true, nil, false},
		{"7x9", sampleLike(), true, []string{"portrait", "landscape"}, false},
		{"30x60", matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 30, Issues: 60, Evidence: 300, Seed: 1}), true, nil, false},
		{"120x400 long names", matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 120, Issues: 400, Evidence: 800, LongNames: true, QuoteChars: 500, Scripts: true, Seed: 2}), !testing.Short(), []string{"portrait"}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, orient := range append([]string{"auto"}, tc.orients...) {
				// The matrix alone: every cell's symbol, every party and
				// issue in full (headers, or the party key), never cut off.
				data, _ := exportPDF(t, tc.m, export.Options{Sections: []string{"matrix"}, Orientation: orient, Detail: "full"})
				save(t, "layout-"+tc.name+"-"+orient, data)
				file := writeTemp(t, data)
				if orient == "auto" {
					qpdfCheck(t, file)
				}
				raw := text(t, file)
				text := squeeze(raw)
				for _, p := range tc.m.Parties {
					if !strings.Contains(text, squeeze(p.Name)) {
						t.Errorf("%s: matrix pages lack party %q", orient, p.Name)
					}
					if !strings.Contains(text, squeeze(p.Group)) {
						t.Errorf("%s: matrix pages lack group %q", orient, p.Group)
					}
				}
				for _, is := range tc.m.Issues {
					if !strings.Contains(text, squeeze(is.Name)) {
						t.Errorf("%s: matrix pages lack issue %q", orient, is.Name)
					}
				}
				got, want := symbolCounts(tc.m, raw)
				for r, n := range want {
					if got[r] != n {
						t.Errorf("%s: %d × %q in the matrix pages, want %d (one per cell and legend)", orient, got[r], r, n)
					}
				}
			}
			if !tc.full {
				return
			}
			opt := export.Options{Sections: pdf.Sections(), Detail: "full"}
			var pages []string
			if tc.big {
				// Thousands of pages: reading them all back takes minutes
				// on a busy machine; the matrix pages were read above.
				opt.Sections = []string{"header", "findings", "issues", "profiles", "sources"}
				pages = []string{"-l", "60"}
			}
			data, _ := exportPDF(t, tc.m, opt)
			save(t, "full-"+tc.name, data)
			file := writeTemp(t, data)
			if !tc.big {
				qpdfCheck(t, file)
			}
			text := squeeze(body(text(t, file, pages...), tc.m))
			for _, e := range tc.m.Evidence {
				if !strings.Contains(text, squeeze(e.Quote)) {
					t.Errorf("text lacks quote %q", e.Quote)
					break
				}
			}
		})
	}
}

func TestPDFUnsupportedCharacters(t *testing.T) {
	m := briefingMatrix([]string{"東京党", "Beta"}, []string{"Ceasefire"}, [][]string{{"Supports", "Opposes"}})
	m.SetNote(0, 1, "Agreed 🤝", m.Cell(0, 1).Release)
	addEvidence(m, "Beta", "Ceasefire", "2025-04-01", "We agree ✓ 中", "Speaker")
	data, warns := exportPDF(t, m, export.Options{})
	save(t, "unsupported", data)
	var got []string
	for _, w := range warns {
		got = append(got, w.Error())
	}
	want := []string{
		`test.xlsx: Matrix!B1: warning: the pdf font cannot draw "東" (U+6771), "京" (U+4EAC), "党" (U+515A) in the party name`,
		`test.xlsx: Matrix!C2: warning: the pdf font cannot draw "🤝" (U+1F91D) in the note of Beta on Ceasefire`,
		`test.xlsx: Evidence: warning: row 2: the pdf font cannot draw "✓" (U+2713), "中" (U+4E2D) in the evidence quote`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range warns {
		if w.Severity != matrix.Warning || !errors.Is(w.Err, pdf.ErrMissingGlyphs) {
			t.Errorf("%v: want a warning carrying pdf.ErrMissingGlyphs (the command adds the --font hint)", w)
		}
	}
}

// TestPDFOddInputs exports matrices a reader may still hand over: none may
// panic, each must give a valid PDF.
func TestPDFOddInputs(t *testing.T) {
	long := strings.Repeat("Withdrawal of all foreign forces from the territory ", 100)
	tests := []struct {
		name   string
		m      func() *matrix.Matrix
		text   []string
		links  []string // URLs that must be links
		nolink []string // URLs that must not be
	}{
		{name: "empty matrix", m: func() *matrix.Matrix {
			return &matrix.Matrix{Source: "empty.xlsx", Scale: matrix.DefaultScale()}
		}, text: []string{"The matrix is empty."}},
		{name: "no issues", m: func() *matrix.Matrix {
			m := briefingMatrix([]string{"Alpha"}, nil, nil)
			return m
		}, text: []string{"The matrix is empty."}},
		{name: "empty scale and unknown label", m: func() *matrix.Matrix {
			m := briefingMatrix([]string{"Alpha", "Beta"}, []string{"Ceasefire"}, [][]string{{"Maybe", ""}})
			m.Scale = matrix.Scale{}
			return m
		}, text: []string{"Maybe", "Alpha", "Ceasefire"}},
		{name: "blank names and control characters", m: func() *matrix.Matrix {
			m := briefingMatrix([]string{"", "Be\x00ta\r\n"}, []string{"\t"}, [][]string{{"Supports", "Opposes"}})
			m.About = matrix.About{}
			return m
		}},
		{name: "huge texts", m: func() *matrix.Matrix {
			m := briefingMatrix([]string{"Alpha", long}, []string{long, "Ceasefire"}, [][]string{{"Supports", "Opposes"}, {"", "Unclear"}})
			m.SetNote(0, 0, long, m.Cell(0, 0).Release)
			addEvidence(m, "Alpha", long, "2025-01-01", strings.Repeat("Never. ", 3000), "Speaker")
			m.Evidence[0].URL = "https://example.org/" + strings.Repeat("x", 400)
			return m
		}, text: []string{"Never. Never.", "Alpha"}},
		{name: "urls", m: func() *matrix.Matrix {
			m := briefingMatrix([]string{"Alpha"}, []string{"Ceasefire"}, [][]string{{"Supports"}})
			addEvidence(m, "Alpha", "Ceasefire", "2025-01-01", "q1", "A")
			addEvidence(m, "Alpha", "Ceasefire", "2025-01-02", "q2", "B")
			addEvidence(m, "Alpha", "Ceasefire", "2025-01-03", "q3", "C")
			m.Evidence[0].URL = "javascript:alert(1)"
			m.Evidence[1].URL = "HTTPS://example.org/a?b=(c)&d=é"
			m.Evidence[2].URL = "file:///etc/passwd"
			return m
		}, links: []string{"HTTPS://example.org/a?b=(c)&d=%C3%A9"}, nolink: []string{"javascript:alert(1)", "file:///etc/passwd"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m()
			data, _ := exportPDF(t, m, export.Options{Sections: pdf.Sections()})
			save(t, "odd-"+tc.name, data)
			file := writeTemp(t, data)
			qpdfCheck(t, file)
			text := squeeze(text(t, file))
			for _, w := range tc.text {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("text lacks %q", w)
				}
			}
			urls := run(t, "pdfinfo", "-url", file)
			for _, u := range tc.links {
				if !strings.Contains(urls, u) {
					t.Errorf("no link to %q:\n%s", u, urls)
				}
			}
			for _, u := range tc.nolink {
				if strings.Contains(urls, u) {
					t.Errorf("link to %q:\n%s", u, urls)
				}
				if !strings.Contains(text, squeeze(u)) {
					t.Errorf("text lacks %q", u)
				}
			}
		})
	}
}

func TestPDFOptions(t *testing.T) {
	m := sampleLike()
	tests := []struct {
		name    string
		opt     export.Options
		err     string
		info    []string // lines pdfinfo must print
		text    []string
		notText []string
	}{
		{name: "bad section", opt: export.Options{Sections: []string{"matrix", "summary"}}, err: `unknown pdf section "summary" (valid: header, findings, alignment, split, categories, matrix, issues, profiles, moved, changes, sources)`},
		{name: "bad paper", opt: export.Options{Paper: "a5"}, err: `unknown paper size "a5" (want a4 or letter)`},
		{name: "bad orientation", opt: export.Options{Orientation: "sideways"}, err: `unknown orientation "sideways" (want auto, portrait or landscape)`},
		{name: "not a font", opt: export.Options{Font: []byte("%PDF-1.4 not a font at all")}, err: "font: not a TrueType font"},
		{name: "truncated font", opt: export.Options{Font: liberationserifregular.TTF[:2000]}, err: "font: damaged font"},
		{name: "letter", opt: export.Options{Paper: "letter", Orientation: "portrait"}, info: []string{"Page size: 612 x 792 pts (letter)"}},
		{name: "a4 landscape", opt: export.Options{Orientation: "landscape"}, info: []string{"Page size: 841.89 x 595.28 pts (A4)"}},
		{name: "title option and custom font", opt: export.Options{Title: "Ukraine talks", Font: liberationserifregular.TTF}, info: []string{"Title: Ukraine talks"}, text: []string{"Ukraine talks", "Russia"}},
		{name: "sections", opt: export.Options{Sections: []string{"matrix", "sources"}}, text: []string{"The matrix", "Sources"}, notText: []string{"Issue by issue", "Test briefing"}},
		{name: "dates from now", opt: export.Options{Now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}, info: []string{"CreationDate: Fri Jan 2 03:04:05 2026 UTC"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := pdf.Write(&buf, m, tc.opt)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			file := writeTemp(t, buf.Bytes())
			info := oneSpace(run(t, "env", "TZ=UTC", "pdfinfo", file))
			for _, w := range tc.info {
				if !strings.Contains(info, w) {
					t.Errorf("pdfinfo lacks %q:\n%s", w, info)
				}
			}
			text := squeeze(text(t, file))
			for _, w := range tc.text {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, w := range tc.notText {
				if strings.Contains(text, squeeze(w)) {
					t.Errorf("text has %q", w)
				}
			}
		})
	}
}

func BenchmarkPDF(b *testing.B) {
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 50, Issues: 200, Evidence: 10000, Seed: 3})
	b.ReportAllocs()
	var size int
	for b.Loop() {
		var buf bytes.Buffer
		if err := pdf.Write(&buf, m, export.Options{}); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.ReportMetric(float64(size)/1e6, "MB")
}

// TestPDFSamples exports every sample workbook as a briefing, with the
// changes since its newest snapshot, and reads it back.
func TestPDFSamples(t *testing.T) {
	needTool(t, "pdftotext")
	files, err := filepath.Glob("../../samples/*.xlsx")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample workbooks: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			m, ps := matrix.ReadFile(f, matrix.ReadOptions{})
			if err := ps.Err(); err != nil {
				t.Fatalf("reading: %v", err)
			}
			var ch *matrix.Changes
			if n := len(m.Snapshots); n > 0 {
				ch = matrix.Diff(m.Snapshots[n-1].Matrix, m)
			}
			data, warns := exportPDF(t, m, export.Options{Sections: pdf.Sections(), Changes: ch})
			for _, w := range warns {
				t.Errorf("unexpected warning: %v", w)
			}
			save(t, "sample-"+strings.TrimSuffix(filepath.Base(f), ".xlsx"), data)
			file := writeTemp(t, data)
			qpdfCheck(t, file)
			text := squeeze(body(text(t, file), m))
			var want []string
			for _, p := range m.Parties {
				want = append(want, p.Name)
			}
			for i, is := range m.Issues {
				want = append(want, is.Name)
				for p := range m.Parties {
					c := m.Cell(i, p)
					want = append(want, c.Stance, c.Note)
				}
			}
			for _, e := range m.Evidence {
				want = append(want, e.Quote)
			}
			if ch != nil {
				for _, c := range ch.Cells {
					want = append(want, fmt.Sprintf("%s on %s", c.Party, c.Issue))
				}
			}
			for _, w := range want {
				if !strings.Contains(text, squeeze(w)) {
					t.Errorf("text lacks %q", w)
				}
			}
		})
	}
}

// TestPDFOutline compares the structure of the sample-like briefing (page
// count and bookmarks, with their nesting) with testdata/outline.golden;
// -update rewrites it.
func TestPDFOutline(t *testing.T) {
	m := sampleLike()
	ch := &matrix.Changes{Old: "Matrix 2025-04-16", OldDate: date("2025-04-16"),
		Cells: []matrix.CellChange{{Issue: m.Issues[2].Name, Party: "Russia", Old: "Opposes", New: m.Stance(2, 1), Direction: matrix.TowardsSupport}}}
	data, _ := exportPDF(t, m, export.Options{Sections: pdf.Sections(), Changes: ch})
	file := writeTemp(t, data)
	out := run(t, "qpdf", "--json", "--json-key=outlines", file)
	var doc struct {
		Outlines []outline `json:"outlines"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "pages: %d\n", pages(t, file))
	var walk func([]outline, string)
	walk = func(os []outline, indent string) {
		for _, o := range os {
			fmt.Fprintf(&b, "%s%s\n", indent, o.Title)
			walk(o.Kids, indent+"  ")
		}
	}
	walk(doc.Outlines, "")
	matrixtest.Golden(t, "testdata/outline.golden", []byte(b.String()))
}

// TestPDFDamagedFonts feeds damaged copies of a font as export.Options.Font: each
// must give a PDF or an error, never a panic, and nothing may be printed to
// standard output (the PDF library prints some font errors there, and
// standard output may be the PDF).
func TestPDFDamagedFonts(t *testing.T) {
	good := liberationserifregular.TTF
	m := briefingMatrix([]string{"Alpha"}, []string{"Ceasefire"}, [][]string{{"Supports"}})
	var fonts [][]byte
	for _, n := range []int{0, 4, 12, 100, 1000, len(good) / 2, len(good) - 1} {
		fonts = append(fonts, good[:n])
	}
	for i := 0; i < 40; i++ {
		f := bytes.Clone(good)
		// Damage the table directory and the starts of tables, where
		// offsets and counts live.
		pos := (i*7919)%400 + 4
		f[pos] ^= 0xFF
		f[pos+1] ^= 0x5A
		fonts = append(fonts, f)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	var errs int
	for _, f := range fonts {
		var buf bytes.Buffer
		if err := pdf.Write(&buf, m, export.Options{Font: f}); err != nil {
			errs++
		}
	}
	os.Stdout = stdout
	w.Close()
	printed, _ := io.ReadAll(r)
	if len(printed) > 0 {
		t.Errorf("printed to standard output: %q", printed)
	}
	if errs < len(fonts)/4 {
		t.Errorf("only %d of %d damaged fonts were refused", errs, len(fonts))
	}
}

// TestPDFFontChanges checks that text is not drawn with the font switching
// back and forth around it: measuring the next word must not leave a font
// change in the page that no text uses. fpdf writes every SetFont into the
// page, so each such switch is bytes to write and compress (it was 46% of
// the font changes of a 50 × 200 briefing). Only the start of a page, where
// fpdf restores the font before the header sets its own, may have one.
func TestPDFFontChanges(t *testing.T) {
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 10, Issues: 30, Evidence: 300, Scripts: true, Seed: 1})
	data, _ := exportPDF(t, m, export.Options{})
	in := writeTemp(t, data)
	out := filepath.Join(t.TempDir(), "qdf.pdf")
	run(t, "qpdf", "--qdf", "--object-streams=disable", in, out)
	qdf, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var tj, tf, unused int
	drawn, pending := false, false
	for _, line := range strings.Split(string(qdf), "\n") {
		switch {
		case line == "stream":
			drawn, pending = false, false
		case strings.HasSuffix(line, " Tf ET"):
			tf++
			if pending && drawn {
				unused++
			}
			pending = true
		case strings.Contains(line, "Tj") || strings.Contains(line, "TJ"): // the hex strings of text have no T
			tj++
			drawn, pending = true, false
		}
	}
	pages := pages(t, in)
	if tj < 1000 {
		t.Fatalf("only %d text operators in %d pages: not the briefing expected", tj, pages)
	}
	t.Logf("%d pages, %d texts, %d font changes, %d unused", pages, tj, tf, unused)
	if unused > pages {
		t.Errorf("%d font changes that no text uses (after the first text of a page), in %d pages; %d font changes for %d texts", unused, pages, tf, tj)
	}
}

func TestHandedAnalysis(t *testing.T) {
	exporttest.HandedAnalysis(t, pdf.Write, func(b []byte) string { return squeeze(text(t, writeTemp(t, b))) })
}

// TestMissingGlyphsError checks that a character the font cannot draw is a
// warning carrying pdf.ErrMissingGlyphs, whose text names no CLI flag (the
// command adds the --font hint).
func TestMissingGlyphsError(t *testing.T) {
	m := sampleLike()
	m.Parties[0].Name = "中国"
	_, warns := exportPDF(t, m, export.Options{})
	if len(warns) == 0 {
		t.Fatal("no warning for a party name the font cannot draw")
	}
	for _, w := range warns {
		if !errors.Is(w.Err, pdf.ErrMissingGlyphs) {
			t.Errorf("warning %q: Err %v, want pdf.ErrMissingGlyphs", w.Msg, w.Err)
		}
		if strings.Contains(w.Msg+w.Hint, "--") {
			t.Errorf("warning names a flag: %q / %q", w.Msg, w.Hint)
		}
	}
}
