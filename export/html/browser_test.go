package html_test

// Tests of the page in a real browser: headless Chromium (Debian's
// chromium package) driven with chromedp. They skip when no Chromium is
// installed, and fail under CI=true, where .ci/run installs it.

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/exporttest"
	shtml "github.com/stancematrix/stancematrix/export/html"
	"github.com/stancematrix/stancematrix/matrix"
)

// tab is a browser tab showing one page, with what it did (see
// exporttest.Browser): the requests it sent, its console errors and the
// dialogs it opened.
type tab struct {
	*exporttest.Browser
	ctx context.Context
	url string
}

// open starts Chromium, serves page at the root of a local server (any
// other path is a 404 and recorded) and loads it. setup runs before the
// page loads (emulation).
func open(t *testing.T, pageBytes []byte, setup ...chromedp.Action[chromedp.Void]) *tab {
	t.Helper()
	exporttest.NeedChromium(t)
	tb := &tab{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			tb.Record("server: " + r.URL.String())
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(pageBytes)
	}))
	t.Cleanup(srv.Close)
	tb.url = srv.URL + "/"
	tb.Browser = exporttest.NewBrowser(t, func(u string) bool { return u == tb.url })
	tb.ctx = tb.Browser.Ctx
	steps := append(setup, chromedp.Navigate(tb.url), chromedp.WaitReady("footer"))
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	return tb
}

func (tb *tab) do(t *testing.T, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tb.ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, tb *tab, js string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// quiet checks that the page sent no request besides its own, wrote no
// error to the console and opened no dialog.
func (tb *tab) quiet(t *testing.T) { tb.Quiet(t) }

func samplePage(t *testing.T) []byte {
	return exporttest.Bytes(t, shtml.Write, readSample(t, "ukraine-peace-talks.xlsx"), export.Options{})
}

// TestBrowserSample loads the sample's page: no console error, no request
// besides the page, and the script ran (its controls show).
func TestBrowserSample(t *testing.T) {
	tb := open(t, samplePage(t))
	if hidden := eval[bool](t, tb, `document.getElementById("controls").hidden`); hidden {
		t.Errorf("the controls are hidden: the script did not run")
	}
	if n := eval[int](t, tb, `document.querySelectorAll("#mx tbody tr.row").length`); n != 11 {
		t.Errorf("%d rows, want 11", n)
	}
	// Open every cell, close it again.
	n := eval[int](t, tb, `(function(){var k=0;document.querySelectorAll("#mx td > a").forEach(function(a){a.click();if(document.getElementById("cell-dialog").open){k++;}document.getElementById("cell-dialog").close();});return k;})()`)
	if n == 0 {
		t.Errorf("no cell opens its dialog")
	}
	tb.quiet(t)
}

// sortMatrix has four issues without categories, so that sorting moves rows
// across the whole table.
func sortMatrix() *matrix.Matrix {
	m := &matrix.Matrix{Source: "sort.xlsx", Scale: matrix.DefaultScale()}
	m.Parties = []matrix.Party{{Name: "Alpha", Weight: 1}, {Name: "Beta", Weight: 1}, {Name: "Gamma", Weight: 1}}
	m.Issues = []matrix.Issue{{Name: "One", Weight: 1}, {Name: "Two", Weight: 1}, {Name: "Three", Weight: 1}, {Name: "Four", Weight: 1}}
	c := func(s string) matrix.Cell { return matrix.Cell{Stance: s} }
	m.SetCells([][]matrix.Cell{
		{c("Opposes"), c("Supports"), c("Supports")},
		{c("Supports"), c("Opposes"), c("Leans oppose")},
		{{}, c("Supports"), c("Opposes")},
		{c("Leans support"), c("Unclear"), c("Supports")},
	})
	m.SetNote(1, 0, "Alpha's note on two", m.Cell(1, 0).Release)
	m.Evidence = []matrix.Evidence{{Party: "Alpha", Issue: "Two", Stance: "Supports", Date: exporttest.Date("2025-04-20"),
		Quote: "We back issue two fully.", Speaker: "Alpha's minister", Source: "Alpha Times", URL: "https://example.org/two"}}
	return m
}

// waitFor waits until the JavaScript expression is true.
func waitFor(expr string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Poll[bool](expr)(ctx, tg)
		return err
	})
}

