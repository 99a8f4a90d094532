// Package xlsxfile reads the cells of an .xlsx workbook: it recognises
// what a file is (and what it is when it is not a workbook), decrypts an
// encrypted one, and reads the workbook's sheet list, date system, shared
// strings, the non-empty cells of a sheet and its comments, within limits
// on size and cell count. Its errors are a *LimitError for input over a
// limit and an *Error for everything else, each with its place when known.
//
// It reads the worksheets, the shared string table and the comments with
// its own SpreadsheetML scanner (scan.go), which accepts and refuses what
// encoding/xml does at a fraction of its cost, and the small parts with
// encoding/xml's streaming decoder. excelize's Rows iterator would do for
// valid files, but it drops XML errors (a damaged sheet reads as a short
// one), cannot tell a formula without a cached value from a blank cell,
// and its OpenReader decompresses every part into memory; reading the
// parts here lets every problem name its place and keeps memory to the
// parts in use.
package xlsxfile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
)

// Limits bound what Open and the sheet readers accept; each must be more
// than zero.
type Limits struct {
	FileSize  int64 // bytes of the file
	UnzipSize int64 // bytes once decompressed, all parts
	Cells     int   // non-empty cells in one sheet
	CellChars int   // characters in one cell
}

// File is an opened workbook. Its methods are not safe for concurrent use.
type File struct {
	zr       *zip.Reader
	parts    map[string]*zip.File // by lower-case name
	lim      Limits
	unzipped int64 // bytes decompressed so far, all parts
	date1904 bool
	sheets   []Sheet
	strings  []string // shared strings
	digest   [32]byte // SHA-256 of the file's bytes as read
	// at and atSize are the file read in place (see Open); nil for a file
	// read whole.
	at     io.ReaderAt
	atSize int64

	vbuf, fbuf, isbuf []byte            // scratch buffers of cellValue
	texts             map[string]string // short cell texts, see text
}

// SHA256 returns the SHA-256 of the file's bytes as Open read them (of the
// encrypted container for an encrypted workbook): what sha256sum prints for
// the file.
func (f *File) SHA256() [32]byte { return f.digest }

// Sheet is one worksheet of the workbook.
type Sheet struct {
	Name string // as written
	Part string // part name, e.g. "xl/worksheets/sheet1.xml"
}

// Sheets returns the worksheets in the order of the workbook.
func (wb *File) Sheets() []Sheet { return wb.sheets }

// Date1904 reports whether the workbook counts dates from 1904 rather than
// 1900.
func (wb *File) Date1904() bool { return wb.date1904 }

// Open reads at most lim.FileSize bytes from r, recognises what kind of file
// it is, decrypts it with password when it is encrypted, and opens it as an
// .xlsx workbook, reading its sheet list and shared strings.
//
// When r is a regular file (an *os.File) or an in-memory reader that tells
// its size (a bytes.Reader), Open reads an unencrypted workbook in place
// through io.ReaderAt, after one streaming pass that hashes it, instead of
// holding a copy of its bytes; r must then stay open and unchanged while
// the File is in use. Anything else is read whole first.
func Open(r io.Reader, lim Limits, password string) (*File, error) {
	if lim.FileSize <= 0 || lim.UnzipSize <= 0 || lim.Cells <= 0 || lim.CellChars <= 0 {
		return nil, fmt.Errorf("xlsxfile: limits must be more than zero: %+v", lim)
	}
	if ra, size, ok := sizedReaderAt(r); ok {
		return openAt(ra, size, lim, password)
	}
	b, err := readAll(r, lim.FileSize+1)
	if err != nil {
		return nil, errCannotRead(err)
	}
	return openBytes(b, lim, password)
}

// errCannotRead is the error of a file that cannot be read.
func errCannotRead(err error) error {
	return &Error{Msg: fmt.Sprintf("cannot read the file: %v", err)}
}

// fileSizeLimit is the error of a file larger than the limit.
func fileSizeLimit(lim Limits) error {
	return &LimitError{Name: LimitFileSize, Limit: lim.FileSize,
		Msg: fmt.Sprintf("is larger than the limit of %s", byteSize(lim.FileSize))}
}

