package xlsxfile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"path"
	"reflect"
	"strings"
)

// Differ opens a workbook twice and reads its shared strings and every
// sheet with the scanner and with the encoding/xml reader it replaced
// (oracle_test.go); it returns the first difference, or nil when both give
// the same strings, cells, hints and problems, messages included.
func Differ(data []byte, lim Limits) error {
	wb1, err := rawFile(data, lim)
	if err != nil {
		return nil // not a zip: neither reader sees it
	}
	wb2, _ := rawFile(data, lim)
	if err := differSST(wb1, wb2, sstPart(wb1)); err != nil {
		return err
	}
	nw, err1 := Open(bytes.NewReader(data), lim, "")
	ow, err2 := Open(bytes.NewReader(data), lim, "")
	if err1 != nil || err2 != nil {
		return nil // the shared strings agree; the rest of Open is shared
	}
	for _, s := range nw.Sheets() {
		if err := differSheet(nw, ow, s); err != nil {
			return err
		}
		rels, _ := wb2.rels(relsPartFor(s.Part), path.Dir(s.Part))
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/comments") {
				if err := differComments(nw, ow, r.Target); err != nil {
					return fmt.Errorf("sheet %q: %w", s.Name, err)
				}
			}
		}
	}
	return nil
}

// differComments compares the comments part read by the scanner from nw
// and by the oracle from ow.
func differComments(nw, ow *File, part string) error {
	n1, t1, err1 := nw.legacyComments(part)
	n2, t2, err2 := ow.legacyCommentsXML(part)
	if d1, d2 := describe(err1), describe(err2); d1 != d2 {
		return fmt.Errorf("comments: scanner %s, encoding/xml %s", d1, d2)
	}
	if !reflect.DeepEqual(n1, n2) || !reflect.DeepEqual(t1, t2) {
		return fmt.Errorf("comments: scanner %v %v, encoding/xml %v %v", n1, t1, n2, t2)
	}
	return nil
}

// rawFile is a File of data's parts without anything read yet.
func rawFile(data []byte, lim Limits) (*File, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	wb := &File{zr: zr, lim: lim, parts: map[string]*zip.File{}}
	for _, f := range zr.File {
		wb.parts[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	return wb, nil
}

// sstPart finds the shared string table as loadWorkbook does.
func sstPart(wb *File) string {
	wbPart := "xl/workbook.xml"
	root, _ := wb.rels("_rels/.rels", "")
	for _, r := range root {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPart = r.Target
		}
	}
	rels, _ := wb.rels(relsPartFor(wbPart), path.Dir(wbPart))
	for _, r := range rels {
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			return r.Target
		}
	}
	return ""
}

// differSST compares the shared strings of part read by the scanner into
// nw and by the oracle into ow.
func differSST(nw, ow *File, part string) error {
	if part == "" {
		return nil
	}
	err1 := nw.loadSharedStrings(part)
	err2 := ow.loadSharedStringsXML(part)
	if d1, d2 := describe(err1), describe(err2); d1 != d2 {
		return fmt.Errorf("shared strings: scanner %s, encoding/xml %s", d1, d2)
	}
	if !reflect.DeepEqual(nw.strings, ow.strings) {
		return fmt.Errorf("shared strings: scanner %q, encoding/xml %q", nw.strings, ow.strings)
	}
	return nil
}

// sheetResult is all that reading a sheet gives.
type sheetResult struct {
	Rows  []Row
	Hints []int
	Probs []string
	Err   string
}

func readWith(wb *File, s Sheet, oracle bool) sheetResult {
	var res sheetResult
	opt := StreamOptions{RowsHint: func(n int) { res.Hints = append(res.Hints, n) }}
	emit := func(r Row) { res.Rows = append(res.Rows, r) }
	var probs []error
	var err error
	if oracle {
		probs, err = wb.streamSheetXML(s, opt, emit)
	} else {
		probs, err = wb.StreamSheet(s, opt, emit)
	}
	for _, p := range probs {
		res.Probs = append(res.Probs, describe(p))
	}
	res.Err = describe(err)
	return res
}

// differSheet compares sheet s read by the scanner from nw and by the
// oracle from ow.
func differSheet(nw, ow *File, s Sheet) error {
	got, want := readWith(nw, s, false), readWith(ow, s, true)
	if !reflect.DeepEqual(got, want) {
		return fmt.Errorf("sheet %q:\nscanner       %+v\nencoding/xml  %+v", s.Name, got, want)
	}
	if nw.unzipped != ow.unzipped {
		return fmt.Errorf("sheet %q: scanner counted %d bytes decompressed, encoding/xml %d", s.Name, nw.unzipped, ow.unzipped)
	}
	return nil
}

// describe prints an error with its type, place and hint.
func describe(err error) string {
	switch e := err.(type) {
	case nil:
		return "no error"
	case *LimitError:
		return fmt.Sprintf("LimitError{%s %d %s!%s: %s}", e.Name, e.Limit, e.Sheet, e.Cell, e.Msg)
	case *Error:
		return fmt.Sprintf("Error{%s!%s: %s (hint %q)}", e.Sheet, e.Cell, e.Msg, e.Hint)
	}
	return fmt.Sprintf("%T: %v", err, err)
}
