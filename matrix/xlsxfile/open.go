package xlsxfile

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/richardlehane/mscfb"
	"github.com/xuri/excelize/v2"
)

var (
	sigCFB = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	sigZip = []byte("PK\x03\x04")
	// sigZipEmpty is the end-of-central-directory record of an empty zip.
	sigZipEmpty = []byte("PK\x05\x06")
)

// saveHint is the advice for a file in another spreadsheet format: the
// same words for every format, naming the programs that open it.
func saveHint(apps string) string {
	return "open it in " + apps + " and save it as Excel Workbook (.xlsx)"
}

// hintFreshCopy is the advice for a damaged file.
const hintFreshCopy = "get a fresh copy of the file; if it opens in Excel, save it again as .xlsx"

var errDamagedCFB = &Error{Msg: "is a damaged Office compound file (legacy .xls or encrypted workbook)",
	Hint: "get a fresh copy of the file; if it opens in Excel or LibreOffice Calc, save it as Excel Workbook (.xlsx)"}

// cfbHeaderOK checks the counts in a compound file header against the file
// size before mscfb reads it: mscfb computes slice sizes from them in 32-bit
// arithmetic and panics when they overflow (found by FuzzRead).
func cfbHeaderOK(b []byte) bool {
	if len(b) < 512 {
		return false
	}
	le := func(off int) uint64 {
		return uint64(b[off]) | uint64(b[off+1])<<8 | uint64(b[off+2])<<16 | uint64(b[off+3])<<24
	}
	shift := uint64(b[30]) | uint64(b[31])<<8
	if shift != 9 && shift != 12 {
		return false
	}
	sector, size := uint64(1)<<shift, uint64(len(b))
	numFat, numMiniFat, numDifat := le(44), le(64), le(72)
	return numFat*sector <= size && numMiniFat*sector <= size && numDifat*sector <= size
}

// cfbStreams lists the stream names of a compound file; mscfb may still
// panic on a hostile file, which is reported as damage.
func cfbStreams(b []byte) (names map[string]bool, err error) {
	defer func() {
		if r := recover(); r != nil {
			names, err = nil, errDamagedCFB
		}
	}()
	if !cfbHeaderOK(b) {
		return nil, errDamagedCFB
	}
	doc, err := mscfb.New(bytes.NewReader(b))
	if err != nil {
		return nil, errDamagedCFB
	}
	names = map[string]bool{}
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		// Stream names compare without case, as in Excel: some
		// writers spell them WORKBOOK or BOOK.
		names[strings.ToLower(e.Name)] = true
	}
	return names, nil
}

// openCFB handles an OLE compound file: a legacy .xls, or an encrypted
// .xlsx, which it decrypts with the password.
func openCFB(b []byte, password string) ([]byte, error) {
	names, err := cfbStreams(b)
	if err != nil {
		return nil, err
	}
	encrypted := names["encryptioninfo"] || names["encryptedpackage"]
	workbook := names["workbook"] || names["book"]
	switch {
	case isIRM(names):
		return nil, &Error{Msg: ErrIRM.Error(), Err: ErrIRM,
			Hint: "open it in Excel with your rights, remove the label's protection (or save an unprotected copy where policy allows), then export that"}
	case !encrypted && workbook:
		return nil, &Error{Msg: "is a legacy Excel 97-2003 .xls file; save it as .xlsx",
			Hint: saveHint("Excel or LibreOffice Calc")}
	case !encrypted:
		return nil, &Error{Msg: "is a legacy Office 97-2003 file, not an .xlsx workbook"}
	case password == "":
		return nil, &Error{Msg: ErrPasswordRequired.Error(), Hint: "give the workbook's password (or remove the protection in Excel)", Err: ErrPasswordRequired}
	}
	out, err := decrypt(b, password)
	if err == nil && (bytes.HasPrefix(out, sigZip) || bytes.HasPrefix(out, sigZipEmpty)) {
		_, err = zip.NewReader(bytes.NewReader(out), int64(len(out)))
	} else if err == nil {
		err = ErrPasswordIncorrect
	}
	if err != nil {
		return nil, &Error{Msg: ErrPasswordIncorrect.Error(), Hint: "passwords are case-sensitive", Err: ErrPasswordIncorrect}
	}
	return out, nil
}

