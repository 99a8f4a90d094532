package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/stancematrix/stancematrix/export/html"
	"github.com/stancematrix/stancematrix/matrix"
)

// serveOptions are the options of `serve`.
type serveOptions struct {
	Export   exportOptions
	Host     string
	Port     int
	Open     bool
	Debounce time.Duration // quiet time after the last event before reading again
	Retries  int           // extra attempts when the file cannot be read yet
	Backoff  time.Duration // first retry delay, doubled each time
	// opener opens the URL in a browser; nil is openBrowser.
	opener func(url string) error
}

// servedFlags are the export flags the served page honours; the others
// are hidden and refused.
var servedFlags = []string{"title", "sections", "detail", "parties", "issues", "order", "since", "quiet"}

// eventsPath is the URL path of the event stream; "/" is the page.
const eventsPath = "/events"

func (e *env) serveCommand() *cli.Command {
	flags := exportFlags()
	var refused []string
	for _, f := range flags {
		name := f.Names()[0]
		if slices.Contains(servedFlags, name) || slices.ContainsFunc(readFlags(), func(r cli.Flag) bool { return r.Names()[0] == name }) {
			continue
		}
		refused = append(refused, name)
		if sf, ok := f.(*cli.StringFlag); ok && name == "format" {
			sf.Value = "html"
		}
		switch f := f.(type) {
		case *cli.StringFlag:
			f.Hidden = true
		case *cli.BoolFlag:
			f.Hidden = true
		case *cli.IntFlag:
			f.Hidden = true
		}
	}
	return &cli.Command{
		Name:      "serve",
		Usage:     "show the HTML briefing in the browser, reloaded whenever the workbook is saved",
		ArgsUsage: "FILE",
		Description: `Serves the HTML briefing of FILE (as export --format html makes it) on a
local web server and reloads the page in the browser each time the workbook
is saved. When the workbook has errors the page lists them, with their
cells, until the next good save. It listens on 127.0.0.1 only, unless --host
says otherwise, and serves nothing but the page (/) and its event stream
(/events). Stop with Ctrl-C.

  stancematrix serve ukraine.xlsx --open
  stancematrix serve ukraine.xlsx --parties US,UA,RU --port 0`,
		OnUsageError: onUsageError,
		Flags: append(flags,
			&cli.DurationFlag{Name: "debounce", Value: 200 * time.Millisecond, Usage: "wait this long after the last change before reading the workbook again"},
			&cli.StringFlag{Name: "host", Value: "127.0.0.1", Usage: "listen on `HOST` (anything but a loopback address shows the briefing to the network)"},
			&cli.IntFlag{Name: "port", Value: 8350, Usage: "listen on `PORT` (0: any free port)"},
			&cli.BoolFlag{Name: "open", Usage: "open the page in the default browser"},
		),
		Action: func(ctx context.Context, cmd *cli.Command) error {
			if cmd.Args().Len() != 1 {
				return usageError("serve: want exactly one FILE argument, got %d", cmd.Args().Len())
			}
			if cmd.Args().First() == "-" {
				return usageError("serve: cannot follow stdin")
			}
			for _, name := range refused {
				if cmd.IsSet(name) {
					return usageError("serve: --%s does not apply: the page is the HTML briefing, shown, not written", name)
				}
			}
			xo, err := e.exportOptionsFrom(cmd)
			if err != nil {
				return err
			}
			xo.Export.FullDetail = "serve with --detail full for all of it"
			port := cmd.Int("port")
			if port < 0 || port > 65535 {
				return usageError("--port: want 0 to 65535, not %d", port)
			}
			opt := serveOptions{Export: xo, Host: cmd.String("host"), Port: port, Open: cmd.Bool("open"),
				Debounce: cmd.Duration("debounce"), Retries: 4, Backoff: 200 * time.Millisecond}
			return e.serve(ctx, opt, cmd.Args().First())
		},
	}
}

