package matrix

import (
	"regexp"
	"strconv"
	"strings"
)

// KindUnknownStance is the kind of the problems "unknown stance …", in the
// Matrix, its snapshots and the Evidence sheet.
const KindUnknownStance = "unknown stance"

// kindPlurals are the plural nouns of the kinds that have a name; other
// kinds are summed up as "errors like …".
var kindPlurals = map[string]string{KindUnknownStance: "unknown stances"}

var (
	// reQuoted matches the quoted values of a message.
	reQuoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	// reValue matches the values of a message: quoted text and numbers.
	reValue = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|[0-9][0-9,.]*`)
	// reDidYouMean matches the suggestion at the end of a message.
	reDidYouMean = regexp.MustCompile(` \(did you mean [^)]*\)$`)
)

// KindOf returns the kind of p: p.Kind when set, else the message with its
// quoted values and numbers left out, so that the same message about other
// values is of the same kind.
func KindOf(p Problem) string {
	if p.Kind != "" {
		return p.Kind
	}
	return reValue.ReplaceAllString(reDidYouMean.ReplaceAllString(p.Msg, ""), "%v")
}

// kindText is how a summary names n problems of a kind: its plural noun,
// or "errors like" an example message with its quoted values and its
// suggestion left out.
func kindText(kind, example string, sev Severity, n int) string {
	if pl, ok := kindPlurals[kind]; ok {
		if n == 1 {
			return kind
		}
		return pl
	}
	what := sev.String()
	if n != 1 {
		what += "s"
	}
	return what + ` like "` + reQuoted.ReplaceAllString(reDidYouMean.ReplaceAllString(example, ""), "…") + `"`
}

// Omitted counts the problems of one kind in one sheet of one file that Cap
// left out.
type Omitted struct {
	File     string
	Sheet    string // empty for problems of the whole file
	Severity Severity
	Kind     string
	Example  string // the message of the first problem left out
	Count    int
}

// String returns the summary line, e.g. `ukraine.xlsx: … and 136,129 more
// unknown stances in Matrix`.
func (o Omitted) String() string {
	var b strings.Builder
	if o.File != "" {
		b.WriteString(o.File)
		b.WriteString(": ")
	}
	b.WriteString("… and ")
	b.WriteString(groupThousands(o.Count))
	b.WriteString(" more ")
	b.WriteString(kindText(o.Kind, o.Example, o.Severity, o.Count))
	if o.Sheet != "" {
		b.WriteString(" in ")
		b.WriteString(o.Sheet)
	}
	return b.String()
}

// groupThousands writes n with a comma between groups of three digits.
func groupThousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupThousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// Cap returns at most n of the problems, in their order, and counts the
// rest by file, sheet and kind; n <= 0 keeps all. Errors are kept before
// any warning, so a warning never hides an error. Among problems of one
// severity the first of each kind (and the first of each kind with a hint)
// is kept before the rest, so one frequent mistake does not hide another;
// then the rest in order. The counts list errors first, then warnings, each
// in the order of the first problem left out.
func (ps Problems) Cap(n int) (Problems, []Omitted) {
	if n <= 0 || len(ps) <= n {
		return ps, nil
	}
	keep := make([]bool, len(ps))
	kinds := make([]string, len(ps))
	for i, p := range ps {
		kinds[i] = KindOf(p)
	}
	left := n
	pick := func(i int) {
		if left > 0 && !keep[i] {
			keep[i] = true
			left--
		}
	}
	for _, sev := range []Severity{Error, Warning} {
		first := map[string]bool{}
		hinted := map[string]bool{}
		for i, p := range ps {
			if p.Severity != sev {
				continue
			}
			if k := kinds[i]; !first[k] {
				first[k] = true
				pick(i)
			}
			if k := kinds[i]; p.Hint != "" && !hinted[k] {
				hinted[k] = true
				pick(i)
			}
		}
		for i, p := range ps {
			if p.Severity == sev {
				pick(i)
			}
		}
	}
	type key struct {
		file, sheet, kind string
		sev               Severity
	}
	shown := make(Problems, 0, n)
	var errs, warns []Omitted
	at := map[key]int{} // index in errs or warns
	for i, p := range ps {
		if keep[i] {
			shown = append(shown, p)
			continue
		}
		k := key{p.File, p.Sheet, kinds[i], p.Severity}
		list := &errs
		if p.Severity == Warning {
			list = &warns
		}
		j, ok := at[k]
		if !ok {
			j = len(*list)
			at[k] = j
			*list = append(*list, Omitted{File: p.File, Sheet: p.Sheet, Severity: p.Severity, Kind: kinds[i], Example: p.Msg})
		}
		(*list)[j].Count++
	}
	return shown, append(errs, warns...)
}
