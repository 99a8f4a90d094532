package markdown_test

// Tests of the Markdown export that render it as GitHub does (goldmark with
// the GFM extensions: tables, autolinks, strikethrough, task lists) and look
// at the HTML: user text must stay text, links must be http(s), tables must
// keep their shape, and everything in the matrix must be there.

import (
	"bytes"
	"fmt"
	"net/url"
	"path"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"golang.org/x/net/html"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	"github.com/stancematrix/stancematrix/export/markdown"
	"github.com/stancematrix/stancematrix/matrix"
)

// render renders md with GitHub's extensions and parses the HTML. Raw
// HTML is let through (WithUnsafe), as GitHub lets it through before its own
// sanitiser, so that any markup leaking out of user text shows in the result.
func render(t testing.TB, md []byte) *html.Node {
	t.Helper()
	var b bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md, &b); err != nil {
		t.Fatalf("goldmark: %v", err)
	}
	doc, err := html.Parse(&b)
	if err != nil {
		t.Fatalf("parsing the rendered HTML: %v", err)
	}
	return doc
}

// export exports m as Markdown, checks the table shapes in the source
// and returns the source and its rendering.
func exportHTML(t testing.TB, m *matrix.Matrix, opt export.Options) (string, *html.Node) {
	t.Helper()
	md := exporttest.Bytes(t, markdown.Write, m, opt)
	checkMarkdownTables(t, string(md))
	return string(md), render(t, md)
}