// serve shows the briefing of file on a local web server until ctx is
// cancelled, reading the workbook again after every save.
func (e *env) serve(ctx context.Context, opt serveOptions, file string) error {
	if err := e.mustExist(file, opt.Export.inputOptions); err != nil {
		return err
	}
	sw, err := watchSaves(file)
	if err != nil {
		return failed(fmt.Errorf("serve: %v", err))
	}
	defer sw.Close()
	ln, err := net.Listen("tcp", net.JoinHostPort(opt.Host, strconv.Itoa(opt.Port)))
	if err != nil {
		return failed(fmt.Errorf("serve: %v\nhint: --port 0 picks a free port", err))
	}
	addr := ln.Addr().(*net.TCPAddr)
	url := "http://" + net.JoinHostPort(urlHost(addr), strconv.Itoa(addr.Port)) + "/"
	if !addr.IP.IsLoopback() {
		e.logLine("warning: listening on %s, not a loopback address: anyone who can reach it can read the briefing",
			net.JoinHostPort(opt.Host, strconv.Itoa(addr.Port)))
	}

	ctx, stop := context.WithCancel(ctx)
	defer stop()
	b := newBriefing(strconv.FormatInt(time.Now().UnixNano(), 36))
	e.servePage(ctx, b, opt, file)
	srv := &http.Server{
		Handler:           b.handler(addr.IP.IsLoopback()),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(logWriter{e}, "serve: ", 0),
		// Requests end with ctx: the event streams stop, and Shutdown
		// does not wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	e.logLine("serving %s at %s (Ctrl-C to stop)", file, url)
	if opt.Open {
		open := opt.opener
		if open == nil {
			open = openBrowser
		}
		if err := open(url); err != nil {
			e.logLine("cannot open a browser: %v; open %s", err, url)
		}
	}

	followed := make(chan struct{})
	go func() {
		defer close(followed)
		e.followSaves(ctx, sw, opt.Debounce, func() { e.servePage(ctx, b, opt, file) })
	}()
	select {
	case <-ctx.Done():
	case err = <-served:
	}
	stop()
	<-followed
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if serr := srv.Shutdown(sctx); serr != nil && err == nil {
		err = serr
	}
	if err != nil && !errors.Is(err, http.ErrServerClosed) {
		return failed(fmt.Errorf("serve: %v", err))
	}
	e.logLine("stopped serving %s", file)
	return nil
}

// logWriter writes the server's own messages (a malformed request, say)
// with logLine, one line each.
type logWriter struct{ e *env }

func (l logWriter) Write(p []byte) (int, error) {
	l.e.logLine("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// urlHost is the host of the URL to print: the address listened on, or
// localhost when listening on every address.
func urlHost(addr *net.TCPAddr) string {
	if addr.IP.IsUnspecified() {
		return "localhost"
	}
	return addr.IP.String()
}

// servePage reads the workbook, retrying while a save is in progress, and
// makes the page served: its briefing, or its problems.
func (e *env) servePage(ctx context.Context, b *briefing, opt serveOptions, file string) {
	var r *exportResult
	var page func(html.Live) ([]byte, error)
	key := ""
	if !retry(ctx, opt.Retries, opt.Backoff, func() bool {
		r = &exportResult{input: file}
		m, ch, xo, ok := e.prepare(r, opt.Export)
		if !ok {
			return r.unreadable
		}
		xo.Changes = ch
		xo.Analysis = matrix.Analyze(m, ch)
		xo.Warn = func(p matrix.Problem) {
			if p.File == "" {
				p.File = file
			}
			r.problems = append(r.problems, p)
			printProblems(&r.log, matrix.Problems{p}, 0)
		}
		key = "briefing " + m.SHA256
		page = func(l html.Live) ([]byte, error) {
			var buf bytes.Buffer
			err := html.WriteLive(&buf, m, xo, l)
			return buf.Bytes(), err
		}
		return false
	}) {
		return
	}
	if page == nil {
		ps := pageProblems(r, opt.Export.MaxProblems, opt.Export.Read.Edition)
		title := opt.Export.Export.Title
		if title == "" {
			title = filepath.Base(file)
		}
		key = "problems " + r.log.String()
		page = func(l html.Live) ([]byte, error) {
			var buf bytes.Buffer
			err := html.WriteProblems(&buf, title, ps, l)
			return buf.Bytes(), err
		}
	}
	_, old, _ := b.current()
	changed, err := b.update(key, page)
	switch {
	case err != nil:
		e.logLine("%s: %v", file, err)
	case !changed:
	case r.failed:
		e.logLines(r.log.Bytes())
		e.logLine("the page shows the problems; still serving")
	default:
		e.logLines(r.log.Bytes())
		if !opt.Export.Quiet && old != "" {
			e.logLine("updated the page")
		}
	}
}

// pageProblems are the problems the page shows in place of the briefing:
// as printed, up to max (0: all) and one line per kind of the rest, with
// the hints that name flags; or why there is nothing to show. The page of
// an edition (edition not empty) names each problem's place and severity
// only: a message may quote the workbook (a party's name, a typo in a
// restricted row), and the page may be read by people the edition is for;
// the messages are in the terminal.
func pageProblems(r *exportResult, max int, edition string) matrix.Problems {
	shown, omitted := r.problems.Cap(max)
	var ps matrix.Problems
	for _, p := range shown {
		if edition != "" {
			ps = append(ps, matrix.Problem{File: p.File, Sheet: p.Sheet, Cell: p.Cell, Severity: p.Severity,
				Msg: "a problem here; the page of an edition does not quote the workbook: see the terminal where serve runs"})
			continue
		}
		ps = append(ps, withFlagHint(p))
	}
	for _, o := range omitted {
		ps = append(ps, matrix.Problem{File: o.File, Sheet: o.Sheet, Severity: o.Severity, Msg: o.String() + "; --max-problems 0 shows all"})
	}
	if r.reason != "" {
		ps = append(ps, matrix.Problem{Severity: matrix.Error, Msg: r.reason})
	}
	return ps
}

// briefing is the page served and its version, which the event stream
// sends to the page's script.
type briefing struct {
	nonce string // tells this server's versions from another's

	mu      sync.Mutex
	version string // of what the page was made from
	page    []byte
	changed chan struct{} // closed when the page changes, then replaced
}

func newBriefing(nonce string) *briefing {
	return &briefing{nonce: nonce, changed: make(chan struct{})}
}

// update makes the page again with page when key, what it is made from,
// has changed, and tells the event streams. It reports whether it did.
func (b *briefing) update(key string, page func(html.Live) ([]byte, error)) (bool, error) {
	sum := sha256.Sum256([]byte(key))
	version := b.nonce + "-" + hex.EncodeToString(sum[:8])
	b.mu.Lock()
	same := version == b.version
	b.mu.Unlock()
	if same {
		return false, nil
	}
	p, err := page(html.Live{Events: eventsPath, Version: version})
	if err != nil {
		return false, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.version, b.page = version, p
	close(b.changed)
	b.changed = make(chan struct{})
	return true, nil
}

// current returns the page, its version and a channel closed when they
// change.
func (b *briefing) current() ([]byte, string, <-chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.page, b.version, b.changed
}

// handler serves the page at / and its event stream at /events, and a 404
// for every other path: no path of a request is ever used to open a file.
// On a loopback address it answers only requests for a loopback host name,
// so that a web page whose name a DNS server turns into 127.0.0.1 (DNS
// rebinding) cannot read the briefing.
func (b *briefing) handler(loopback bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		h.Set("Content-Security-Policy", "frame-ancestors 'none'")
		h.Set("X-Frame-Options", "DENY")
		if loopback && !loopbackHost(r.Host) {
			http.Error(w, "forbidden: not a loopback host name", http.StatusForbidden)
			return
		}
		if r.URL.Path != "/" && r.URL.Path != eventsPath || r.URL.RawPath != "" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if r.URL.Path == eventsPath {
			b.events(w, r)
			return
		}
		page, _, _ := b.current()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(len(page)))
		if r.Method == http.MethodGet {
			w.Write(page)
		}
	})
}

// loopbackHost reports whether the Host header names this machine:
// localhost or a loopback address.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// events is the event stream: the page's version when the page connects
// and after every change, until the request ends (the page goes, or the
// server stops).
func (b *briefing) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	// A page that lost the server (stopped and started again) asks again
	// after a second.
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	keepalive := time.NewTicker(30 * time.Second)
	defer keepalive.Stop()
	sent := ""
	for {
		_, version, changed := b.current()
		if version != sent {
			if _, err := fmt.Fprintf(w, "data: %s\n\n", version); err != nil {
				return
			}
			sent = version
		}
		if rc.Flush() != nil {
			return
		}
		select {
		case <-r.Context().Done():
			return
		case <-changed:
		case <-keepalive.C:
			if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil {
				return
			}
		}
	}
}

// openBrowser opens url in the default browser.
func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}
