package matrixtest

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// RepositoryWorkbooks returns the path of every .xlsx file below root (the
// repository's root, as a test's relative path reaches it): the test data
// of every package, the samples and the foreign corpus. It fails t when it
// finds fewer than 400, which means the walk started in the wrong place.
func RepositoryWorkbooks(t testing.TB, root string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".xlsx") {
			out = append(out, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 400 {
		t.Fatalf("only %d workbooks found below %s", len(out), root)
	}
	return out
}
