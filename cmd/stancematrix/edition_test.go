package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/matrix"
)

// editionBook is a workbook with public, internal and restricted rows and
// notes, a restricted party, an internal issue, a snapshot with marked
// notes and a threaded comment. Each secret is a token that names its
// level: the test searches every output for it.
const editionBook = `[Matrix]
,Alpha,Bravo,Qorvania
Trade,Supports,Opposes,Conditional
Defence,Opposes,Supports,Leans support
Climate,Supports,Supports,Opposes
Zephyrgate,Opposes,Supports,Supports
!note B2 Public note tokpubnote
!note C2 [INTERNAL] Internal note tokintnote
!note B3 [restricted] Restricted note tokresnote
!note D2 The party's note tokqnote
!note B5 Issue note tokintissuenote
!threaded C3 @Anna: per embassy cable 4711 (do not cite) tokthreaded
[Matrix 2025-01-01]
,Alpha,Bravo,Qorvania
Trade,Opposes,Opposes,Opposes
Defence,Opposes,Supports,Leans support
Climate,Supports,Supports,Opposes
Zephyrgate,Opposes,Opposes,Supports
!note C2 [INTERNAL] Old internal note tokintsnap
!note B3 [RESTRICTED] Old restricted note tokressnap
!note B2 Old public note tokpubsnap
[Parties]
Name,Short,Release
Alpha,AL,
Bravo,BR,public
Qorvania,QVNX,RESTRICTED
[Issues]
Name,Release
Trade,
Defence,
Climate,
Zephyrgate,INTERNAL
[Evidence]
Party,Issue,Stance,Date,Summary,Quote,Source,Release
Alpha,Trade,Supports,2025-01-10,Public summary tokpubev,,Press,
Bravo,Trade,Opposes,2025-02-10,Internal summary tokintev,,Embassy,INTERNAL
Alpha,Defence,Opposes,2025-03-10,Restricted summary tokresev,Cable tokresquote,Cable,RESTRICTED
Qorvania,Trade,Conditional,2025-01-05,About the party tokqev,,Press,
[Findings]
Finding,Issue,Parties,Release
Alpha leads tokpubfind,Trade,Alpha,
Internal judgement tokintfind,,,INTERNAL
Restricted judgement tokresfind,,,RESTRICTED
Qorvania wavers tokqfind,Trade,Qorvania,
[About]
Title,Edition test
`

// editionSecrets are the tokens of editionBook by the lowest edition that
// may contain them; "never" ones are threaded comments.
var editionSecrets = map[string][]string{
	"PUBLIC":     {"tokpubnote", "tokpubev", "tokpubfind", "Alpha"},
	"INTERNAL":   {"tokintnote", "tokintev", "tokintfind", "Zephyrgate", "tokintsnap", "tokintissuenote"},
	"RESTRICTED": {"tokresnote", "tokresev", "tokresquote", "tokresfind", "Qorvania", "QVNX", "tokqnote", "tokqev", "tokqfind", "tokressnap"},
	"never":      {"tokthreaded", "4711", "Threaded comment"},
}

var editionLevels = []string{"PUBLIC", "INTERNAL", "RESTRICTED"}

// runEdition runs the command in process and returns its exit code and output.
func runEdition(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), strings.NewReader(""), &stdout, &stderr, append([]string{"stancematrix"}, args...), nil)
	return code, stdout.String(), stderr.String()
}

// outputText returns the searchable text of an output file: the PDF's text
// (pdftotext), its strings (qpdf --json, when qpdf is there) and its raw
// bytes, every part of an XLSX (cells, comments,
// properties), the bytes of the others.
func outputText(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case strings.HasSuffix(path, ".pdf"):
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", path, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", path, err)
		}
		// qpdf decodes the document's strings (bookmarks, metadata, link
		// annotations), which the raw bytes may hold compressed or in UTF-16.
		if _, err := exec.LookPath("qpdf"); err == nil {
			js, err := exec.Command("qpdf", "--json", path).Output()
			if err != nil {
				t.Fatalf("qpdf --json %s: %v", path, err)
			}
			out = append(out, js...)
		}
		return string(out) + "\n" + string(b)
	case strings.HasSuffix(path, ".xlsx"):
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		var all strings.Builder
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			part, _ := io.ReadAll(rc)
			rc.Close()
			all.WriteString(f.Name + "\n" + string(part) + "\n")
		}
		return all.String()
	}
	return string(b)
}

