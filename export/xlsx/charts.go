package xlsx

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/stancematrix/stancematrix/export"
	"github.com/stancematrix/stancematrix/matrix"
)

// The report's charts are native Excel charts whose series read the cells
// of their own sheet, so a colleague can restyle them, or change the
// figures, in Excel or LibreOffice.
const (
	sheetMap   = "Map"
	sheetSplit = "Split"
)

// mapHeaderRow is the row of the map table's header on the Map sheet (the
// rows above hold the notes).
const mapHeaderRow = 4

// blocMarks are the marker fill and symbol of each bloc on the map, in
// bloc order; parties in no bloc are grey circles. The symbols tell the
// blocs apart in greyscale; the Bloc column says it in words.
var blocMarks = []struct{ fill, symbol string }{
	{"0072B2", "diamond"}, {"D55E00", "square"}, {"009E73", "triangle"},
	{"CC79A7", "x"}, {"E69F00", "star"}, {"56B4E9", "plus"}, {"F0E442", "dash"},
}

// blocOf returns, per party index, its bloc's number from 1, or 0.
func blocOf(n int, bl matrix.Blocs) []int {
	of := make([]int, n)
	for g, ps := range bl.Groups {
		for _, p := range ps {
			if p >= 0 && p < n {
				of[p] = g + 1
			}
		}
	}
	return of
}

// mapSheet is the party map: the blocs in words, how to read the map (or
// why there is none), a table of the mapped parties with their place and
// bloc, the parties left out and why, and a scatter chart of the table
// with each point labelled by its party's name.
func (b *book) mapSheet() {
	s := sheetMap
	b.addSheet(s)
	an := b.analysis()
	pm, bl := an.Map, an.Blocs
	headers := []string{"Party", "Label", "Axis 1", "Axis 2", "Bloc", "Not on the map"}
	widths := []float64{28, 16, 9, 9, 9, 40}
	for i, w := range widths {
		b.colWidth(s, i+1, w)
	}
	b.setWidths(s, widths)
	note := b.wrapStyle()
	reading := pm.Reason
	if len(pm.Points) > 0 {
		reading = fmt.Sprintf("Closer = agree more: the distance between two parties approximates 1 − their agreement. "+
			"Axis 1 shows %s of the variation, axis 2 %s; stress %.2f (0 = a perfect fit). "+
			"Based on %d of %d pairs sharing at least %d scored issues.",
			pctText(pm.Explained[0]), pctText(pm.Explained[1]), pm.Stress, pm.Known, pm.Pairs, matrix.MinShared)
	}
	for k, text := range []string{firstNonBlank(bl.Summary, "No blocs."), firstNonBlank(reading, "No party map.")} {
		r := k + 1
		b.str(s, 1, r, text)
		b.fail(b.f.MergeCell(s, ref(1, r), ref(len(headers), r)))
		b.style(s, 1, r, 1, r, note)
		b.rowLines(s, r, wrappedLines(text, sum(widths), false))
	}
	if len(pm.Points) == 0 {
		b.printSetup(s, false, "", "")
		return
	}
	hr := mapHeaderRow
	for i, h := range headers {
		b.str(s, i+1, hr, h)
	}
	b.style(s, 1, hr, len(headers), hr, b.headerStyle())
	of := blocOf(len(b.m.Parties), bl)
	blocName := func(p int) string {
		if of[p] == 0 {
			return "none"
		}
		return fmt.Sprintf("Bloc %d", of[p])
	}
	two := b.newStyle("fixed2", &excelize.Style{NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"}})
	var series []excelize.ChartSeries
	var labels []string
	reach := 0.0 // the largest coordinate, for axes of one scale
	r := hr + 1
	for _, pt := range pm.Points {
		if pt.Party < 0 || pt.Party >= len(b.m.Parties) {
			continue
		}
		party := b.m.Parties[pt.Party]
		b.str(s, 1, r, party.Name)
		b.str(s, 2, r, mapLabel(party, len(pm.Points)))
		labels = append(labels, mapLabel(party, len(pm.Points)))
		b.num(s, 3, r, pt.X)
		b.num(s, 4, r, pt.Y)
		b.style(s, 3, r, 4, r, two)
		b.str(s, 5, r, blocName(pt.Party))
		reach = max(reach, math.Abs(pt.X), math.Abs(pt.Y))
		mark := excelize.ChartMarker{Symbol: "circle", Size: 7, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"7F7F7F"}}}
		if g := of[pt.Party]; g > 0 {
			bm := blocMarks[(g-1)%len(blocMarks)]
			mark = excelize.ChartMarker{Symbol: bm.symbol, Size: 8, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{bm.fill}}}
		}
		mark.Border = excelize.LineOptions{Type: excelize.LineSolid, Width: 0.75}
		series = append(series, excelize.ChartSeries{
			Name:       absRef(s, 2, r),
			Categories: absRef(s, 3, r),
			Values:     absRef(s, 4, r),
			Marker:     mark,
		})
		r++
	}
	for _, lo := range pm.LeftOut {
		if lo.Party < 0 || lo.Party >= len(b.m.Parties) {
			continue
		}
		party := b.m.Parties[lo.Party]
		b.str(s, 1, r, party.Name)
		b.str(s, 2, r, mapLabel(party, len(pm.Points)))
		b.str(s, 5, r, blocName(lo.Party))
		b.str(s, 6, r, lo.Reason)
		b.fitRow(s, r, party.Name, party.Short, "", "", "", lo.Reason)
		r++
	}
	b.style(s, 5, hr+1, 5, r-1, b.newStyle("centretop", &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}))
	b.fail(b.f.AutoFilter(s, ref(1, hr)+":"+ref(len(headers), max(hr+1, r-1)), nil))
	b.freeze(s, 0, hr)
	// Both axes span the same range, so that a distance on the chart
	// reads the same in every direction (the plot area is about square).
	lim := math.Ceil(reach*10+0.25) / 10
	lo := -lim
	axis := func(k int) excelize.ChartAxis {
		return excelize.ChartAxis{
			Minimum: &lo, Maximum: &lim, MajorUnit: 0.1,
			TickLabelPosition: excelize.ChartTickLabelLow,
			Font:              axisFont,
			MajorGridLines:    true,
			Title:             excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("Axis %d (%s of the variation)", k, pctText(pm.Explained[k-1]))}}},
			NumFmt:            excelize.ChartNumFmt{CustomNumFmt: "0.0"},
		}
	}
	size := 440 + 6*min(len(series), 60)
	b.mapLabels = placeLabels(pm.Points, labels, lim, float64(size+80-150), float64(size-110))
	b.fail(b.f.AddChart(s, ref(len(headers)+2, 1), &excelize.Chart{
		Type:      excelize.Scatter,
		Series:    series,
		Title:     chartTitle("Party map: closer = agree more"),
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis:     axis(1),
		YAxis:     axis(2),
		PlotArea:  excelize.ChartPlotArea{ShowSerName: true},
		Dimension: excelize.ChartDimension{Width: uint(size + 80), Height: uint(size)},
		Format:    excelize.GraphicOptions{ScaleX: 1, ScaleY: 1},
	}))
	b.printSetup(s, true, fmt.Sprintf("$%d:$%d", hr, hr), "")
}

