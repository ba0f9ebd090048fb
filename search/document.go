package search

import (
	"strings"

	"norma/docs"
	"norma/workflow"
)

// NewDocument builds the index document of a standard from its latest text
// and the accounts assigned to review it; its Readers are the standard's
// reader keys (workflow.Readers).
func NewDocument(st *workflow.Standard, body string, experts []*workflow.User) Document {
	d := Document{ID: st.ID, Number: st.Number, Title: st.Title, TitleEN: st.TitleEN,
		Level: string(st.Level), Region: st.Region, Category: st.Category, State: string(st.State),
		Status: string(st.Status), ICS: st.ICS, CCS: st.CCS, IssueDate: st.IssueDate,
		UpdatedAt: st.UpdatedAt, Body: docs.PlainText(body), TextHash: workflow.Hash(body)}
	d.NumberKeys = NumberKeys(st.Number)
	if st.IsAmendment() {
		d.NumberKeys = append(d.NumberKeys, SheetKeys([]string{st.Number})...)
	}
	rs := workflow.Readers(st, experts)
	d.Readers = rs.Keys()
	if rs.PublicFrom != nil && rs.PublicUntil != nil {
		d.PublicFrom, d.PublicUntil = rs.PublicFrom.Unix(), rs.PublicUntil.Unix()
	}
	return d
}

// NumberKeys returns the canonical forms of a standard number that a number
// query matches: the number itself and its undated form.
func NumberKeys(number string) []string {
	n, err := docs.ParseNumber(number)
	if err != nil {
		if number == "" {
			return nil
		}
		return []string{number}
	}
	keys := []string{n.String()}
	if u := n.Undated(); u != n.String() {
		keys = append(keys, u)
	}
	return keys
}

// SheetKeys returns the keys under which a standard's amendment sheets
// find it (and each sheet itself): each sheet's number, and that number
// without the sheet's year, as running text cites it ("…/XG1", 第1号修改单).
func SheetKeys(numbers []string) []string {
	var keys []string
	for _, number := range numbers {
		n, err := docs.ParseNumber(number)
		if err != nil || n.Amendment == "" {
			continue
		}
		keys = append(keys, n.String())
		if k, _, dated := strings.Cut(n.Amendment, "—"); dated {
			keys = append(keys, n.Edition().String()+"/"+k)
		}
	}
	return keys
}
