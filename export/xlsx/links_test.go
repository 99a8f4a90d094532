package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestAddLinks checks links spliced into sheets with and without an
// existing relationships part (here from a comment), with text that needs
// escaping.
func TestAddLinks(t *testing.T) {
	f := excelize.NewFile()
	if _, err := f.NewSheet("Two's"); err != nil {
		t.Fatal(err)
	}
	if err := f.AddComment("Sheet1", excelize.Comment{Cell: "A1", Author: "x", Text: "note"}); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Sheet1", "Two's"} {
		for _, c := range []string{"A1", "A2", "B9"} {
			if err := f.SetCellStr(s, c, "text"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SetPageLayout("Sheet1", &excelize.PageLayoutOptions{}); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	links := map[string][]link{
		"Sheet1": {{Cell: "A1", Target: "https://example.org/?a=1&b=\"2\"", External: true, Tooltip: "<go>"}, {Cell: "A2", Target: "'Two''s'!B9"}},
		"Two's":  {{Cell: "B9", Target: "http://example.org/x", External: true}},
	}
	data, err := addLinks(buf.Bytes(), links)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := addLinks(buf.Bytes(), links)
	if !bytes.Equal(data, again) {
		t.Errorf("adding links twice gives other bytes")
	}
	g, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	for sheet, ls := range links {
		for _, l := range ls {
			ok, target, err := g.GetCellHyperLink(sheet, l.Cell)
			if err != nil || !ok || target != l.Target {
				t.Errorf("%s!%s links to %q (%v, %v), want %q", sheet, l.Cell, target, ok, err, l.Target)
			}
		}
	}
	if cs, err := g.GetComments("Sheet1"); err != nil || len(cs) != 1 {
		t.Errorf("comments %+v (%v), want the one note kept", cs, err)
	}
	if _, err := addLinks(data, links); err == nil {
		t.Errorf("adding links to a sheet that has some: no error")
	}
	if _, err := addLinks(buf.Bytes(), map[string][]link{"Nope": {{Cell: "A1", Target: "x"}}}); err == nil {
		t.Errorf("adding links to a missing sheet: no error")
	}
}

// addLinks rewrites the zip file pkg with the links of each sheet: what
// finish does with the links of a book, for tests of the splicing alone.
func addLinks(pkg []byte, links map[string][]link) ([]byte, error) {
	p, err := unzipPackage(pkg)
	if err != nil {
		return nil, err
	}
	if err := linkParts(p, links); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	err = p.write(&out, time.Time{})
	return out.Bytes(), err
}

// unzipPackage reads a zip file into a package, as addLinks needs.
func unzipPackage(data []byte) (*zipPackage, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	p := newZipPackage()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		p.set(f.Name, b)
	}
	return p, nil
}
