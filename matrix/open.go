package matrix

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
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

// withDefaults fills zero limits with the defaults.
func (o ReadOptions) withDefaults() ReadOptions {
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	if o.MaxUnzipSize <= 0 {
		o.MaxUnzipSize = DefaultMaxUnzipSize
	}
	if o.MaxCells <= 0 {
		o.MaxCells = DefaultMaxCells
	}
	if o.MaxCellChars <= 0 {
		o.MaxCellChars = DefaultMaxCellChars
	}
	return o
}

// openPackage reads at most MaxFileSize bytes from r, recognises what kind
// of file it is, decrypts it when needed and opens it as an .xlsx package.
func openPackage(r io.Reader, name string, opt ReadOptions) (*pkg, error) {
	b, err := io.ReadAll(io.LimitReader(r, opt.MaxFileSize+1))
	if err != nil {
		return nil, &readError{Msg: fmt.Sprintf("cannot read the file: %v", err)}
	}
	if int64(len(b)) > opt.MaxFileSize {
		return nil, &readError{Msg: fmt.Sprintf("is larger than the limit of %s; raise it with --max-file-size if the file is genuine", byteSize(opt.MaxFileSize))}
	}
	if bytes.HasPrefix(b, sigCFB) {
		if b, err = openCFB(b, opt); err != nil {
			return nil, err
		}
	}
	if !bytes.HasPrefix(b, sigZip) && !bytes.HasPrefix(b, sigZipEmpty) {
		return nil, sniff(b)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, &readError{Msg: fmt.Sprintf("is damaged or truncated: not a complete .xlsx (zip) file (%v)", err),
			Hint: "get a fresh copy of the file; if it opens in Excel, save it again as .xlsx"}
	}
	p := &pkg{file: name, zr: zr, opt: opt, parts: make(map[string]*zip.File, len(zr.File))}
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > uint64(opt.MaxUnzipSize) || f.UncompressedSize64 > uint64(opt.MaxUnzipSize) {
			return nil, &readError{Msg: fmt.Sprintf("decompresses to more than the limit of %s (a decompression bomb?); raise it with --max-unzip-size if the file is genuine", byteSize(opt.MaxUnzipSize))}
		}
		p.parts[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	if mt := p.part("mimetype"); mt != nil {
		if rc, err := mt.Open(); err == nil {
			head, _ := io.ReadAll(io.LimitReader(rc, 200))
			rc.Close()
			if strings.Contains(string(head), "opendocument.spreadsheet") {
				return nil, &readError{Msg: "is an OpenDocument spreadsheet (.ods), not an .xlsx workbook", Hint: "open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx)"}
			}
			if strings.Contains(string(head), "opendocument") {
				return nil, &readError{Msg: "is an OpenDocument file, not an .xlsx workbook"}
			}
		}
	}
	if p.part("word/document.xml") != nil {
		return nil, &readError{Msg: "is a Word document, not an .xlsx workbook"}
	}
	if p.part("ppt/presentation.xml") != nil {
		return nil, &readError{Msg: "is a PowerPoint presentation, not an .xlsx workbook"}
	}
	if err := p.loadWorkbook(); err != nil {
		return nil, err
	}
	return p, nil
}

var errDamagedCFB = &readError{Msg: "is a damaged Office compound file (legacy .xls or encrypted workbook)"}

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
		names[e.Name] = true
	}
	return names, nil
}

// openCFB handles an OLE compound file: a legacy .xls, or an encrypted
// .xlsx, which it decrypts with the password.
func openCFB(b []byte, opt ReadOptions) ([]byte, error) {
	names, err := cfbStreams(b)
	if err != nil {
		return nil, err
	}
	encrypted := names["EncryptionInfo"] || names["EncryptedPackage"]
	workbook := names["Workbook"] || names["Book"]
	switch {
	case !encrypted && workbook:
		return nil, &readError{Msg: "is a legacy Excel 97-2003 .xls file; save it as .xlsx",
			Hint: "open it in Excel or LibreOffice Calc and save it as Excel Workbook (.xlsx)"}
	case !encrypted:
		return nil, &readError{Msg: "is a legacy Office 97-2003 file, not an .xlsx workbook"}
	case opt.Password == "":
		return nil, &readError{Msg: "is protected with a password", Hint: "use --password to give the password (or remove the protection in Excel)"}
	}
	out, err := decrypt(b, opt.Password)
	if err != nil || !(bytes.HasPrefix(out, sigZip) || bytes.HasPrefix(out, sigZipEmpty)) {
		return nil, &readError{Msg: "cannot be opened: the password is not correct", Hint: "check the --password value (passwords are case-sensitive)"}
	}
	if _, err := zip.NewReader(bytes.NewReader(out), int64(len(out))); err != nil {
		return nil, &readError{Msg: "cannot be opened: the password is not correct", Hint: "check the --password value (passwords are case-sensitive)"}
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

// sniff names what a file that is not a zip archive looks like.
func sniff(b []byte) error {
	const save = "open it in Excel or LibreOffice Calc and save it as Excel Workbook (.xlsx)"
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	trimmed := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	lower := strings.ToLower(string(trimmed))
	switch {
	case len(bytes.TrimSpace(b)) == 0:
		if len(b) == 0 {
			return &readError{Msg: "is empty (0 bytes)", Hint: "the file may not have been saved or downloaded completely"}
		}
		return &readError{Msg: "holds only blank space, not an .xlsx workbook"}
	case bytes.HasPrefix(b, []byte("%PDF-")):
		return &readError{Msg: "is a PDF document, not an .xlsx workbook"}
	case bytes.HasPrefix(b, []byte("PK")):
		return &readError{Msg: "is damaged or truncated: not a complete .xlsx (zip) file"}
	case strings.HasPrefix(lower, "<?xml") && strings.Contains(lower, "excel.sheet"),
		strings.Contains(lower, "urn:schemas-microsoft-com:office:spreadsheet"):
		return &readError{Msg: "is an Excel 2003 XML spreadsheet, not an .xlsx workbook", Hint: save}
	case strings.HasPrefix(lower, "<!doctype html"), strings.HasPrefix(lower, "<html"):
		return &readError{Msg: "is an HTML page, not an .xlsx workbook (a download that went wrong?)"}
	case strings.HasPrefix(lower, "{\\rtf"):
		return &readError{Msg: "is an RTF document, not an .xlsx workbook"}
	case isText(head):
		return &readError{Msg: "is a text file (CSV or plain text), not an .xlsx workbook", Hint: save}
	}
	return &readError{Msg: "is not an .xlsx workbook (unrecognised content)", Hint: save}
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

// asReadError converts any error to a readError.
func asReadError(err error) *readError {
	var re *readError
	if errors.As(err, &re) {
		return re
	}
	return &readError{Msg: err.Error()}
}