func writeEditionBook(t *testing.T, dir, desc string) string {
	t.Helper()
	b, err := buildWorkbook(desc)
	if err != nil {
		t.Fatal(err)
	}
	in := filepath.Join(dir, "book.xlsx")
	if err := os.WriteFile(in, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return in
}

// exportAll exports in to every format in a new folder, with args, and
// returns the text of each output by file name.
func exportAll(t *testing.T, in string, args ...string) map[string]string {
	t.Helper()
	out := t.TempDir()
	code, _, stderr := runEdition(t, append([]string{"export", "-q", "-f", "pdf,xlsx,json,csv,md,html", "-o", out}, append(args, in)...)...)
	if code != 0 {
		t.Fatalf("export %v: exit %d\n%s", args, code, stderr)
	}
	// The CSV per party and per issue, and the analysis, go through
	// the same read path; one split is searched too.
	split := t.TempDir()
	if code, _, stderr := runEdition(t, append([]string{"export", "-q", "-f", "csv,md", "--split-by", "party", "-o", split}, append(args, in)...)...); code != 0 {
		t.Fatalf("export --split-by party %v: exit %d\n%s", args, code, stderr)
	}
	texts := map[string]string{}
	for _, d := range []string{out, split} {
		ents, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range ents {
			texts[filepath.Join(filepath.Base(d), e.Name())] = outputText(t, filepath.Join(d, e.Name()))
		}
	}
	if len(texts) < 6 {
		t.Fatalf("only %d outputs: %v", len(texts), texts)
	}
	return texts
}

// TestEditionNoLeak exports editionBook at each edition to every format
// and searches every output for the text above the edition; the banner is
// the highest level included, and the text the edition may hold is there.
func TestEditionNoLeak(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is missing (install poppler-utils)")
	}
	in := writeEditionBook(t, t.TempDir(), editionBook)
	for k, level := range editionLevels {
		t.Run(level, func(t *testing.T) {
			texts := exportAll(t, in, "--edition", strings.ToLower(level))
			for name, text := range texts {
				lower := strings.ToLower(text)
				for _, above := range append(editionLevels[k+1:], "never") {
					for _, tok := range editionSecrets[above] {
						if strings.Contains(lower, strings.ToLower(tok)) {
							t.Errorf("%s edition: %s holds %q (%s)", level, name, tok, above)
						}
					}
				}
				if !strings.Contains(text, level) {
					t.Errorf("%s edition: %s does not carry its banner %q", level, name, level)
				}
				if strings.HasSuffix(name, ".csv") && !strings.HasPrefix(text, "# "+level+"\n") {
					t.Errorf("%s edition: %s does not start with the banner line: %.60q", level, name, text)
				}
			}
			var doc struct {
				Edition struct{ Level, Banner string }
			}
			js := texts[filepath.Base(filepath.Dir(filepath.Join("x", "y")))]
			for name, text := range texts {
				if strings.HasSuffix(name, ".json") {
					js = text
				}
			}
			if err := json.Unmarshal([]byte(js), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Edition.Level != level || doc.Edition.Banner != level {
				t.Errorf("JSON edition = %+v, want level and banner %s", doc.Edition, level)
			}
			// What the edition may hold is there: the test can see a leak.
			for _, lv := range editionLevels[:k+1] {
				for _, tok := range editionSecrets[lv] {
					if strings.HasPrefix(tok, "tok") && strings.Contains(tok, "snap") {
						continue // old notes show only as edits
					}
					if !strings.Contains(js, tok) {
						t.Errorf("%s edition: the JSON lacks %q (%s)", level, tok, lv)
					}
				}
			}
		})
	}
}

// TestEditionDefault checks that a workbook with restricted rows is
// exported whole, under its highest banner, unless its About sheet names
// an edition.
func TestEditionDefault(t *testing.T) {
	in := writeEditionBook(t, t.TempDir(), editionBook)
	out := t.TempDir()
	if code, _, stderr := runEdition(t, "export", "-q", "-f", "json,csv", "-o", out, in); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, _ := os.ReadFile(filepath.Join(out, "book.json"))
	if !bytes.Contains(b, []byte(`"level": "RESTRICTED"`)) || !bytes.Contains(b, []byte("tokresev")) {
		t.Errorf("default edition is not the restricted one:\n%.400s", b)
	}
	c, _ := os.ReadFile(filepath.Join(out, "book.csv"))
	if !bytes.HasPrefix(c, []byte("# RESTRICTED\n")) {
		t.Errorf("CSV starts %.40q, want the RESTRICTED banner", c)
	}

	pub := writeEditionBook(t, t.TempDir(), editionBook+"Edition,Public\n")
	out = t.TempDir()
	if code, _, stderr := runEdition(t, "export", "-q", "-f", "json", "-o", out, pub); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	b, _ = os.ReadFile(filepath.Join(out, "book.json"))
	if !bytes.Contains(b, []byte(`"level": "PUBLIC"`)) || bytes.Contains(b, []byte("tokint")) || bytes.Contains(b, []byte("tokres")) {
		t.Errorf("About Edition Public is not the default:\n%.400s", b)
	}
}

// TestEditionCommands checks show, analyze and diff: the banner first,
// nothing above the edition, the diff's edits included.
func TestEditionCommands(t *testing.T) {
	in := writeEditionBook(t, t.TempDir(), editionBook)
	for _, args := range [][]string{
		{"show", "--edition", "PUBLIC", in},
		{"analyze", "--edition", "PUBLIC", in},
		{"diff", "--edition", "PUBLIC", in},
		{"export", "-f", "md", "-o", "-", "--edition", "PUBLIC", "--since", "2025-01-01", in},
	} {
		t.Run(args[0], func(t *testing.T) {
			_, stdout, stderr := runEdition(t, args...)
			if args[0] != "export" && !strings.HasPrefix(stdout, "[PUBLIC]\n") {
				t.Errorf("%v: output does not start with the banner:\n%.200s\n%s", args, stdout, stderr)
			}
			for _, lv := range []string{"INTERNAL", "RESTRICTED", "never"} {
				for _, tok := range editionSecrets[lv] {
					if strings.Contains(stdout+stderr, tok) {
						t.Errorf("%v: output holds %q (%s)", args, tok, lv)
					}
				}
			}
			if args[0] == "export" && !strings.Contains(stdout, "tokpubsnap") {
				t.Errorf("the public edit is missing: the test cannot see edits\n%s", stdout)
			}
		})
	}
	// diff of two files: the older side is read at the newer side's level.
	old := writeEditionBook(t, t.TempDir(), strings.Replace(editionBook, "tokintnote", "tokintold", 1))
	_, stdout, _ := runEdition(t, "diff", "--edition", "PUBLIC", old, in)
	if strings.Contains(stdout, "tokint") {
		t.Errorf("diff OLD NEW carries internal notes:\n%s", stdout)
	}
	_, stdout, _ = runEdition(t, "diff", "--edition", "INTERNAL", old, in)
	if !strings.Contains(stdout, "tokintold") {
		t.Errorf("diff OLD NEW at INTERNAL lacks the internal edit (the test cannot fail):\n%s", stdout)
	}
}

// TestThreadedComments checks that validate names the cells with a
// threaded comment and that --include-comments publishes it.
func TestThreadedComments(t *testing.T) {
	in := writeEditionBook(t, t.TempDir(), editionBook)
	_, stdout, stderr := runEdition(t, "validate", in)
	if !strings.Contains(stdout+stderr, "Matrix!C3: warning: the cell holds a threaded comment") {
		t.Errorf("validate does not name the threaded comment:\n%s%s", stdout, stderr)
	}
	if strings.Contains(stdout+stderr, "tokthreaded") {
		t.Errorf("validate prints the comment's text")
	}
	_, stdout, stderr = runEdition(t, "export", "-f", "md", "-o", "-", "--edition", "PUBLIC", "--include-comments", in)
	if !strings.Contains(stdout, "tokthreaded") {
		t.Errorf("--include-comments does not publish the threaded comment:\n%s\n%s", stdout, stderr)
	}
}

// TestEditionUnknownLevel checks the messages for unknown levels.
func TestEditionUnknownLevel(t *testing.T) {
	in := writeEditionBook(t, t.TempDir(), strings.Replace(editionBook, "Bravo,BR,public", "Bravo,BR,INTERNL", 1))
	code, stdout, stderr := runEdition(t, "validate", in)
	if code != 1 || !strings.Contains(stdout+stderr, `Parties!C3: unknown release level "INTERNL" (did you mean "INTERNAL"?)`) {
		t.Errorf("exit %d\n%s%s", code, stdout, stderr)
	}
	in = writeEditionBook(t, t.TempDir(), editionBook)
	code, _, stderr = runEdition(t, "export", "-f", "json", "-o", "-", "--edition", "SECRET", in)
	if code != 1 || !strings.Contains(stderr, `unknown edition "SECRET"`) {
		t.Errorf("exit %d\n%s", code, stderr)
	}
}

// setNotes replaces the notes of the workbook at path: cell → text, on
// sheet; the text may hold line breaks, which the mkbook description
// cannot.
func setNotes(t *testing.T, path, sheet string, notes map[string]string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, text := range notes {
		_ = f.DeleteComment(sheet, cell)
		if err := f.AddComment(sheet, excelize.Comment{Cell: cell, Author: "test", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
}

// noLeak fails when out holds any of toks.
func noLeak(t *testing.T, what, out string, toks ...string) {
	t.Helper()
	for _, tok := range toks {
		if strings.Contains(strings.ToLower(out), strings.ToLower(tok)) {
			t.Errorf("%s holds %q:\n%s", what, tok, out)
		}
	}
}

// TestEditionNoteMarkers checks the markers a note may carry besides a
// leading "[LEVEL]": one on a later line, lower case, after spaces, as a
// line's "Level:" and inside a threaded comment published on request;
// and that a common marking the workbook does not define is an error.
func TestEditionNoteMarkers(t *testing.T) {
	in := writeEditionBook(t, t.TempDir(), editionBook)
	setNotes(t, in, "Matrix", map[string]string{
		"B4": "Published line tokpubline\n[RESTRICTED] tokreslater",
		"C4": "   [internal]   tokintspaces",
		"B2": "Context first.\nInternal: per the ambassador tokintcolon",
		"C2": "A note quoting [Restricted] sources tokresinline",
	})
	for _, args := range [][]string{
		{"export", "-f", "md", "-o", "-", "--edition", "PUBLIC", in},
		{"export", "-f", "json", "-o", "-", "--edition", "PUBLIC", "--include-comments", in},
		{"show", "--edition", "PUBLIC", in},
	} {
		code, stdout, stderr := runEdition(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		noLeak(t, strings.Join(args[:2], " "), stdout, "tokreslater", "tokpubline", "tokintspaces", "tokintcolon", "tokresinline")
	}
	_, stdout, _ := runEdition(t, "export", "-f", "json", "-o", "-", "--edition", "INTERNAL", in)
	for _, tok := range []string{"tokintspaces", "tokintcolon"} {
		if !strings.Contains(stdout, tok) {
			t.Errorf("the INTERNAL edition lacks %q: the test cannot see the note", tok)
		}
	}
	noLeak(t, "INTERNAL edition", stdout, "tokreslater", "tokresinline")
	if strings.Contains(stdout, "[internal]") {
		t.Errorf("the opening marker is kept in the note")
	}

	// A threaded comment whose text is marked keeps its level when it is
	// published with --include-comments.
	th := writeEditionBook(t, t.TempDir(), strings.Replace(editionBook, "@Anna: per embassy cable 4711 (do not cite) tokthreaded", "[RESTRICTED] @Anna: per cable tokthreaded", 1))
	_, stdout, stderr := runEdition(t, "export", "-f", "md", "-o", "-", "--edition", "INTERNAL", "--include-comments", th)
	noLeak(t, "threaded comment with a marker", stdout+stderr, "tokthreaded")

	// A marking the workbook does not define is an error, not text.
	sec := writeEditionBook(t, t.TempDir(), editionBook)
	setNotes(t, sec, "Matrix", map[string]string{"B4": "[SECRET] toksecret", "C4": "fine [sic] text"})
	code, stdout, stderr := runEdition(t, "validate", sec)
	if code != 1 || !strings.Contains(stdout+stderr, "Matrix!B4: the note's marker [SECRET] is not a release level of this workbook") {
		t.Errorf("validate [SECRET]: exit %d\n%s%s", code, stdout, stderr)
	}
	if strings.Contains(stdout+stderr, "Matrix!C4") {
		t.Errorf("[sic] is taken for a marker:\n%s%s", stdout, stderr)
	}
}

// oldBook is editionBook as it was before anything was marked: the same
// rows and notes (one note longer) without a Release value or a marker,
// dated earlier.
func oldBook() string {
	o := strings.NewReplacer("[INTERNAL] ", "", "[restricted] ", "", "[RESTRICTED] ", "",
		",RESTRICTED\n", ",\n", ",INTERNAL\n", ",\n", "Bravo,BR,public", "Bravo,BR,",
		"Internal note tokintnote", "Internal note tokintnote, as the embassy reported on Monday",
		"Title,Edition test", "Title,Edition test\nAs of,2024-06-01").Replace(editionBook)
	return o
}

// TestEditionAcrossFiles compares the edition with an older file that
// marks nothing: diff OLD NEW, --since OLD and history must not take from
// the older file what the newer one places above the edition (its
// restricted party and internal issue, its notes and rows by their text).
func TestEditionAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	in := writeEditionBook(t, dir, strings.Replace(editionBook, "Title,Edition test", "Title,Edition test\nAs of,2025-05-01", 1))
	oldDir := t.TempDir()
	old := writeEditionBook(t, oldDir, oldBook())
	for k, level := range editionLevels[:2] {
		var above []string
		for _, lv := range append(editionLevels[k+1:], "never") {
			above = append(above, editionSecrets[lv]...)
		}
		for _, args := range [][]string{
			{"diff", "--edition", level, old, in},
			{"diff", "--format", "json", "--edition", level, old, in},
			{"diff", "--edition", level, "--since", old, in},
			{"export", "-f", "md", "-o", "-", "--edition", level, "--since", old, in},
			{"export", "-f", "json", "-o", "-", "--edition", level, "--since", old, in},
			{"history", "--edition", level, in, old},
			{"history", "--format", "json", "--edition", level, in, old},
		} {
			_, stdout, _ := runEdition(t, args...)
			if !strings.Contains(stdout, "Alpha") {
				t.Errorf("%s %v: no output to search:\n%s", level, args[:2], stdout)
			}
			noLeak(t, level+" "+strings.Join(args[:2], " "), stdout, above...)
		}
	}
	// The older file first: history reads every file at its level, which
	// is PUBLIC for a file that marks nothing.
	_, stdout, _ := runEdition(t, "history", old, in)
	noLeak(t, "history OLD NEW", stdout, "Qorvania", "Zephyrgate", "tokres", "tokint")
}

// TestServeProblemsPageEdition checks that the page serve shows in place
// of an edition's briefing names the problems' places without quoting the
// workbook: a message may name a restricted party.
func TestServeProblemsPageEdition(t *testing.T) {
	in := writeEditionBook(t, t.TempDir(), strings.Replace(editionBook, "Qorvania,Trade,Conditional,2025-01-05", "Qorvanja,Trade,Conditional,2025-01-05", 1))
	r := &exportResult{input: in}
	if _, _, _, ok := (&env{getenv: func(string) string { return "" }}).prepare(r, exportOptions{inputOptions: inputOptions{Read: matrix.ReadOptions{Edition: "PUBLIC"}}}); ok {
		t.Fatal("the workbook has no error")
	}
	all := fmt.Sprint(pageProblems(r, 0, ""))
	if !strings.Contains(all, "Qorvan") {
		t.Fatalf("the message does not name the party: the test cannot fail:\n%s", all)
	}
	page := fmt.Sprint(pageProblems(r, 0, "PUBLIC"))
	noLeak(t, "the problems page of the PUBLIC edition", page, "Qorvan", "tok")
	if !strings.Contains(page, "Evidence!A5") {
		t.Errorf("the page does not name the place:\n%s", page)
	}
}

// TestEditionJSONBanner checks that analyze's and diff's JSON carry the
// edition as export's does.
func TestEditionJSONBanner(t *testing.T) {
	in := writeEditionBook(t, t.TempDir(), editionBook)
	for _, args := range [][]string{
		{"analyze", "--format", "json", "--edition", "internal", in},
		{"diff", "--format", "json", "--edition", "internal", in},
	} {
		_, stdout, stderr := runEdition(t, args...)
		var doc struct {
			Edition *struct{ Level, Banner string }
		}
		if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
			t.Fatalf("%v: %v\n%s%s", args[:1], err, stdout, stderr)
		}
		if doc.Edition == nil || doc.Edition.Level != "INTERNAL" || doc.Edition.Banner != "INTERNAL" {
			t.Errorf("%v: edition = %+v, want INTERNAL", args[:1], doc.Edition)
		}
	}
}

// TestEditionAnalyzeTables checks analyze's CSV tables and JSON at the
// public edition: the banner first, nothing above it.
func TestEditionAnalyzeTables(t *testing.T) {
	in := writeEditionBook(t, t.TempDir(), editionBook)
	var above []string
	for _, lv := range []string{"INTERNAL", "RESTRICTED", "never"} {
		above = append(above, editionSecrets[lv]...)
	}
	for _, table := range []string{"pairs", "parties", "issues", "split", "categories"} {
		code, stdout, stderr := runEdition(t, "analyze", "--format", "csv", "--table", table, "--provenance", "--edition", "PUBLIC", in)
		if code != 0 || !strings.HasPrefix(stdout, "# PUBLIC\n") {
			t.Errorf("--table %s: exit %d, does not start with the banner:\n%.200s\n%s", table, code, stdout, stderr)
		}
		noLeak(t, "analyze --table "+table, stdout, above...)
	}
	_, stdout, _ := runEdition(t, "analyze", "--format", "json", "--edition", "PUBLIC", in)
	if !strings.Contains(stdout, "tokpubfind") {
		t.Errorf("analyze JSON lacks the public finding: the test cannot see a leak")
	}
	noLeak(t, "analyze --format json", stdout, above...)
}

// TestEditionSnapshotOnly checks a restricted party and issue that only a
// snapshot sheet holds: the changes of a lower edition do not name them.
func TestEditionSnapshotOnly(t *testing.T) {
	book := strings.NewReplacer(
		"[Matrix 2025-01-01]\n,Alpha,Bravo,Qorvania\nTrade,Opposes,Opposes,Opposes", "[Matrix 2025-01-01]\n,Alpha,Bravo,Qorvania,Xandor\nTrade,Opposes,Opposes,Opposes,Supports",
		"Zephyrgate,Opposes,Opposes,Supports\n!note C2", "Zephyrgate,Opposes,Opposes,Supports\nSecretissue,Supports,Opposes\n!note E2 Xandor note tokxnote\n!note C2",
		"Qorvania,QVNX,RESTRICTED", "Qorvania,QVNX,RESTRICTED\nXandor,XD,RESTRICTED",
		"Zephyrgate,INTERNAL", "Zephyrgate,INTERNAL\nSecretissue,RESTRICTED").Replace(editionBook)
	in := writeEditionBook(t, t.TempDir(), book)
	_, stdout, _ := runEdition(t, "diff", "--edition", "RESTRICTED", in)
	if !strings.Contains(stdout, "party removed: Xandor") || !strings.Contains(stdout, "issue removed: Secretissue") {
		t.Fatalf("the restricted edition does not show the snapshot's party and issue: the test cannot fail\n%s", stdout)
	}
	for _, args := range [][]string{
		{"diff", "--edition", "INTERNAL", in},
		{"diff", "--format", "json", "--edition", "PUBLIC", in},
		{"export", "-f", "md", "-o", "-", "--edition", "INTERNAL", in},
		{"export", "-f", "json", "-o", "-", "--edition", "PUBLIC", in},
	} {
		_, stdout, _ := runEdition(t, args...)
		noLeak(t, strings.Join(args, " "), stdout, "Xandor", "XD", "Secretissue", "tokxnote")
	}
}