// dialogOpen waits until the cell dialog is open.
var dialogOpen = waitFor(`document.getElementById("cell-dialog").open`)

const rowOrder = `Array.prototype.map.call(document.querySelectorAll("#mx tbody tr.row"), function(r){return r.cells[0].textContent}).join(",")`
const shownRows = `Array.prototype.filter.call(document.querySelectorAll("#mx tbody tr.row"), function(r){return !r.hidden}).map(function(r){return r.cells[0].textContent}).join(",")`

func TestBrowserSort(t *testing.T) {
	tb := open(t, exporttest.Bytes(t, shtml.Write, sortMatrix(), export.Options{}))
	if got := eval[string](t, tb, rowOrder); got != "One,Two,Three,Four" {
		t.Fatalf("rows %s before sorting", got)
	}
	alpha := `#mx th.party[data-p="0"] button`
	tb.do(t, chromedp.Click(alpha))
	if got := eval[string](t, tb, rowOrder); got != "Two,Four,One,Three" {
		t.Errorf("sorted by Alpha (most supportive first): %s, want Two,Four,One,Three", got)
	}
	if s := eval[string](t, tb, `document.querySelector('#mx th.party[data-p="0"]').getAttribute("aria-sort")`); s != "descending" {
		t.Errorf("aria-sort %q", s)
	}
	tb.do(t, chromedp.Click(alpha))
	if got := eval[string](t, tb, rowOrder); got != "One,Four,Two,Three" {
		t.Errorf("sorted by Alpha (most opposed first): %s, want One,Four,Two,Three", got)
	}
	tb.do(t, chromedp.Click(alpha))
	if got := eval[string](t, tb, rowOrder); got != "One,Two,Three,Four" {
		t.Errorf("third click: %s, want the workbook's order", got)
	}
	// By keyboard: focus the Gamma header's button and press Enter.
	tb.do(t, chromedp.Focus(`#mx th.party[data-p="2"] button`), chromedp.KeyEvent("\r"))
	if got := eval[string](t, tb, rowOrder); got != "One,Four,Two,Three" {
		t.Errorf("sorted by Gamma from the keyboard: %s, want One,Four,Two,Three", got)
	}
	// Parties by agreement with Beta: Beta first.
	tb.do(t, chromedp.Evaluate[chromedp.Void](`var s=document.getElementById("f-order");s.value="1";s.dispatchEvent(new Event("change"))`))
	if got := eval[string](t, tb, `Array.prototype.map.call(document.querySelectorAll("#mx thead th.party"), function(th){return th.getAttribute("data-p")}).join(",")`); !strings.HasPrefix(got, "1,") {
		t.Errorf("parties by agreement with Beta: %s, want Beta (1) first", got)
	}
	// The cells moved with their headers.
	if got := eval[string](t, tb, `Array.prototype.map.call(document.querySelector("#mx tbody tr.row").querySelectorAll("td"), function(td){return td.getAttribute("data-p")}).join(",")`); !strings.HasPrefix(got, "1,") {
		t.Errorf("cells of the first row in order %s", got)
	}
	tb.quiet(t)
}

