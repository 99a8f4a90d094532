package html_test

// Tests of the HTML page read back with an HTML5 parser: the
// Content-Security-Policy allows exactly the page's script and style,
// workbook text stays text, only http(s) and mailto links are made, and the
// same input gives the same bytes.

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	shtml "github.com/stancematrix/stancematrix/export/html"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

func parse(t testing.TB, b []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parsing the page: %v", err)
	}
	return doc
}

// elements returns every element under n named name, in document order
// ("" for every element).
func elements(n *html.Node, name string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (name == "" || n.Data == name) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// text is the text under n.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// csp returns the directives of the page's Content-Security-Policy meta.
func csp(t testing.TB, doc *html.Node) map[string]string {
	t.Helper()
	var metas []string
	for _, m := range elements(doc, "meta") {
		if v, _ := attr(m, "http-equiv"); strings.EqualFold(v, "Content-Security-Policy") {
			c, _ := attr(m, "content")
			metas = append(metas, c)
		}
	}
	if len(metas) != 1 {
		t.Fatalf("%d Content-Security-Policy metas, want 1", len(metas))
	}
	out := map[string]string{}
	for _, d := range strings.Split(metas[0], ";") {
		f := strings.Fields(d)
		if len(f) > 0 {
			out[f[0]] = strings.Join(f[1:], " ")
		}
	}
	return out
}

func TestCSP(t *testing.T) {
	doc := parse(t, exporttest.Bytes(t, shtml.Write, exporttest.Fixture(), export.Options{Changes: exporttest.FixtureChanges()}))
	pol := csp(t, doc)
	scripts := elements(doc, "script")
	if len(scripts) != 1 {
		t.Fatalf("%d scripts, want 1", len(scripts))
	}
	if _, ok := attr(scripts[0], "src"); ok {
		t.Errorf("the script has a src")
	}
	js := text(scripts[0])
	if js != shtml.Script {
		t.Errorf("the page's script differs from the embedded one")
	}
	if got, want := pol["script-src"], hash(js); got != want || want != shtml.ScriptHash {
		t.Errorf("script-src %s, want exactly the script's hash %s (ScriptHash %s)", got, want, shtml.ScriptHash)
	}
	styles := elements(doc, "style")
	if len(styles) != 1 {
		t.Fatalf("%d style elements, want 1", len(styles))
	}
	if got, want := pol["style-src"], hash(text(styles[0])); got != want {
		t.Errorf("style-src %s, want exactly the style's hash %s", got, want)
	}
	if pol["default-src"] != "'none'" {
		t.Errorf("default-src %q, want 'none'", pol["default-src"])
	}
	for _, d := range []string{"base-uri", "form-action"} {
		if pol[d] != "'none'" {
			t.Errorf("%s %q, want 'none'", d, pol[d])
		}
	}
	// The meta comes before the style and the script, so that it applies
	// to them.
	head := elements(doc, "head")[0]
	seenCSP := false
	for c := head.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if v, _ := attr(c, "http-equiv"); v != "" {
			seenCSP = true
		}
		if c.Data == "style" && !seenCSP {
			t.Errorf("the style comes before the policy")
		}
	}
	// Nothing that the policy would block and nothing that asks another
	// host: no style attribute, no event handler, no src, no link element.
	for _, e := range elements(doc, "") {
		for _, a := range e.Attr {
			if a.Key == "style" || strings.HasPrefix(a.Key, "on") || a.Key == "src" || a.Key == "srcset" {
				t.Errorf("<%s %s=%q>", e.Data, a.Key, a.Val)
			}
		}
		if e.Data == "link" || e.Data == "img" || e.Data == "iframe" || e.Data == "object" {
			t.Errorf("<%s> element", e.Data)
		}
	}
}

// hostile holds what a hostile workbook may put in every text field.
var hostile = []string{
	"<script>alert(1)</script>",
	`"><img src=x onerror=alert(1)>`,
	"javascript:alert(1)",
	"' onmouseover='alert(1)",
	"</style><script>alert(2)</script>",
	"]]><svg onload=alert(3)>",
	"שלום עולם \u202Egnp.exe",
	"{{.Title}}",
}

func TestHostileText(t *testing.T) {
	for _, s := range hostile {
		for _, u := range []string{"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "https://example.org/" + s} {
			t.Run(s+"|"+u, func(t *testing.T) {
				m := exporttest.TextMatrix(s, s+" issue", s+" note", s+" quote", u)
				m.Findings = []matrix.Finding{{Text: s, Parties: []string{s}}}
				opt := export.Options{Changes: exporttest.FuzzChanges(s, s+" issue", s), Sections: shtml.Sections()}
				out := exporttest.Bytes(t, shtml.Write, m, opt)
				checkSafe(t, parse(t, out))
				if !bytes.Contains(out, []byte("&lt;script&gt;alert(1)")) && strings.Contains(s, "<script>alert(1)") {
					t.Errorf("the hostile text is not shown as text")
				}
			})
		}
	}
}