// splitSheet is where the issues split: for the most contested issues, in
// that order, the parties on each stance, and a percent-stacked bar per
// issue of the table, each stance in its colour with its count printed.
func (b *book) splitSheet() {
	s := sheetSplit
	b.addSheet(s)
	an := b.analysis()
	stances := b.m.Scale.Stances
	top, qualifying, thin := matrix.SplitIssues(b.m, an, matrix.MaxSplitIssues)
	weighted := b.m.WeightsDiffer()
	headers := []string{"Issue", "Label", "Rank"}
	widths := []float64{44, 30, 6}
	for _, st := range stances {
		headers = append(headers, st.Label)
		widths = append(widths, width(textLen(st.Label), 8, 14))
	}
	headers = append(headers, "Positions")
	widths = append(widths, 10)
	wbase := len(headers) // the weight columns follow, when weights differ
	if weighted {
		for _, st := range stances {
			headers = append(headers, st.Label+" (weight)")
			widths = append(widths, width(textLen(st.Label+" (weight)"), 8, 16))
		}
	}
	for i, w := range widths {
		b.colWidth(s, i+1, w)
	}
	b.setWidths(s, widths)
	n := len(b.m.Parties)
	intro := fmt.Sprintf("Where the issues split: the %d most contested of the %s with %d or more parties with a scored stance (lowest consensus first). "+
		"Each bar shows how the parties with a position on the issue divide between the stances (by count; the number is printed in each segment). "+
		"Label is the name on the chart, with the parties that have a position; the table is under it.",
		len(top), export.Plural(qualifying, "issue", "issues"), matrix.MinPositions)
	if thin > 0 {
		intro += fmt.Sprintf(" Not shown: %s with a position but fewer scored parties.", export.Plural(thin, "issue", "issues"))
	}
	if weighted {
		intro += " The parties' weights differ: a second chart, under the table, divides their weight the same way."
	}
	if len(top) == 0 {
		intro = fmt.Sprintf("Where the issues split: no issue has %d or more parties with a scored stance, so there is nothing to show (%s with a position).",
			matrix.MinPositions, export.Plural(thin, "issue has", "issues have"))
	}
	b.str(s, 1, 1, intro)
	b.fail(b.f.MergeCell(s, ref(1, 1), ref(len(headers), 1)))
	b.style(s, 1, 1, 1, 1, b.wrapStyle())
	b.rowLines(s, 1, wrappedLines(intro, sum(widths), false))
	if len(top) == 0 {
		b.printSetup(s, false, "", "")
		return
	}
	// The chart comes first, under the note, so that it prints whole on
	// the first page; the table follows it.
	height := 120 + 32*len(top)
	hr := 3 + (height+19)/20 + 1 // rows of 20 pixels (15 points)
	for i, h := range headers {
		b.str(s, i+1, hr, h)
	}
	b.style(s, 1, hr, len(headers), hr, b.headerStyle())
	b.rowLines(s, hr, headerLines(headers, widths))
	base := 3
	for k, st := range stances {
		if hx, ok := hex(st.Color); ok {
			b.style(s, base+k+1, hr, base+k+1, hr, b.newStyle("counthead"+hx, &excelize.Style{
				Font:      &excelize.Font{Bold: true, Color: contrast(hx)},
				Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hx}},
				Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
				Border:    thinBorder,
			}))
		}
	}
	rank := map[int]int{}
	for k, st := range an.Contested {
		rank[st.Issue] = k + 1
	}
	for k, st := range top {
		r := hr + 1 + k
		is := b.m.Issues[st.Issue]
		b.str(s, 1, r, is.Name)
		b.str(s, 2, r, fmt.Sprintf("%s (%d of %d)", firstNonBlank(is.Short, is.Name), st.Positions, n))
		b.num(s, 3, r, float64(rank[st.Issue]))
		for j, c := range st.Counts {
			b.num(s, base+j+1, r, float64(c))
		}
		b.str(s, base+len(stances)+1, r, fmt.Sprintf("%d of %d", st.Positions, n))
		if weighted {
			for j, w := range st.Weights {
				b.num(s, wbase+j+1, r, w)
			}
		}
		b.fitRow(s, r, is.Name, firstNonBlank(is.Short, is.Name)+" (00 of 00)")
	}
	first, last := hr+1, hr+len(top)
	b.style(s, 1, first, 2, last, b.wrapStyle())
	b.style(s, 3, first, len(headers), last, b.newStyle("centretop", &excelize.Style{Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "top"}}))
	b.splitChart(s, ref(1, 3), "Where the issues split: share of the parties with a position on each stance", base, hr, first, last, height)
	if weighted {
		b.splitChart(s, ref(1, last+2), "Where the issues split, by weight: share of the parties' weight on each stance", wbase, hr, first, last, height)
	}
	b.printSetup(s, true, fmt.Sprintf("$%d:$%d", hr, hr), "")
}