func TestBrowserFilter(t *testing.T) {
	tb := open(t, exporttest.Bytes(t, shtml.Write, sortMatrix(), export.Options{}))
	set := func(id, v string) {
		tb.do(t, chromedp.Evaluate[chromedp.Void](`(function(){var s=document.getElementById("`+id+`");s.value="`+v+`";s.dispatchEvent(new Event("change"))})()`))
	}
	// Issues where Gamma supports (stance 0 of the default scale).
	set("f-party", "2")
	set("f-stance", "0")
	if got := eval[string](t, tb, shownRows); got != "One,Four" {
		t.Errorf("Gamma supports: rows %s, want One,Four", got)
	}
	if n := eval[int](t, tb, `Array.prototype.filter.call(document.querySelectorAll("#mx td[data-p]"), function(td){return td.offsetParent!==null}).length`); n != 2 {
		t.Errorf("%d visible cells with one party shown, want 2", n)
	}
	// Any party opposes.
	set("f-party", "")
	set("f-stance", "4")
	if got := eval[string](t, tb, shownRows); got != "One,Two,Three" {
		t.Errorf("anyone opposes: rows %s, want One,Two,Three", got)
	}
	// Issue text, typed.
	set("f-stance", "")
	tb.do(t, chromedp.SendKeys("#f-text", "t"))
	if got := eval[string](t, tb, shownRows); got != "Two,Three" {
		t.Errorf(`issue contains "t": rows %s, want Two,Three`, got)
	}
	if s := eval[string](t, tb, `document.getElementById("f-status").textContent`); s != "Showing 2 of 4 issues." {
		t.Errorf("status %q", s)
	}
	tb.do(t, chromedp.Click("#f-reset"), waitFor(`document.querySelectorAll("#mx tbody tr.row:not([hidden])").length === 4`))
	if got := eval[string](t, tb, shownRows); got != "One,Two,Three,Four" {
		t.Errorf("after Show all: rows %s", got)
	}
	tb.quiet(t)
}

// TestBrowserCategoryFilter filters the sample by category.
func TestBrowserCategoryFilter(t *testing.T) {
	tb := open(t, samplePage(t))
	tb.do(t, chromedp.Evaluate[chromedp.Void](`(function(){var s=document.getElementById("f-cat");s.value="Security";s.dispatchEvent(new Event("change"))})()`))
	got := eval[string](t, tb, shownRows)
	want := eval[string](t, tb, `Array.prototype.map.call(document.querySelectorAll('#mx tbody[data-cat="Security"] tr.row'), function(r){return r.cells[0].textContent}).join(",")`)
	if got != want || got == "" {
		t.Errorf("category Security shows %q, want %q", got, want)
	}
	tb.quiet(t)
}

func TestBrowserCellOpens(t *testing.T) {
	tb := open(t, exporttest.Bytes(t, shtml.Write, sortMatrix(), export.Options{}))
	// Alpha on Two: the second row's first cell.
	tb.do(t, chromedp.Click(`#mx tr.row[data-i="1"] td[data-p="0"] > a`), dialogOpen)
	body := eval[string](t, tb, `document.getElementById("cell-dialog").innerText`)
	for _, want := range []string{"Alpha on Two", "We back issue two fully.", "Alpha's minister", "20 April 2025", "Alpha Times", "Alpha's note on two"} {
		if !strings.Contains(body, want) {
			t.Errorf("the dialog lacks %q:\n%s", want, body)
		}
	}
	if href := eval[string](t, tb, `document.querySelector("#cell-dialog a[rel]").href`); href != "https://example.org/two" {
		t.Errorf("source link %q", href)
	}
	// Escape closes it and gives the focus back to the cell.
	tb.do(t, chromedp.KeyEvent("\x1b"))
	if open := eval[bool](t, tb, `document.getElementById("cell-dialog").open`); open {
		t.Errorf("Escape does not close the dialog")
	}
	if f := eval[string](t, tb, `document.activeElement.closest("td") ? document.activeElement.closest("td").getAttribute("data-p") : ""`); f != "0" {
		t.Errorf("the focus is not back on the cell")
	}
	tb.quiet(t)
}

