package matrix

import (
	"fmt"
	"time"
)

// Since is what the changes of a matrix are measured from: its latest
// snapshot, nothing, the snapshot of a date, or an older workbook. Make one
// with SinceLatest, SinceNone, SinceDate or SinceFile; the zero value is
// SinceLatest.
type Since struct {
	kind sinceKind
	date time.Time
	file string
}

type sinceKind int

const (
	sinceLatest sinceKind = iota
	sinceNone
	sinceDate
	sinceFile
)

// SinceLatest measures changes from the matrix's latest snapshot; a matrix
// without snapshots has no changes.
func SinceLatest() Since { return Since{} }

// SinceNone asks for no changes.
func SinceNone() Since { return Since{kind: sinceNone} }

// SinceDate measures changes from the snapshot of the calendar day of d.
func SinceDate(d time.Time) Since { return Since{kind: sinceDate, date: d} }

// SinceFile measures changes from the older workbook in the named file.
func SinceFile(name string) Since { return Since{kind: sinceFile, file: name} }

// ChangesSince returns the changes from the older state that since names
// to m: nil for SinceNone, and for SinceLatest when m has no snapshot;
// otherwise Diff of the snapshot (LatestSnapshot or SnapshotOn) or of the
// workbook read from the file with opt, and m. An unknown snapshot date is
// SnapshotOn's error. When the file has errors, the error is a Problems
// holding them; when it cannot be read without saying why, the error names
// the file.
func ChangesSince(m *Matrix, since Since, opt ReadOptions) (*Changes, error) {
	var old *Matrix
	switch since.kind {
	case sinceNone:
		return nil, nil
	case sinceLatest:
		s := m.LatestSnapshot()
		if s == nil {
			return nil, nil
		}
		old = s.Matrix
	case sinceDate:
		s, err := m.SnapshotOn(since.date)
		if err != nil {
			return nil, err
		}
		old = s.Matrix
	case sinceFile:
		om, ps := ReadFile(since.file, opt)
		if ps.Err() != nil || om == nil {
			if len(ps.Errors()) == 0 {
				return nil, fmt.Errorf("cannot read %s", since.file)
			}
			return nil, ps.Errors()
		}
		old = om
	}
	return Diff(old, m), nil
}
