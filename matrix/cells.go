package matrix

import (
	"math/bits"
	"strconv"
)

// cellStore holds a matrix's cells compactly: a stance code per cell in a
// dense issues × parties array, each code an index in a per-matrix table of
// stance strings (a matrix repeats a handful of them), and the notes only
// where there are any. A 200 × 6,000 matrix takes 1.2 MB of codes instead
// of 77 MB of Cell structs and as many reference strings.
type cellStore struct {
	rows, stride int // issues, parties per issue
	// The code of issue i, party p is at k = i·stride + p: its index in
	// labels. A code takes a byte (narrow) while the matrix holds at most
	// 256 labels, as all but a deliberately odd workbook do (the Scale
	// sheet allows 100 stances); the 257th label widens every code to two
	// bytes (wide, and narrow is dropped). See at and set.
	narrow []uint8
	wide   []uint16
	labels []string // labels[0] is "", a blank cell
	// noted has bit k set when cell k has a note (or a note's level) in
	// notes, so that reading a cell without one looks up nothing.
	noted []uint64
	notes map[int]cellNote
	// Where the cells are in a workbook, for CellRef: the sheet, each
	// party's column and each issue's row (1-based); empty for a matrix not
	// read from a sheet.
	sheet string
	cols  []int
	rowAt []int
}

// cellNote is the note of one cell and its marker's level.
type cellNote struct{ text, release string }

// maxLabels is the most distinct stance strings a matrix's cells can hold.
const maxLabels = 1 << 16

// InitCells sizes m's cells to its Issues × Parties, all blank, without
// notes, and forgets where they were in a workbook. Set Parties and Issues
// first, then the cells with SetCell or SetStance.
func (m *Matrix) InitCells() {
	m.cells = newCellStore(len(m.Issues), len(m.Parties))
}

func newCellStore(rows, stride int) cellStore {
	return cellStore{rows: rows, stride: stride, narrow: make([]uint8, rows*stride), labels: []string{""}}
}

// at returns the code of cell k.
func (s *cellStore) at(k int) uint16 {
	if s.wide != nil {
		return s.wide[k]
	}
	return uint16(s.narrow[k])
}

// set sets the code of cell k, a code that code returned.
func (s *cellStore) set(k int, code uint16) {
	if s.wide != nil {
		s.wide[k] = code
		return
	}
	s.narrow[k] = uint8(code)
}

// widen makes every code two bytes, for the 257th label.
func (s *cellStore) widen() {
	if s.wide != nil {
		return
	}
	s.wide = make([]uint16, len(s.narrow))
	for k, c := range s.narrow {
		s.wide[k] = uint16(c)
	}
	s.narrow = nil
}

// cells returns the number of cells.
func (s *cellStore) cells() int { return s.rows * s.stride }

// SetCells sets m's cells from rows indexed [issue][party], as a literal
// writes them, and returns m. The matrix holds max(len(Issues), len(rows))
// × max(len(Parties), the longest row) cells; those the rows leave out are
// blank. It is meant for tests and generators; a reader sizes the matrix
// with InitCells and sets each cell.
func (m *Matrix) SetCells(rows [][]Cell) *Matrix {
	stride := len(m.Parties)
	for _, r := range rows {
		stride = max(stride, len(r))
	}
	m.cells = newCellStore(max(len(m.Issues), len(rows)), stride)
	for i, r := range rows {
		for p, c := range r {
			m.SetCell(i, p, c)
		}
	}
	return m
}

// Cells returns a copy of m's cells as rows indexed [issue][party]; it
// allocates every cell, so it is meant for tests and small matrices: loop
// with Cell or Stance instead.
func (m *Matrix) Cells() [][]Cell {
	s := &m.cells
	if s.rows == 0 {
		return nil
	}
	all := make([]Cell, s.rows*s.stride)
	out := make([][]Cell, s.rows)
	for i := range out {
		out[i] = all[i*s.stride : (i+1)*s.stride : (i+1)*s.stride]
		for p := range out[i] {
			out[i][p] = m.Cell(i, p)
		}
	}
	return out
}