// TestBrowserNoScript loads the page with JavaScript disabled: the whole
// table and the issue sections are there, and a cell links to its entry.
func TestBrowserNoScript(t *testing.T) {
	tb := open(t, samplePage(t), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
	if n := eval[int](t, tb, `document.querySelectorAll("#mx tbody tr.row").length`); n != 11 {
		t.Errorf("%d rows, want 11", n)
	}
	if v := eval[bool](t, tb, `document.getElementById("controls").offsetParent === null`); !v {
		t.Errorf("the controls show without the script")
	}
	// A click follows the link to the entry in Issue by issue.
	tb.do(t, chromedp.Click(`#mx td > a`))
	if loc := eval[string](t, tb, `location.hash`); !strings.HasPrefix(loc, "#issue-") {
		t.Errorf("the cell did not lead to its entry: %q", loc)
	}
	if v := eval[bool](t, tb, `document.getElementById("cell-dialog").open`); v {
		t.Errorf("the dialog opened without the script")
	}
}

// TestBrowserHostile loads a page whose party, issue, note and quote hold
// markup, a javascript: URL and right-to-left text: they show as text, no
// dialog opens, nothing is injected and the javascript: URL is no link.
func TestBrowserHostile(t *testing.T) {
	for _, s := range []string{"<script>alert(1)</script>", `"><img src=x onerror=alert(1)>`, "javascript:alert(1)", "שלום <b>עולם</b> \u202Eevil"} {
		t.Run(s, func(t *testing.T) {
			m := exporttest.TextMatrix(s, s+" issue", s+" note", s+" quote", "javascript:alert(document.domain)")
			m.Findings = []matrix.Finding{{Text: s}}
			m.About.Title = s
			opt := export.Options{Changes: exporttest.FuzzChanges(s, s+" issue", s), Sections: shtml.Sections()}
			tb := open(t, exporttest.Bytes(t, shtml.Write, m, opt))
			// Open every cell, so that the script copies the hostile entries.
			tb.do(t, chromedp.Evaluate[chromedp.Void](`document.querySelectorAll("#mx td > a").forEach(function(a){a.click();document.getElementById("cell-dialog").close()})`))
			tb.do(t, chromedp.Click(`#mx td > a`), dialogOpen)
			if n := eval[int](t, tb, `document.querySelectorAll("img,iframe,object,embed,b").length`); n != 0 {
				t.Errorf("%d injected elements", n)
			}
			if n := eval[int](t, tb, `document.scripts.length`); n != 1 {
				t.Errorf("%d scripts, want 1", n)
			}
			if n := eval[int](t, tb, `Array.prototype.filter.call(document.querySelectorAll("*"), function(e){return Array.prototype.some.call(e.attributes, function(a){return a.name.indexOf("on")===0})}).length`); n != 0 {
				t.Errorf("%d elements with event handlers", n)
			}
			if bad := eval[string](t, tb, `Array.prototype.map.call(document.querySelectorAll("a[href]"), function(a){return a.protocol}).filter(function(p){return ["http:","https:","mailto:"].indexOf(p)<0 && p!==location.protocol}).join(",")`); bad != "" {
				t.Errorf("links with protocols %s", bad)
			}
			if n := eval[int](t, tb, `Array.prototype.filter.call(document.querySelectorAll("a"), function(a){return a.protocol==="javascript:"}).length`); n != 0 {
				t.Errorf("%d javascript: links", n)
			}
			// The javascript: URL shows as text, in no link.
			shown := eval[string](t, tb, `Array.prototype.filter.call(document.querySelectorAll(".url"), function(e){return e.textContent==="javascript:alert(document.domain)"}).map(function(e){return e.closest("a")?"link":"text"}).join(",")`)
			if shown == "" || strings.Contains(shown, "link") {
				t.Errorf("the javascript: URL shows as %q, want text only", shown)
			}
			body := eval[string](t, tb, `document.body.textContent`)
			if !strings.Contains(body, s) || !strings.Contains(body, "javascript:alert(document.domain)") {
				t.Errorf("the hostile text is not shown as written")
			}
			if title := eval[string](t, tb, `document.title`); title != s {
				t.Errorf("title %q, want %q", title, s)
			}
			tb.quiet(t)
		})
	}
}

// a11yCheck is the page's own accessibility audit, run in the browser: it
// returns one line per problem at the serious or critical level of axe's
// rules it covers: document language and title, the order of headings,
// the names of controls, links and buttons, table headers, images' text,
// the text contrast (WCAG AA), unique ids and a visible focus. A chart's
// text with its own fill stands on the shape drawn before it and its
// sibling texts (a heatmap's figures follow the path of their colour).
const a11yCheck = `(function(){
var out=[];
function lum(c){var m=c.match(/[\d.]+/g);if(!m){return null}var a=m.length>3?+m[3]:1;if(a<1){return null}
 var v=[+m[0],+m[1],+m[2]].map(function(x){x/=255;return x<=0.03928?x/12.92:Math.pow((x+0.055)/1.055,2.4)});return 0.2126*v[0]+0.7152*v[1]+0.0722*v[2]}
function bg(e){if(e.tagName==="text"&&e.hasAttribute("fill")){var s=e.previousElementSibling;while(s&&s.tagName==="text"){s=s.previousElementSibling}if(s&&(s.tagName==="rect"||s.tagName==="path")){return getComputedStyle(s).fill}}
 for(;e&&e.nodeType===1;e=e.parentElement){var c=getComputedStyle(e).backgroundColor;var m=c.match(/[\d.]+/g);if(m&&(m.length<4||+m[3]>=1)){return c}
 if(e.tagName==="svg"){var p=e.querySelector(".paper");if(p){return getComputedStyle(p).fill}}}return "rgb(255,255,255)"}
if(!document.documentElement.lang){out.push("html has no lang")}
if(!document.title.trim()){out.push("no title")}
var prev=0;document.querySelectorAll("h1,h2,h3,h4,h5,h6").forEach(function(h){if(h.closest("dialog")){return}var l=+h.tagName[1];if(l>prev+1){out.push("heading "+h.tagName+" "+h.textContent+" skips a level")}prev=l});
if(document.querySelectorAll("h1").length!==1){out.push("not one h1")}
if(!document.querySelector("main")){out.push("no main landmark")}
function named(e){var n=(e.getAttribute("aria-label")||"").trim();if(n){return true}var lb=e.getAttribute("aria-labelledby");if(lb&&document.getElementById(lb.split(" ")[0])){return true}
 if(e.id&&document.querySelector('label[for="'+e.id+'"]')){return true}return (e.textContent||"").trim()!==""}
document.querySelectorAll("input,select,button,a[href],summary,[role=region],dialog").forEach(function(e){if(!named(e)){out.push("no accessible name: "+e.outerHTML.slice(0,80))}});
document.querySelectorAll("table").forEach(function(t){if(!t.querySelector("th")){out.push("table without headers")}t.querySelectorAll("tbody th").forEach(function(th){if(!th.getAttribute("scope")){out.push("th without scope: "+th.textContent)}});t.querySelectorAll("thead th").forEach(function(th){if(th.getAttribute("scope")!=="col"){out.push("column header without scope=col: "+th.textContent)}})});
document.querySelectorAll("svg[role=img]").forEach(function(s){var ids=(s.getAttribute("aria-labelledby")||"").split(" ");if(!ids.every(function(i){var e=document.getElementById(i);return e&&e.textContent.trim()})){out.push("chart without title and desc")}});
var ids={};document.querySelectorAll("[id]").forEach(function(e){if(ids[e.id]){out.push("duplicate id "+e.id)}ids[e.id]=1});
var walker=document.createTreeWalker(document.body,NodeFilter.SHOW_TEXT);var n,seen=0;
while((n=walker.nextNode())){var e=n.parentElement;if(!n.data.trim()||!e||e.closest(".vh,script,style,title,desc,dialog:not([open]),[hidden]")){continue}
 var r=e.getBoundingClientRect();if(r.width===0&&r.height===0){continue}
 var cs=getComputedStyle(e);var fg=e.namespaceURI==="http://www.w3.org/2000/svg"?cs.fill:cs.color;var lf=lum(fg),lb=lum(bg(e));if(lf===null||lb===null){continue}
 var ratio=(Math.max(lf,lb)+0.05)/(Math.min(lf,lb)+0.05);var size=parseFloat(cs.fontSize),bold=+cs.fontWeight>=700;var large=size>=24||(bold&&size>=18.66);
 seen++;if(ratio<(large?3:4.5)){out.push("contrast "+ratio.toFixed(2)+" of "+JSON.stringify(n.data.trim().slice(0,30))+" ("+fg+" on "+bg(e)+")")}}
if(seen<50){out.push("only "+seen+" texts checked")}
return out.join("\n")})()`

// focusCheck tabs through the first controls and reports any without a
// visible focus indicator.
const focusCheck = `(function(){var out=[];var e=document.activeElement;if(!e||e===document.body){return "nothing focused"}
var cs=getComputedStyle(e);if((cs.outlineStyle==="none"||parseFloat(cs.outlineWidth)===0)&&cs.boxShadow==="none"){out.push("no visible focus on "+e.outerHTML.slice(0,60))}return out.join("\n")})()`

func TestBrowserAccessibility(t *testing.T) {
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			tb := open(t, samplePage(t), chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				return err
			}))
			if out := eval[string](t, tb, a11yCheck); out != "" {
				t.Errorf("accessibility problems:\n%s", out)
			}
			// Every control is reachable by Tab and shows its focus.
			for i := 0; i < 25; i++ {
				tb.do(t, chromedp.KeyEvent("\t"))
				if out := eval[string](t, tb, focusCheck); out != "" {
					t.Errorf("tab %d: %s", i+1, out)
				}
			}
			reached := eval[string](t, tb, `document.activeElement.id || document.activeElement.tagName`)
			_ = reached
			tb.quiet(t)
		})
	}
}

