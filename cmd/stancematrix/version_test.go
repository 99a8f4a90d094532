package main

import (
	"bytes"
	"context"
	"encoding/json"
	"runtime"
	"strings"
	"testing"
)

// TestVersionLabel: the provenance version of a build depends on the build
// alone; an untagged release build names its commit.
func TestVersionLabel(t *testing.T) {
	const commit = "4e014e8f30b90977571fcc61d1fb8fbbfae98879"
	for _, tc := range []struct {
		name string
		b    buildInfo
		want string
	}{
		{"tagged release", buildInfo{Version: "v1.2.0", Commit: commit}, "v1.2.0"},
		{"untagged release", buildInfo{Version: "dev", Commit: commit}, "dev+4e014e8f30b9"},
		{"untagged release, modified", buildInfo{Version: "dev", Commit: commit, Modified: true}, "dev+4e014e8f30b9.dirty"},
		{"untagged release, no commit", buildInfo{Version: "dev"}, "dev"},
		{"go install", buildInfo{Version: "v0.0.0-20261203224454-4e014e8f30b9", Commit: commit}, "v0.0.0-20261203224454-4e014e8f30b9"},
		{"go run", buildInfo{Version: "(devel)"}, "(devel)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.b.label(); got != tc.want {
				t.Errorf("label() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestVersionText(t *testing.T) {
	for _, tc := range []struct {
		name string
		b    buildInfo
		want string
	}{
		{"release", buildInfo{Version: "v1.2.0", Commit: "4e014e8f", Date: "2026-12-03T22:44:54Z", Go: "go1.26.8", OS: "windows", Arch: "arm64"},
			"stancematrix version v1.2.0\ncommit: 4e014e8f\ndate:   2026-12-03T22:44:54Z\ngo:     go1.26.8 windows/arm64\n"},
		{"modified", buildInfo{Version: "dev", Commit: "4e014e8f", Modified: true, Date: "2026-12-03T22:44:54Z", Go: "go1.26.8", OS: "linux", Arch: "amd64"},
			"stancematrix version dev\ncommit: 4e014e8f (modified)\ndate:   2026-12-03T22:44:54Z\ngo:     go1.26.8 linux/amd64\n"},
		{"unknown", buildInfo{Version: "(devel)", Go: "go1.26.8", OS: "darwin", Arch: "arm64"},
			"stancematrix version (devel)\ncommit: unknown\ndate:   unknown\ngo:     go1.26.8 darwin/arm64\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.b.writeText(&buf); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), tc.want)
			}
		})
	}
}

// TestVersionCommand: --version, -v and `version` print the same text, and
// `version --format json` the same facts as one object.
func TestVersionCommand(t *testing.T) {
	var want bytes.Buffer
	b := readBuildInfo()
	if err := b.writeText(&want); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"--version"}, {"-v"}, {"version"}} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), strings.NewReader(""), &stdout, &stderr, append([]string{"stancematrix"}, args...), nil)
		if code != 0 || stdout.String() != want.String() || stderr.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want 0 and %q", args, code, stdout.String(), stderr.String(), want.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), strings.NewReader(""), &stdout, &stderr, []string{"stancematrix", "version", "--format", "json"}, nil); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	var got map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, stdout.String())
	}
	for k, v := range map[string]any{"version": b.Version, "commit": b.Commit, "date": b.Date, "modified": b.Modified, "go": runtime.Version(), "os": runtime.GOOS, "arch": runtime.GOARCH} {
		if got[k] != v {
			t.Errorf("%s: %v, want %v", k, got[k], v)
		}
	}
	if len(got) != 7 {
		t.Errorf("%d fields, want 7: %s", len(got), stdout.String())
	}
}
