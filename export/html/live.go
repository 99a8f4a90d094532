package html

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

var (
	//go:embed live.js
	liveText string
	//go:embed problems.tmpl
	problemsText string
)

// problemsPage is parsed when first used (see page).
var problemsPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("problems").Parse(problemsText))
})

// LiveScript is the script that a served page adds to the page's own;
// LiveScriptHash is the Content-Security-Policy source that allows it.
var (
	LiveScript     = liveText
	LiveScriptHash = cspHash(liveText)
)

// Live is what a page served by a local server adds to the page of Write:
// a script that follows the server's event stream (server-sent events) and
// reloads the page when the stream names another version than the page's.
// The page's Content-Security-Policy allows that script by its hash and
// connections to the page's own origin (connect-src 'self'), nothing else.
type Live struct {
	// Events is the URL of the event stream, e.g. "/events". Each message
	// of the stream is the version of the page the server shows.
	Events string
	// Version names what this page shows.
	Version string
}

// liveView is what the templates show of Live.
type liveView struct {
	Events, Version string
	Script          template.JS
}

func (l *Live) view() *liveView {
	return &liveView{Events: l.Events, Version: l.Version, Script: template.JS(liveText)}
}

// csp is the page's Content-Security-Policy: nothing but its style and
// script, each by hash; with live, also the reload script and connections
// to the page's own origin.
func csp(style template.CSS, live *liveView) string {
	scripts := ScriptHash
	connect := ""
	if live != nil {
		scripts += " " + LiveScriptHash
		connect = "; connect-src 'self'"
	}
	return "default-src 'none'; script-src " + scripts + connect + "; style-src " + cspHash(string(style)) +
		"; img-src 'none'; base-uri 'none'; form-action 'none'"
}

// WriteLive writes the page of Write with the reload script of live. The
// page is for a local server: a file exported should be Write's, the same
// bytes for the same input.
func WriteLive(w io.Writer, m *matrix.Matrix, opt export.Options, live Live) error {
	return write(w, m, opt, &live)
}

// WriteProblems writes the page a server shows in place of the briefing
// titled title when the workbook cannot be exported: its problems, each
// with its sheet and cell (and its file, when they are of several), and the reload script of live. Every text
// is escaped by html/template.
func WriteProblems(w io.Writer, title string, ps matrix.Problems, live Live) error {
	type line struct {
		File, Place, Msg, Hint string
		Warning                bool
	}
	v := struct {
		Title, CSP, Count string
		Files             bool // the problems are of more than one file: show the file of each
		Style             template.CSS
		Problems          []line
		Live              *liveView
	}{Title: title, Style: template.CSS(styleText), Live: live.view()}
	v.CSP = "default-src 'none'; script-src " + LiveScriptHash + "; connect-src 'self'; style-src " + cspHash(styleText) +
		"; img-src 'none'; base-uri 'none'; form-action 'none'"
	for _, p := range ps {
		v.Files = v.Files || p.File != ps[0].File
		v.Problems = append(v.Problems, line{File: p.File, Place: p.Place(), Msg: p.Msg, Hint: p.Hint, Warning: p.Severity == matrix.Warning})
	}
	v.Count = export.Plural(len(ps.Errors()), "error", "errors")
	if err := problemsPage().Execute(w, v); err != nil {
		return fmt.Errorf("writing html: %w", err)
	}
	return nil
}
