package samples_test

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/samples"
)

// sampleFiles lists the workbooks in samples/, leaving out reports that an
// export writes next to a sample (NAME-report.xlsx) and Office lock files.
func sampleFiles(t *testing.T) []string {
	t.Helper()
	all, err := filepath.Glob("*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, f := range all {
		if !strings.HasSuffix(f, "-report.xlsx") && !strings.HasPrefix(f, "~$") && !strings.HasPrefix(f, ".~lock") {
			files = append(files, f)
		}
	}
	return files
}

// TestSamplesValidate checks that every workbook in samples/ reads with no
// errors and no warnings: a sample is what a new user tries first.
func TestSamplesValidate(t *testing.T) {
	files := sampleFiles(t)
	if len(files) == 0 {
		t.Fatal("no sample workbooks in samples/")
	}
	for _, f := range files {
		t.Run(f, func(t *testing.T) {
			m, ps := matrix.ReadFile(f, matrix.ReadOptions{})
			for _, p := range ps {
				t.Errorf("%s", p.Error())
			}
			if m == nil {
				t.Fatal("no matrix")
			}
			if len(m.Parties) == 0 || len(m.Issues) == 0 {
				t.Errorf("empty matrix: %d parties, %d issues", len(m.Parties), len(m.Issues))
			}
		})
	}
}

// TestFS checks that the embedded file system holds exactly the sample
// workbooks in the folder, including the one `init --sample` copies.
func TestFS(t *testing.T) {
	onDisk := sampleFiles(t)
	embedded, err := fs.Glob(samples.FS, "*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(onDisk, embedded) {
		t.Errorf("embedded %v, on disk %v", embedded, onDisk)
	}
	if !slices.Contains(embedded, "ukraine-peace-talks.xlsx") {
		t.Error("ukraine-peace-talks.xlsx is not embedded")
	}
}

// coverage matches the words by which a key finding states what it rests
// on, or says why it is not made.
var coverage = regexp.MustCompile(`\d+ of (the )?\d+|(?i:all \d+ parties)|both parties|the only pair of \d+|cells compared|^No |moved from`)

// TestSamplesFindingsQualified checks that the samples, where most pairs of
// parties share fewer than matrix.MinShared scored issues, make no
// unqualified key finding: each states its coverage or says why it is not
// made (a move is a fact about one cell). In particular the Ukraine sample
// does not claim that "every party with a position" agrees on an issue
// where two of seven parties have one.
func TestSamplesFindingsQualified(t *testing.T) {
	for _, f := range sampleFiles(t) {
		t.Run(f, func(t *testing.T) {
			m, _ := matrix.ReadFile(f, matrix.ReadOptions{})
			if m == nil {
				t.Fatal("no matrix")
			}
			var ch *matrix.Changes
			if n := len(m.Snapshots); n > 0 {
				ch = matrix.Diff(m.Snapshots[n-1].Matrix, m)
			}
			fs := matrix.KeyFindings(m, ch)
			if len(fs) == 0 {
				t.Fatal("no key findings and no reason given")
			}
			for _, s := range fs {
				if !coverage.MatchString(s) {
					t.Errorf("finding without coverage: %q", s)
				}
				if strings.HasPrefix(s, "Every party with a position") && strings.Contains(s, "2 of") {
					t.Errorf("unanimity over two parties: %q", s)
				}
			}
		})
	}
}
