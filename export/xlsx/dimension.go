package xlsx

import (
	"bytes"
	"fmt"
)

// Every worksheet declares its used range in its <dimension> element, and
// readers that stream a sheet (openpyxl in read-only mode) trust it for the
// sheet's size. excelize writes ref="A1" on every sheet: its sheet template
// starts with A1 and nothing updates it as cells are set, and a
// StreamWriter writes the element when the stream starts, before any row.
// finish therefore writes each sheet's real extent into the written parts,
// from the cells the sheet holds.

// setDimensions rewrites the <dimension> element of every worksheet of the
// package to the range its cells span ("A1:N26"), or "A1" for a sheet with
// no cells.
func setDimensions(p *zipPackage) error {
	sheetPart, err := sheetParts(p)
	if err != nil {
		return err
	}
	for _, sheet := range sortedKeys(sheetPart) {
		part := sheetPart[sheet]
		sx, ok := p.part(part)
		if !ok {
			return fmt.Errorf("setting the used range: no %s", part)
		}
		out, err := withDimension(sx, usedRange(sx))
		if err != nil {
			return fmt.Errorf("setting the used range of sheet %q: %w", sheet, err)
		}
		p.set(part, out)
	}
	return nil
}

// usedRange returns the range spanned by the cells (<c r="…">) of a
// worksheet part written by excelize, which names every cell.
func usedRange(sx []byte) string {
	minCol, minRow, maxCol, maxRow := 0, 0, 0, 0
	tag := []byte(`<c r="`)
	for rest := sx; ; {
		i := bytes.Index(rest, tag)
		if i < 0 {
			break
		}
		rest = rest[i+len(tag):]
		col, row, n := 0, 0, 0
		for ; n < len(rest) && 'A' <= rest[n] && rest[n] <= 'Z' && col < 1<<20; n++ {
			col = col*26 + int(rest[n]-'A'+1)
		}
		for ; n < len(rest) && '0' <= rest[n] && rest[n] <= '9' && row < 1<<21; n++ {
			row = row*10 + int(rest[n]-'0')
		}
		if col == 0 || row == 0 || n >= len(rest) || rest[n] != '"' {
			continue
		}
		if minCol == 0 {
			minCol, minRow, maxCol, maxRow = col, row, col, row
			continue
		}
		minCol, minRow = min(minCol, col), min(minRow, row)
		maxCol, maxRow = max(maxCol, col), max(maxRow, row)
	}
	if minCol == 0 {
		return "A1"
	}
	if minCol == maxCol && minRow == maxRow {
		return ref(minCol, minRow)
	}
	return ref(minCol, minRow) + ":" + ref(maxCol, maxRow)
}

// withDimension returns the worksheet part sx with its <dimension> element
// set to rangeRef, adding the element where the schema places it when
// there is none.
func withDimension(sx []byte, rangeRef string) ([]byte, error) {
	data := bytes.Index(sx, []byte("<sheetData"))
	if data < 0 {
		return nil, fmt.Errorf("no sheetData element")
	}
	head := sx[:data]
	var out bytes.Buffer
	out.Grow(len(sx) + len(rangeRef))
	if i := bytes.Index(head, []byte("<dimension ")); i >= 0 {
		v := bytes.Index(head[i:], []byte(` ref="`))
		if v < 0 {
			return nil, fmt.Errorf("dimension element without a ref")
		}
		v += i + len(` ref="`)
		end := bytes.IndexByte(head[v:], '"')
		if end < 0 {
			return nil, fmt.Errorf("dimension element is malformed")
		}
		out.Write(sx[:v])
		out.WriteString(rangeRef)
		out.Write(sx[v+end:])
		return out.Bytes(), nil
	}
	// The element follows <sheetPr> and precedes everything else.
	at := data
	for _, tag := range []string{"<sheetViews", "<sheetFormatPr", "<cols"} {
		if i := bytes.Index(head, []byte(tag)); i >= 0 && i < at {
			at = i
		}
	}
	out.Write(sx[:at])
	out.WriteString(`<dimension ref="` + rangeRef + `"/>`)
	out.Write(sx[at:])
	return out.Bytes(), nil
}