// Cell returns the cell for issue i and party p; a blank one outside the
// matrix (a matrix built by hand may have fewer cells than parties or
// issues).
func (m *Matrix) Cell(i, p int) Cell {
	s := &m.cells
	if uint(i) >= uint(s.rows) || uint(p) >= uint(s.stride) {
		return Cell{}
	}
	k := i*s.stride + p
	c := Cell{Stance: s.labels[s.at(k)]}
	if s.noted != nil && s.noted[k>>6]&(1<<(k&63)) != 0 {
		n := s.notes[k]
		c.Note, c.Release = n.text, n.release
	}
	return c
}

// HasCell reports whether m holds a cell for issue i and party p: one
// inside what InitCells or SetCells sized. A matrix built by hand may hold
// fewer cells than its parties and issues, or none.
func (m *Matrix) HasCell(i, p int) bool {
	return uint(i) < uint(m.cells.rows) && uint(p) < uint(m.cells.stride)
}

// Stance returns the stance of issue i and party p: a scale label, or ""
// (also outside the matrix).
func (m *Matrix) Stance(i, p int) string {
	s := &m.cells
	if uint(i) >= uint(s.rows) || uint(p) >= uint(s.stride) {
		return ""
	}
	return s.labels[s.at(i*s.stride+p)]
}

// HasNote reports whether the cell of issue i and party p has a note or a
// note's level.
func (m *Matrix) HasNote(i, p int) bool {
	s := &m.cells
	if uint(i) >= uint(s.rows) || uint(p) >= uint(s.stride) || s.noted == nil {
		return false
	}
	k := i*s.stride + p
	return s.noted[k>>6]&(1<<(k&63)) != 0
}

// SetCell sets the cell of issue i and party p, which must be inside the
// matrix (see InitCells and SetCells).
func (m *Matrix) SetCell(i, p int, c Cell) {
	m.SetStance(i, p, c.Stance)
	m.setNote(i, p, c.Note, c.Release)
}

// SetStance sets the stance of issue i and party p, leaving its note.
func (m *Matrix) SetStance(i, p int, stance string) {
	s := &m.cells
	m.checkIndex(i, p)
	s.set(i*s.stride+p, s.code(stance))
}

// SetNote sets the note of issue i and party p and its marker's level,
// leaving its stance; an empty note and level remove it.
func (m *Matrix) SetNote(i, p int, note, release string) {
	m.checkIndex(i, p)
	m.setNote(i, p, note, release)
}

func (m *Matrix) setNote(i, p int, note, release string) {
	s := &m.cells
	k := i*s.stride + p
	if note == "" && release == "" {
		if s.noted != nil && s.noted[k>>6]&(1<<(k&63)) != 0 {
			s.noted[k>>6] &^= 1 << (k & 63)
			delete(s.notes, k)
		}
		return
	}
	if s.noted == nil {
		s.noted = make([]uint64, (s.cells()+63)/64)
		s.notes = map[int]cellNote{}
	}
	s.noted[k>>6] |= 1 << (k & 63)
	s.notes[k] = cellNote{text: note, release: release}
}

func (m *Matrix) checkIndex(i, p int) {
	if s := &m.cells; uint(i) >= uint(s.rows) || uint(p) >= uint(s.stride) {
		panic("matrix: cell (" + strconv.Itoa(i) + ", " + strconv.Itoa(p) + ") outside a matrix of " +
			strconv.Itoa(s.rows) + " × " + strconv.Itoa(s.stride) + " cells")
	}
}

// code returns the index of stance in s.labels, adding it when new (and
// widening the codes when it is the 257th).
func (s *cellStore) code(stance string) uint16 {
	if stance == "" {
		return 0
	}
	for k, l := range s.labels {
		if len(l) == len(stance) && l == stance {
			return uint16(k)
		}
	}
	if len(s.labels) == 0 {
		s.labels = []string{""}
	}
	if len(s.labels) >= maxLabels {
		panic("matrix: more than " + strconv.Itoa(maxLabels-1) + " distinct stances in one matrix")
	}
	s.labels = append(s.labels, stance)
	if len(s.labels) > 1<<8 {
		s.widen()
	}
	return uint16(len(s.labels) - 1)
}

