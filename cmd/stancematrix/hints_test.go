package main

import (
	"bytes"
	"testing"

	"github.com/stancematrix/stancematrix/matrix"
	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
)

// TestPrintProblemsFlagHints checks that the problems of the reader, whose
// messages name no flags, are printed with the flag that raises a limit or
// gives the password.
func TestPrintProblemsFlagHints(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    matrix.Problem
		want string
	}{
		{"file size", matrix.Problem{File: "a.xlsx", Msg: "is larger than the limit of 1 KiB",
			Err: &xlsxfile.LimitError{Name: xlsxfile.LimitFileSize, Limit: 1024}},
			"a.xlsx: is larger than the limit of 1 KiB; raise it with --max-file-size if the file is genuine\n"},
		{"shared strings", matrix.Problem{File: "a.xlsx", Msg: "the shared string table has more than 80 entries (4 × the cell limit)",
			Err: &xlsxfile.LimitError{Name: xlsxfile.LimitSharedStrings, Limit: 80}},
			"a.xlsx: the shared string table has more than 80 entries (4 × the cell limit); raise it with --max-cells if the file is genuine\n"},
		{"cell characters", matrix.Problem{File: "a.xlsx", Sheet: "Matrix", Cell: "C1", Msg: "cell holds 300 characters, more than the limit of 200",
			Err: &xlsxfile.LimitError{Name: xlsxfile.LimitCellChars, Limit: 200}},
			"a.xlsx: Matrix!C1: cell holds 300 characters, more than the limit of 200; raise it with --max-cell-chars if this is intended\n"},
		{"password required", matrix.Problem{File: "a.xlsx", Msg: "is protected with a password", Hint: "give the workbook's password",
			Err: &xlsxfile.Error{Msg: "is protected with a password", Err: xlsxfile.ErrPasswordRequired}},
			"a.xlsx: is protected with a password\nhint: give the password in $STANCEMATRIX_PASSWORD (or --password; on a terminal you are asked for it), or remove the protection in Excel\n"},
		{"password incorrect", matrix.Problem{File: "a.xlsx", Msg: "cannot be opened: the password is not correct", Hint: "passwords are case-sensitive",
			Err: &xlsxfile.Error{Msg: "cannot be opened: the password is not correct", Err: xlsxfile.ErrPasswordIncorrect}},
			"a.xlsx: cannot be opened: the password is not correct\nhint: check the --password value (passwords are case-sensitive)\n"},
		{"other problem unchanged", matrix.Problem{File: "a.xlsx", Sheet: "Matrix", Cell: "C3", Msg: `unknown stance "Suports"`, Hint: "a hint"},
			"a.xlsx: Matrix!C3: unknown stance \"Suports\"\nhint: a hint\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			printProblems(&b, matrix.Problems{tc.p}, 0)
			if b.String() != tc.want {
				t.Errorf("got\n%s\nwant\n%s", b.String(), tc.want)
			}
		})
	}
}
