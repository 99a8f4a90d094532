package matrix

// The input format (format v1): the sheets of a workbook, the columns of its
// table sheets and the keys of its About sheet. The reader accepts what is
// listed here; the `init` template writes the names in the order listed. A
// new column is added here (and read where its sheet is read).

// Sheet names of the input format.
const (
	SheetMatrix   = "Matrix"
	SheetScale    = "Scale"
	SheetParties  = "Parties"
	SheetIssues   = "Issues"
	SheetEvidence = "Evidence"
	SheetAbout    = "About"
	SheetFindings = "Findings"
	SheetMarkings = "Markings"
)

// Sheets are the sheets the reader knows. Besides these, a sheet named
// "Matrix YYYY-MM-DD" is a snapshot of the Matrix sheet on that date.
var Sheets = []string{SheetMatrix, SheetScale, SheetParties, SheetIssues, SheetEvidence, SheetAbout, SheetFindings, SheetMarkings}

// Column is a column of a table sheet (its header in the first non-empty
// row), or a key of the About sheet (in the first column).
type Column struct {
	Name     string   // as written by `init` and documented, e.g. "Color"
	Aliases  []string // other names the reader accepts, e.g. "Colour"
	Required bool     // the sheet cannot be read without it
}

// Columns are the columns of a sheet in the order `init` writes them.
type Columns []Column

// Names returns the columns' names in order.
func (cs Columns) Names() []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

// byName maps each column's name and aliases, normalised, to its name.
func (cs Columns) byName() map[string]string {
	m := map[string]string{}
	for _, c := range cs {
		m[normHeader(c.Name)] = c.Name
		for _, a := range c.Aliases {
			m[normHeader(a)] = c.Name
		}
	}
	return m
}

// The columns of the table sheets.
var (
	ScaleColumns = Columns{
		{Name: "Label", Required: true}, {Name: "Score"}, {Name: "Color", Aliases: []string{"Colour"}},
		{Name: "Symbol"}, {Name: "Aliases", Aliases: []string{"Alias"}}, {Name: "Description"},
	}
	PartiesColumns = Columns{
		{Name: "Name", Aliases: []string{"Party", "Actor"}, Required: true}, {Name: "Short"},
		{Name: "Group"}, {Name: "Color", Aliases: []string{"Colour"}}, {Name: "Weight"}, {Name: "Description"},
	}
	IssuesColumns = Columns{
		{Name: "Name", Aliases: []string{"Issue", "Topic"}, Required: true}, {Name: "Short"},
		{Name: "Category"}, {Name: "Description"}, {Name: "Weight"},
	}
	EvidenceColumns = Columns{
		{Name: "Party", Required: true}, {Name: "Issue", Required: true}, {Name: "Stance"}, {Name: "Date"},
		{Name: "Summary"}, {Name: "Quote"}, {Name: "Speaker"}, {Name: "Source"}, {Name: "URL", Aliases: []string{"Link"}},
	}
	// FindingsColumns are the columns of the Findings sheet: the author's
	// own key findings, one a row.
	FindingsColumns = Columns{
		{Name: "Text", Aliases: []string{"Finding"}, Required: true}, {Name: "Issue"},
		{Name: "Parties", Aliases: []string{"Party"}}, {Name: "Order"},
	}
)

// ListAliasesColumn is the optional Aliases column of the Parties and
// Issues sheets: a comma-separated list of other names of the party or
// issue. The reader accepts it on both sheets; it is kept out of
// PartiesColumns and IssuesColumns, whose names the XLSX report writes as
// its headers, until that report writes aliases too.
var ListAliasesColumn = Column{Name: "Aliases", Aliases: []string{"Alias", "Other names"}}

// AboutKeys are the keys of the About sheet, in the order `init` writes
// them; the reader also accepts a key with a final colon.
var AboutKeys = Columns{
	{Name: "Title"}, {Name: "Subtitle"}, {Name: "As of", Aliases: []string{"AsOf", "As-of"}},
	{Name: "Author"}, {Name: "Organisation", Aliases: []string{"Organization"}},
	{Name: "Classification"}, {Name: "Footer"}, {Name: "Notes", Aliases: []string{"Note"}},
	{Name: "Language", Aliases: []string{"Lang"}},
}

// MarkingsColumns are the columns of the Markings sheet: the release
// levels, one a row.
var MarkingsColumns = Columns{
	{Name: "Level", Aliases: []string{"Name", "Marking"}, Required: true}, {Name: "Order"},
	{Name: "Banner"}, {Name: "Color", Aliases: []string{"Colour"}},
}

// ReleaseColumn is the optional Release column of the Parties, Issues,
// Evidence and Findings sheets: the row's level, a name from the Markings
// sheet (or the default ladder). It is kept out of the sheets' Columns,
// whose names the XLSX report writes as its headers.
var ReleaseColumn = Column{Name: "Release", Aliases: []string{"Marking", "Release level"}}

// AboutEditionKey is the About sheet's optional Edition key: the edition
// an export makes by default. It is kept out of AboutKeys, which the XLSX
// report writes.
var AboutEditionKey = Column{Name: "Edition", Aliases: []string{"Default edition", "Release"}}
