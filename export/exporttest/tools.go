package exporttest

import (
	"os"
	"os/exec"
	"testing"
)

// NeedChromium returns the path of Chromium, for the tests that run a page
// in a browser; it skips when there is none, or fails under CI (where
// .ci/run installs Debian's chromium).
func NeedChromium(t testing.TB) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("chromium is required under CI (install Debian's chromium package)")
	}
	t.Skipf("chromium not installed")
	return ""
}
