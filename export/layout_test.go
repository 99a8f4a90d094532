package export_test

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

const module = "github.com/stancematrix/stancematrix/"

// TestImportRules checks the direction of imports (style.md): matrix
// imports nothing of export or cmd; the export root imports no format; no
// format imports another format or a test helper. Test files are not
// checked.
func TestImportRules(t *testing.T) {
	formats := []string{"pdf", "xlsx", "json", "csv", "markdown", "html"}
	dirs, err := filepath.Glob("../matrix*")
	if err != nil {
		t.Fatal(err)
	}
	more, _ := filepath.Glob("../matrix/*")
	dirs = append(dirs, more...)
	dirs = append(dirs, ".")
	for _, f := range formats {
		dirs = append(dirs, f)
	}
	checked := 0
	for _, dir := range dirs {
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			continue // not a package (testdata, a file)
		}
		checked++
		for _, imp := range pkg.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			rel := strings.TrimPrefix(imp, module)
			switch {
			case strings.HasPrefix(dir, "../matrix") && (strings.HasPrefix(rel, "export") || strings.HasPrefix(rel, "cmd")):
				t.Errorf("%s imports %s: matrix must not import export or cmd", dir, rel)
			case dir == "." && strings.HasPrefix(rel, "export/"):
				t.Errorf("the export root imports %s", rel)
			case !strings.HasPrefix(dir, "../") && dir != "." && strings.HasPrefix(rel, "export/"):
				t.Errorf("format %s imports %s: formats import only export and matrix", dir, rel)
			case strings.HasSuffix(rel, "test"):
				t.Errorf("%s imports the test helper %s", dir, rel)
			}
		}
	}
	if checked < len(formats)+3 {
		t.Fatalf("checked only %d packages", checked)
	}
}
