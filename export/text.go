package export

// What the formats share about text: dates, figures, the title, the source
// name and indexes by cell.

import (
	"math"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/stancematrix/stancematrix/matrix"
)

// ISODate formats d as YYYY-MM-DD, or "" when d is zero.
func ISODate(d time.Time) string {
	if d.IsZero() {
		return ""
	}
	return d.Format("2006-01-02")
}

// Round rounds a computed figure to 4 decimals, so that output does not
// depend on the last bits of a float sum; -0 becomes 0.
func Round(x float64) float64 {
	r := math.Round(x*1e4) / 1e4
	if r == 0 {
		return 0 // also turns -0 into 0
	}
	return r
}

// Finite reports whether x is neither NaN nor infinite.
func Finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Title is the document title: opt.Title, the About title, or a default.
func Title(m *matrix.Matrix, opt Options) string {
	if opt.Title != "" {
		return opt.Title
	}
	if m.About.Title != "" {
		return m.About.Title
	}
	return "Stance matrix"
}

// SourceName is the base name of the file the matrix was read from.
func SourceName(m *matrix.Matrix) string {
	s := strings.ReplaceAll(m.Source, "\\", "/")
	if s == "" {
		return ""
	}
	return path.Base(s)
}

// CellKey identifies a cell by canonical party and issue name.
type CellKey struct{ Party, Issue string }

// EvidenceByCell returns, for every party and issue with evidence, the
// indices into m.Evidence newest first (rows without a date last, then in
// workbook order), the order of matrix.Matrix.EvidenceFor. It costs one pass
// over the evidence instead of one per cell.
func EvidenceByCell(m *matrix.Matrix) map[CellKey][]int {
	idx := make(map[CellKey][]int)
	for i, e := range m.Evidence {
		k := CellKey{Party: e.Party, Issue: e.Issue}
		idx[k] = append(idx[k], i)
	}
	for _, list := range idx {
		if len(list) < 2 {
			continue
		}
		sort.SliceStable(list, func(i, j int) bool {
			a, b := m.Evidence[list[i]].Date, m.Evidence[list[j]].Date
			if a.IsZero() != b.IsZero() {
				return !a.IsZero()
			}
			return a.After(b)
		})
	}
	return idx
}

// ChangesByCell indexes the cell changes by party and issue.
func ChangesByCell(ch *matrix.Changes) map[CellKey]matrix.CellChange {
	if ch == nil {
		return nil
	}
	out := make(map[CellKey]matrix.CellChange, len(ch.Cells))
	for _, c := range ch.Cells {
		k := CellKey{Party: c.Party, Issue: c.Issue}
		if _, dup := out[k]; !dup {
			out[k] = c
		}
	}
	return out
}

// Provenance says where an output came from, in one line: the source file's
// name, its SHA-256 (the first 12 hex digits when short, as a footer shows
// it; all 64 otherwise), the tool and its version and the As of date, e.g.
// "ukraine.xlsx · SHA-256 9f86d081884c · stancematrix v1.2.0 · as of
// 2025-04-23". Parts that are unknown are left out; "" when all are.
func Provenance(m *matrix.Matrix, opt Options, short bool) string {
	var parts []string
	if s := SourceName(m); s != "" {
		parts = append(parts, s)
	}
	if d := m.SHA256; d != "" {
		if short && len(d) > 12 {
			d = d[:12]
		}
		parts = append(parts, "SHA-256 "+d)
	}
	if opt.Version != "" {
		parts = append(parts, "stancematrix "+opt.Version)
	}
	if d := ISODate(m.About.AsOf); d != "" {
		parts = append(parts, "as of "+d)
	}
	return strings.Join(parts, " · ")
}
