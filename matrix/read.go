package matrix

import (
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/stancematrix/stancematrix/matrix/xlsxfile"
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
	Password string
	// IncludeComments publishes threaded comments (reviewer discussions)
	// as cell notes; without it they are left out and only reported.
	IncludeComments bool
	// Edition, when not empty, makes Read return the edition at that
	// level (see Matrix.Edition); an unknown level is an error.
	Edition      string
	MaxFileSize  int64
	MaxUnzipSize int64
	MaxCells     int
	MaxCellChars int
}

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

// limits are the options' limits for xlsxfile.
func (o ReadOptions) limits() xlsxfile.Limits {
	return xlsxfile.Limits{FileSize: o.MaxFileSize, UnzipSize: o.MaxUnzipSize, Cells: o.MaxCells, CellChars: o.MaxCellChars}
}

// ReadFile reads and validates the workbook at path. See Read.
func ReadFile(path string, opt ReadOptions) (*Matrix, Problems) {
	f, err := os.Open(path)
	if err == nil {
		var fi os.FileInfo
		if fi, err = f.Stat(); err == nil && fi.IsDir() {
			err = errors.New("is a directory, not a file")
			if fe := xlsxfile.Folder(os.DirFS(path)); fe != nil {
				f.Close()
				rd := &reader{file: path}
				rd.addFileError(fe)
				return nil, rd.ps
			}
		}
		if err != nil {
			f.Close()
		}
	}
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		var ps Problems
		ps.Errorf(path, "", "", "cannot open: %v", err)
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
	rd := &reader{file: name, opt: opt.withDefaults()}
	defer func() {
		if v := recover(); v != nil {
			rd.ps.Add(Problem{File: name, Severity: Error,
				Msg:  fmt.Sprintf("cannot read the workbook (internal error: %v)", v),
				Hint: "please report this with the file attached"})
			m = nil
		}
		rd.ps.Sort()
		rd.ps.firstHintOnly(KindUnknownStance)
		ps = rd.ps
	}()
	m = rd.read(r)
	if rd.p != nil {
		if err := rd.p.Unchanged(); err != nil {
			rd.addFileError(err)
			m = nil
		}
	}
	if m != nil && opt.Edition != "" && rd.ps.Err() == nil {
		em, _, err := m.Edition(opt.Edition)
		if err != nil {
			rd.ps.Add(Problem{File: name, Severity: Error, Msg: err.Error(), Err: err})
			return nil, rd.ps
		}
		m = em
	}
	return m, rd.ps
}

var reSnapshot = regexp.MustCompile(`^matrix\s+(\d{4}-\d{1,2}-\d{1,2})$`)

// reader holds the state of one Read. Each sheet has its reader in its own
// file: read_scale.go, read_list.go (Parties and Issues), read_about.go,
// read_matrix.go (Matrix and its snapshots), read_evidence.go and
// read_findings.go; read_table.go
// reads a sheet's header row against its columns in schema.go.
type reader struct {
	file string
	opt  ReadOptions
	ps   Problems
	p    *xlsxfile.File

	ignoredCols map[string]bool // Sheet!Col reported by ignoredLevels

	sheets    map[string]sheetRef // known sheet (lower case) → sheet
	snapshots []snapshotRef
	scale     Scale
	parties   []listEntry // from the Parties sheet; nil without one
	issues    []listEntry
	partyIdx  entryIndex // finds rows of parties by name or short name
	issueIdx  entryIndex
	hasPList  bool
	hasIList  bool
	about     About

	markings []Marking // the levels, lowest first
	marked   bool      // the workbook marks something
	threaded []string  // cells with a threaded comment

	evidenceStanceCol int
	denseCells        int // cells of the matrices read so far
	stances           stanceLookup
}

type snapshotRef struct {
	sheetRef
	Date time.Time
}

func (rd *reader) errorf(sheet, cell, format string, args ...any) {
	rd.ps.Errorf(rd.file, sheet, cell, format, args...)
}

func (rd *reader) warnf(sheet, cell, format string, args ...any) {
	rd.ps.Warnf(rd.file, sheet, cell, format, args...)
}

// addFileError adds an error of xlsxfile as a problem, with its place and
// hint.
func (rd *reader) addFileError(err error) {
	p := Problem{File: rd.file, Severity: Error, Msg: err.Error(), Err: err}
	var le *xlsxfile.LimitError
	var fe *xlsxfile.Error
	switch {
	case errors.As(err, &le):
		p.Sheet, p.Cell = le.Sheet, le.Cell
	case errors.As(err, &fe):
		p.Sheet, p.Cell, p.Hint = fe.Sheet, fe.Cell, fe.Hint
	}
	rd.ps.Add(p)
}

// limitErrorf adds an error over the cell limit at sheet.
func (rd *reader) limitErrorf(sheet string, limit int64, format string, args ...any) {
	rd.addFileError(&xlsxfile.LimitError{Name: xlsxfile.LimitCells, Limit: limit, Sheet: sheet, Msg: fmt.Sprintf(format, args...)})
}

