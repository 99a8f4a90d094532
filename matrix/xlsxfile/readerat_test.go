package xlsxfile_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// withMedia is workbook(t) with a stored (uncompressed) part of n random
// bytes, as an embedded picture makes a file large without making its
// sheets so.
func withMedia(t *testing.T, n int) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(workbook(t)), int64(len(workbook(t))))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range zr.File {
		if err := zw.Copy(f); err != nil {
			t.Fatal(err)
		}
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "xl/media/image1.bin", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	media := make([]byte, n)
	rng := rand.NewChaCha8([32]byte{1})
	rng.Read(media)
	w.Write(media)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Open reads a regular file or a bytes.Reader in place: it does not hold a
// copy of the file's bytes (it allocates far less than the file's size),
// and still reports the SHA-256 of every byte and reads the sheets.
func TestOpenInPlace(t *testing.T) {
	data := withMedia(t, 4<<20)
	path := filepath.Join(t.TempDir(), "big.xlsx")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	big := xlsxfile.Limits{FileSize: 8 << 20, UnzipSize: 16 << 20, Cells: 1000, CellChars: 100}
	for _, tc := range []struct {
		name string
		r    func() io.Reader
	}{
		{"file", func() io.Reader {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { f.Close() })
			return f
		}},
		{"bytes", func() io.Reader { return bytes.NewReader(data) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r()
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			wb, err := xlsxfile.Open(r, big, "")
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(len(data))/8 {
				t.Errorf("Open allocated %d bytes for a file of %d", alloc, len(data))
			}
			if wb.SHA256() != sha256.Sum256(data) {
				t.Errorf("SHA-256 %x, want %x", wb.SHA256(), sha256.Sum256(data))
			}
			g, _, err := wb.ReadSheet(wb.Sheets()[1])
			if err != nil || len(g.Rows) != 2 || g.Rows[0].Cells[0].Val != "text" {
				t.Errorf("second sheet: %+v, %v", g, err)
			}
		})
	}
}

// TestUnchanged: a file read in place that is written to before the read
// ends is reported as changed, not read as a mix of two versions under the
// first one's hash; one left alone, and one read whole, are unchanged.
func TestUnchanged(t *testing.T) {
	b := workbook(t)
	path := filepath.Join(t.TempDir(), "book.xlsx")
	for _, c := range []struct {
		name   string
		change func() error // nil: left alone
	}{
		{"left alone", nil},
		{"saved over, same size", func() error {
			c := append([]byte(nil), b...)
			c[len(c)/2] ^= 0xff
			return os.WriteFile(path, c, 0o644)
		}},
		{"saved over, shorter", func() error { return os.WriteFile(path, b[:len(b)-10], 0o644) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			wb, err := xlsxfile.Open(f, lim, "")
			if err != nil {
				t.Fatal(err)
			}
			if c.change != nil {
				if err := c.change(); err != nil {
					t.Fatal(err)
				}
			}
			err = wb.Unchanged()
			if c.change == nil && err != nil {
				t.Errorf("a file left alone: %v", err)
			}
			if c.change != nil && (err == nil || !strings.Contains(err.Error(), "changed while it was being read")) {
				t.Errorf("a file saved over during the read: %v", err)
			}
		})
	}
	// Read whole (a stream), the bytes are Open's own: always unchanged.
	wb, err := xlsxfile.Open(io.MultiReader(bytes.NewReader(b)), lim, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := wb.Unchanged(); err != nil {
		t.Errorf("a file read whole: %v", err)
	}
}
