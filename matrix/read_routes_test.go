package matrix_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/matrixtest"
)

// readRoutes are the ways a workbook reaches matrix.Read: xlsxfile.Open
// reads a regular file or a bytes.Reader in place through io.ReaderAt and
// anything else (stdin, a pipe) whole into memory. Every route must give the
// same matrix and the same problems.
var readRoutes = []struct {
	name string
	read func(t testing.TB, data []byte, name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems)
}{
	{"bytes", func(t testing.TB, data []byte, name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems) {
		return matrix.Read(bytes.NewReader(data), name, opt)
	}},
	{"stream", func(t testing.TB, data []byte, name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems) {
		return matrix.Read(struct{ io.Reader }{bytes.NewReader(data)}, name, opt)
	}},
	{"file", func(t testing.TB, data []byte, name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems) {
		return readFileAt(t, nil, data, name, opt)
	}},
	{"file past a prefix", func(t testing.TB, data []byte, name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems) {
		return readFileAt(t, []byte("junk"), data, name, opt)
	}},
	{"bytes past a prefix", func(t testing.TB, data []byte, name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems) {
		r := bytes.NewReader(append([]byte("junk"), data...))
		if _, err := r.Seek(4, io.SeekStart); err != nil {
			t.Fatal(err)
		}
		return matrix.Read(r, name, opt)
	}},
}

// readFileAt writes prefix and data to a file and reads data from it as an
// *os.File whose offset is past the prefix.
func readFileAt(t testing.TB, prefix, data []byte, name string, opt matrix.ReadOptions) (*matrix.Matrix, matrix.Problems) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, append(append([]byte(nil), prefix...), data...), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Seek(int64(len(prefix)), io.SeekStart); err != nil {
		t.Fatal(err)
	}
	return matrix.Read(f, name, opt)
}

// sameRead reports how the routes' reads of data differ, or "".
func sameRead(t testing.TB, data []byte, opt matrix.ReadOptions) string {
	t.Helper()
	want, wantPs := readRoutes[1].read(t, data, "t.xlsx", opt) // whole in memory
	var diffs []string
	for _, route := range readRoutes {
		got, ps := route.read(t, data, "t.xlsx", opt)
		if g, w := problemDump(ps), problemDump(wantPs); g != w {
			diffs = append(diffs, route.name+": problems\n"+g+"\nwant\n"+w)
		}
		if !reflect.DeepEqual(got, want) {
			diffs = append(diffs, route.name+": the matrix differs")
		}
	}
	return strings.Join(diffs, "\n")
}

// problemDump is every problem with its severity, place, message and hint.
func problemDump(ps matrix.Problems) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Severity.String() + " " + p.Error() + " | " + p.Hint + "\n")
	}
	return b.String()
}

// Every workbook of the repository reads the same by every route: in place
// from a file or from memory, or whole from a stream.
func TestReadRoutesAgreeOnRepositoryWorkbooks(t *testing.T) {
	for _, p := range matrixtest.RepositoryWorkbooks(t, "..") {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if d := sameRead(t, data, matrix.ReadOptions{}); d != "" {
			t.Errorf("%s:\n%s", p, d)
		}
	}
}

// Damaged, truncated, oversized and encrypted workbooks read the same by
// every route (TestReadHostile checks each route's message too).
func TestReadRoutesAgreeOnBadWorkbooks(t *testing.T) {
	valid := simpleBook(t)
	sheetXML := "xl/worksheets/sheet1.xml"
	tests := []struct {
		name string
		data []byte
		opt  matrix.ReadOptions
	}{
		{"valid", valid, matrix.ReadOptions{}},
		{"encrypted with its password", encrypted(t, valid, "s3cret"), matrix.ReadOptions{Password: "s3cret"}},
		{"encrypted without", encrypted(t, valid, "s3cret"), matrix.ReadOptions{}},
		{"encrypted, over the size limit", encrypted(t, valid, "s3cret"), matrix.ReadOptions{Password: "s3cret", MaxFileSize: 1000}},
		{"over the size limit by one byte", valid, matrix.ReadOptions{MaxFileSize: int64(len(valid)) - 1}},
		{"at the size limit", valid, matrix.ReadOptions{MaxFileSize: int64(len(valid))}},
		{"truncated to the local header", valid[:30], matrix.ReadOptions{}},
		{"truncated before the central directory", valid[:len(valid)-40], matrix.ReadOptions{}},
		{"zip signature only", []byte("PK\x03\x04"), matrix.ReadOptions{}},
		{"one byte", []byte("P"), matrix.ReadOptions{}},
		{"blank", []byte(" \n\t "), matrix.ReadOptions{}},
		{"CRC error", withBadCRC(t, valid, sheetXML), matrix.ReadOptions{}},
		{"bomb", withPartRaw(t, valid, sheetXML, zipEntry{Declared: 4096, Deflated: deflatedBomb(1024), Data: make([]byte, 1<<20)}), matrix.ReadOptions{}},
		{"unzip limit", valid, matrix.ReadOptions{MaxUnzipSize: 2000}},
		{"legacy xls", testdataFile(t, "legacy.xls"), matrix.ReadOptions{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if d := sameRead(t, tc.data, tc.opt); d != "" {
				t.Error(d)
			}
		})
	}
}
