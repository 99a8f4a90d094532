package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeUnknownMatrix writes a Matrix of parties × issues cells, each an
// unknown stance, to path.
func writeUnknownMatrix(t *testing.T, path string, parties, issues int) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Matrix"); err != nil {
		t.Fatal(err)
	}
	sw, err := f.NewStreamWriter("Matrix")
	if err != nil {
		t.Fatal(err)
	}
	row := make([]any, parties+1)
	for p := 1; p <= parties; p++ {
		row[p] = fmt.Sprintf("Party %d", p)
	}
	if err := sw.SetRow("A1", row); err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= issues; i++ {
		row[0] = fmt.Sprintf("Issue %d", i)
		for p := 1; p <= parties; p++ {
			row[p] = fmt.Sprintf("label %d", (i+p)%7)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestValidateMaxProblems validates a 200 × 1,000 matrix of unknown labels:
// text prints the cap and one summary line, JSON every problem.
func TestValidateMaxProblems(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.xlsx")
	writeUnknownMatrix(t, path, 200, 1000)
	validate := func(args ...string) (string, int) {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), nil, &stdout, &stderr, append([]string{"stancematrix", "validate"}, args...), nil)
		if stderr.Len() > 0 {
			t.Errorf("stderr: %s", stderr.String())
		}
		return stdout.String(), code
	}
	summary := path + ": … and %s more unknown stances in Matrix; --max-problems 0 shows all"
	for _, tc := range []struct {
		name  string
		args  []string
		lines int // problem lines, without hints and summaries
		more  string
	}{
		{"default", nil, defaultMaxProblems, "199,950"},
		{"five", []string{"--max-problems", "5"}, 5, "199,995"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, code := validate(append(tc.args, path)...)
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
			var problems, hints, other []string
			for _, l := range lines {
				switch {
				case strings.HasPrefix(l, "hint: "):
					hints = append(hints, l)
				case strings.HasPrefix(l, path+": Matrix!") && strings.Contains(l, ": unknown stance "):
					problems = append(problems, l)
				default:
					other = append(other, l)
				}
			}
			if len(problems) != tc.lines {
				t.Errorf("%d problem lines, want %d", len(problems), tc.lines)
			}
			if len(hints) != 1 {
				t.Errorf("hints %q, want one", hints)
			}
			var want []string
			if tc.more != "" {
				want = []string{fmt.Sprintf(summary, tc.more)}
			}
			if strings.Join(other, "\n") != strings.Join(want, "\n") {
				t.Errorf("other lines %q, want %q", other, want)
			}
			if len(problems) > 0 && problems[0] != path+`: Matrix!B2: unknown stance "label 2"` {
				t.Errorf("first problem %q", problems[0])
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		out, code := validate("--format", "json", path)
		if code != 1 {
			t.Errorf("exit %d, want 1", code)
		}
		var ps []jsonProblem
		if err := json.Unmarshal([]byte(out), &ps); err != nil {
			t.Fatal(err)
		}
		if len(ps) != 200000 {
			t.Errorf("%d problems in JSON, want 200000", len(ps))
		}
	})
}
