package web

import (
	_ "embed"
	"strings"
	"sync"
)

// The code lists: ICS (International Classification for Standards) and
// CCS (China Classification for Standards), from metanorma/isoics and
// metanorma/cnccs (BSD-2-Clause, see codes/LICENSE). A line is a code and
// its names, tab-separated: ICS has the Chinese name of the first-level
// fields and the English name of every code, CCS the Chinese name of its
// categories, classes and codes.
var (
	//go:embed codes/ics.tsv
	icsTable string
	//go:embed codes/ccs.tsv
	ccsTable string
)

// Code is one entry of a code list, named in the page's language.
type Code struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// codeEntry is a code with its names: Chinese (may be empty) and English
// (may be empty).
type codeEntry struct{ code, zh, en string }

// CodeList is one classification.
type CodeList struct {
	table   string
	head    func(code string) bool // the codes Heads lists
	once    sync.Once
	entries []codeEntry
	byCode  map[string]int
}

// ICS and CCS are the two classifications a standard carries.
var (
	ICS = &CodeList{table: icsTable, head: func(c string) bool { return len(c) == 2 }}
	CCS = &CodeList{table: ccsTable, head: func(c string) bool { return strings.Contains(c, "/") }}
)

// CodeLists names the lists as the API and the forms name the fields.
var CodeLists = map[string]*CodeList{"ics": ICS, "ccs": CCS}

func (l *CodeList) load() {
	l.once.Do(func() {
		l.byCode = map[string]int{}
		for _, line := range strings.Split(strings.TrimSpace(l.table), "\n") {
			f := strings.Split(line, "\t")
			e := codeEntry{code: f[0], zh: f[1]}
			if len(f) > 2 {
				e.en = f[2]
			}
			l.byCode[e.code] = len(l.entries)
			l.entries = append(l.entries, e)
		}
	})
}

func (e codeEntry) named(lang string) Code {
	name := e.zh
	if name == "" || lang == "en" && e.en != "" {
		name = e.en
	}
	return Code{Code: e.code, Name: name}
}

// Len counts the codes of the list.
func (l *CodeList) Len() int { l.load(); return len(l.entries) }

// Lookup returns the entry of a code, named in the language.
func (l *CodeList) Lookup(code, lang string) (Code, bool) {
	l.load()
	i, ok := l.byCode[code]
	if !ok {
		return Code{}, false
	}
	return l.entries[i].named(lang), true
}

// Search returns up to limit entries for what a user types: first the
// codes that begin with it (letters in any case), then those whose Chinese
// or English name holds it, each in list order.
func (l *CodeList) Search(q, lang string, limit int) []Code {
	l.load()
	q = strings.TrimSpace(q)
	if q == "" || limit <= 0 {
		return []Code{}
	}
	upper, lower := strings.ToUpper(q), strings.ToLower(q)
	out := []Code{}
	var byName []Code
	for _, e := range l.entries {
		switch {
		case strings.HasPrefix(e.code, upper):
			out = append(out, e.named(lang))
		case len(byName) < limit && (strings.Contains(e.zh, q) || strings.Contains(strings.ToLower(e.en), lower)):
			byName = append(byName, e.named(lang))
		}
		if len(out) >= limit {
			return out
		}
	}
	out = append(out, byName...)
	return out[:min(len(out), limit)]
}

// Heads lists the codes a form offers before anything is typed: the ICS
// fields (first level), the CCS classes (A00/09 …).
func (l *CodeList) Heads(lang string) []Code {
	l.load()
	var out []Code
	for _, e := range l.entries {
		if l.head(e.code) {
			out = append(out, e.named(lang))
		}
	}
	return out
}
