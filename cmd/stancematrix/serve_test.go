package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stancematrix/stancematrix/export"
)

// served is a `serve` running in the test: its URL, its output and how
// to stop it.
type served struct {
	url    string
	dir    string
	book   string
	stderr *syncBuffer
	cancel context.CancelFunc
	done   chan int
}

var reServing = regexp.MustCompile(`serving \S+ at (http://\S+/) \(Ctrl-C to stop\)`)

// startServe saves the workbook desc as book.xlsx in a new folder and runs
// `stancematrix serve` on it with args, on a free port.
func startServe(t *testing.T, desc string, args ...string) *served {
	t.Helper()
	s := &served{dir: t.TempDir(), stderr: &syncBuffer{}, done: make(chan int, 1)}
	s.book = filepath.Join(s.dir, "book.xlsx")
	s.save(t, desc)
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	argv := append([]string{"stancematrix", "serve", s.book, "--port", "0", "--debounce", "50ms"}, args...)
	go func() { s.done <- run(ctx, strings.NewReader(""), io.Discard, s.stderr, argv, nil) }()
	t.Cleanup(func() {
		cancel()
		<-s.done
	})
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := reServing.FindStringSubmatch(s.stderr.String()); m != nil {
			s.url = m[1]
			return s
		}
		select {
		case code := <-s.done:
			t.Fatalf("serve ended with %d:\n%s", code, s.stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not start:\n%s", s.stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// save writes the workbook desc as Excel and LibreOffice save: a lock
// file, a temporary file, then a rename over the workbook.
func (s *served) save(t *testing.T, desc string) {
	t.Helper()
	data, err := buildWorkbook(desc)
	if err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(s.dir, ".~lock.book.xlsx#")
	tmp := filepath.Join(s.dir, "~$book.xlsx")
	if err := os.WriteFile(lock, []byte("lock"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, s.book); err != nil {
		t.Fatal(err)
	}
	os.Remove(lock)
}

// get fetches path of the server with a new connection.
func (s *served) get(t *testing.T, path string) (int, string) {
	t.Helper()
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 20 * time.Second}
	resp, err := c.Get(strings.TrimSuffix(s.url, "/") + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// raw sends a request line as written, without a client's cleaning of
// the path, and returns the status line.
func (s *served) raw(t *testing.T, target, host string) string {
	t.Helper()
	u, _ := url.Parse(s.url)
	c, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if host == "" {
		host = u.Host
	}
	if _, err := io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+host+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(line)
}

// stop cancels the server's context, as Ctrl-C does, and returns its exit
// code.
func (s *served) stop(t *testing.T) int {
	t.Helper()
	s.cancel()
	select {
	case code := <-s.done:
		s.done <- code // for the cleanup
		return code
	case <-time.After(20 * time.Second):
		t.Fatalf("serve did not stop:\n%s", s.stderr.String())
		return -1
	}
}

// TestServeLoopback: the server listens on 127.0.0.1 by default, serves
// the briefing, and answers only requests for a loopback host name.
func TestServeLoopback(t *testing.T) {
	s := startServe(t, watchBookA)
	u, _ := url.Parse(s.url)
	host, _, _ := net.SplitHostPort(u.Host)
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() || host != "127.0.0.1" {
		t.Errorf("listening on %s, want 127.0.0.1", u.Host)
	}
	if strings.Contains(s.stderr.String(), "warning") {
		t.Errorf("a warning on loopback:\n%s", s.stderr.String())
	}
	code, page := s.get(t, "/")
	if code != 200 || !strings.Contains(page, "<th") || !strings.Contains(page, "Opposes") || !strings.Contains(page, `data-events="/events"`) {
		t.Errorf("GET / = %d, not the briefing with its reload script:\n%.500s", code, page)
	}
	for _, h := range []string{"localhost", "localhost:" + u.Port(), "[::1]:" + u.Port()} {
		if got := s.raw(t, "/", h); !strings.Contains(got, " 200 ") {
			t.Errorf("Host %s: %s, want 200", h, got)
		}
	}
	// A page of another site whose name resolves to 127.0.0.1 (DNS
	// rebinding) is refused.
	if got := s.raw(t, "/", "evil.example:"+u.Port()); !strings.Contains(got, " 403 ") {
		t.Errorf("Host evil.example: %s, want 403", got)
	}
	if code := s.stop(t); code != 0 {
		t.Errorf("exit %d after Ctrl-C, want 0", code)
	}
	if !strings.Contains(s.stderr.String(), "stopped serving") {
		t.Errorf("no stop line:\n%s", s.stderr.String())
	}
}

// TestServeHost: any other address than loopback is warned about; --open
// opens the printed URL.
func TestServeHost(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "book.xlsx")
	data, err := buildWorkbook(watchBookA)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(book, data, 0o644)
	var stderr syncBuffer
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: &stderr, getenv: func(string) string { return "" }}
	opened := make(chan string, 1)
	opt := serveOptions{Export: exportOptions{Formats: []string{"html"}, Order: "workbook"}, Host: "0.0.0.0", Open: true,
		Debounce: 50 * time.Millisecond, opener: func(u string) error { opened <- u; return nil }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.serve(ctx, opt, book) }()
	var u string
	select {
	case u = <-opened:
	case err := <-done:
		t.Fatalf("serve returned %v:\n%s", err, stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("no browser opened:\n%s", stderr.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	out := stderr.String()
	if !strings.Contains(out, "warning: listening on 0.0.0.0:") || !strings.Contains(out, "at "+u+" ") || !strings.HasPrefix(u, "http://localhost:") {
		t.Errorf("want a warning and the opened URL %s:\n%s", u, out)
	}
}

// TestServePaths: nothing but the page and its event stream: every other
// path, however written, is a 404, and no path opens a file.
func TestServePaths(t *testing.T) {
	s := startServe(t, watchBookA)
	os.WriteFile(filepath.Join(s.dir, "secret.txt"), []byte("secret"), 0o644)
	for _, target := range []string{
		"/../../etc/passwd", "/%2e%2e/", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/book.xlsx", "/secret.txt",
		"//etc/passwd", "/index.html", "/events/", "/events/../secret.txt", "/%2F", "/%65vents", "/./", "/favicon.ico",
		"http://127.0.0.1/book.xlsx", "*",
	} {
		if got := s.raw(t, target, ""); !strings.Contains(got, " 404 ") {
			t.Errorf("GET %s: %s, want 404", target, got)
		}
	}
	if code, body := s.get(t, "/nothing/here"); code != 404 || strings.Contains(body, "secret") {
		t.Errorf("GET /nothing/here: %d %q", code, body)
	}
}

// events reads the event stream's data lines.
func events(t *testing.T, s *served) (<-chan string, func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", s.url+"events", nil)
	resp, err := (&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Errorf("Content-Type %q", ct)
	}
	ch := make(chan string, 16)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				ch <- v
			}
		}
	}()
	return ch, cancel
}

func next(t *testing.T, ch <-chan string) string {
	t.Helper()
	select {
	case v, ok := <-ch:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return v
	case <-time.After(20 * time.Second):
		t.Fatal("no event")
		return ""
	}
}

// TestServeEvents: the event stream names the page's version when it
// connects and again after each save; a broken save shows its errors with
// their cells, the next good save the briefing again; an unchanged save
// sends nothing.
func TestServeEvents(t *testing.T) {
	s := startServe(t, watchBookA)
	ch, cancel := events(t, s)
	defer cancel()
	v1 := next(t, ch)
	_, page := s.get(t, "/")
	if !strings.Contains(page, `data-version="`+v1+`"`) {
		t.Fatalf("the page is not version %s", v1)
	}

	s.save(t, watchBookB)
	v2 := next(t, ch)
	_, page = s.get(t, "/")
	if v2 == v1 || !strings.Contains(page, "Leans support") || !strings.Contains(page, `data-version="`+v2+`"`) {
		t.Errorf("after a save: version %s (was %s), the page lacks the new stance", v2, v1)
	}

	s.save(t, watchBookTypo)
	v3 := next(t, ch)
	_, page = s.get(t, "/")
	for _, want := range []string{"unknown stance &#34;Suports&#34;", "<code>Matrix!C2</code>", "cannot be shown: 1 error", `data-version="` + v3 + `"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page of a broken save lacks %q:\n%s", want, page)
		}
	}
	waitFor(t, s.stderr, "the page shows the problems; still serving", 1)

	s.save(t, watchBookB)
	v4 := next(t, ch)
	_, page = s.get(t, "/")
	if v4 == v3 || !strings.Contains(page, "Leans support") || strings.Contains(page, "Suports") {
		t.Errorf("the good save after a broken one does not show the briefing")
	}
	// The same workbook saved again: nothing to reload.
	s.save(t, watchBookB)
	select {
	case v := <-ch:
		t.Errorf("an unchanged save sent version %s", v)
	case <-time.After(500 * time.Millisecond):
	}

	// Ctrl-C with a page connected: serve returns, the stream ends.
	if code := s.stop(t); code != 0 {
		t.Errorf("exit %d, want 0", code)
	}
	select {
	case _, ok := <-ch:
		if ok {
			t.Errorf("an event after the stop")
		}
	case <-time.After(10 * time.Second):
		t.Errorf("the event stream did not end")
	}
}

// TestServeStops: Ctrl-C (the context cancelled) returns 0 with streams
// open and leaves no goroutine behind.
func TestServeStops(t *testing.T) {
	before := runtime.NumGoroutine()
	s := startServe(t, watchBookA)
	var cancels []func()
	for range 3 {
		ch, cancel := events(t, s)
		next(t, ch)
		cancels = append(cancels, cancel)
	}
	if code := s.stop(t); code != 0 {
		t.Fatalf("exit %d, want 0:\n%s", code, s.stderr.String())
	}
	for _, c := range cancels {
		c()
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("%d goroutines, %d before:\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestServeFlags: flags that do not apply to the page are refused.
func TestServeFlags(t *testing.T) {
	for _, args := range [][]string{{"--format", "pdf"}, {"-o", "out/"}, {"--split-by", "party"}, {"--port", "70000"}} {
		var stderr syncBuffer
		code := run(context.Background(), strings.NewReader(""), io.Discard, &stderr, append([]string{"stancematrix", "serve", "x.xlsx"}, args...), nil)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2:\n%s", args, code, stderr.String())
		}
	}
}

// TestServeDetail: --detail applies to the page as to `export --format
// html`: summary puts the short form on a small workbook, and the page
// says how to get the rest in serve's words; full is the whole page.
func TestServeDetail(t *testing.T) {
	book := "[Matrix]\n,United States,Ukraine,Russia\n"
	for i := range export.SummaryIssues + 3 {
		book += fmt.Sprintf("Issue %d,Supports,Supports,Opposes\n", i+1)
	}
	s := startServe(t, book, "--detail", "summary")
	_, page := s.get(t, "/")
	if !strings.Contains(page, "serve with --detail full for all of it") {
		t.Errorf("--detail summary: the page does not say how to get the rest:\n%s", page)
	}
	if strings.Contains(page, "export again") {
		t.Errorf("--detail summary: the page tells the reader to export again")
	}
	f := startServe(t, book, "--detail", "full")
	if _, page := f.get(t, "/"); strings.Contains(page, "--detail full") {
		t.Errorf("--detail full: the page still says what was left out")
	}
}