// checkSafe checks a page built from hostile text: one script (the page's
// own), no element or attribute from the text, and links only to the page
// itself or to http(s) and mailto, with rel="noopener noreferrer" when
// external.
func checkSafe(t testing.TB, doc *html.Node) {
	t.Helper()
	if n := len(elements(doc, "script")); n != 1 {
		t.Errorf("%d script elements, want 1", n)
	}
	for _, bad := range []string{"img", "iframe", "object", "embed", "link", "base", "form:not"} {
		if n := len(elements(doc, bad)); n > 0 {
			t.Errorf("%d <%s> elements injected", n, bad)
		}
	}
	for _, e := range elements(doc, "") {
		for _, a := range e.Attr {
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "src" {
				t.Errorf("<%s> has injected attribute %s=%q", e.Data, a.Key, a.Val)
			}
		}
	}
	if n := len(elements(doc, "svg")); n > 0 {
		for _, s := range elements(doc, "svg") {
			for _, e := range elements(s, "") {
				switch e.Data {
				case "svg", "title", "desc", "rect", "text", "circle", "polygon", "polyline", "path", "line", "g":
				default:
					t.Errorf("<%s> inside an svg", e.Data)
				}
			}
		}
	}
	for _, a := range elements(doc, "a") {
		href, ok := attr(a, "href")
		if !ok {
			t.Errorf("<a> without href: %q", text(a))
			continue
		}
		switch l := strings.ToLower(href); {
		case strings.HasPrefix(l, "#"):
		case strings.HasPrefix(l, "https://"), strings.HasPrefix(l, "http://"), strings.HasPrefix(l, "mailto:"):
			if rel, _ := attr(a, "rel"); rel != "noopener noreferrer" {
				t.Errorf("external link %q with rel %q", href, rel)
			}
		default:
			t.Errorf("link to %q", href)
		}
	}
}

func TestLinks(t *testing.T) {
	m := exporttest.Fixture()
	m.Evidence = append(m.Evidence,
		matrix.Evidence{Party: "Russia", Issue: "Sanctions relief", Source: "Mail", URL: "mailto:desk@example.org"},
		matrix.Evidence{Party: "Russia", Issue: "Sanctions relief", Source: "Relative", URL: "/etc/passwd"},
		matrix.Evidence{Party: "Russia", Issue: "Sanctions relief", Source: "Space", URL: "https://example.org/a b?x=\"y\""},
	)
	doc := parse(t, exporttest.Bytes(t, shtml.Write, m, export.Options{}))
	checkSafe(t, doc)
	var hrefs []string
	for _, a := range elements(doc, "a") {
		if h, _ := attr(a, "href"); !strings.HasPrefix(h, "#") {
			hrefs = append(hrefs, h)
		}
	}
	all := strings.Join(hrefs, "\n")
	for _, want := range []string{"mailto:desk@example.org", "https://example.org/pc", "https://example.org/a%20b?x=%22y%22"} {
		if !strings.Contains(all, want) {
			t.Errorf("no link to %s in\n%s", want, all)
		}
	}
	for _, bad := range []string{"javascript", "/etc/passwd"} {
		if strings.Contains(strings.ToLower(all), bad) {
			t.Errorf("a link to %s", bad)
		}
	}
	// The javascript: URL and the relative path are shown as text.
	body := text(elements(doc, "body")[0])
	for _, want := range []string{"javascript:alert(1)", "/etc/passwd"} {
		if !strings.Contains(body, want) {
			t.Errorf("%s is not shown as text", want)
		}
	}
}

// TestCitations checks that every citation links to a numbered source and
// that every cell with a position links to its entry.
func TestCitations(t *testing.T) {
	doc := parse(t, exporttest.Bytes(t, shtml.Write, exporttest.Fixture(), export.Options{}))
	ids := map[string]bool{}
	for _, e := range elements(doc, "") {
		if id, ok := attr(e, "id"); ok {
			if ids[id] {
				t.Errorf("duplicate id %q", id)
			}
			ids[id] = true
		}
	}
	cites := 0
	for _, a := range elements(doc, "a") {
		h, _ := attr(a, "href")
		if strings.HasPrefix(h, "#") && !ids[h[1:]] {
			t.Errorf("in-page link %q to nothing", h)
		}
		if strings.HasPrefix(h, "#src-") {
			cites++
		}
	}
	if cites != 4 {
		t.Errorf("%d citations, want 4 (one per evidence row)", cites)
	}
	if n := len(elements(elements(doc, "ol")[0], "li")); n != 4 {
		t.Errorf("%d sources, want 4", n)
	}
}