// decrypt runs excelize's decryption, which may panic on hostile input.
func decrypt(b []byte, password string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decryption failed: %v", r)
		}
	}()
	return excelize.Decrypt(b, &excelize.Options{Password: password})
}

// biffVersions names the Excel versions of a BIFF stream by the second byte
// of its BOF record (09 00, 09 02, 09 04, 09 08), as Excel 2.x to 4.0 wrote
// them without a compound file around them.
var biffVersions = map[byte]string{0x00: "2.x", 0x02: "3.0", 0x04: "4.0", 0x08: "5.0-2003"}

// biffBOF returns the Excel version of a legacy .xls stream that starts
// with a BOF record, or "".
func biffBOF(b []byte) string {
	if len(b) < 8 || b[0] != 0x09 || b[3] != 0 || b[2] < 4 || b[2] > 20 {
		return ""
	}
	return biffVersions[b[1]]
}

// sniff names what a file that is not a zip archive looks like.
func sniff(b []byte) error {
	save := saveHint("Excel or LibreOffice Calc")
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	trimmed := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	lower := strings.ToLower(string(trimmed))
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		if len(b) == 0 {
			return &Error{Msg: "is empty (0 bytes)", Hint: "the file may not have been saved or downloaded completely"}
		}
		return &Error{Msg: "holds only blank space, not an .xlsx workbook"}
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return &Error{Msg: "is a PDF document, not an .xlsx workbook"}
	case bytes.HasPrefix(b, []byte("PK")):
		return &Error{Msg: "is damaged or truncated: not a complete .xlsx (zip) file"}
	case biffBOF(b) != "":
		return &Error{Msg: "is a legacy Excel " + biffBOF(b) + " .xls file; save it as .xlsx", Hint: save}
	case strings.HasPrefix(lower, "<?xml") && strings.Contains(lower, "excel.sheet"),
		strings.Contains(lower, "urn:schemas-microsoft-com:office:spreadsheet"):
		return &Error{Msg: "is an Excel 2003 XML spreadsheet, not an .xlsx workbook", Hint: save}
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"):
		return &Error{Msg: "is an HTML page, not an .xlsx workbook (a download that went wrong?)"}
	case strings.HasPrefix(lower, "{\\rtf"):
		return &Error{Msg: "is an RTF document, not an .xlsx workbook"}
	case isText(head):
		return &Error{Msg: "is a text file (CSV or plain text), not an .xlsx workbook", Hint: save}
	}
	return &Error{Msg: "is not an .xlsx workbook (unrecognised content)", Hint: save}
}

// isText reports whether b looks like text: valid UTF-8 (allowing a cut
// rune at the end) or Latin-1 without control characters other than space.
func isText(b []byte) bool {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 && len(b)-i > 3 {
			return isLatin1Text(b)
		}
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' && r != 0x1a && r != '\f' {
			return false
		}
		i += n
	}
	return true
}

func isLatin1Text(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
			return false
		}
	}
	return true
}

// isIRM reports whether a compound file's streams and storages are those of
// an IRM-protected Office document (MS-OFFCRYPTO "IRMDS" data spaces): the
// \x06DataSpaces storage then defines the DRMEncryptedDataSpace with the
// DRMEncryptedTransform (older RMS writers: \x09DRMContent, DRMTransform),
// where a password-encrypted workbook has StrongEncryptionDataSpace.
func isIRM(names map[string]bool) bool {
	for n := range names {
		n = strings.TrimLeft(n, "\x06\x09")
		if strings.HasPrefix(n, "drmencrypted") || n == "drmtransform" || n == "drmcontent" || n == "drmdataspace" {
			return true
		}
	}
	return false
}
