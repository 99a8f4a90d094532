package exporttest

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Browser is a headless Chromium tab for the tests of the HTML page and of
// serve's page. It records what a page must not do: send a request to any
// address it was not given, write an error or a warning to the console, or
// open a dialog (which it dismisses).
type Browser struct {
	Ctx context.Context
	own func(url string) bool

	mu       sync.Mutex
	requests []string
	console  []string
	dialogs  []string
}

// NewBrowser starts Chromium (skipping the test without one, see
// NeedChromium) with a window of 1280 × 900 and a budget of 90 seconds;
// own reports the request URLs that are the page's own. It stops with the
// test.
func NewBrowser(t testing.TB, own func(url string) bool) *Browser {
	t.Helper()
	exe := NeedChromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(exe), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	b := &Browser{Ctx: ctx, own: own}
	if err := chromedp.Listen(ctx, func(ev any) {
		if ev, ok := ev.(*network.EventRequestWillBeSent); ok && !b.own(ev.Request.URL) {
			b.Record(ev.Request.URL)
		}
	}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == "error" || m.IsException() || m.Type == "warning" {
				b.mu.Lock()
				b.console = append(b.console, m.String())
				b.mu.Unlock()
			}
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.dialogs = append(b.dialogs, ev.Message)
			b.mu.Unlock()
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	return b
}

// Record adds a request that was not the page's own, e.g. one a test's
// server saw for another path.
func (b *Browser) Record(request string) {
	b.mu.Lock()
	b.requests = append(b.requests, request)
	b.mu.Unlock()
}

// Quiet waits a moment for late events, then fails t for each request
// that was not the page's own, each console error or warning and each
// dialog.
func (b *Browser) Quiet(t testing.TB) {
	t.Helper()
	if _, err := chromedp.Run(b.Ctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.requests {
		t.Errorf("a request besides the page's own: %s", r)
	}
	for _, c := range b.console {
		t.Errorf("console: %s", c)
	}
	for _, d := range b.dialogs {
		t.Errorf("a dialog opened: %q", d)
	}
}

// Console returns what the page wrote to the console as errors and
// warnings so far.
func (b *Browser) Console() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.console...)
}