// noteCells calls f for each cell with a note or a note's level, by issue,
// then party.
func (s *cellStore) noteCells(f func(i, p int)) {
	for w, bitsW := range s.noted {
		for bitsW != 0 {
			b := bits.TrailingZeros64(bitsW)
			bitsW &^= 1 << b
			k := w*64 + b
			f(k/s.stride, k%s.stride)
		}
	}
}

// NoteCells calls f for each cell of m that has a note or a note's level,
// by issue, then party; it costs the cells with notes, not all cells.
func (m *Matrix) NoteCells(f func(i, p int)) { m.cells.noteCells(f) }

// SetCellPlaces records where m's cells are in a workbook: on sheet, party
// p in column cols[p] and issue i in row rows[i] (1-based), for CellRef.
func (m *Matrix) SetCellPlaces(sheet string, cols, rows []int) {
	m.cells.sheet, m.cells.cols, m.cells.rowAt = sheet, cols, rows
}

// CellRef returns the place of the cell of issue i and party p in the
// workbook, e.g. "Matrix!C7"; "" for a matrix not read from a sheet.
func (m *Matrix) CellRef(i, p int) string {
	s := &m.cells
	if s.sheet == "" || uint(p) >= uint(len(s.cols)) || uint(i) >= uint(len(s.rowAt)) {
		return ""
	}
	return s.sheet + "!" + colName(s.cols[p]) + strconv.Itoa(s.rowAt[i])
}

// Clone returns a copy of m whose cells can be set without changing m's;
// like a struct copy, it shares m's other slices.
func (m *Matrix) Clone() *Matrix {
	out := *m
	out.cells = m.cells.subset(identity(m.cells.rows), identity(m.cells.stride))
	return &out
}

// subset returns the cells of the issues is and parties ps, in that order.
// Cells outside s are blank.
func (s *cellStore) subset(is, ps []int) cellStore {
	out := newCellStore(len(is), len(ps))
	out.labels = append(out.labels[:0], s.labels...)
	if len(out.labels) == 0 {
		out.labels = []string{""}
	}
	if len(out.labels) > 1<<8 {
		out.widen()
	}
	out.sheet = s.sheet
	if s.cols != nil {
		out.cols = make([]int, len(ps))
		for j, p := range ps {
			if p < len(s.cols) {
				out.cols[j] = s.cols[p]
			}
		}
	}
	if s.rowAt != nil {
		out.rowAt = make([]int, len(is))
		for k, i := range is {
			if i < len(s.rowAt) {
				out.rowAt[k] = s.rowAt[i]
			}
		}
	}
	for k, i := range is {
		if uint(i) >= uint(s.rows) {
			continue
		}
		// out holds s's labels, so its codes are as wide as s's.
		if src, dst := i*s.stride, k*len(ps); s.wide != nil {
			pickCodes(out.wide[dst:dst+len(ps)], s.wide[src:src+s.stride], ps)
		} else {
			pickCodes(out.narrow[dst:dst+len(ps)], s.narrow[src:src+s.stride], ps)
		}
	}
	if len(s.notes) > 0 {
		pAt := make(map[int][]int, len(ps))
		for j, p := range ps {
			pAt[p] = append(pAt[p], j)
		}
		iAt := make(map[int][]int, len(is))
		for k, i := range is {
			iAt[i] = append(iAt[i], k)
		}
		s.noteCells(func(i, p int) {
			n := s.notes[i*s.stride+p]
			for _, k := range iAt[i] {
				for _, j := range pAt[p] {
					kk := k*len(ps) + j
					if out.noted == nil {
						out.noted = make([]uint64, (out.cells()+63)/64)
						out.notes = map[int]cellNote{}
					}
					out.noted[kk>>6] |= 1 << (kk & 63)
					out.notes[kk] = n
				}
			}
		})
	}
	return out
}

// pickCodes sets dst[j] to src[ps[j]], leaving it blank where ps[j] is
// outside src: one issue's codes, one or two bytes each.
func pickCodes[T uint8 | uint16](dst, src []T, ps []int) {
	for j, p := range ps {
		if uint(p) < uint(len(src)) {
			dst[j] = src[p]
		}
	}
}

func identity(n int) []int {
	out := make([]int, n)
	for k := range out {
		out[k] = k
	}
	return out
}