// sizedReaderAt returns r as an io.ReaderAt over the bytes a Read of r
// would return, and their number, when r is a regular file or a reader
// over bytes in memory; ok is false otherwise (stdin, a pipe, any other
// reader).
func sizedReaderAt(r io.Reader) (ra io.ReaderAt, size int64, ok bool) {
	switch v := r.(type) {
	case *bytes.Reader:
		off := v.Size() - int64(v.Len())
		return io.NewSectionReader(v, off, int64(v.Len())), int64(v.Len()), true
	case *os.File:
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return nil, 0, false
		}
		off, err := v.Seek(0, io.SeekCurrent)
		if err != nil || off > fi.Size() {
			return nil, 0, false
		}
		return io.NewSectionReader(v, off, fi.Size()-off), fi.Size() - off, true
	}
	return nil, 0, false
}

// openAt opens the size bytes of ra: in place when they are a zip
// archive, else (an encrypted workbook, which decryption needs whole, or
// something that is not a workbook) read into memory as from any reader.
// Its errors are those of the in-memory path for the same bytes.
func openAt(ra io.ReaderAt, size int64, lim Limits, password string) (*File, error) {
	if size > lim.FileSize {
		return nil, fileSizeLimit(lim)
	}
	var head [4]byte
	n, err := ra.ReadAt(head[:], 0)
	if err != nil && err != io.EOF {
		return nil, errCannotRead(err)
	}
	if !bytes.HasPrefix(head[:n], sigZip) && !bytes.HasPrefix(head[:n], sigZipEmpty) {
		b, err := readAll(io.NewSectionReader(ra, 0, size), lim.FileSize+1)
		if err != nil {
			return nil, errCannotRead(err)
		}
		return openBytes(b, lim, password)
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(ra, 0, size)); err != nil {
		return nil, errCannotRead(err)
	}
	var digest [32]byte
	h.Sum(digest[:0])
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, errNotZip(err)
	}
	wb, err := openZip(zr, lim, digest)
	if err != nil {
		return nil, err
	}
	wb.at, wb.atSize = ra, size
	return wb, nil
}

// Unchanged reports an error when a file read in place (see Open) no
// longer holds the bytes Open hashed: it was written to while it was being
// read (an editor saving over it, not through a new file and a rename), so
// what was read may mix two versions, and SHA256 may not be the hash of
// the bytes read. A file read whole is always unchanged. Call it once
// everything needed has been read.
func (wb *File) Unchanged() error {
	if wb.at == nil {
		return nil
	}
	h := sha256.New()
	n, err := io.Copy(h, io.NewSectionReader(wb.at, 0, wb.atSize))
	if err != nil || n != wb.atSize || !bytes.Equal(h.Sum(nil), wb.digest[:]) {
		return &Error{Msg: "changed while it was being read (saved again?)", Hint: "read it again once the save is complete"}
	}
	return nil
}

// errNotZip is the error of a file that starts as a zip archive but is not
// one.
func errNotZip(err error) error {
	return &Error{Msg: fmt.Sprintf("is damaged or truncated: not a complete .xlsx (zip) file (%v)", err),
		Hint: "get a fresh copy of the file; if it opens in Excel, save it again as .xlsx"}
}

// openBytes opens a file read whole into b.
func openBytes(b []byte, lim Limits, password string) (*File, error) {
	if int64(len(b)) > lim.FileSize {
		return nil, fileSizeLimit(lim)
	}
	digest := sha256.Sum256(b)
	if bytes.HasPrefix(b, sigCFB) {
		var err error
		if b, err = openCFB(b, password); err != nil {
			return nil, err
		}
	}
	if !bytes.HasPrefix(b, sigZip) && !bytes.HasPrefix(b, sigZipEmpty) {
		return nil, sniff(b)
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, errNotZip(err)
	}
	return openZip(zr, lim, digest)
}