func (rd *reader) read(r io.Reader) *Matrix {
	p, err := xlsxfile.Open(r, rd.opt.limits(), rd.opt.Password)
	if err != nil {
		rd.addFileError(err)
		return nil
	}
	rd.p = p
	rd.classifySheets()

	rd.scale = DefaultScale()
	if s, ok := rd.sheets["scale"]; ok {
		if g := rd.grid(s); g != nil {
			rd.readScale(g)
		}
	}
	rd.markings = DefaultMarkings()
	if s, ok := rd.sheets["markings"]; ok {
		if g := rd.grid(s); g != nil {
			rd.readMarkings(g)
		}
	}
	if s, ok := rd.sheets["about"]; ok {
		if g := rd.grid(s); g != nil {
			rd.readAbout(g)
		}
	}
	if s, ok := rd.sheets["parties"]; ok {
		if g := rd.grid(s); g != nil {
			rd.parties, rd.hasPList = rd.readList(g, true)
			rd.partyIdx = newEntryIndex(rd.parties)
		}
	}
	if s, ok := rd.sheets["issues"]; ok {
		if g := rd.grid(s); g != nil {
			rd.issues, rd.hasIList = rd.readList(g, false)
			rd.issueIdx = newEntryIndex(rd.issues)
		}
	}
	ms, ok := rd.sheets["matrix"]
	if !ok {
		var names []string
		for _, s := range rd.p.Sheets() {
			names = append(names, strings.TrimSpace(s.Name))
		}
		rd.ps.Add(Problem{File: rd.file, Severity: Error,
			Msg:  `the workbook has no "Matrix" sheet` + didYouMean("Matrix", names),
			Hint: "the stance matrix must be on a sheet named Matrix (parties across row 1, issues down column A)"})
		return nil
	}
	g := rd.streamMatrix(ms)
	if g == nil {
		return nil
	}
	m := rd.readMatrix(g, ms, true)
	if m == nil {
		return nil
	}
	m.About = rd.about
	m.Markings, m.Threaded = rd.markings, rd.threaded
	if rd.about.Edition != "" {
		rd.marked = true
	}
	sum := rd.p.SHA256()
	m.SHA256 = hex.EncodeToString(sum[:])
	for _, sn := range rd.snapshots {
		sg := rd.streamMatrix(sn.sheetRef)
		if sg == nil {
			continue
		}
		sm := rd.readMatrix(sg, sn.sheetRef, false)
		if sm == nil {
			continue
		}
		sm.About = rd.about
		sm.SHA256 = m.SHA256
		sm.About.AsOf = sn.Date
		m.Snapshots = append(m.Snapshots, Snapshot{Date: sn.Date, Sheet: sn.Name, Matrix: sm})
	}
	if s, ok := rd.sheets["evidence"]; ok {
		rd.readEvidence(s, m)
	}
	rd.checkEvidence(m)
	if s, ok := rd.sheets["findings"]; ok {
		if g := rd.grid(s); g != nil {
			rd.readFindings(g, m)
		}
	}
	m.Marked = rd.marked
	if m.Marked {
		rd.warnMentions(m)
	}
	for _, sn := range m.Snapshots {
		sn.Matrix.Markings, sn.Matrix.Marked = m.Markings, m.Marked
	}
	return m
}

// grid reads a sheet with its cell problems; nil when it cannot be read.
func (rd *reader) grid(s sheetRef) *grid {
	g, probs, err := rd.p.ReadSheet(s)
	for _, cp := range probs {
		rd.addFileError(cp)
	}
	if err != nil {
		rd.addFileError(err)
		return nil
	}
	return g
}

// classifySheets finds the known sheets and the snapshots, and warns about
// near-miss names of sheets that are missing.
func (rd *reader) classifySheets() {
	rd.sheets = map[string]sheetRef{}
	var unknown []sheetRef
	seenSnap := map[time.Time]string{}
	for _, s := range rd.p.Sheets() {
		n := normHeader(s.Name)
		known := ""
		for _, k := range Sheets {
			if strings.EqualFold(k, n) {
				known = strings.ToLower(k)
			}
		}
		switch {
		case known != "":
			if prev, dup := rd.sheets[known]; dup {
				rd.errorf(s.Name, "", "a second sheet named %q is ignored (sheet %q comes first)", strings.TrimSpace(s.Name), prev.Name)
				continue
			}
			rd.sheets[known] = s
		case reSnapshot.MatchString(n):
			ds := reSnapshot.FindStringSubmatch(n)[1]
			d, err := parseDate(ds, false, false)
			if err != nil || !reISO.MatchString(ds) {
				rd.errorf(s.Name, "", "the snapshot sheet's name has an invalid date %q; name it Matrix YYYY-MM-DD", ds)
				continue
			}
			if prev, dup := seenSnap[d]; dup {
				rd.errorf(s.Name, "", "a second snapshot of %s is ignored (sheet %q comes first)", d.Format("2006-01-02"), prev)
				continue
			}
			seenSnap[d] = s.Name
			rd.snapshots = append(rd.snapshots, snapshotRef{sheetRef: s, Date: d})
		default:
			unknown = append(unknown, s)
		}
	}
	var missing []string
	for _, k := range Sheets {
		if _, ok := rd.sheets[strings.ToLower(k)]; !ok {
			missing = append(missing, k)
		}
	}
	for _, s := range unknown {
		if sug := Suggest(strings.TrimSpace(s.Name), missing); sug != "" {
			if sug == "Matrix" {
				continue // reported as the missing Matrix sheet, with the suggestion
			}
			rd.warnf(s.Name, "", "sheet %q is ignored (did you mean %q?)", strings.TrimSpace(s.Name), sug)
		}
	}
	sort.SliceStable(rd.snapshots, func(i, j int) bool { return rd.snapshots[i].Date.Before(rd.snapshots[j].Date) })
}

// threadedAt records and reports a threaded comment at sheet!cell.
func (rd *reader) threadedAt(sheet, cell string, current bool) {
	if current {
		rd.threaded = append(rd.threaded, sheet+"!"+cell)
	}
	if rd.opt.IncludeComments {
		rd.warnf(sheet, cell, "the cell holds a threaded comment (a reviewer discussion); it is published as the cell's note, as asked")
		return
	}
	rd.warnf(sheet, cell, "the cell holds a threaded comment (a reviewer discussion); it is left out of every output")
}
