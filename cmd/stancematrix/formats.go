package main

import (
	"io"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/export/csv"
	"github.com/stancematrix/stancematrix/export/html"
	"github.com/stancematrix/stancematrix/export/json"
	"github.com/stancematrix/stancematrix/export/markdown"
	"github.com/stancematrix/stancematrix/export/pdf"
	"github.com/stancematrix/stancematrix/export/xlsx"
	"github.com/stancematrix/stancematrix/matrix"
)

// exportFunc writes one output format.
type exportFunc func(w io.Writer, m *matrix.Matrix, opt export.Options) error

// format is one output format of `export`.
type format struct {
	name string
	// suffix is appended to the input's stem: ".pdf", or "-report.xlsx" so
	// an XLSX report never collides with its .xlsx input.
	suffix string
	write  exportFunc
	// analysed says the format shows the document's analysis, handed to
	// it in export.Options.Analysis.
	analysed bool
}

// formats lists the output formats in the order they are written.
var formats = []format{
	{"pdf", ".pdf", pdf.Write, true},
	{"xlsx", "-report.xlsx", xlsx.Report, true},
	{"json", ".json", json.Write, true},
	{"csv", ".csv", csv.Write, false},
	{"md", ".md", markdown.Write, true},
	{"html", ".html", html.Write, true},
}

func formatNames() []string {
	var out []string
	for _, f := range formats {
		out = append(out, f.name)
	}
	return out
}

func lookupFormat(name string) (format, bool) {
	for _, f := range formats {
		if f.name == name {
			return f, true
		}
	}
	return format{}, false
}
