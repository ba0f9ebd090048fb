package docs

import (
	"cmp"
	"slices"
	"sort"
)

// Severities of a finding.
const (
	SeverityError   = "error"   // breaks a rule of GB/T 1.1-2020; a text with errors cannot be submitted
	SeverityWarning = "warning" // most likely a fault the reviewers will send back
	SeverityInfo    = "info"    // worth a second look
)

// Finding is one fault the structure check found in a text.
type Finding struct {
	Severity  string `json:"severity"`   // one of the Severity constants
	Rule      string `json:"rule"`       // stable id: "numbering.gap", "wording.must" …
	Clause    string `json:"clause"`     // number of the clause holding Line, "" for the whole text
	Line      int    `json:"line"`       // 1-based line in the text, front matter counted
	Message   string `json:"message"`    // what is wrong and what to do, in Chinese
	MessageEN string `json:"message_en"` // the same in English
}

// Lint checks a text against the structure and drafting rules of
// GB/T 1.1-2020: the elements and their order, the numbering of chapters,
// clauses, annexes and terms, the modal verbs and the normative references.
// Findings come sorted by line, then severity. The explanatory part that
// may follow the normative text (起草说明, 条文说明 …) is not checked.
func Lint(text string) []Finding {
	d := newLintDoc(text)
	checks := lintChecks
	if d.rules == RulesEngineering {
		checks = engineeringChecks
	}
	for _, check := range checks {
		check(d)
	}
	SortFindings(d.findings)
	if d.findings == nil {
		return []Finding{}
	}
	return d.findings
}

var lintChecks = []func(*lintDoc){
	(*lintDoc).checkElements,
	(*lintDoc).checkForeword,
	(*lintDoc).checkNumbering,
	(*lintDoc).checkHeadings,
	(*lintDoc).checkAnnexes,
	(*lintDoc).checkTerms,
	(*lintDoc).checkWording,
	(*lintDoc).checkReferences,
	(*lintDoc).checkContent,
	(*lintDoc).checkTables,
	(*lintDoc).checkDefinitions,
	(*lintDoc).checkHanging,
	(*lintDoc).checkLaws,
	(*lintDoc).checkForewordItems,
	(*lintDoc).checkPlaceholders,
}

var severityRank = map[string]int{SeverityError: 0, SeverityWarning: 1, SeverityInfo: 2}

// SortFindings orders findings by line, severity, rule and message, so that
// the order never depends on how the checks ran.
func SortFindings(fs []Finding) {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line),
			cmp.Compare(severityRank[a.Severity], severityRank[b.Severity]),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
	})
}

// add records a finding at a line, for the clause that holds it.
func (d *lintDoc) add(severity, rule string, line int, zh, en string) {
	line = d.clampLine(line)
	d.findings = append(d.findings, Finding{Severity: severity, Rule: rule,
		Clause: d.clauseAt(line), Line: line, Message: zh, MessageEN: en})
}

// addWhole records a finding about the text as a whole, shown at a line.
func (d *lintDoc) addWhole(severity, rule string, line int, zh, en string) {
	d.findings = append(d.findings, Finding{Severity: severity, Rule: rule,
		Line: d.clampLine(line), Message: zh, MessageEN: en})
}

// clampLine keeps a line within the text.
func (d *lintDoc) clampLine(line int) int {
	return min(max(line, 1), len(d.lines))
}

// clauseAt returns the number of the clause whose text holds the line.
func (d *lintDoc) clauseAt(line int) string {
	i := sort.Search(len(d.clauses), func(i int) bool { return d.clauses[i].Line > line })
	if i == 0 {
		return ""
	}
	return d.clauses[i-1].Number
}
