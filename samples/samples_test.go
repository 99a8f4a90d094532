package samples_test

import (
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/samples"
)

// TestSamplesValidate checks that every workbook in samples/ reads with no
// errors and no warnings: a sample is what a new user tries first.
func TestSamplesValidate(t *testing.T) {
	files, err := filepath.Glob("*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
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
	onDisk, err := filepath.Glob("*.xlsx")
	if err != nil {
		t.Fatal(err)
	}
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