// elements returns every element under n named name, in document order.
func elements(n *html.Node, name string) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == name {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// text is the visible text of n, with <br> as "\n".
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
		case n.Type == html.ElementNode && n.Data == "br":
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// attr returns the value of attribute key of n.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// shape is the sequence of element names of the rendering, without
// <br> (a line break in user text) and <a> (links, checked apart), so that
// two renderings of the same matrix with different text can be compared.
func shape(doc *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data != "br" && n.Data != "a" {
			out = append(out, n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

// allowed are the elements and attributes the Markdown export may
// produce; anything else came from user text.
var allowed = map[string][]string{
	"html": nil, "head": nil, "body": nil, "h1": nil, "h2": nil, "h3": nil, "p": nil, "em": nil, "strong": nil,
	"ul": nil, "ol": {"start"}, "li": nil, "blockquote": nil, "hr": nil, "br": nil, "a": {"href"},
	"table": nil, "thead": nil, "tbody": nil, "tr": nil, "th": {"align"}, "td": {"align"},
}

// checkSafe checks that the rendering holds only the elements and
// attributes the export writes, and that every link goes to an http(s) URL
// (or is an autolink the renderer made of visible text).
func checkSafe(t testing.TB, doc *html.Node) {
	t.Helper()
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs, ok := allowed[n.Data]
			if !ok {
				t.Errorf("rendering has a <%s> element: %s", n.Data, renderNode(n))
			}
			for _, a := range n.Attr {
				if !contains(attrs, a.Key) {
					t.Errorf("<%s> has attribute %s=%q", n.Data, a.Key, a.Val)
				}
			}
			if n.Data == "a" {
				href, _ := attr(n, "href")
				text := text(n)
				lower := strings.ToLower(href)
				// goldmark percent-encodes an autolink's href ("}" as %7D).
				plainHref, err := url.PathUnescape(href)
				if err != nil {
					plainHref = href
				}
				switch {
				case strings.HasPrefix(lower, "http://"), strings.HasPrefix(lower, "https://"):
				case plainHref == "mailto:"+text || plainHref == text: // an autolink of visible text
				default:
					t.Errorf("link to %q (text %q) is not http(s)", href, text)
				}
				if strings.Contains(lower, "javascript:") && !strings.HasPrefix(lower, "http") {
					t.Errorf("javascript: link %q", href)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func renderNode(n *html.Node) string {
	var b bytes.Buffer
	if err := html.Render(&b, n); err != nil {
		return err.Error()
	}
	return b.String()
}

// visible is how text written by the user should read once rendered:
// line breaks kept, tabs and other control characters as spaces, surrounding
// space trimmed.
func visible(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// hostileMatrix is exporttest.TextMatrix with s in every text field, including
// the metadata and the evidence, and url as the first evidence URL.
func hostileMatrix(s, url string) *matrix.Matrix {
	m := exporttest.TextMatrix(s, s, s, s, url)
	m.About = matrix.About{Title: s, Subtitle: s, Author: s, Organisation: s, Classification: s, Footer: s, Notes: s, AsOf: exporttest.Date("2025-04-23")}
	for i := range m.Evidence {
		m.Evidence[i].Summary, m.Evidence[i].Speaker, m.Evidence[i].Source = s, s, s
	}
	return m
}

// hostileChanges are changes that name the hostile party and issue.
func hostileChanges(s string) *matrix.Changes {
	return &matrix.Changes{Old: s, New: s,
		Cells:          []matrix.CellChange{{Issue: s, Party: s, Old: "Opposes", New: "Supports", Direction: matrix.TowardsSupport}},
		PartiesAdded:   []string{s},
		IssuesRemoved:  []string{s},
		NewEvidence:    []matrix.Evidence{{Party: s, Issue: s, Summary: s, Quote: s, Speaker: s, Source: s, URL: s}},
		PartiesRemoved: nil,
	}
}

// TestMarkdownInjection puts hostile text in every text field (party and
// issue names, notes, quotes, speakers, sources, metadata, change
// descriptions) and renders the export: the HTML must have the same
// structure as with plain text, hold no element or link the export does not
// write, keep the matrix table's columns, and show the text as written.
func TestMarkdownInjection(t *testing.T) {
	const plain = "Plain"
	opt := func(s string) export.Options { return export.Options{Changes: hostileChanges(s)} }
	_, base := exportHTML(t, hostileMatrix(plain, "https://example.org/"), opt(plain))
	baseShape := shape(base)

	for _, tc := range []struct{ name, text string }{
		{"pipe", "a | b || c"},
		{"escaped pipe", `a \| b`},
		{"script", "<script>alert(1)</script>"},
		{"img tag", `<img src=x onerror=alert(1)>`},
		{"html comment", "<!-- x"},
		{"javascript link", "[x](javascript:alert(1))"},
		{"image", "![img](http://x)"},
		{"reference link", "[x][1]\n\n[1]: javascript:alert(1)"},
		{"autolink", "<javascript:alert(1)>"},
		{"backticks", "`code` and ```fence```"},
		{"fence line", "```\ncode\n```"},
		{"emphasis", "*emphasis* and _em_ and **strong** ~~del~~"},
		{"newlines", "line one\nline two\r\n- item\n# heading\n> quote\n---\n1. one"},
		{"heading", "# heading"},
		{"list", "- item"},
		{"ordered list", "1. item"},
		{"ordered list paren", "12) item"},
		{"quote", "> quote"},
		{"setext", "==="},
		{"thematic break", "***"},
		{"entities", "&amp; &lt; &#x3C;script&#x3E;"},
		{"backslashes", `back\slash\ \*`},
		{"dollar", "$x^2$"},
		{"footnote", "[^1]"},
		{"task", "[ ] task"},
		{"indented code", "    code"},
		{"tab and control", "\t\x01- item\x1b[31m"},
		{"unicode line separators", "a\u2028b\u2029c"},
		{"html break", "<br>"},
		{"scripts", "Україна Ελλάδα שלום"},
		{"emoji and combining", "👩‍👩‍👧 e\u0301"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.text
			m := hostileMatrix(s, "javascript:alert(1)")
			md, doc := exportHTML(t, m, opt(s))
			checkSafe(t, doc)

			if got := shape(doc); strings.Join(got, " ") != strings.Join(baseShape, " ") {
				t.Errorf("the text changed the document's structure\n got: %v\nwant: %v\nmarkdown:\n%s", got, baseShape, md)
			}
			for _, tag := range []string{"script", "img", "code", "pre", "del", "input", "h4"} {
				if n := len(elements(doc, tag)); n > 0 {
					t.Errorf("rendering has %d <%s> elements", n, tag)
				}
			}

			want := visible(s)
			tables := elements(doc, "table")
			if len(tables) != 3 {
				t.Fatalf("%d tables, want 3 (matrix, agreement and changes)", len(tables))
			}
			// The matrix table: Issue + 2 parties, one row per issue, every
			// cell holding what it should.
			heads := elements(tables[0], "th")
			if len(heads) != 3 {
				t.Fatalf("matrix table has %d columns, want 3", len(heads))
			}
			if got := text(heads[1]); got != want {
				t.Errorf("party column head = %q, want %q", got, want)
			}
			rows := elements(tables[0], "tr")
			if len(rows) != 3 {
				t.Fatalf("matrix table has %d rows, want 3", len(rows))
			}
			for i, wantRow := range [][]string{{want, "++ Supports", "? Unclear"}, {want + "2", "", "−− Opposes"}} {
				cells := elements(rows[i+1], "td")
				if len(cells) != 3 {
					t.Fatalf("matrix row %d has %d cells, want 3", i+1, len(cells))
				}
				for j, w := range wantRow {
					if got := strings.TrimSuffix(text(cells[j]), " ↑"); got != w {
						t.Errorf("matrix row %d cell %d = %q, want %q", i+1, j, got, w)
					}
				}
			}
			// The agreement table: party, bloc and a column per party;
			// the names as written, in the head and down the rows.
			heads = elements(tables[1], "th")
			if len(heads) != 4 || text(heads[2]) != want && text(heads[3]) != want {
				t.Errorf("agreement table heads: %d, want 4 with %q", len(heads), want)
			}
			if rows := elements(tables[1], "tr"); len(rows) != 3 {
				t.Errorf("agreement table has %d rows, want 3", len(rows))
			}
			// The changes table: five columns, issue and party as written.
			ch := elements(tables[2], "td")
			if len(ch) != 5 || text(ch[0]) != want || text(ch[1]) != want {
				t.Errorf("changes table cells: %d, first two %q", len(ch), func() []string {
					var out []string
					for _, c := range ch {
						out = append(out, text(c))
					}
					return out
				}())
			}

			// The text shows as written wherever it is used.
			body := text(doc)
			if n := strings.Count(body, want); n < 10 {
				t.Errorf("the text %q shows %d times, want at least 10 (title, metadata, notes, names, note, quote, sources):\n%s", want, n, body)
			}
			if h1 := elements(doc, "h1"); len(h1) != 1 || text(h1[0]) != want {
				t.Errorf("title is not the text")
			}
			// The non-http(s) URL stays visible text and is no link.
			if !strings.Contains(body, "javascript:alert(1)") {
				t.Errorf("the javascript: URL is not shown as text")
			}
		})
	}
}

// TestMarkdownURLs checks which evidence URLs become links and that no URL
// can end its link early or carry markup.
func TestMarkdownURLs(t *testing.T) {
	const src = "Agency [x](javascript:alert(1))"
	for _, tc := range []struct {
		name, url string
		href      string // the link's href once rendered and parsed; "" for no link
	}{
		{"javascript", "javascript:alert(1)", ""},
		{"javascript upper case", "JavaScript:alert(1)", ""},
		{"javascript with space", " javascript:alert(1) ", ""},
		{"javascript with tab", "java\tscript:alert(1)", ""},
		{"javascript with entity", "javascript&#58;alert(1)", ""},
		{"data", "data:text/html,<script>alert(1)</script>", ""},
		{"vbscript", "vbscript:msgbox(1)", ""},
		{"file", "file:///etc/passwd", ""},
		{"no host", "http://", ""},
		{"scheme-relative", "//evil.example/x", ""},
		{"relative", "/path (1)", ""},
		{"https", "https://example.org/a", "https://example.org/a"},
		{"http upper case", "HTTP://EXAMPLE.ORG/A", "HTTP://EXAMPLE.ORG/A"},
		{"space and parentheses", "https://example.org/a b(c)", "https://example.org/a%20b%28c%29"},
		{"closing paren and link", "https://example.org/x)](javascript:alert(1))", "https://example.org/x%29%5D%28javascript:alert%281%29%29"},
		{"quote and tag", `https://example.org/"><script>alert(1)</script>`, "https://example.org/%22%3E%3Cscript%3Ealert%281%29%3C/script%3E"},
		{"angle brackets", "https://example.org/<img src=x>", "https://example.org/%3Cimg%20src=x%3E"},
		{"ampersand entity", "https://example.org/?a=1&amp;b=2", "https://example.org/?a=1&amp;b=2"},
		{"ampersand", "https://example.org/?a=1&b=2", "https://example.org/?a=1&b=2"},
		{"backslash and backtick", "https://example.org/a\\b`c", "https://example.org/a%5Cb%60c"},
		{"newline", "https://example.org/a\nb", ""},
		{"cyrillic", "https://example.org/Україна", "https://example.org/%D0%A3%D0%BA%D1%80%D0%B0%D1%97%D0%BD%D0%B0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := exporttest.Fixture()
			m.Evidence = []matrix.Evidence{{Party: m.Parties[0].Name, Issue: m.Issues[0].Name, Quote: "Q", Source: src, URL: tc.url}}
			md, doc := exportHTML(t, m, export.Options{})
			checkSafe(t, doc)
			for _, tag := range []string{"script", "img"} {
				if len(elements(doc, tag)) > 0 {
					t.Errorf("rendering has a <%s> element:\n%s", tag, md)
				}
			}
			// Links labelled with the source are the export's; others can
			// only be autolinks the renderer made of visible http(s) text,
			// which checkSafe allows.
			var links []*html.Node
			for _, a := range elements(doc, "a") {
				if text(a) == src {
					links = append(links, a)
				}
			}
			if tc.href == "" {
				if len(links) > 0 {
					t.Fatalf("%d links, want none: %s", len(links), renderNode(links[0]))
				}
				if body := text(doc); !strings.Contains(body, visible(tc.url)) {
					t.Errorf("the URL %q is not shown as text", visible(tc.url))
				}
				return
			}
			// One link in the issue section, one in the sources.
			if len(links) != 2 {
				t.Fatalf("%d links, want 2:\n%s", len(links), md)
			}
			for _, a := range links {
				if href, _ := attr(a, "href"); href != tc.href {
					t.Errorf("href = %q, want %q", href, tc.href)
				}
			}
			if n := len(elements(doc, "a")); n != 2 {
				t.Errorf("%d links in all, want 2: the URL's text must not leak out of the link", n)
			}
		})
	}

	t.Run("host as label without a source", func(t *testing.T) {
		m := exporttest.Fixture()
		m.Evidence = []matrix.Evidence{{Party: m.Parties[0].Name, Issue: m.Issues[0].Name, URL: "https://news.example.org/a"}}
		_, doc := exportHTML(t, m, export.Options{})
		links := elements(doc, "a")
		if len(links) == 0 || text(links[0]) != "news.example.org" {
			t.Errorf("links %d, want the host as label", len(links))
		}
	})
}

// TestMarkdownContent renders the fixture with changes and checks that every
// party, issue, stance, note, quote, source and finding is where it belongs.
func TestMarkdownContent(t *testing.T) {
	m := exporttest.Fixture()
	ch := exporttest.FixtureChanges()
	md, doc := exportHTML(t, m, export.Options{Changes: ch, Title: "Briefing [draft]"})
	checkSafe(t, doc)
	body := text(doc)

	if h1 := elements(doc, "h1"); len(h1) != 1 || text(h1[0]) != "Briefing [draft]" {
		t.Errorf("title: %d h1", len(h1))
	}
	for _, s := range []string{m.About.Subtitle, m.About.Classification, m.About.Author, m.About.Organisation,
		"As of: 2025-04-23", "Source: ukraine.xlsx", m.About.Footer} {
		if !strings.Contains(body, s) {
			t.Errorf("metadata %q missing", s)
		}
	}

	changed := map[[2]string]matrix.CellChange{}
	for _, c := range ch.Cells {
		changed[[2]string{c.Issue, c.Party}] = c
	}
	stance := func(label string) string {
		if label == "" {
			return ""
		}
		st, _ := m.Scale.Stance(label)
		return st.Symbol + " " + label
	}

	t.Run("matrix table", func(t *testing.T) {
		table := elements(doc, "table")[0]
		heads := elements(table, "th")
		if len(heads) != 1+len(m.Parties) {
			t.Fatalf("%d columns, want %d", len(heads), 1+len(m.Parties))
		}
		for p, pa := range m.Parties {
			if got := text(heads[p+1]); got != pa.Name {
				t.Errorf("column %d = %q, want %q", p+1, got, pa.Name)
			}
		}
		rows := elements(table, "tr")[1:]
		if len(rows) != len(m.Issues) {
			t.Fatalf("%d rows, want %d", len(rows), len(m.Issues))
		}
		for i, is := range m.Issues {
			cells := elements(rows[i], "td")
			if got := text(cells[0]); got != is.Name {
				t.Errorf("row %d = %q, want %q", i, got, is.Name)
			}
			for p, pa := range m.Parties {
				want := stance(m.Stance(i, p))
				if c, ok := changed[[2]string{is.Name, pa.Name}]; ok {
					want = strings.TrimSpace(want + " " + map[matrix.Direction]string{matrix.TowardsSupport: "↑", matrix.TowardsOpposition: "↓"}[c.Direction])
					if c.Direction != matrix.TowardsSupport && c.Direction != matrix.TowardsOpposition {
						want += " •"
					}
				}
				if got := text(cells[p+1]); got != want {
					t.Errorf("%s / %s = %q, want %q", is.Name, pa.Name, got, want)
				}
			}
		}
	})

	t.Run("issue sections", func(t *testing.T) {
		h3 := elements(doc, "h3")
		if len(h3) != len(m.Issues) {
			t.Fatalf("%d issue headings, want %d", len(h3), len(m.Issues))
		}
		for i, is := range m.Issues {
			if got := text(h3[i]); got != is.Name {
				t.Errorf("heading %d = %q, want %q", i, got, is.Name)
			}
			// The list after the heading (and its category and description).
			var list *html.Node
			for n := h3[i].NextSibling; n != nil && list == nil; n = n.NextSibling {
				if n.Type == html.ElementNode && n.Data == "ul" {
					list = n
				}
				if n.Type == html.ElementNode && n.Data == "h3" {
					break
				}
			}
			if list == nil {
				t.Fatalf("no party list under %q", is.Name)
			}
			var items []*html.Node
			for n := list.FirstChild; n != nil; n = n.NextSibling {
				if n.Type == html.ElementNode && n.Data == "li" {
					items = append(items, n)
				}
			}
			if len(items) != len(m.Parties) {
				t.Fatalf("%q lists %d parties, want %d", is.Name, len(items), len(m.Parties))
			}
			for p, pa := range m.Parties {
				c := m.Cell(i, p)
				want := pa.Name + ": " + stance(c.Stance)
				if c.Blank() {
					want = pa.Name + ": no recorded position"
				}
				if cc, ok := changed[[2]string{is.Name, pa.Name}]; ok {
					was := "blank"
					if cc.Old != "" {
						was = stance(cc.Old)
					}
					want += " (was " + was + ")"
				}
				if c.Note != "" {
					want += " — " + c.Note
				}
				got := text(items[p])
				if !strings.HasPrefix(got, want) {
					t.Errorf("%q / %q: item %q does not start with %q", is.Name, pa.Name, got, want)
				}
				// The newest evidence is quoted under the party.
				if ev := m.EvidenceFor(pa.Name, is.Name); len(ev) > 0 {
					q := elements(items[p], "blockquote")
					if len(q) != 1 || !strings.Contains(text(q[0]), ev[0].Quote) || !strings.Contains(text(q[0]), ev[0].Speaker) {
						t.Errorf("%q / %q: newest quote %q not under the party", is.Name, pa.Name, ev[0].Quote)
					}
				}
			}
		}
	})

	t.Run("sources", func(t *testing.T) {
		ols := elements(doc, "ol")
		if len(ols) != 1 {
			t.Fatalf("%d numbered lists, want 1 (sources)", len(ols))
		}
		items := elements(ols[0], "li")
		if len(items) != len(m.Evidence) {
			t.Fatalf("%d sources, want %d", len(items), len(m.Evidence))
		}
		for _, e := range m.Evidence {
			found := false
			for _, it := range items {
				s := text(it)
				if strings.HasPrefix(s, e.Party+" on "+e.Issue) && strings.Contains(s, e.Quote) && strings.Contains(s, e.Summary) &&
					strings.Contains(s, e.Source) && strings.Contains(s, e.Speaker) {
					found = true
				}
			}
			if !found {
				t.Errorf("no source line for %q", e.Quote)
			}
		}
		hrefs := map[string]int{}
		for _, a := range elements(doc, "a") {
			h, _ := attr(a, "href")
			hrefs[h]++
		}
		for _, want := range []string{"https://example.org/ua/news%20%281%29?a=1&b=2", "https://example.org/pc", "https://example.org/tass"} {
			if hrefs[want] == 0 {
				t.Errorf("no link to %s", want)
			}
		}
		if !strings.Contains(body, "Radio (javascript:alert(1))") {
			t.Errorf("the javascript: URL is not shown as text next to its source")
		}
	})

	t.Run("findings and changes", func(t *testing.T) {
		for _, f := range matrix.KeyFindings(m, ch) {
			if !strings.Contains(body, f) {
				t.Errorf("finding %q missing", f)
			}
		}
		if !strings.Contains(body, "Changes since Matrix 2025-04-16") {
			t.Errorf("no changes heading")
		}
		rows := elements(elements(doc, "table")[2], "tr")
		if len(rows) != 1+len(ch.Cells) {
			t.Errorf("changes table has %d rows, want %d", len(rows), 1+len(ch.Cells))
		}
		for _, s := range []string{"Parties added: Observer.", "Issues added: Sanctions relief."} {
			if !strings.Contains(body, s) {
				t.Errorf("%q missing", s)
			}
		}
	})
	if t.Failed() {
		t.Logf("markdown:\n%s", md)
	}
}

// TestMarkdownShortNames checks that a wide matrix heads its columns with
// short names and explains them below the table.
func TestMarkdownShortNames(t *testing.T) {
	m := &matrix.Matrix{Scale: matrix.DefaultScale()}
	n := markdown.ShortNamesAbove + 1
	for p := range n {
		short := fmt.Sprintf("P%d", p)
		if p == 0 {
			short = "" // no short name: the full name heads the column
		}
		m.Parties = append(m.Parties, matrix.Party{Name: fmt.Sprintf("Party number %d | <b>", p), Short: short, Weight: 1})
	}
	m.Issues = []matrix.Issue{{Name: "I", Weight: 1}}
	m.SetCells([][]matrix.Cell{make([]matrix.Cell, n)})
	_, doc := exportHTML(t, m, export.Options{})
	checkSafe(t, doc)
	tables := elements(doc, "table")
	if len(tables) != 2 {
		t.Fatalf("%d tables, want the matrix and the agreement", len(tables))
	}
	heads := elements(tables[0], "th")
	if len(heads) != 1+n {
		t.Fatalf("%d columns, want %d", len(heads), 1+n)
	}
	// The agreement table is headed with the same names.
	if got := elements(tables[1], "th"); len(got) != 2+n || text(got[2]) != m.Parties[0].Name {
		t.Errorf("agreement table: %d columns, want %d headed like the matrix", len(got), 2+n)
	}
	if got := text(heads[1]); got != m.Parties[0].Name {
		t.Errorf("column 1 = %q, want the full name", got)
	}
	body := text(doc)
	for p := 1; p < n; p++ {
		if got := text(heads[p+1]); got != m.Parties[p].Short {
			t.Errorf("column %d = %q, want %q", p+1, got, m.Parties[p].Short)
		}
		if key := m.Parties[p].Short + " = " + m.Parties[p].Name; !strings.Contains(body, key) {
			t.Errorf("key %q missing", key)
		}
	}
}

// TestMarkdownEmptyText checks that text that is empty once trimmed (spaces,
// line breaks, control characters) adds no empty markup: no "**" or "*" of
// its own, no empty quote, no dangling dash.
func TestMarkdownEmptyText(t *testing.T) {
	for _, s := range []string{"", " ", "\n\r\n", "\t\x01 ", "\u2028"} {
		t.Run(fmt.Sprintf("%q", s), func(t *testing.T) {
			m := exporttest.Fixture()
			m.About.Subtitle, m.About.Classification, m.About.Notes, m.About.Footer = s, s, s, s
			m.About.Author, m.About.Organisation = s, s
			for i := range m.Issues {
				m.Issues[i].Category, m.Issues[i].Description = s, s
			}
			for i := range m.Issues {
				for p := range m.Parties {
					m.SetNote(i, p, s, m.Cell(i, p).Release)
				}
			}
			for i := range m.Evidence {
				m.Evidence[i].Quote, m.Evidence[i].Summary, m.Evidence[i].Speaker = s, s, s
			}
			md, doc := exportHTML(t, m, export.Options{})
			for _, bad := range []string{"\n**\n", "\n*\n", "> **\n", " — \n", "  > \n", "Category: \n", "\n---\n\n\n", "- Author: \n", "“”"} {
				if strings.Contains(md, bad) {
					t.Errorf("markdown holds %q:\n%s", bad, md)
				}
			}
			if n := len(elements(doc, "hr")); n != 0 {
				t.Errorf("%d rules for an empty footer", n)
			}
			if n := len(elements(doc, "em")); n != 0 {
				t.Errorf("%d <em> for an empty subtitle", n)
			}
		})
	}
}

// TestMarkdownEmpty exports matrices without parties, issues or evidence.
func TestMarkdownEmpty(t *testing.T) {
	for _, tc := range []struct {
		name string
		m    *matrix.Matrix
	}{
		{"nothing", &matrix.Matrix{}},
		{"scale only", &matrix.Matrix{Scale: matrix.DefaultScale()}},
		{"issues without parties", (&matrix.Matrix{Scale: matrix.DefaultScale(), Issues: []matrix.Issue{{Name: "I", Weight: 1}}}).SetCells([][]matrix.Cell{{}})},
		{"parties without issues", &matrix.Matrix{Scale: matrix.DefaultScale(), Parties: []matrix.Party{{Name: "P", Weight: 1}}}},
		{"short cell rows", (&matrix.Matrix{Scale: matrix.DefaultScale(), Parties: []matrix.Party{{Name: "P", Weight: 1}, {Name: "Q", Weight: 1}},
			Issues: []matrix.Issue{{Name: "I", Weight: 1}, {Name: "J", Weight: 1}}}).SetCells([][]matrix.Cell{{{Stance: "Supports"}}})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, doc := exportHTML(t, tc.m, export.Options{})
			checkSafe(t, doc)
			if h1 := elements(doc, "h1"); len(h1) != 1 || text(h1[0]) != "Stance matrix" {
				t.Errorf("no default title")
			}
			tables := elements(doc, "table")
			want := 1 // the matrix, and the agreement from two parties on
			if len(tc.m.Parties) >= 2 {
				want = 2
			}
			if len(tables) != want {
				t.Fatalf("%d tables, want %d", len(tables), want)
			}
			if got, want := len(elements(tables[0], "th")), 1+len(tc.m.Parties); got != want {
				t.Errorf("%d columns, want %d", got, want)
			}
		})
	}
}

func TestGolden(t *testing.T) { exporttest.Golden(t, markdown.Write, "md") }

func TestDeterministic(t *testing.T) { exporttest.Deterministic(t, markdown.Write) }

// FuzzMarkdown exports a matrix of fuzzed texts: every table row has the
// header's number of cells and the matrix table one row per issue; rendered
// as GitHub does, the document holds only the export's own elements and
// http(s) links, and, when no text is empty once trimmed, has the structure
// of the same matrix with plain text.
func FuzzMarkdown(f *testing.F) {
	exporttest.FuzzText(f, markdown.Write, func(t *testing.T, in exporttest.TextInput, m *matrix.Matrix, _ export.Options, out []byte) {
		party, issue, note, quote, url := in.Party, in.Issue, in.Note, in.Quote, in.URL
		// Every table row has the header's number of cells, and the matrix
		// table has one row per issue.
		md := string(out)
		checkMarkdownTables(t, md)
		rows := tableRows(md, "## Matrix")
		if len(rows) != 2+len(m.Issues) {
			t.Fatalf("matrix table has %d lines, want %d", len(rows), 2+len(m.Issues))
		}
		if n := markdownCells(rows[0]); n != 1+len(m.Parties) {
			t.Fatalf("matrix table has %d columns, want %d", n, 1+len(m.Parties))
		}
		if !utf8.ValidString(md) {
			t.Fatalf("markdown is not valid UTF-8")
		}

		// Rendered as GitHub does, the Markdown holds only the export's own
		// elements and http(s) links, and, when no text is empty once
		// trimmed, has the structure of the same matrix with plain text.
		rendered := render(t, []byte(md))
		checkSafe(t, rendered)
		// The party also names the source file, shown by its base name
		// ("/ " has none), so that must be visible too.
		source := path.Base(strings.ReplaceAll(party, `\`, "/"))
		if visible(party) != "" && visible(source) != "" && visible(issue) != "" && visible(note) != "" && visible(quote) != "" {
			p := exporttest.TextMatrix("Party", "Issue", "Note", "Quote", url)
			popt := export.Options{Changes: exporttest.FuzzChanges("Party", "Issue", "Note")}
			want := shape(render(t, exporttest.Bytes(t, markdown.Write, p, popt)))
			if got := shape(rendered); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("the text changed the structure of the document\n got: %v\nwant: %v\nmarkdown:\n%s", got, want, md)
			}
		}
	})
}

// checkMarkdownTables checks that every row of every table in md has as
// many cells as the table's header row, splitting rows on pipes that are not
// backslash-escaped, as GitHub's table extension does.
func checkMarkdownTables(t testing.TB, md string) {
	t.Helper()
	want := -1
	for i, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		n := markdownCells(line)
		if want < 0 {
			want = n
			continue
		}
		if n != want {
			t.Fatalf("markdown line %d has %d cells, want %d: %q", i+1, n, want, line)
		}
	}
}

// markdownCells counts the cells of a table row "| a | b |".
func markdownCells(line string) int {
	pipes := 0
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++ // the escaped character
		case '|':
			pipes++
		}
	}
	return pipes - 1
}

// tableRows returns the lines of the first table after the heading.
func tableRows(md, heading string) []string {
	i := strings.Index(md, heading+"\n")
	if i < 0 {
		return nil
	}
	var rows []string
	for _, line := range strings.Split(md[i:], "\n")[1:] {
		if strings.HasPrefix(line, "|") {
			rows = append(rows, line)
		} else if len(rows) > 0 {
			break
		}
	}
	return rows
}

func TestHandedAnalysis(t *testing.T) {
	exporttest.HandedAnalysis(t, markdown.Write, func(b []byte) string { return string(b) })
}

// TestMarkdownAgreement checks the agreement table against a matrix with a
// known answer: A and B agree on everything, C on nothing with them, D
// shares too few issues to count.
func TestMarkdownAgreement(t *testing.T) {
	m := exporttest.Agreeing("A", "B", "C", "D")
	_, doc := exportHTML(t, m, export.Options{})
	tables := elements(doc, "table")
	if len(tables) != 2 {
		t.Fatalf("%d tables, want the matrix and the agreement", len(tables))
	}
	got := map[string]string{}
	rows := elements(tables[1], "tr")
	heads := elements(rows[0], "th")
	for _, r := range rows[1:] {
		cells := elements(r, "td")
		for j := 2; j < len(cells); j++ {
			got[text(cells[0])+text(heads[j])] = text(cells[j])
		}
		if name := text(cells[0]); (name == "A" || name == "B") != (text(cells[1]) == "A") {
			t.Errorf("party %s in bloc %q", name, text(cells[1]))
		}
	}
	for pair, want := range map[string]string{"AB": "100%", "BA": "100%", "AC": "0%", "CB": "0%", "AD": "—", "DC": "—", "AA": "·"} {
		if got[pair] != want {
			t.Errorf("agreement %s = %q, want %q", pair, got[pair], want)
		}
	}
	body := text(doc)
	for _, s := range []string{"3 of 6 pairs share enough", "One bloc at 70% agreement or more, covering 2 of 4 parties: A and B."} {
		if !strings.Contains(body, s) {
			t.Errorf("%q missing", s)
		}
	}
}
