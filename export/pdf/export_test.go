package pdf

import (
	"io"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// LabelBox is a label of the party map as drawn, in page millimetres.
type LabelBox = labelBox

// MapLayout writes m and returns the party map's labels and markers, its
// plot area and the page size; nil labels when there is no map.
func MapLayout(m *matrix.Matrix, opt export.Options) (labels, marks []LabelBox, plot LabelBox, pageW, pageH float64, err error) {
	b, err := write(io.Discard, m, opt)
	if err != nil || b.mapLayout == nil {
		return nil, nil, LabelBox{}, 0, 0, err
	}
	L := b.mapLayout
	return L.labels, L.marks, L.plot, L.pageW, L.pageH, nil
}