// splitChart adds a 100% stacked bar chart at cell at, one bar per row
// first to last, one series per stance from the columns after base, named
// by the header row hr.
func (b *book) splitChart(s, at, title string, base, hr, first, last, height int) {
	var series []excelize.ChartSeries
	for k, st := range b.m.Scale.Stances {
		col := base + k + 1
		sr := excelize.ChartSeries{
			Name:       absRef(s, col, hr),
			Categories: absRange(s, 2, first, 2, last),
			Values:     absRange(s, col, first, col, last),
		}
		if hx, ok := hex(st.Color); ok {
			sr.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hx}}
			sr.DataLabel.Font = excelize.Font{Color: contrast(hx)}
		}
		series = append(series, sr)
	}
	gap := uint(40)
	overlap := 100
	one := 1.0
	zero := 0.0
	b.fail(b.f.AddChart(s, at, &excelize.Chart{
		Type:   excelize.BarPercentStacked,
		Series: series,
		Title:  chartTitle(title),
		Legend: excelize.ChartLegend{Position: "bottom"},
		XAxis:  excelize.ChartAxis{ReverseOrder: true, Font: axisFont},
		YAxis:  excelize.ChartAxis{MajorGridLines: true, Minimum: &zero, Maximum: &one, Font: axisFont},
		PlotArea: excelize.ChartPlotArea{ShowVal: true,
			NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0;-0;;@"}},
		GapWidth:  &gap,
		Overlap:   &overlap,
		Dimension: excelize.ChartDimension{Width: 760, Height: uint(height)},
		Format:    excelize.GraphicOptions{ScaleX: 1, ScaleY: 1},
	}))
}

