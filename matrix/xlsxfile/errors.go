package xlsxfile

import (
	"errors"
	"fmt"
)

// Names of the limits, as a LimitError gives them.
const (
	LimitFileSize      = "file size"       // Limits.FileSize
	LimitUnzipSize     = "unzipped size"   // Limits.UnzipSize
	LimitCells         = "cells"           // Limits.Cells
	LimitSharedStrings = "shared strings"  // 4 × Limits.Cells entries in the shared string table
	LimitCellChars     = "cell characters" // Limits.CellChars
)

// LimitError reports input over one of the Limits. Msg says what is over
// which limit ("is larger than the limit of 64 MiB"), not how to raise it,
// and reads after the file's name and the place; Sheet and Cell give the
// place when known.
type LimitError struct {
	Name        string // which limit: LimitFileSize, LimitCells, …
	Limit       int64  // the limit's value
	Sheet, Cell string
	Msg         string
}

func (e *LimitError) Error() string { return e.Msg }

// Error is a file that cannot be read as a workbook, or a damaged part,
// sheet or cell of one. Msg reads after the file's name and the place
// ("is empty (0 bytes)"); Sheet and Cell give the place when known; Hint is
// advice for the user, and Err the cause when it is one of the Err values
// of this package.
type Error struct {
	Sheet, Cell string
	Msg, Hint   string
	Err         error
}

func (e *Error) Error() string { return e.Msg }

func (e *Error) Unwrap() error { return e.Err }

// Causes of an Error that a caller may want to tell apart.
var (
	// ErrPasswordRequired means the workbook is encrypted and no password
	// was given.
	ErrPasswordRequired = errors.New("is protected with a password")
	// ErrPasswordIncorrect means the password given does not decrypt the
	// workbook.
	ErrPasswordIncorrect = errors.New("cannot be opened: the password is not correct")
	// ErrIRM means the workbook is encrypted by Information Rights
	// Management (a Microsoft sensitivity label or RMS template): only
	// Office with the owner's rights can open it; no password does.
	ErrIRM = errors.New("is protected by a sensitivity label (IRM); no password opens it")
)

// ours returns err when it is an error of this package, else nil.
func ours(err error) error {
	var le *LimitError
	if errors.As(err, &le) {
		return le
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// inSheet gives err, an error of this package, the sheet as its place.
func inSheet(err error, sheet string) error {
	switch e := err.(type) {
	case *LimitError:
		e.Sheet = sheet
	case *Error:
		e.Sheet = sheet
	}
	return err
}

// byteSize prints a size in MiB or KiB.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