// TestStructure checks the landmarks, the headings' order and the matrix
// table's headers.
func TestStructure(t *testing.T) {
	doc := parse(t, exporttest.Bytes(t, shtml.Write, exporttest.Fixture(), export.Options{Changes: exporttest.FixtureChanges()}))
	h := elements(doc, "html")[0]
	if l, _ := attr(h, "lang"); l != "en" {
		t.Errorf("lang %q, want en", l)
	}
	for _, lm := range []string{"header", "nav", "main", "footer"} {
		if len(elements(doc, lm)) != 1 {
			t.Errorf("%d <%s> landmarks, want 1", len(elements(doc, lm)), lm)
		}
	}
	var heads []string
	prev := 0
	for _, e := range elements(doc, "") {
		if len(e.Data) == 2 && e.Data[0] == 'h' && e.Data[1] >= '1' && e.Data[1] <= '6' {
			lv := int(e.Data[1] - '0')
			if e.Parent != nil && e.Parent.Data == "div" && strings.Contains(attrOr(e.Parent, "class"), "dialog-head") {
				continue // the dialog's own heading
			}
			if lv > prev+1 {
				t.Errorf("heading %s %q after h%d", e.Data, text(e), prev)
			}
			prev = lv
			heads = append(heads, e.Data+" "+text(e))
		}
	}
	want := []string{"h1 Україна: positions on a settlement", "h2 Contents", "h2 Key findings", "h2 Who stands with whom",
		"h3 Agreement between parties", "h3 Party map", "h3 Blocs", "h2 Where the issues split", "h2 Party profiles by category",
		"h2 The matrix", "h2 Issue by issue"}
	for i, w := range want {
		if i >= len(heads) || heads[i] != w {
			t.Fatalf("headings start\n%s\nwant\n%s", strings.Join(heads, "\n"), strings.Join(want, "\n"))
		}
	}
	if got := heads[len(heads)-4:]; got[0] != "h2 What moved" || got[1] != "h2 Changes since the last snapshot" || got[2] != "h3 Other edits (3)" || got[3] != "h2 Sources" {
		t.Errorf("headings end %q", got)
	}
	var mx *html.Node
	for _, tb := range elements(doc, "table") {
		if id, _ := attr(tb, "id"); id == "mx" {
			mx = tb
		}
	}
	if mx == nil {
		t.Fatal("no matrix table")
	}
	cols, rows := 0, 0
	for _, th := range elements(mx, "th") {
		switch s, _ := attr(th, "scope"); s {
		case "col":
			cols++
		case "row":
			rows++
		case "rowgroup":
		default:
			t.Errorf("<th> %q without scope", text(th))
		}
	}
	if cols != 5 || rows != 3 {
		t.Errorf("%d column and %d row headers, want 5 and 3", cols, rows)
	}
	// Each cell shows its stance as text and symbol.
	body := text(mx)
	for _, want := range []string{"~ Conditional", "++ Supports", "−− Opposes", "? Unclear", "− Leans oppose", "no recorded position", "(changed from Opposes)"} {
		if !strings.Contains(body, want) {
			t.Errorf("the matrix lacks %q", want)
		}
	}
	// Every control has a label.
	labels := map[string]bool{}
	for _, l := range elements(doc, "label") {
		f, _ := attr(l, "for")
		labels[f] = true
	}
	for _, kind := range []string{"input", "select"} {
		for _, c := range elements(doc, kind) {
			if id, _ := attr(c, "id"); !labels[id] {
				t.Errorf("<%s id=%q> has no label", kind, id)
			}
		}
	}
}

func attrOr(n *html.Node, key string) string { v, _ := attr(n, key); return v }

func TestSections(t *testing.T) {
	m := exporttest.Fixture()
	out := string(exporttest.Bytes(t, shtml.Write, m, export.Options{Sections: []string{"header", "matrix"}}))
	for _, gone := range []string{`id="findings"`, `id="alignment"`, `id="issues"`, `id="sources"`, `href="#c-`} {
		if strings.Contains(out, gone) {
			t.Errorf("%s is there without its section", gone)
		}
	}
	if !strings.Contains(out, `id="matrix"`) {
		t.Errorf("no matrix")
	}
	out = string(exporttest.Bytes(t, shtml.Write, m, export.Options{Sections: []string{"profiles"}}))
	if !strings.Contains(out, `id="profiles"`) {
		t.Errorf("no profiles")
	}
	if err := shtml.Write(&bytes.Buffer{}, m, export.Options{Sections: []string{"nope"}}); err == nil {
		t.Errorf("an unknown section is no error")
	}
}