// axisFont is the font of the charts' tick labels: dark enough to read
// when printed.
var axisFont = excelize.Font{Color: "404040", Size: 9}

// mapLabel is a party's label on the map: its name, or its short name when
// the map is crowded or the name long.
func mapLabel(p matrix.Party, points int) string {
	if p.Short != "" && (points > 15 || utf8.RuneCountInString(p.Name) > 24) {
		return p.Short
	}
	return p.Name
}

// Label boxes on the map, in pixels: a data label of 9 points is about 6
// pixels a character wide and 14 high; a marker reaches 6 pixels from its
// centre.
const (
	labelCharPx = 6.0
	labelPx     = 14.0
	markerPx    = 6.0
)

// labelSides are where a point's label may go, in order of preference:
// right, left, above, below (the values of dLblPos).
var labelSides = []string{"r", "l", "t", "b"}

// placeLabels picks, point by point, the side of each label that overlaps
// least the labels placed before it, the markers and the plot's edge, in a
// plot area of about w × h pixels spanning −lim..lim on both axes. The
// points are those of pm.Points with labels; it is an estimate (the
// spreadsheet lays out the chart), which keeps close parties' names apart.
func placeLabels(pts []matrix.Point, labels []string, lim, w, h float64) []string {
	if len(labels) != len(pts) || lim <= 0 || w <= 0 || h <= 0 {
		return nil
	}
	type box struct{ x0, y0, x1, y1 float64 }
	overlap := func(a, b box) float64 {
		dx := math.Min(a.x1, b.x1) - math.Max(a.x0, b.x0)
		dy := math.Min(a.y1, b.y1) - math.Max(a.y0, b.y0)
		if dx <= 0 || dy <= 0 {
			return 0
		}
		return dx * dy
	}
	px := make([][2]float64, len(pts))
	var taken []box
	for k, pt := range pts {
		px[k] = [2]float64{(pt.X + lim) / (2 * lim) * w, (lim - pt.Y) / (2 * lim) * h}
		taken = append(taken, box{px[k][0] - markerPx, px[k][1] - markerPx, px[k][0] + markerPx, px[k][1] + markerPx})
	}
	plot := box{0, 0, w, h}
	out := make([]string, len(pts))
	for k := range pts {
		lw := labelCharPx * float64(utf8.RuneCountInString(labels[k]))
		x, y := px[k][0], px[k][1]
		best, bestCost := "", math.Inf(1)
		var bestBox box
		for _, side := range labelSides {
			var bx box
			switch side {
			case "r":
				bx = box{x + markerPx, y - labelPx/2, x + markerPx + lw, y + labelPx/2}
			case "l":
				bx = box{x - markerPx - lw, y - labelPx/2, x - markerPx, y + labelPx/2}
			case "t":
				bx = box{x - lw/2, y - markerPx - labelPx, x + lw/2, y - markerPx}
			case "b":
				bx = box{x - lw/2, y + markerPx, x + lw/2, y + markerPx + labelPx}
			}
			cost := lw*labelPx - overlap(bx, plot) // outside the plot
			for j, t := range taken {
				if j != k {
					cost += overlap(bx, t)
				}
			}
			if cost < bestCost-1e-9 {
				best, bestCost, bestBox = side, cost, bx
			}
		}
		out[k] = best
		taken = append(taken, bestBox)
	}
	return out
}

// labelScatter gives each series of the package's scatter chart its own
// data label, at the side sides gives (excelize labels a scatter chart's
// points only as a whole, at one side).
func labelScatter(p *zipPackage, sides []string) {
	if len(sides) == 0 {
		return
	}
	for _, name := range p.names {
		if !strings.HasPrefix(name, "xl/charts/chart") {
			continue
		}
		part, _ := p.part(name)
		if !bytes.Contains(part, []byte("<scatterChart>")) {
			continue
		}
		var out bytes.Buffer
		k := 0
		rest := part
		for {
			i := bytes.Index(rest, []byte("</marker>"))
			if i < 0 || k >= len(sides) {
				break
			}
			i += len("</marker>")
			out.Write(rest[:i])
			out.WriteString(`<dLbls><txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:solidFill><a:srgbClr val="262626"/></a:solidFill></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></txPr>` +
				`<dLblPos val="` + sides[k] + `"/><showLegendKey val="0"/><showVal val="0"/><showCatName val="0"/><showSerName val="1"/><showPercent val="0"/><showBubbleSize val="0"/></dLbls>`)
			rest = rest[i:]
			k++
		}
		out.Write(rest)
		p.set(name, out.Bytes())
		return
	}
}

