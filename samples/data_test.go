package samples_test

import (
	"time"

	"github.com/stancematrix/stancematrix/matrix"
)

// The sample data. Every filled cell is backed by a sentence of the NBC News
// report of 23 April 2025 on the collapse of the London talks; the curation
// (which sentence backs which cell) is recorded in the evidence rows below
// and in the project notes. Quotes are verbatim, curly quotes and all:
// TestQuotesAreVerbatim checks them against the article when it is present.

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

var (
	// tuesday and wednesday are the days the article names; statements it
	// dates only as "last week", or not at all, carry the article's own date.
	tuesday   = date(2025, 4, 22)
	wednesday = date(2025, 4, 23)
	article   = date(2025, 4, 23)
)

const (
	nbc = "NBC News"

	// Sentences of the article quoted by more than one evidence row.
	termsSheet = "Under a “terms sheet” offered by Rubio and Witkoff, a land-for-peace deal would recognize Russia’s currently illegal annexation of Crimea and work toward lifting European Union sanctions on Russia."
	rejected   = "Both parties have since rejected the terms."
	coalition  = "Before Rubio and Witkoff changed their plans, Britain and France — two leaders of Europe’s “coalition of the willing” — had originally hoped instead to negotiate security guarantees and reconstruction projects with the U.S., and provide details of plans to ramp up their defense spending."
)

// Party and issue names used in cells and evidence.
const (
	us, ua, ru, uk, fr, de, eu = "United States", "Ukraine", "Russia", "United Kingdom", "France", "Germany", "European Union"

	crimea     = "Recognition of Russian control of Crimea"
	freeze     = "Halting fighting along current front lines"
	sanctions  = "Lifting EU sanctions on Russia"
	terms      = "US land-for-peace terms sheet"
	nato       = "NATO membership for Ukraine"
	guarantees = "Security guarantees for Ukraine"
	rebuild    = "Reconstruction projects"
	defence    = "Ramping up European defence spending"
	bilateral  = "Bilateral Putin–Zelenskyy ceasefire talks"
	london     = "Multilateral talks in the London format"
	mediation  = "Continued US-led mediation"
)

type cellSpec struct {
	issue, party, stance, note string
}

// ukraineCurrent is the Matrix sheet: the positions as of 23 April 2025.
var ukraineCurrent = []cellSpec{
	{crimea, us, "Supports", "The US itself proposed it, in the terms sheet Rubio and Witkoff offered in Paris."},
	{crimea, ua, "Opposes", "Zelenskyy ruled out giving up Ukraine’s claim to Crimea as against the Constitution."},

	{freeze, ua, "Leans oppose", "Leans oppose, not Opposes: Zelenskyy has not responded to Putin’s reported offer; Deputy Prime Minister Svyrydenko wrote that Ukrainians will not accept “a frozen conflict disguised as peace”."},
	{freeze, ru, "Supports", "Putin’s own offer, as the Financial Times reported it; the article quotes no Kremlin confirmation."},

	{sanctions, us, "Supports", "Proposed in the US terms sheet; the article gives no position of the EU itself."},

	{terms, us, "Supports", "Offered by Rubio and Witkoff in Paris the week before."},
	{terms, ua, "Opposes", "The article says “both parties” rejected the terms; Ukraine is one of them on any reading."},
	{terms, ru, "Unclear", "“Both parties have since rejected the terms”: the article does not make clear whether Russia is one of the two."},

	{guarantees, uk, "Supports", "One of the aims Britain brought to the London talks, with France."},
	{guarantees, fr, "Supports", "One of the aims France brought to the London talks, with Britain."},

	{defence, uk, "Supports", "Its own plans, which Britain meant to present at the London talks."},
	{defence, fr, "Supports", "Its own plans, which France meant to present at the London talks."},

	{rebuild, uk, "Supports", "One of the aims Britain brought to the London talks, with France."},
	{rebuild, fr, "Supports", "One of the aims France brought to the London talks, with Britain."},

	{bilateral, ru, "Leans support", "“Open to” such talks, suggested for the first time: Leans support rather than Supports, as the article reports openness, not a commitment."},

	{london, us, "Unclear", "Rubio and Witkoff pulled out; the State Department called it a scheduling matter, not a statement about the meetings. An analyst (Bence Németh, King’s College London) read it as disinterest in drawn-out multilateral negotiations."},
	{london, ua, "Supports", "Yermak, Sybiha and Umerov came to London and were to sit down with Kellogg and the British foreign and defence ministers."},
	{london, uk, "Supports", "The talks were in London and the British Foreign Ministry announced their postponement; British ministers were still to meet the Ukrainian delegation."},
	{london, fr, "Leans support", "Barrot said Europe would make its “red lines” clear to the US; he then could not travel to London because of a scheduling conflict."},

	{mediation, us, "Conditional", "Rubio suggested the US may walk away from ceasefire efforts failing further progress; Putin still plans another meeting with Witkoff (Tass)."},
	{mediation, ua, "Supports", "Yermak still planned to meet US envoy Keith Kellogg in London after the ministerial talks fell apart."},
	{mediation, ru, "Supports", "Peskov welcomed the Trump administration’s continuing mediation efforts; Putin plans another meeting with Witkoff."},
}