// TestBrowserScreenshots writes screenshots of the sample's page, desktop
// and phone width, light and dark, into the folder SCREENSHOTS names; it
// skips without it. Look at them after changing the page.
func TestBrowserScreenshots(t *testing.T) {
	dir := os.Getenv("SCREENSHOTS")
	if dir == "" {
		t.Skip("set SCREENSHOTS=DIR to write screenshots")
	}
	pg := samplePage(t)
	if f := os.Getenv("SCREENSHOT_PAGE"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pg = b
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, w := range []int64{1280, 390} {
			tb := open(t, pg, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				return err
			}), chromedp.EmulateViewport(w, 900))
			png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, scheme+"-"+map[int64]string{1280: "desktop", 390: "phone"}[w]+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s", name)
			writeParts(t, name, png, int(w)*3/2)
		}
	}
}

// TestBrowserPolicyBlocks checks that the policy is in force: a script
// added to the page after it was written does not run, and the browser
// reports it.
func TestBrowserPolicyBlocks(t *testing.T) {
	pg := strings.Replace(string(samplePage(t)), "</body>", `<script>document.title="changed"</script><div style="color:red" id="styled">x</div></body>`, 1)
	tb := open(t, []byte(pg))
	if title := eval[string](t, tb, `document.title`); title == "changed" {
		t.Errorf("an added inline script ran")
	}
	if c := eval[string](t, tb, `getComputedStyle(document.getElementById("styled")).color`); c == "rgb(255, 0, 0)" {
		t.Errorf("an added style attribute applied")
	}
	if hidden := eval[bool](t, tb, `document.getElementById("controls").hidden`); hidden {
		t.Errorf("the page's own script did not run")
	}
	tb.do(t, chromedp.Sleep(200*time.Millisecond))
	if console := strings.Join(tb.Console(), "\n"); !strings.Contains(console, "Content Security Policy") {
		t.Errorf("no report of the blocked script; console:\n%s", console)
	}
}

