package workflow

import (
	"cmp"
	"context"
	"slices"
	"time"

	"norma/docs"
)

// DispositionTable is the 意见汇总处理表 as offices file it: a header block,
// the rows by clause, and the counts of comments by decision.
type DispositionTable struct {
	Title       string           `json:"title"`        // 标准名称
	DraftingOrg string           `json:"drafting_org"` // 起草单位
	Handler     string           `json:"handler"`      // 承办人: the drafter who owns the text
	Phone       string           `json:"phone"`        // 电话: not kept by the system, left for the office to fill
	Date        string           `json:"date"`         // 日期: the day the table was made
	Rows        []DispositionRow `json:"rows"`
	Accepted    int              `json:"accepted"`
	Partial     int              `json:"partially_accepted"`
	NotAccepted int              `json:"not_accepted"`
	Open        int              `json:"open"` // comments without a decision yet
}

// DispositionTable returns the disposition table of a standard with its
// header and counts.
func (s *Service) DispositionTable(ctx context.Context, actor *User, id string) (*DispositionTable, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	rows, err := s.Dispositions(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	t := &DispositionTable{Title: st.Title, DraftingOrg: st.DraftingOrg, Handler: st.Owner,
		Date: s.now().In(OfficeZone).Format("2006-01-02"), Rows: rows}
	for _, r := range rows {
		switch r.Decision {
		case Accepted:
			t.Accepted++
		case PartiallyAccepted:
			t.Partial++
		case NotAccepted:
			t.NotAccepted++
		default:
			t.Open++
		}
	}
	return t, nil
}

// OfficeZone is the offices' time zone (China Standard Time), in which
// dates and times are shown to people: the date of the disposition table,
// the times on the account pages.
var OfficeZone = time.FixedZone("CST", 8*3600)

// stageLabel names the stage a comment came in.
func stageLabel(c *Comment) string {
	switch {
	case c.Stage == StageConsultation:
		return "征求意见"
	case c.Stage == StageNotice || c.Kind == CommentPublic:
		return "公示"
	}
	return "技术审查"
}

// authorOrganization returns the organisation and the name of the account
// that wrote a comment (an expert's employer), or "". Accounts read once
// are kept in seen.
func (s *Service) authorOrganization(ctx context.Context, c *Comment, seen map[int64]*User) (org, name string) {
	if c.AuthorID == 0 || c.Kind == CommentPublic {
		return "", ""
	}
	u, ok := seen[c.AuthorID]
	if !ok {
		u, _ = s.store.FindUserByID(ctx, c.AuthorID)
		seen[c.AuthorID] = u
	}
	if u == nil {
		return "", ""
	}
	return u.Organization, u.Name
}

// clauseOrder returns the position of each clause number in the latest
// text of the standard.
func (s *Service) clauseOrder(ctx context.Context, actor *User, id string) map[string]int {
	order := map[string]int{}
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return order
	}
	rev, err := s.Revision(ctx, actor, id, st.Latest)
	if err != nil {
		return order
	}
	for i, c := range docs.Clauses(rev.Body) {
		if _, ok := order[c.Number]; !ok && c.Number != "" {
			order[c.Number] = i + 1
		}
	}
	return order
}

// sortDispositions orders the rows (made from cs, index for index): general
// comments first, then by the clause's place in the text (clauses no longer
// in it after those that are, by number), then by time.
func sortDispositions(rows []DispositionRow, cs []*Comment, order map[string]int) {
	type item struct {
		row DispositionRow
		at  time.Time
	}
	items := make([]item, len(rows))
	for i := range rows {
		items[i] = item{rows[i], cs[i].CreatedAt}
	}
	rank := func(clause string) int {
		if clause == "" {
			return 0
		}
		if k, ok := order[clause]; ok {
			return k
		}
		return len(order) + 1
	}
	slices.SortStableFunc(items, func(a, b item) int {
		return cmp.Or(cmp.Compare(rank(a.row.Clause), rank(b.row.Clause)),
			cmp.Compare(a.row.Clause, b.row.Clause), a.at.Compare(b.at))
	})
	for i := range items {
		rows[i] = items[i].row
	}
}