// ukraineChanges are the cells of the Matrix 2025-04-16 snapshot that differ
// from the current matrix: only where the article says a position changed.
var ukraineChanges = []cellSpec{
	{bilateral, ru, "Leans oppose", "Before 22 April Putin had not suggested he was open to bilateral talks with Zelenskyy (the article: “for the first time”). Recorded conservatively as Leans oppose, not Opposes: the article quotes no earlier refusal."},
}

// UkrainePeaceTalks returns the matrix of samples/ukraine-peace-talks.xlsx.
func ukrainePeaceTalks() *matrix.Matrix {
	m := &matrix.Matrix{
		Scale: matrix.DefaultScale(),
		About: matrix.About{
			Title:          "Ukraine peace talks: positions after the London talks",
			Subtitle:       "Seven parties on eleven issues, as reported the day the London ministerial talks fell apart",
			AsOf:           article,
			Author:         "stancematrix sample",
			Organisation:   "stancematrix project",
			Classification: "Sample — curated from public reporting",
			Footer:         "Source: NBC News, 23 April 2025",
			Notes: "Curated from the NBC News report of 23 April 2025 on the collapse of the London talks, and from the reports by the Financial Times, Sky News and Tass that it cites. " +
				"Quotes are verbatim. A cell is filled only where the article supports it; a blank cell means the article records no position, and Germany and the European Union have none. " +
				"Evidence is dated by the day of the statement where the article names it (“Tuesday” = 22 April 2025, “Wednesday” = 23 April 2025), otherwise by the article’s date. " +
				"Where a quote is the reporter’s sentence rather than the speaker’s own words, Speaker is left blank and the summary names who said it. " +
				"The snapshot Matrix 2025-04-16 differs from the current matrix only where the article says a position changed: Russia on bilateral talks with Zelenskyy.",
		},
		Parties: []matrix.Party{
			{Name: us, Short: "US", Group: "United States", Weight: 1,
				Description: "The Trump administration: Rubio and Witkoff offered the land-for-peace terms sheet and then pulled out of the London talks; envoy Keith Kellogg still planned to meet the Ukrainian delegation."},
			{Name: ua, Short: "UA", Group: "Parties to the war", Weight: 1,
				Description: "President Zelenskyy’s government; chief of staff Yermak, Foreign Minister Sybiha and Defence Minister Umerov came to London."},
			{Name: ru, Short: "RU", Group: "Parties to the war", Weight: 1,
				Description: "President Putin’s government; Dmitry Peskov is the Kremlin spokesperson."},
			{Name: uk, Short: "UK", Group: "Coalition of the willing", Weight: 1,
				Description: "Where the talks were to be held; with France one of the two leaders of Europe’s “coalition of the willing”."},
			{Name: fr, Short: "FR", Group: "Coalition of the willing", Weight: 1,
				Description: "With Britain one of the two leaders of Europe’s “coalition of the willing”; Foreign Minister Barrot did not travel to London."},
			{Name: de, Short: "DE", Group: "Other European", Weight: 1,
				Description: "Its top officials confirmed their absence from the London meeting; the article records no German position."},
			{Name: eu, Short: "EU", Group: "Other European", Weight: 1,
				Description: "Its sanctions on Russia are at stake in the US terms sheet; the article records no position of the EU itself."},
		},
		Issues: []matrix.Issue{
			{Name: crimea, Short: "Crimea", Category: "Territory", Weight: 1,
				Description: "Whether a deal recognises Russia’s annexation of Crimea, as the US terms sheet proposes."},
			{Name: freeze, Short: "Freeze", Category: "Territory", Weight: 1,
				Description: "A halt to the fighting where the front lines now run, leaving around a fifth of Ukraine’s territory in Russian hands."},
			{Name: sanctions, Short: "Sanctions", Category: "Sanctions", Weight: 1,
				Description: "Working toward lifting European Union sanctions on Russia, as the US terms sheet proposes."},
			{Name: terms, Short: "Terms sheet", Category: "Settlement", Weight: 1,
				Description: "The “terms sheet” Rubio and Witkoff presented in Paris the week before: a land-for-peace deal recognising Russia’s annexation of Crimea and working toward lifting EU sanctions."},
			{Name: nato, Short: "NATO", Category: "Security", Weight: 1,
				Description: "Ukraine joining NATO. The article carries only an analyst’s view (Matthew Savill, RUSI: Ukraine is unlikely to be a member anytime soon), no party’s position."},
			{Name: guarantees, Short: "Guarantees", Category: "Security", Weight: 1,
				Description: "Security guarantees for Ukraine, which Britain and France hoped to negotiate with the US in London."},
			{Name: defence, Short: "Defence spending", Category: "Security", Weight: 1,
				Description: "Britain and France ramping up their own defence spending."},
			{Name: rebuild, Short: "Reconstruction", Category: "Economy", Weight: 1,
				Description: "Reconstruction projects in Ukraine, which Britain and France hoped to negotiate with the US in London."},
			{Name: bilateral, Short: "Bilateral talks", Category: "Process", Weight: 1,
				Description: "Direct ceasefire talks between Presidents Putin and Zelenskyy."},
			{Name: london, Short: "London talks", Category: "Process", Weight: 1,
				Description: "Ministerial talks of the US, Ukraine and European powers, as planned in London for 23 April 2025 and postponed."},
			{Name: mediation, Short: "US mediation", Category: "Process", Weight: 1,
				Description: "The US continuing to broker talks between Kyiv and Moscow (Witkoff, Kellogg)."},
		},
		Evidence: []matrix.Evidence{
			{Party: us, Issue: crimea, Stance: "Supports", Date: article, Source: nbc,
				Summary: "The terms sheet Rubio and Witkoff offered would recognise Russia’s annexation of Crimea",
				Quote:   termsSheet},
			{Party: ua, Issue: crimea, Stance: "Opposes", Date: tuesday, Source: nbc,
				Summary: "Zelenskyy rejected the suggestion that Ukraine would give up its claim to Crimea",
				Quote:   "There’s nothing to talk about here", Speaker: "Volodymyr Zelenskyy, President of Ukraine"},
			{Party: ua, Issue: crimea, Stance: "Opposes", Date: tuesday, Source: nbc,
				Summary: "Zelenskyy on giving up Crimea, in a media conference",
				Quote:   "This is against our Constitution.", Speaker: "Volodymyr Zelenskyy, President of Ukraine"},

			{Party: ua, Issue: freeze, Stance: "Leans oppose", Date: article, Source: nbc,
				Summary: "Deputy Prime Minister Svyrydenko, in a post on X, rejected a frozen conflict",
				Quote:   "Our people will not accept a frozen conflict disguised as peace", Speaker: "Yulia Svyrydenko, Deputy Prime Minister of Ukraine"},
			{Party: ru, Issue: freeze, Stance: "Supports", Date: tuesday, Source: "Financial Times via NBC News",
				Summary: "The Financial Times reported that Putin offered to halt fighting along current front lines",
				Quote:   "The Financial Times reported Tuesday that Putin had also offered to halt fighting along current front lines, leaving around a fifth of Ukraine’s territory in Russian hands."},

			{Party: us, Issue: sanctions, Stance: "Supports", Date: article, Source: nbc,
				Summary: "The terms sheet Rubio and Witkoff offered would work toward lifting EU sanctions on Russia",
				Quote:   termsSheet},

			{Party: us, Issue: terms, Stance: "Supports", Date: article, Source: nbc,
				Summary: "Rubio and Witkoff offered the land-for-peace terms sheet",
				Quote:   termsSheet},
			{Party: ua, Issue: terms, Stance: "Opposes", Date: article, Source: "Sky News via NBC News",
				Summary: "Sky News reported that both sides saw the US proposals presented in Paris as unacceptable",
				Quote:   "Expectations that Kyiv and Moscow would make a deal to end their three-year war this week remained low after the U.S. presented Ukraine and its European allies with peace proposals last week in Paris that both sides saw as unacceptable, according to NBC News’ international partner, Sky News."},
			{Party: ua, Issue: terms, Stance: "Opposes", Date: article, Source: nbc,
				Summary: "The terms sheet was rejected by “both parties”",
				Quote:   rejected},
			{Party: ru, Issue: terms, Stance: "Unclear", Date: article, Source: nbc,
				Summary: "The terms sheet was rejected by “both parties”; the article does not say whether Russia is one of them",
				Quote:   rejected},

			{Party: uk, Issue: guarantees, Stance: "Supports", Date: article, Source: nbc,
				Summary: "Britain had hoped to negotiate security guarantees with the US",
				Quote:   coalition},
			{Party: fr, Issue: guarantees, Stance: "Supports", Date: article, Source: nbc,
				Summary: "France had hoped to negotiate security guarantees with the US",
				Quote:   coalition},
			{Party: uk, Issue: defence, Stance: "Supports", Date: article, Source: nbc,
				Summary: "Britain planned to give details of plans to ramp up its defence spending",
				Quote:   coalition},
			{Party: fr, Issue: defence, Stance: "Supports", Date: article, Source: nbc,
				Summary: "France planned to give details of plans to ramp up its defence spending",
				Quote:   coalition},
			{Party: uk, Issue: rebuild, Stance: "Supports", Date: article, Source: nbc,
				Summary: "Britain had hoped to negotiate reconstruction projects with the US",
				Quote:   coalition},
			{Party: fr, Issue: rebuild, Stance: "Supports", Date: article, Source: nbc,
				Summary: "France had hoped to negotiate reconstruction projects with the US",
				Quote:   coalition},
			{Party: ru, Issue: bilateral, Stance: "Leans support", Date: tuesday, Source: nbc,
				Summary: "Putin suggested for the first time that he would be open to bilateral ceasefire talks with Zelenskyy",
				Quote:   "After months of upbeat statements on indirect U.S.-led talks, but limited practical engagement, Russian President Vladimir Putin on Tuesday suggested for the first time that he would be open to bilateral ceasefire talks with Zelenskyy."},

			{Party: us, Issue: london, Stance: "Unclear", Date: tuesday, Source: nbc,
				Summary: "State Department spokesperson Tammy Bruce said Rubio’s absence was about his schedule, not the meetings",
				Quote:   "That is not a statement regarding the meetings. It’s a statement about logistical issues in his schedule", Speaker: "Tammy Bruce, State Department spokesperson"},
			{Party: ua, Issue: london, Stance: "Supports", Date: wednesday, Source: nbc,
				Summary: "Foreign Minister Sybiha said the Ukrainian delegation would meet Kellogg and the British foreign and defence ministers",
				Quote:   "As well as meeting with Kellogg, Ukrainian Foreign Minister Andrii Sybiha said in a post on X that he, Yermak and Defense Minister Rustem Umerov would sit down with the British foreign and defense ministers."},
			{Party: uk, Issue: london, Stance: "Supports", Date: wednesday, Source: nbc,
				Summary: "The British Foreign Ministry announced that the foreign ministers’ meeting in London was postponed",
				Quote:   "the Ukraine peace talks meeting with foreign ministers today is being postponed", Speaker: "British Foreign Ministry, statement"},
			{Party: fr, Issue: london, Stance: "Leans support", Date: tuesday, Source: nbc,
				Summary: "Foreign Minister Barrot said Europe would try to make clear to the US its red lines in any negotiations and settlement with Russia",
				Quote:   "red lines", Speaker: "Jean-Noel Barrot, French Foreign Minister"},

			{Party: us, Issue: mediation, Stance: "Conditional", Date: article, Source: nbc,
				Summary: "Rubio suggested the US may walk away from ceasefire efforts without further progress",
				Quote:   "Rubio suggested last week that the United States may walk away from ceasefire efforts, failing any further progress."},
			{Party: ua, Issue: mediation, Stance: "Supports", Date: wednesday, Source: nbc,
				Summary: "Yermak, in London to meet US envoy Keith Kellogg, in a post on X",
				Quote:   "Despite everything, we continue working for peace", Speaker: "Andriy Yermak, Ukrainian presidential chief of staff"},
			{Party: ru, Issue: mediation, Stance: "Supports", Date: wednesday, Source: nbc,
				Summary: "Peskov welcomed the Trump administration’s continuing mediation efforts",
				Quote:   "We continue our contacts", Speaker: "Dmitry Peskov, Kremlin spokesperson"},
			{Party: ru, Issue: mediation, Stance: "Supports", Date: article, Source: "Tass via NBC News",
				Summary: "Tass reported that Putin still plans another meeting with Witkoff in Moscow this week",
				Quote:   "Despite the collapse of Wednesday’s talks, Putin is still planning on another meeting with Witkoff in Moscow this week, according to the Russian news agency Tass."},
		},
	}
	// The analyst's own judgements (the Findings sheet), drawn from the
	// article without quoting it.
	m.Findings = []matrix.Finding{
		{Text: "Crimea is the sticking point: the US terms sheet would recognise Russia’s annexation, and Zelenskyy rejected giving up Ukraine’s claim the day before the London talks were postponed.",
			Issue: crimea, Parties: []string{us, ua}, Order: 1, HasOrder: true},
		{Text: "Britain and France lead the European side, but on security guarantees, defence spending and reconstruction the article records only their own positions; the matrix cannot say where the rest of Europe stands.",
			Parties: []string{uk, fr}, Order: 2, HasOrder: true},
	}
	cells(m, ukraineCurrent, nil)
	snap := &matrix.Matrix{Scale: m.Scale, About: m.About, Parties: m.Parties, Issues: m.Issues}
	cells(snap, ukraineCurrent, ukraineChanges)
	m.Snapshots = []matrix.Snapshot{{Date: date(2025, 4, 16), Sheet: "Matrix 2025-04-16", Matrix: snap}}
	return m
}

