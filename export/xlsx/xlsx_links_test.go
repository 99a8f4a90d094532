package xlsx

import (
	"bytes"
	"testing"

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
