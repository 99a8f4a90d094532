package main

// The served page in a real browser: headless Chromium (Debian's chromium
// package) driven with chromedp, as in export/html/browser_test.go. It
// skips when no Chromium is installed, and fails under CI=true, where
// .ci/run installs it.

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/stancematrix/stancematrix/export/exporttest"
)

// TestServeBrowser: the page in Chromium reloads with the new content when
// the workbook is saved as Excel and LibreOffice save it (a temporary
// file, then a rename), shows the errors of a broken save with their cells,
// and the briefing again after the next good save; its reload script runs
// under the page's policy (no console error) and asks for nothing but the
// page and its event stream.
func TestServeBrowser(t *testing.T) {
	exporttest.NeedChromium(t)
	s := startServe(t, watchBookA)
	b := exporttest.NewBrowser(t, func(u string) bool { return u == s.url || u == s.url+"events" })
	ctx := b.Ctx
	eval := func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return v
	}
	// until waits for the page to show want (a reload: the mark set on the
	// page before is gone) and returns how long it took.
	until := func(want string) time.Duration {
		t.Helper()
		start := time.Now()
		for {
			// While the page reloads, the evaluation may meet the
			// navigation ("Inspected target navigated or closed"): that
			// is not yet, not a failure.
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(window.stancematrixMark ? "old page: " : "") + (document.body ? document.body.textContent : "")`))
			if err == nil && strings.Contains(got, want) && !strings.HasPrefix(got, "old page: ") {
				break
			}
			if err != nil {
				got = err.Error()
			}
			if time.Since(start) > 20*time.Second {
				t.Fatalf("the page does not show %q:\n%.2000s", want, got)
			}
			time.Sleep(20 * time.Millisecond)
		}
		took := time.Since(start)
		// Mark this page. A save before its script connects still
		// reloads it: the stream sends the version, the page compares.
		eval(`window.stancematrixMark = "1"`)
		return took
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(s.url), chromedp.WaitReady("footer")); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	until("Opposes")

	s.save(t, watchBookB)
	t.Logf("reloaded %v after the save", until("Leans support"))

	s.save(t, watchBookTypo)
	until(`unknown stance "Suports"`)
	if got := eval(`document.querySelector("tbody tr td:first-child").textContent`); got != "Matrix!C2" {
		t.Errorf("the error's place is %q, want Matrix!C2", got)
	}

	s.save(t, watchBookA)
	until("Opposes")
	if got := eval(`String(document.querySelectorAll("#mx tbody tr.row").length)`); got != "1" {
		t.Errorf("%s matrix rows after the good save, want 1", got)
	}

	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`true`)); err != nil {
		t.Fatal(err)
	}
	b.Quiet(t)
	if code := s.stop(t); code != 0 {
		t.Errorf("exit %d after Ctrl-C, want 0", code)
	}
}