// openZip opens the zip archive of a workbook whose file has the SHA-256
// digest.
func openZip(zr *zip.Reader, lim Limits, digest [32]byte) (*File, error) {
	wb := &File{zr: zr, lim: lim, parts: make(map[string]*zip.File, len(zr.File)), digest: digest}
	var declared uint64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > uint64(lim.UnzipSize) || f.UncompressedSize64 > uint64(lim.UnzipSize) {
			return nil, unzipLimit(lim)
		}
		wb.parts[strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))] = f
	}
	if mt := wb.part("mimetype"); mt != nil {
		if rc, err := mt.Open(); err == nil {
			head, _ := io.ReadAll(io.LimitReader(rc, 200))
			rc.Close()
			if strings.Contains(string(head), "opendocument.spreadsheet") {
				return nil, &Error{Msg: "is an OpenDocument spreadsheet (.ods), not an .xlsx workbook", Hint: saveHint("LibreOffice Calc or Excel")}
			}
			if strings.Contains(string(head), "opendocument") {
				return nil, &Error{Msg: "is an OpenDocument file, not an .xlsx workbook"}
			}
		}
	}
	if wb.part("word/document.xml") != nil {
		return nil, &Error{Msg: "is a Word document, not an .xlsx workbook"}
	}
	if wb.part("ppt/presentation.xml") != nil {
		return nil, &Error{Msg: "is a PowerPoint presentation, not an .xlsx workbook"}
	}
	if wb.part("Index/Document.iwa") != nil || wb.part("Index.zip") != nil {
		return nil, errNumbers
	}
	if err := wb.loadWorkbook(); err != nil {
		return nil, err
	}
	return wb, nil
}

// readAll reads at most n bytes from r, into one buffer of the right size
// when r tells its size (a bytes.Reader or a regular file) instead of one
// that doubles as it fills.
func readAll(r io.Reader, n int64) ([]byte, error) {
	size := int64(-1)
	switch v := r.(type) {
	case interface{ Len() int }:
		size = int64(v.Len())
	case interface{ Stat() (fs.FileInfo, error) }:
		if fi, err := v.Stat(); err == nil && fi.Mode().IsRegular() {
			size = fi.Size()
		}
	}
	if size < 0 || size >= n {
		return io.ReadAll(io.LimitReader(r, n))
	}
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	_, err := buf.ReadFrom(io.LimitReader(r, n))
	return buf.Bytes(), err
}