// writeParts cuts a long screenshot into parts of at most h pixels, NAME-1.png,
// NAME-2.png, …, which are easier to look at.
func writeParts(t *testing.T, name string, b []byte, h int) {
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	sub := img.(interface {
		SubImage(r image.Rectangle) image.Image
	})
	r := img.Bounds()
	for k, y := 1, r.Min.Y; y < r.Max.Y; k, y = k+1, y+h {
		var out bytes.Buffer
		if err := png.Encode(&out, sub.SubImage(image.Rect(r.Min.X, y, r.Max.X, min(y+h, r.Max.Y)))); err != nil {
			t.Fatal(err)
		}
		part := strings.TrimSuffix(name, ".png") + "-" + strconv.Itoa(k) + ".png"
		if err := os.WriteFile(part, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserSectionCharts loads the sample's page with the changes since
// its snapshot, at desktop and phone width: the charts "Where the issues
// split", "Party profiles by category" and "What moved" are drawn (each an
// SVG with a title and a description, inside the page's width or in a
// figure that scrolls), the contents link to them, and the console stays
// quiet.
func TestBrowserSectionCharts(t *testing.T) {
	m := readSample(t, "ukraine-peace-talks.xlsx")
	ch, err := matrix.ChangesSince(m, matrix.SinceLatest(), matrix.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	pg := exporttest.Bytes(t, shtml.Write, m, export.Options{Changes: ch})
	for _, w := range []int64{1280, 390} {
		t.Run(strconv.Itoa(int(w)), func(t *testing.T) {
			tb := open(t, pg, chromedp.EmulateViewport(w, 900))
			for _, id := range []string{"split", "categories", "moved"} {
				if n := eval[int](t, tb, `document.querySelectorAll(".toc a[href='#`+id+`']").length`); n != 1 {
					t.Errorf("%d contents links to #%s, want 1", n, id)
				}
				// Each chart: an SVG with role img, a <title> and a <desc>
				// it is labelled by, marks drawn, and its data table.
				out := eval[string](t, tb, `(function(){var s=document.getElementById("`+id+`");if(!s){return "no section"}
var svgs=s.querySelectorAll("svg[role=img]");if(svgs.length===0){return "no chart"}var out=[];
svgs.forEach(function(g){var ids=(g.getAttribute("aria-labelledby")||"").split(" ");
var t=g.querySelector(":scope > title"),d=g.querySelector(":scope > desc");
if(!t||!t.textContent.trim()){out.push("no title")}if(!d||!d.textContent.trim()){out.push("no desc")}
if(!t||!d||ids[0]!==t.id||ids[1]!==d.id){out.push("not labelled by its title and desc")}
if(g.querySelectorAll("rect,circle,polygon").length<3){out.push("nothing drawn")}
var b=g.getBoundingClientRect();if(b.width<100||b.height<20){out.push("drawn "+b.width+"×"+b.height)}
var f=g.closest("figure");if(f.getBoundingClientRect().right>document.documentElement.clientWidth+1){out.push("the figure runs off the page")}});
if(!s.querySelector("details.data table")){out.push("no data table")}
return out.join("; ")})()`)
				if out != "" {
					t.Errorf("#%s: %s", id, out)
				}
			}
			if out := eval[string](t, tb, a11yCheck); out != "" {
				t.Errorf("accessibility problems:\n%s", out)
			}
			// On a phone a chart keeps its size: its text is not shrunk.
			if w == 390 {
				scale := eval[float64](t, tb, `(function(){var g=document.querySelector("#split svg");return g.getBoundingClientRect().width/g.viewBox.baseVal.width})()`)
				if scale < 0.99 {
					t.Errorf("the split chart is drawn at %.2f of its size on a phone", scale)
				}
			}
			tb.quiet(t)
		})
	}
}
