package samples_test

import (
	"io/fs"
	"path/filepath"
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
