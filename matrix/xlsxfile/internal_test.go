package xlsxfile

import "testing"

func TestCleanComment(t *testing.T) {
	for _, tc := range []struct{ name, text, author, want string }{
		{"plain", "said on TV", "", "said on TV"},
		{"author prefix", "Jane Doe:\nsaid on TV ", "Jane Doe", "said on TV"},
		{"author prefix same line", "Jane Doe: said on TV", "Jane Doe", "said on TV"},
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
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniff([]byte(tc.data)).Error(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
