package html_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	shtml "github.com/stancematrix/stancematrix/export/html"
	"github.com/stancematrix/stancematrix/matrix"
)

// liveScript checks the served page's second script: the embedded reload
// script with its stream and version, allowed by the policy with
// connections to the page's own origin.
func liveScript(t *testing.T, page []byte, live shtml.Live, scripts int) {
	t.Helper()
	doc := parse(t, page)
	pol := csp(t, doc)
	ss := elements(doc, "script")
	if len(ss) != scripts {
		t.Fatalf("%d scripts, want %d", len(ss), scripts)
	}
	s := ss[len(ss)-1]
	if got := text(s); got != shtml.LiveScript {
		t.Errorf("the last script is not the reload script:\n%s", got)
	}
	if v, _ := attr(s, "data-events"); v != live.Events {
		t.Errorf("data-events %q, want %q", v, live.Events)
	}
	if v, _ := attr(s, "data-version"); v != live.Version {
		t.Errorf("data-version %q, want %q", v, live.Version)
	}
	want := shtml.LiveScriptHash
	if scripts == 2 {
		want = shtml.ScriptHash + " " + shtml.LiveScriptHash
	}
	if pol["script-src"] != want || hash(shtml.LiveScript) != shtml.LiveScriptHash {
		t.Errorf("script-src %s, want %s", pol["script-src"], want)
	}
	if pol["connect-src"] != "'self'" {
		t.Errorf("connect-src %q, want 'self'", pol["connect-src"])
	}
	if pol["default-src"] != "'none'" {
		t.Errorf("default-src %q, want 'none'", pol["default-src"])
	}
	if got, want := pol["style-src"], hash(text(elements(doc, "style")[0])); got != want {
		t.Errorf("style-src %s, want the style's hash %s", got, want)
	}
}

// TestWriteLive: the served page is the exported page with the reload
// script after the page's own and the policy that allows it; nothing else
// differs.
func TestWriteLive(t *testing.T) {
	m := exporttest.Fixture()
	opt := export.Options{Changes: exporttest.FixtureChanges()}
	live := shtml.Live{Events: "/events", Version: `v1"><script>alert(1)</script>`}
	var got bytes.Buffer
	if err := shtml.WriteLive(&got, m, opt, live); err != nil {
		t.Fatal(err)
	}
	liveScript(t, got.Bytes(), live, 2)
	checkSafeLive(t, got.Bytes())

	plain := string(exporttest.Bytes(t, shtml.Write, m, opt))
	served := got.String()
	start := strings.Index(served, "</script>\n<script data-events=")
	end := strings.LastIndex(served, "</script>\n</body>")
	if start < 0 || end < start {
		t.Fatalf("no reload script before </body>")
	}
	served = served[:start] + served[end:]
	// The policies (checked above) apart.
	policy := regexp.MustCompile(`(?m)^<meta http-equiv="Content-Security-Policy" content="[^"]*">$`)
	if n := len(policy.FindAllString(plain, -1)); n != 1 {
		t.Fatalf("%d policies in the exported page, want 1", n)
	}
	served, plain = policy.ReplaceAllString(served, ""), policy.ReplaceAllString(plain, "")
	if served != plain {
		t.Errorf("the served page differs from the exported one beyond the reload script and its policy")
	}
}

// checkSafeLive is checkSafe for a page with the reload script.
func checkSafeLive(t *testing.T, page []byte) {
	t.Helper()
	doc := parse(t, page)
	ss := elements(doc, "script")
	last := ss[len(ss)-1]
	last.Parent.RemoveChild(last)
	checkSafe(t, doc)
}

// TestWriteProblems: the page in place of the briefing lists each problem
// with its file and place, escapes every text, and carries the reload
// script alone.
func TestWriteProblems(t *testing.T) {
	var ps matrix.Problems
	for i, h := range hostile {
		ps.Add(matrix.Problem{File: h, Sheet: "Matrix", Cell: "C" + string(rune('2'+i)), Severity: matrix.Error, Msg: "unknown stance " + h, Hint: h})
	}
	ps.Add(matrix.Problem{File: "book.xlsx", Sheet: "Parties", Severity: matrix.Warning, Msg: "a warning"})
	live := shtml.Live{Events: "/events", Version: "v2"}
	var b bytes.Buffer
	if err := shtml.WriteProblems(&b, hostile[0], ps, live); err != nil {
		t.Fatal(err)
	}
	liveScript(t, b.Bytes(), live, 1)
	doc := parse(t, b.Bytes())
	ss := elements(doc, "script")
	ss[0].Parent.RemoveChild(ss[0])
	for _, bad := range []string{"script", "img", "svg", "iframe", "object", "embed", "link", "base"} {
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
	rows := elements(elements(doc, "tbody")[0], "tr")
	if len(rows) != len(ps) {
		t.Fatalf("%d rows, want %d", len(rows), len(ps))
	}
	for i, p := range ps {
		cells := elements(rows[i], "td")
		want := []string{p.File, p.Place(), p.Msg}
		if p.Severity == matrix.Warning {
			want[2] = "warning: " + p.Msg
		}
		if p.Hint != "" {
			want[2] += "hint: " + p.Hint
		}
		for k, w := range want {
			if got := text(cells[k]); got != w {
				t.Errorf("row %d cell %d: %q, want %q", i+1, k+1, got, w)
			}
		}
	}
	// One file: no column of files.
	b.Reset()
	if err := shtml.WriteProblems(&b, "book.xlsx", ps[len(ps)-1:], live); err != nil {
		t.Fatal(err)
	}
	one := parse(t, b.Bytes())
	if got := strings.TrimSpace(text(elements(one, "tbody")[0])); got != "Partieswarning: a warning" {
		t.Errorf("one file's problem reads %q", got)
	}
	if got := text(elements(doc, "h1")[0]); got != hostile[0] {
		t.Errorf("title %q, want %q", got, hostile[0])
	}
	if got := text(elements(doc, "header")[0]); !strings.Contains(got, "cannot be shown: 8 errors") {
		t.Errorf("header %q does not count the errors", got)
	}
}