// customScale returns the matrix of samples/custom-scale.xlsx: a smaller
// cut of the same article on a three-point scale with an off-axis label.
func customScale() *matrix.Matrix {
	const offer = "Putin’s offer to halt fighting along current front lines"
	m := &matrix.Matrix{
		Scale: matrix.Scale{Stances: []matrix.Stance{
			{Label: "Agree", Score: 1, HasScore: true, Color: "#4575B4", Symbol: "+", Aliases: []string{"Yes", "Agrees", "Pro"},
				Description: "Agrees with the proposal"},
			{Label: "Neutral", Score: 0, HasScore: true, Color: "#FFFFBF", Symbol: "o", Aliases: []string{"Undecided", "Mixed"},
				Description: "Neither agrees nor disagrees"},
			{Label: "Disagree", Score: -1, HasScore: true, Color: "#D73027", Symbol: "−", Aliases: []string{"No", "Disagrees", "Against"},
				Description: "Disagrees with the proposal"},
			{Label: "No comment", Color: "#BDBDBD", Symbol: "·", Aliases: []string{"No response", "Silent"},
				Description: "Has not responded to the proposal"},
		}},
		About: matrix.About{
			Title:          "Ukraine peace talks on a three-point scale",
			Subtitle:       "A smaller sample with its own Scale sheet",
			AsOf:           article,
			Author:         "stancematrix sample",
			Organisation:   "stancematrix project",
			Classification: "Sample — curated from public reporting",
			Notes: "Curated from the NBC News report of 23 April 2025 (see ukraine-peace-talks.xlsx). " +
				"Shows a custom scale: Agree, Neutral and Disagree on the axis, and “No comment”, shown but left out of numeric analysis.",
		},
		Parties: []matrix.Party{
			{Name: us, Short: "US", Weight: 1},
			{Name: ua, Short: "UA", Weight: 1},
			{Name: ru, Short: "RU", Weight: 1},
		},
		Issues: []matrix.Issue{
			{Name: crimea, Short: "Crimea", Category: "Territory", Weight: 1,
				Description: "Whether a deal recognises Russia’s annexation of Crimea, as the US terms sheet proposes."},
			{Name: offer, Short: "Front-line offer", Category: "Territory", Weight: 1,
				Description: "Putin’s offer, reported by the Financial Times, to halt fighting along current front lines."},
			{Name: bilateral, Short: "Bilateral talks", Category: "Process", Weight: 1,
				Description: "Direct ceasefire talks between Presidents Putin and Zelenskyy."},
			{Name: mediation, Short: "US mediation", Category: "Process", Weight: 1,
				Description: "The US continuing to broker talks between Kyiv and Moscow."},
		},
		Evidence: []matrix.Evidence{
			{Party: us, Issue: crimea, Stance: "Agree", Date: article, Source: nbc,
				Summary: "The terms sheet Rubio and Witkoff offered would recognise Russia’s annexation of Crimea",
				Quote:   termsSheet},
			{Party: ua, Issue: crimea, Stance: "Disagree", Date: tuesday, Source: nbc,
				Summary: "Zelenskyy on giving up Crimea, in a media conference",
				Quote:   "This is against our Constitution.", Speaker: "Volodymyr Zelenskyy, President of Ukraine"},
			{Party: ua, Issue: offer, Stance: "No comment", Date: article, Source: nbc,
				Summary: "Zelenskyy has not responded to Putin’s reported offer",
				Quote:   "Zelenskyy has not responded to such a suggestion but he rejected the suggestion Tuesday that his country would give up its claim to Crimea."},
			{Party: ru, Issue: offer, Stance: "Agree", Date: tuesday, Source: "Financial Times via NBC News",
				Summary: "The Financial Times reported that Putin offered to halt fighting along current front lines",
				Quote:   "The Financial Times reported Tuesday that Putin had also offered to halt fighting along current front lines, leaving around a fifth of Ukraine’s territory in Russian hands."},
			{Party: ru, Issue: bilateral, Stance: "Agree", Date: tuesday, Source: nbc,
				Summary: "Putin suggested for the first time that he would be open to bilateral ceasefire talks with Zelenskyy",
				Quote:   "After months of upbeat statements on indirect U.S.-led talks, but limited practical engagement, Russian President Vladimir Putin on Tuesday suggested for the first time that he would be open to bilateral ceasefire talks with Zelenskyy."},
			{Party: us, Issue: mediation, Stance: "Agree", Date: article, Source: nbc,
				Summary: "The Trump administration doubled down its efforts to push Kyiv and Moscow toward a truce",
				Quote:   "The setback comes during a week in which the Trump administration has doubled down its efforts to push Kyiv and Moscow toward a truce."},
			{Party: ua, Issue: mediation, Stance: "Agree", Date: wednesday, Source: nbc,
				Summary: "Yermak, in London to meet US envoy Keith Kellogg, in a post on X",
				Quote:   "Despite everything, we continue working for peace", Speaker: "Andriy Yermak, Ukrainian presidential chief of staff"},
			{Party: ru, Issue: mediation, Stance: "Agree", Date: wednesday, Source: nbc,
				Summary: "Peskov welcomed the Trump administration’s continuing mediation efforts",
				Quote:   "We continue our contacts", Speaker: "Dmitry Peskov, Kremlin spokesperson"},
		},
	}
	cells(m, []cellSpec{
		{crimea, us, "Agree", "The US terms sheet would recognise Russia’s annexation of Crimea."},
		{crimea, ua, "Disagree", "Zelenskyy rejected giving up Ukraine’s claim to Crimea."},
		{offer, ua, "No comment", "Zelenskyy has not responded to the offer."},
		{offer, ru, "Agree", "Putin made the offer, as the Financial Times reported."},
		{bilateral, ru, "Agree", "Putin suggested for the first time that he would be open to such talks."},
		{mediation, us, "Agree", "The administration doubled down its efforts toward a truce, though Rubio suggested the US may walk away failing further progress."},
		{mediation, ua, "Agree", "Yermak still planned to meet US envoy Keith Kellogg in London."},
		{mediation, ru, "Agree", "Peskov welcomed the Trump administration’s continuing mediation efforts."},
	}, nil)
	return m
}

// cells builds the [issue][party] grid of m from specs, then applies
// overrides (cells that differ in a snapshot). It panics on a name that is
// not in m, so a typo in the data fails every test.
func cells(m *matrix.Matrix, specs, overrides []cellSpec) *matrix.Matrix {
	g := make([][]matrix.Cell, len(m.Issues))
	for i := range g {
		g[i] = make([]matrix.Cell, len(m.Parties))
	}
	for _, list := range [][]cellSpec{specs, overrides} {
		for _, s := range list {
			i, p := m.IssueIndex(s.issue), m.PartyIndex(s.party)
			if i < 0 || p < 0 {
				panic("sample data: unknown issue or party in " + s.issue + " / " + s.party)
			}
			g[i][p] = matrix.Cell{Stance: s.stance, Note: s.note}
		}
	}
	return m.SetCells(g)
}

// sample is one generated sample workbook.
type sample struct {
	file  string
	build func() *matrix.Matrix
}

var generated = []sample{
	{"ukraine-peace-talks.xlsx", ukrainePeaceTalks},
	{"custom-scale.xlsx", customScale},
}
