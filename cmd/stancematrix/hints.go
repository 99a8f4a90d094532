package main

import (
	"errors"

	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// limitFlags are the flags that raise each limit of the reader, and when
// raising it is the right answer.
var limitFlags = map[string]struct{ flag, when string }{
	xlsxfile.LimitFileSize:      {"--max-file-size", "if the file is genuine"},
	xlsxfile.LimitUnzipSize:     {"--max-unzip-size", "if the file is genuine"},
	xlsxfile.LimitSharedStrings: {"--max-cells", "if the file is genuine"},
	xlsxfile.LimitCells:         {"--max-cells", "if this is intended"},
	xlsxfile.LimitCellChars:     {"--max-cell-chars", "if this is intended"},
}

// withFlagHint returns p as the user reads it: a problem over a limit says
// which flag raises it, and a problem with the password says which flag
// gives it. The library's messages name no flags.
func withFlagHint(p matrix.Problem) matrix.Problem {
	var le *xlsxfile.LimitError
	switch {
	case errors.As(p.Err, &le):
		if f, ok := limitFlags[le.Name]; ok {
			p.Msg += "; raise it with " + f.flag + " " + f.when
		}
	case errors.Is(p.Err, xlsxfile.ErrPasswordRequired):
		p.Hint = "give the password in $" + passwordEnv + " (or --password; on a terminal you are asked for it), or remove the protection in Excel"
	case errors.Is(p.Err, xlsxfile.ErrPasswordIncorrect):
		p.Hint = "check the --password value (passwords are case-sensitive)"
	case errors.Is(p.Err, pdf.ErrMissingGlyphs):
		p.Hint = "pass --font FILE.ttf with a TrueType font that has these characters"
	}
	return p
}