func TestGolden(t *testing.T) { exporttest.Golden(t, shtml.Write, "html") }

func TestDeterministic(t *testing.T) { exporttest.Deterministic(t, shtml.Write) }

func TestHandedAnalysis(t *testing.T) {
	exporttest.HandedAnalysis(t, shtml.Write, func(b []byte) string { return string(b) })
}

// TestSamples exports every sample and checks it as a hostile page.
func TestSamples(t *testing.T) {
	for _, name := range []string{"ukraine-peace-talks.xlsx", "custom-scale.xlsx"} {
		t.Run(name, func(t *testing.T) {
			m := readSample(t, name)
			doc := parse(t, exporttest.Bytes(t, shtml.Write, m, export.Options{}))
			checkSafe(t, doc)
		})
	}
}

func readSample(t testing.TB, name string) *matrix.Matrix {
	t.Helper()
	m, probs := matrix.ReadFile("../../samples/"+name, matrix.ReadOptions{})
	if err := probs.Err(); err != nil {
		t.Fatal(err)
	}
	return m
}

// FuzzHTML exports pages of fuzzed text and checks them as hostile pages.
func FuzzHTML(f *testing.F) {
	exporttest.FuzzText(f, shtml.Write, func(t *testing.T, in exporttest.TextInput, m *matrix.Matrix, opt export.Options, out []byte) {
		checkSafe(t, parse(t, out))
	})
}

// TestGenerated exports generated matrices with hostile texts, scales and
// weights.
func TestGenerated(t *testing.T) {
	for seed := uint64(1); seed <= 40; seed++ {
		g := exporttest.Generate([3]string{"<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "javascript:alert(1)"}, int(seed%9)+1, int(seed%7)+1, seed)
		out := exporttest.Bytes(t, shtml.Write, g.M, g.Opt)
		checkSafe(t, parse(t, out))
	}
}

// TestLang checks that the page declares the About sheet's Language as its
// language, and English without one.
func TestLang(t *testing.T) {
	for _, tc := range []struct{ language, want string }{{"", "en"}, {"uk", "uk"}, {"en-GB", "en-GB"}} {
		m := exporttest.Fixture()
		m.About.Language = tc.language
		doc := parse(t, exporttest.Bytes(t, shtml.Write, m, export.Options{}))
		if l, _ := attr(elements(doc, "html")[0], "lang"); l != tc.want {
			t.Errorf("About Language %q: lang %q, want %q", tc.language, l, tc.want)
		}
	}
}

// TestSummaryFirst checks that the page of a large matrix follows the PDF's
// rule: by default it shows the rows and the issue-by-issue detail of the
// most contested issues only, the sources those cite, and says what it
// leaves out; --detail full shows everything, and --detail summary
// shortens a small matrix too.
func TestSummaryFirst(t *testing.T) {
	big := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: 12, Issues: 80, Evidence: 400, Seed: 1})
	an := matrix.Analyze(big, nil)
	tests := []struct {
		name         string
		m            *matrix.Matrix
		detail       string
		rows, issues int
		note         string
	}{
		{"large, auto", big, "", export.SummaryIssues, export.SummaryIssues, "The matrix has 12 parties and 80 issues, more than a briefing can set out in full"},
		{"large, full", big, "full", 80, 80, ""},
		{"small, summary", exporttest.Fixture(), "summary", 3, 3, ""},
		{"small, auto", exporttest.Fixture(), "auto", 3, 3, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opt := export.Options{Detail: tc.detail, FullDetail: "export again with --detail full for all of it"}
			out := exporttest.Bytes(t, shtml.Write, tc.m, opt)
			doc := parse(t, out)
			rows, issues := 0, 0
			for _, tr := range elements(doc, "tr") {
				if strings.Contains(attrOr(tr, "class"), "row") {
					rows++
				}
			}
			for _, a := range elements(doc, "article") {
				if strings.Contains(attrOr(a, "class"), "issue") {
					issues++
				}
			}
			if rows != tc.rows || issues != tc.issues {
				t.Errorf("%d matrix rows and %d issue sections, want %d and %d", rows, issues, tc.rows, tc.issues)
			}
			cats := map[string]bool{}
			for _, tb := range elements(doc, "tbody") {
				if c, ok := attr(tb, "data-cat"); ok {
					if cats[c] && tc.note != "" {
						t.Errorf("category %q heads two bodies of the matrix", c)
					}
					cats[c] = true
				}
			}
			body := text(doc)
			if tc.note == "" {
				if strings.Contains(body, "Summary first") {
					t.Errorf("a page in full says it is summary-first")
				}
				return
			}
			for _, want := range []string{"Summary first: not everything is shown.", tc.note, "Left out: the rows of the matrix for 70 of the 80 issues",
				"the issue-by-issue detail of 70 of the 80 issues", "or export again with --detail full for all of it", "The XLSX report and the JSON, CSV and Markdown exports hold all of it",
				"The 10 most contested of the 80 issues (lowest consensus first)."} {
				if !strings.Contains(body, want) {
					t.Errorf("the page does not say %q", want)
				}
			}
			// The issues given are the most contested, most contested first.
			var got []string
			for _, a := range elements(doc, "article") {
				if strings.Contains(attrOr(a, "class"), "issue") {
					got = append(got, attrOr(a, "id"))
				}
			}
			for k, i := range export.DetailIssues(tc.m, an) {
				if want := "issue-" + strconv.Itoa(i+1); got[k] != want {
					t.Errorf("issue section %d is %s, want %s", k, got[k], want)
				}
			}
			// No link leads to an issue that is not on the page.
			ids := map[string]bool{}
			for _, e := range elements(doc, "") {
				if id, ok := attr(e, "id"); ok {
					ids[id] = true
				}
			}
			for _, a := range elements(doc, "a") {
				if h := attrOr(a, "href"); strings.HasPrefix(h, "#") && !ids[h[1:]] {
					t.Errorf("link to %s, which is not on the page", h)
				}
			}
		})
	}
}

