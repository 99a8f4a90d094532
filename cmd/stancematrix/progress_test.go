package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
)

// TestProgressTotal exports three inputs, the middle one broken, in two
// formats, and then one split by party: the bar's total is known up front,
// never falls, and the bar ends full.
func TestProgressTotal(t *testing.T) {
	dir := t.TempDir()
	good, err := buildWorkbook("[Matrix]\n,Ukraine,Russia,EU\nCeasefire,Supports,Opposes,Conditional\n")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, bad, c := write("a.xlsx", good), write("bad.xlsx", []byte("not a workbook")), write("c.xlsx", good)
	frame := regexp.MustCompile(`\] (\d+)/(\d+) outputs`)
	for _, tc := range []struct {
		name      string
		inputs    []string
		split     matrix.By
		first     int // the total of the first frame
		wantTotal int
	}{
		{"inputs", []string{a, bad, c}, 0, 6, 6},
		{"split", []string{a, bad}, matrix.ByParty, 4, 8}, // a: 3 parties × 2 formats
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := &env{stdout: new(discard), stderr: new(discard), getenv: func(string) string { return "" }}
			opt := exportOptions{Formats: []string{"json", "csv"}, Out: t.TempDir() + "/", SplitBy: tc.split, Jobs: 1}
			pl, err := planExport(opt, tc.inputs)
			if err != nil {
				t.Fatal(err)
			}
			var buf syncBuffer
			bar := newProgress(&buf, pl.expected(len(tc.inputs)))
			for i := range tc.inputs {
				e.exportOne(context.Background(), pl, i, bar)
			}
			frames := frame.FindAllStringSubmatch(buf.String(), -1)
			if len(frames) == 0 {
				t.Fatalf("no frames in %q", buf.String())
			}
			last := 0
			for k, f := range frames {
				done, _ := strconv.Atoi(f[1])
				total, _ := strconv.Atoi(f[2])
				if k == 0 && total != tc.first {
					t.Errorf("first total %d, want %d (known up front)", total, tc.first)
				}
				if total < last {
					t.Errorf("total fell from %d to %d", last, total)
				}
				if done > total {
					t.Errorf("%d/%d: more done than the total", done, total)
				}
				last = total
			}
			if f := frames[len(frames)-1]; f[1] != f[2] || f[2] != strconv.Itoa(tc.wantTotal) {
				t.Errorf("last frame %s/%s, want %d/%d", f[1], f[2], tc.wantTotal, tc.wantTotal)
			}
		})
	}
}

type discard struct{}

func (*discard) Write(b []byte) (int, error) { return len(b), nil }
