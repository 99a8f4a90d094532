package xlsxfile

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanComment(t *testing.T) {
	for _, tc := range []struct{ name, text, author, want string }{
		{"plain", "said on TV", "", "said on TV"},
		{"author prefix", "Jane Doe:\nsaid on TV ", "Jane Doe", "said on TV"},
		{"author prefix same line", "Jane Doe: said on TV", "Jane Doe", "said on TV"},
		{"author name without colon", "Jane Doers said so", "Jane Doe", "Jane Doers said so"},
		{"other author", "Jane Doe:\nsaid on TV", "John", "Jane Doe:\nsaid on TV"},
		{"threaded", "[Threaded comment]\n\nYour version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924\n\nComment:\n    Confirmed by the ministry\nReply:\n    thanks", "tc={X}", "Confirmed by the ministry"},
		{"CRLF", "Jane:\r\nline one\r\nline two", "Jane", "line one\nline two"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := cleanComment(tc.text, tc.author); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"semicolon CSV with BOM", "\xef\xbb\xbfIssue;Ukraine\nCeasefire;Supports\n", "is a text file (CSV or plain text), not an .xlsx workbook"},
		{"Latin-1 text", "Issue,Fran\xe7ais\n", "is a text file (CSV or plain text), not an .xlsx workbook"},
		{"SpreadsheetML 2003", `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`, "is an Excel 2003 XML spreadsheet, not an .xlsx workbook"},
		{"blank", "  \n\t ", "holds only blank space, not an .xlsx workbook"},
		{"rtf", `{\rtf1\ansi`, "is an RTF document, not an .xlsx workbook"},
		{"zip local header only", "PK\x03\x04 junk", "is damaged or truncated: not a complete .xlsx (zip) file"},
		{"BIFF4 worksheet", "\x09\x04\x06\x00\x00\x00\x10\x00\x0c\x00\x02\x00", "is a legacy Excel 4.0 .xls file; save it as .xlsx"},
		{"BIFF2 worksheet", "\x09\x00\x04\x00\x02\x00\x10\x00\x00", "is a legacy Excel 2.x .xls file; save it as .xlsx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniff([]byte(tc.data)).Error(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// Every legacy and foreign spreadsheet format gets the same hint, naming
// the programs that open it.
func TestSniffHint(t *testing.T) {
	for _, data := range []string{"\x09\x04\x06\x00\x00\x00\x10\x00", "Issue,Party\n", "\x00\x01\x02\xff"} {
		var e *Error
		if !errors.As(sniff([]byte(data)), &e) || !strings.HasPrefix(e.Hint, "open it in Excel or LibreOffice Calc and save it as Excel Workbook (.xlsx)") {
			t.Errorf("%q: hint %q", data, e.Hint)
		}
	}
}

func TestUnescape(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"none", "Tax cuts", "Tax cuts"},
		{"carriage return", "Tax_x000D_cuts", "Tax\rcuts"},
		{"line break", "a_x000D__x000A_b", "a\r\nb"},
		{"escaped underscore", "_x005F_x000D_", "_x000D_"},
		{"lower-case hex", "_x00e9_t_x00E9_", "été"},
		{"not an escape", "_x00G0_ _x12 _x_", "_x00G0_ _x12 _x_"},
		{"cut short", "end_x000", "end_x000"},
		{"surrogate pair", "_xD83D__xDE00_", "😀"},
		{"lone surrogate", "_xD83D_ and _xDE00_", "_xD83D_ and _xDE00_"},
		{"tab", "a_x0009_b", "a\tb"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := unescape(tc.in); got != tc.want {
				t.Errorf("unescape(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Ceasefire – Партия", "Ceasefire – Партия"},
		{"line break", "a\r\nb\tc", `a\r\nb\tc`},
		{"binary", "\x00\x83\x01", `\x00\x83\x01`},
		{"invalid UTF-8", "Fran\xe7ais", `Fran\xe7ais`},
		{"format character", "a\u200eb", `a\u200eb`},
		{"C1 control", "a\u0085b", `a\u0085b`},
		{"no-break space kept", "a\u00a0b", "a\u00a0b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Printable(tc.in); got != tc.want {
				t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