func (wb *File) part(name string) *zip.File {
	return wb.parts[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// errNumbers is an Apple Numbers document: since 2013 a zip of Index/*.iwa
// parts (or a folder holding them, or an Index.zip of them).
var errNumbers = &Error{Msg: "is an Apple Numbers spreadsheet, not an .xlsx workbook",
	Hint: "open it in Numbers and save it as Excel Workbook (.xlsx) with File > Export To > Excel"}

// Folder says what a folder given as a workbook is: an Apple Numbers
// document saved as a package (a folder with Index.zip or Index/*.iwa in it)
// gets an *Error with a hint, anything else nil.
func Folder(dir fs.FS) error {
	for _, name := range []string{"Index.zip", "Index/Document.iwa"} {
		if fi, err := fs.Stat(dir, name); err == nil && !fi.IsDir() {
			return errNumbers
		}
	}
	return nil
}

// countingReader counts the bytes decompressed from a part against the
// package's limit; archive/zip itself refuses an entry that yields more than
// its header declares.
type countingReader struct {
	wb   *File
	f    *zip.File
	r    io.Reader
	read int64
	run  int64 // bytes since the last '<' or '>'
}

// maxRun is the longest run of bytes without markup a part may hold: a cell
// of MaxCellChars characters written with the longest character references
// (&#x10FFFF;), and at least 1 MiB. It stops one giant text or attribute from
// being buffered whole by the XML decoder before the cell limit can see it.
func (c *countingReader) maxRun() int64 {
	return max(10*int64(c.wb.lim.CellChars)+1024, 1<<20)
}

func (c *countingReader) Read(b []byte) (int, error) {
	n, err := c.r.Read(b)
	if i := bytes.LastIndexAny(b[:n], "<>"); i >= 0 {
		c.run = int64(n - 1 - i)
	} else {
		c.run += int64(n)
	}
	if c.run > c.maxRun() {
		return n, &LimitError{Name: LimitCellChars, Limit: int64(c.wb.lim.CellChars),
			Msg: fmt.Sprintf("part %s holds more than %d bytes of text in one place, far over the limit of %d characters in a cell", c.f.Name, c.maxRun(), c.wb.lim.CellChars)}
	}
	c.read += int64(n)
	c.wb.unzipped += int64(n)
	if c.wb.unzipped > c.wb.lim.UnzipSize {
		return n, unzipLimit(c.wb.lim)
	}
	switch {
	case errors.Is(err, zip.ErrFormat):
		// archive/zip's only ErrFormat while reading: more data than
		// declared, which a bomb yields by far and a damaged file by a
		// little.
		if damaged(c.f) {
			return n, &Error{Msg: fmt.Sprintf("part %s is damaged: it does not match its zip header (CRC or size); the file is corrupt", c.f.Name), Hint: hintFreshCopy}
		}
		return n, &Error{Msg: fmt.Sprintf("part %s holds more data than its zip header declares (%d bytes): a decompression bomb or a damaged file", c.f.Name, c.f.UncompressedSize64)}
	case errors.Is(err, zip.ErrChecksum):
		return n, &Error{Msg: fmt.Sprintf("part %s is damaged: it fails its zip CRC check; the file is corrupt", c.f.Name), Hint: hintFreshCopy}
	case err != nil && err != io.EOF:
		return n, &Error{Msg: fmt.Sprintf("part %s is damaged (%s); the file may be truncated or corrupt", c.f.Name, Printable(err.Error())), Hint: hintFreshCopy}
	}
	return n, err
}

// damaged tells a part that yields a little more data than its header
// declares (a damaged deflate stream, whose CRC is wrong too) from a bomb:
// it decompresses the part again, at most a quarter more than declared and
// 64 KiB, and reports whether its data ends within that.
func damaged(f *zip.File) bool {
	if f.Method != zip.Deflate {
		return true
	}
	raw, err := f.OpenRaw()
	if err != nil {
		return true
	}
	fr := flate.NewReader(raw)
	defer fr.Close()
	limit := int64(f.UncompressedSize64) + int64(f.UncompressedSize64/4) + 64<<10
	n, _ := io.Copy(io.Discard, io.LimitReader(fr, limit+1))
	return n <= limit
}

// open returns a reader for the named part, or nil when it does not exist.
func (wb *File) open(name string) (*countingReader, func(), error) {
	zf := wb.part(name)
	if zf == nil {
		return nil, nil, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, nil, &Error{Msg: fmt.Sprintf("part %s cannot be read (%s); the file may be damaged", zf.Name, Printable(err.Error()))}
	}
	return &countingReader{wb: wb, f: zf, r: rc}, func() { rc.Close() }, nil
}

// unzipLimit is the error of a file that decompresses to more than the
// limit.
func unzipLimit(lim Limits) error {
	return &LimitError{Name: LimitUnzipSize, Limit: lim.UnzipSize,
		Msg: fmt.Sprintf("decompresses to more than the limit of %s (a decompression bomb?)", byteSize(lim.UnzipSize))}
}

// decodeErr turns an error from the XML decoder into an *Error, and passes
// on the errors of this package (from a part's reader).
func decodeErr(part string, err error) error {
	if e := ours(err); e != nil {
		return e
	}
	return &Error{Msg: fmt.Sprintf("part %s is not well-formed XML (%s); the file is damaged", part, Printable(err.Error()))}
}

// relationships reads a .rels part: Id → (Type, Target resolved against base).
type rel struct{ Type, Target string }

func (wb *File) rels(relsPart, baseDir string) (map[string]rel, error) {
	r, done, err := wb.open(relsPart)
	if err != nil || r == nil {
		return nil, err
	}
	defer done()
	out := map[string]rel{}
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, decodeErr(relsPart, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || se.Name.Local != "Relationship" {
			continue
		}
		var id, typ, target, mode string
		for _, a := range se.Attr {
			switch a.Name.Local {
			case "Id":
				id = a.Value
			case "Type":
				typ = a.Value
			case "Target":
				target = a.Value
			case "TargetMode":
				mode = a.Value
			}
		}
		if strings.EqualFold(mode, "External") {
			continue
		}
		target = strings.ReplaceAll(target, `\`, "/")
		if strings.HasPrefix(target, "/") {
			target = path.Clean(target[1:])
		} else {
			target = path.Join(baseDir, target)
		}
		out[id] = rel{Type: typ, Target: target}
	}
}

// relsPartFor returns the .rels part name for a part.
func relsPartFor(part string) string {
	dir, base := path.Split(part)
	return dir + "_rels/" + base + ".rels"
}

// loadWorkbook finds the workbook part and reads the sheet list, the date
// system and the shared strings.
func (wb *File) loadWorkbook() error {
	wbPart := "xl/workbook.xml"
	root, err := wb.rels("_rels/.rels", "")
	if err != nil {
		return err
	}
	for _, r := range root {
		if strings.HasSuffix(r.Type, "/officeDocument") {
			wbPart = r.Target
			break
		}
	}
	if strings.HasSuffix(strings.ToLower(wbPart), ".bin") || (wb.part(wbPart) == nil && wb.part("xl/workbook.bin") != nil) {
		return &Error{Msg: "is an Excel binary workbook (.xlsb), not an .xlsx workbook", Hint: saveHint("Excel or LibreOffice Calc")}
	}
	if wb.part(wbPart) == nil {
		return &Error{Msg: "is a zip archive but not an Excel workbook (it has no xl/workbook.xml)", Hint: "save the file as an Excel workbook (.xlsx)"}
	}
	wbRels, err := wb.rels(relsPartFor(wbPart), path.Dir(wbPart))
	if err != nil {
		return err
	}
	r, done, err := wb.open(wbPart)
	if err != nil {
		return err
	}
	defer done()
	d := xml.NewDecoder(r)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return decodeErr(wbPart, err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "workbookPr":
			for _, a := range se.Attr {
				if a.Name.Local == "date1904" {
					wb.date1904 = a.Value == "1" || strings.EqualFold(a.Value, "true")
				}
			}
		case "sheet":
			var name, id string
			for _, a := range se.Attr {
				switch {
				case a.Name.Local == "name":
					name = a.Value
				case a.Name.Local == "id" && a.Name.Space != "":
					id = a.Value
				}
			}
			if rl, ok := wbRels[id]; ok && strings.HasSuffix(rl.Type, "/worksheet") {
				wb.sheets = append(wb.sheets, Sheet{Name: name, Part: rl.Target})
			}
		}
	}
	for _, rl := range wbRels {
		if strings.HasSuffix(rl.Type, "/sharedStrings") {
			return wb.loadSharedStrings(rl.Target)
		}
	}
	return nil
}

// loadSharedStrings reads the shared string table.
func (wb *File) loadSharedStrings(part string) error {
	before := wb.unzipped
	r, done, err := wb.open(part)
	if err != nil || r == nil {
		return err
	}
	defer done()
	var (
		sc           = newScanner(r)
		b            []byte
		inSI, inT    bool
		phoneticDeep int
	)
	for {
		tok, err := sc.next()
		if err == errSyntax {
			err = wb.syntaxError(part, before)
		}
		if err != nil {
			return decodeErr(part, err)
		}
		switch tok {
		case tokEOF:
			return nil
		case tokStart:
			switch string(local(sc.name)) {
			case "sst":
				// Size the table once from its declared count (bounded:
				// the count is only a hint).
				for _, a := range sc.attrs {
					if string(local(a.name)) == "uniqueCount" {
						if n, err := strconv.Atoi(string(a.value)); err == nil && n > 0 {
							limit := int(min(r.f.UncompressedSize64/10, 1<<20))
							wb.strings = make([]string, 0, min(n, 4*wb.lim.Cells, limit))
						}
					}
				}
			case "si":
				inSI = true
				b = b[:0]
			case "rPh":
				phoneticDeep++
			case "t":
				inT = inSI && phoneticDeep == 0
			}
		case tokEnd:
			switch string(local(sc.name)) {
			case "si":
				inSI = false
				if len(wb.strings) >= 4*wb.lim.Cells {
					return &LimitError{Name: LimitSharedStrings, Limit: 4 * int64(wb.lim.Cells),
						Msg: fmt.Sprintf("the shared string table has more than %d entries (4 × the cell limit)", 4*wb.lim.Cells)}
				}
				wb.strings = append(wb.strings, unescape(string(b)))
			case "rPh":
				phoneticDeep--
			case "t":
				inT = false
			}
		case tokText:
			if inT {
				b = append(b, sc.text...)
			}
		}
	}
}