// TestHeatmapCells checks the agreement heatmap of a generated 30-party
// matrix, drawn as one path per colour: every cell is one square of one
// path, no colour has two paths, and every figure comes after the path of
// its colour and stands in one of its squares, in black or white.
func TestHeatmapCells(t *testing.T) {
	const n = 30
	m := matrixtest.Synthetic(matrixtest.SyntheticOptions{Parties: n, Issues: 40, Seed: 1})
	doc := parse(t, exporttest.Bytes(t, shtml.Write, m, export.Options{}))
	var heat *html.Node
	for _, s := range elements(doc, "svg") {
		if c, _ := attr(s, "class"); c == "heat" {
			heat = s
		}
	}
	if heat == nil {
		t.Fatal("no heatmap")
	}
	type square struct{ x, y, side float64 }
	cells, figures := 0, 0
	fills := map[string]bool{}
	var squares []square // of the last path
	for e := heat.FirstChild; e != nil; e = e.NextSibling {
		if e.Type != html.ElementNode {
			continue
		}
		switch e.Data {
		case "path":
			fill, ok := attr(e, "fill")
			if !ok {
				fill, _ = attr(e, "class")
			}
			if fills[fill] {
				t.Errorf("two paths of %s", fill)
			}
			fills[fill] = true
			d, _ := attr(e, "d")
			squares = nil
			for _, sub := range strings.Split(strings.TrimSuffix(d, "z"), "z") {
				var sq square
				var w, h, back float64
				if _, err := fmt.Sscanf(sub, "M%g %gh%gv%gh-%g", &sq.x, &sq.y, &w, &h, &back); err != nil || w != h || w != back || w <= 0 {
					t.Fatalf("not a square: %q (%v)", sub, err)
				}
				sq.side = w
				squares = append(squares, sq)
			}
			cells += len(squares)
		case "text":
			ink, ok := attr(e, "fill")
			if !ok {
				continue // a party's name
			}
			figures++
			if ink != "#111111" && ink != "#ffffff" {
				t.Errorf("figure %q in %s", text(e), ink)
			}
			xs, _ := attr(e, "x")
			ys, _ := attr(e, "y")
			x, _ := strconv.ParseFloat(xs, 64)
			y, _ := strconv.ParseFloat(ys, 64)
			in := false
			for _, sq := range squares {
				in = in || (x > sq.x && x < sq.x+sq.side && y > sq.y && y < sq.y+sq.side)
			}
			if !in {
				t.Errorf("figure %q at %s,%s is in no square of the path before it", text(e), xs, ys)
			}
		case "rect":
			squares = nil
		}
	}
	if cells != n*n {
		t.Errorf("%d cells, want %d", cells, n*n)
	}
	if figures != n*(n-1) {
		t.Errorf("%d figures, want %d (all pairs share enough)", figures, n*(n-1))
	}
}
