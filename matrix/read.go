package matrix

import (
	"io"
	"os"
)

// Default limits for reading a workbook. A real stance matrix is far below
// each; a flag raises them.
const (
	DefaultMaxFileSize  = 64 << 20  // bytes of the .xlsx file
	DefaultMaxUnzipSize = 512 << 20 // bytes once decompressed, all parts
	DefaultMaxCells     = 2_000_000 // non-empty cells per sheet
	DefaultMaxCellChars = 32_767    // characters in one cell (Excel's own limit)
)

// ReadOptions tune how a workbook is read. Zero values mean the defaults.
type ReadOptions struct {
	Password     string
	MaxFileSize  int64
	MaxUnzipSize int64
	MaxCells     int
	MaxCellChars int
}

// ReadFile reads and validates the workbook at path. See Read.
func ReadFile(path string, opt ReadOptions) (*Matrix, Problems) {
	f, err := os.Open(path)
	if err != nil {
		var ps Problems
		ps.Errorf(path, "", "", "%v", err)
		return nil, ps
	}
	defer f.Close()
	return Read(f, path, opt)
}

// Read reads and validates a workbook from r; name is used in messages. It
// returns every problem found, errors and warnings, sorted. The matrix is nil
// when the file could not be read as a stance-matrix workbook at all; it may
// be non-nil alongside errors (e.g. an unknown stance leaves that cell blank),
// but callers must not export when ps.Err() != nil.
func Read(r io.Reader, name string, opt ReadOptions) (m *Matrix, ps Problems) {
	// Implemented by the reader work (issue 2).
	ps.Errorf(name, "", "", "reader not implemented yet")
	return nil, ps
}
