package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"time"
)

// zipPackage is a workbook package held in memory, part by part,
// uncompressed. excelize writes into it (it is the excelize.ZipWriter of
// the book) so that finish can splice notes and links into the parts and
// compress every part once, instead of unzipping and zipping excelize's
// output again.
type zipPackage struct {
	names []string // in the order written
	parts map[string]*bytes.Buffer
}

func newZipPackage() *zipPackage { return &zipPackage{parts: map[string]*bytes.Buffer{}} }

// Create starts a part; writing a part twice replaces it.
func (p *zipPackage) Create(name string) (io.Writer, error) {
	b, ok := p.parts[name]
	if !ok {
		b = &bytes.Buffer{}
		p.parts[name] = b
		p.names = append(p.names, name)
	}
	b.Reset()
	return b, nil
}

// AddFS adds the files of fsys as parts.
func (p *zipPackage) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err == nil {
			p.set(name, data)
		}
		return err
	})
}

func (p *zipPackage) Close() error { return nil }

// part returns the content of a part.
func (p *zipPackage) part(name string) ([]byte, bool) {
	b, ok := p.parts[name]
	if !ok {
		return nil, false
	}
	return b.Bytes(), true
}

// set replaces a part, or adds it at the end.
func (p *zipPackage) set(name string, data []byte) {
	w, _ := p.Create(name)
	w.Write(data)
}

// write writes the package as a zip file, every part deflated, in the order
// the parts were first written, each dated modified (see zipTime) — but
// for the worksheets, which keep their places among the other parts in
// the order of their numbers: excelize writes the sheets of its stream
// writers in map order, so with two streamed sheets (Evidence and History)
// their order changed from run to run.
func (p *zipPackage) write(w io.Writer, modified time.Time) error {
	zw := zip.NewWriter(w)
	modified = zipTime(modified)
	names := slices.Clone(p.names)
	var slots []int
	var sheets []string
	for i, n := range names {
		if sheetNumber(n) >= 0 {
			slots = append(slots, i)
			sheets = append(sheets, n)
		}
	}
	slices.SortStableFunc(sheets, func(a, b string) int { return sheetNumber(a) - sheetNumber(b) })
	for k, i := range slots {
		names[i] = sheets[k]
	}
	for _, name := range names {
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return err
		}
		if _, err := fw.Write(p.parts[name].Bytes()); err != nil {
			return err
		}
	}
	return zw.Close()
}

// zipTime is t in UTC, within the dates that both the MS-DOS date of a zip
// entry and its 32-bit Unix time can hold (1980 to 2105). Without a date,
// archive/zip writes day 0 of month 0 of 1980, which is no date.
func zipTime(t time.Time) time.Time {
	lo := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	hi := time.Date(2105, 12, 31, 23, 59, 58, 0, time.UTC)
	t = t.UTC()
	switch {
	case t.Before(lo):
		return lo
	case t.After(hi):
		return hi
	}
	return t
}

// sheetNumber is N of a part xl/worksheets/sheetN.xml, or −1.
func sheetNumber(name string) int {
	rest, ok := strings.CutPrefix(name, "xl/worksheets/sheet")
	if !ok {
		return -1
	}
	rest, ok = strings.CutSuffix(rest, ".xml")
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return -1
	}
	return n
}