// fixCharts mends what excelize writes in the package's charts:
//   - a scatter chart's x values are a reference to text (a strRef), which
//     Excel takes for categories and plots at 1, 2, 3 … rather than at the
//     cells' values: they become a numRef;
//   - an axis title carries an empty text style that turns it upright
//     (rot="0"), so LibreOffice shows the vertical axis's title across:
//     it goes, and the title's own rotation holds;
//   - a bar's segments get a thin grey outline, so that a stance coloured
//     white (Conditional on the default scale) shows on the white plot.
func fixCharts(p *zipPackage) {
	for _, name := range p.names {
		if !strings.HasPrefix(name, "xl/charts/chart") {
			continue
		}
		part, _ := p.part(name)
		out := xValRef.ReplaceAll(part, []byte("<xVal><numRef><f>$1</f></numRef></xVal>"))
		out = bytes.ReplaceAll(out, []byte(`<txPr><a:bodyPr anchorCtr="false" rot="0" spcFirstLastPara="false"></a:bodyPr><a:p></a:p></txPr></title>`), []byte("</title>"))
		if bytes.Contains(out, []byte("<barChart>")) {
			out = bytes.ReplaceAll(out, []byte("</a:solidFill></spPr><invertIfNegative"),
				[]byte(`</a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln></spPr><invertIfNegative`))
		}
		p.set(name, out)
	}
}

var xValRef = regexp.MustCompile(`<xVal><strRef><f>([^<]*)</f></strRef></xVal>`)

// chartTitle is a chart's title in bold.
func chartTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text, Font: &excelize.Font{Bold: true, Size: 12}}}}
}

// absRef is the absolute reference of a cell of sheet, as a chart's
// series takes it: 'Map'!$A$5.
func absRef(sheet string, col, row int) string {
	return fmt.Sprintf("%s!$%s$%d", quoteSheet(sheet), colName(col), row)
}

// absRange is the absolute reference of a range of sheet.
func absRange(sheet string, c1, r1, c2, r2 int) string {
	return fmt.Sprintf("%s!$%s$%d:$%s$%d", quoteSheet(sheet), colName(c1), r1, colName(c2), r2)
}

// pctText is a share as a whole percentage: "45%".
func pctText(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) }

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// sortContentTypes puts the defaults of the package's content types in the
// order of their extensions and the overrides in the order of their part
// names: with charts, excelize writes them in an order that changes from
// run to run (it adds the image types from a map), and the report must be
// the same bytes for the same input.
func sortContentTypes(p *zipPackage) {
	const name = "[Content_Types].xml"
	ct, ok := p.part(name)
	if !ok {
		return
	}
	ct = sortElems(ct, defaultElem, `Extension="([^"]*)"`)
	ct = sortElems(ct, overrideElem, `PartName="([^"]*)"`)
	p.set(name, ct)
}

// sortElems returns doc with the elements that elem matches sorted by the
// value key captures, when they form one run; otherwise doc as it is.
func sortElems(doc []byte, elem *regexp.Regexp, key string) []byte {
	loc := elem.FindAllIndex(doc, -1)
	if len(loc) < 2 {
		return doc
	}
	start, end := loc[0][0], loc[len(loc)-1][1]
	elems := make([][]byte, len(loc))
	n := 0
	for k, l := range loc {
		elems[k] = doc[l[0]:l[1]]
		n += len(elems[k])
	}
	if n != end-start {
		return doc // not one run
	}
	keyRe := regexp.MustCompile(key)
	keyOf := func(e []byte) []byte {
		if m := keyRe.FindSubmatch(e); m != nil {
			return m[1]
		}
		return nil
	}
	sort.SliceStable(elems, func(i, j int) bool { return bytes.Compare(keyOf(elems[i]), keyOf(elems[j])) < 0 })
	var out bytes.Buffer
	out.Write(doc[:start])
	for _, e := range elems {
		out.Write(e)
	}
	out.Write(doc[end:])
	return out.Bytes()
}

var (
	defaultElem  = regexp.MustCompile(`<Default [^>]*(?:/>|></Default>)`)
	overrideElem = regexp.MustCompile(`<Override [^>]*(?:/>|></Override>)`)
)
