package workflow

import (
	"cmp"
	"context"

	"norma/docs"
	"norma/docs/anchor"
)

// canSeeReview reports whether the actor sees the review of a standard: its
// comments from experts and staff, with the contacts of public commenters.
func (s *Service) canSeeReview(ctx context.Context, actor *User, st *Standard) (bool, error) {
	if actor.IsStaff() || actor.Is(st.OwnerID) {
		return true, nil
	}
	if actor == nil || actor.Role != RoleExpert {
		return false, nil
	}
	return s.isExpert(ctx, st.ID, actor)
}

// Comments returns every comment of a standard placed in revision n (0 for
// the latest): each made on revision n or before, with where it stands now.
// Staff, the drafter and the assigned experts see them.
func (s *Service) Comments(ctx context.Context, actor *User, id string, n int) ([]*Comment, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to see review comments").WithKey("err.review.login", nil)
	}
	if ok, err := s.canSeeReview(ctx, actor, st); err != nil {
		return nil, err
	} else if !ok {
		return nil, Errorf(EFORBIDDEN, "review comments are shown to staff, the drafter and the assigned experts").WithKey("err.review.forbidden", nil)
	}
	if n == 0 {
		n = st.Latest
	}
	target, err := s.findRevision(ctx, id, n)
	if ErrorCode(err) == ENOTFOUND {
		return nil, FieldError("revision", "standard %s has no revision %d", id, n).WithKey("err.revision.not_found", Args{"id": id, "n": n})
	} else if err != nil {
		return nil, err
	}
	all, err := s.store.FindComments(ctx, id)
	if err != nil {
		return nil, err
	}
	contacts := actor.IsStaff() || actor.Is(st.OwnerID)
	var out []*Comment
	for _, c := range all {
		if c.Revision > n {
			continue
		}
		if !contacts {
			c = c.Public()
		}
		out = append(out, c)
	}
	return out, s.place(ctx, id, out, target)
}

// place sets each comment's Anchor in the target revision, carrying it
// forward from the revision it was made on.
func (s *Service) place(ctx context.Context, id string, comments []*Comment, target *Revision) error {
	placers := map[int]*anchor.Placer{}
	targetClauses := docs.Clauses(target.Body)
	for _, c := range comments {
		a := &Anchor{Revision: target.Number, Status: anchor.Current, Clause: c.Clause}
		c.Anchor = a
		if c.Quote == nil {
			if c.Clause != "" && !hasClause(targetClauses, c.Clause) {
				a.Status = anchor.Outdated
			}
			continue
		}
		from, quote, pos, err := s.placedFrom(ctx, id, c, target.Number)
		if err != nil {
			return err
		}
		if from == target.Number {
			a.Position, a.Exact = &pos, quote.Exact
			continue
		}
		p, ok := placers[from]
		if !ok {
			fromRev, err := s.store.FindRevision(ctx, id, from)
			if err != nil {
				return err
			}
			p = anchor.NewPlacer(fromRev.Body, target.Body)
			placers[from] = p
		}
		pl := p.Place(quote, pos)
		a.Status, a.Exact = pl.Status, pl.Exact
		if pl.Status == anchor.Current {
			a.Clause = pl.Clause
			pos := pl.Position
			a.Position = &pos
		}
	}
	return nil
}

// placedFrom returns the revision, quote and position a comment is placed
// from in revision target: the passage its applied suggestion wrote when
// that was at or before target, else its own quote.
func (s *Service) placedFrom(ctx context.Context, id string, c *Comment, target int) (int, anchor.Quote, anchor.Position, error) {
	if c.Applied == nil || c.Applied.Revision > target {
		return c.Revision, *c.Quote, *c.Position, nil
	}
	r, err := s.store.FindRevision(ctx, id, c.Applied.Revision)
	if err != nil {
		return 0, anchor.Quote{}, anchor.Position{}, err
	}
	q, err := anchor.QuoteAt(r.Body, c.Applied.Position.Start, c.Applied.Position.End)
	if err != nil { // an empty suggestion deleted the passage: nothing to place
		return c.Revision, *c.Quote, *c.Position, nil
	}
	return c.Applied.Revision, q, c.Applied.Position, nil
}

// PublicComments lists the comments from the public on a standard the
// actor may read; only staff and the drafter see the commenters' contacts,
// to answer them.
func (s *Service) PublicComments(ctx context.Context, actor *User, id string) ([]*Comment, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	all, err := s.store.FindComments(ctx, id)
	if err != nil {
		return nil, err
	}
	contacts := actor.IsStaff() || actor.Is(st.OwnerID)
	out := []*Comment{}
	for _, c := range all {
		if c.Kind == CommentPublic && contacts {
			c.Client = ""
			out = append(out, c)
		} else if c.Kind == CommentPublic {
			out = append(out, c.Public())
		}
	}
	return out, nil
}

// DispositionRow is one line of the disposition table (意见汇总处理表).
type DispositionRow struct {
	Number   int      `json:"number"`   // 序号
	Clause   string   `json:"clause"`   // 章条编号
	Comment  string   `json:"comment"`  // 意见内容
	By       string   `json:"by"`       // 提出单位/人
	Decision Decision `json:"decision"` // accepted, partially_accepted, not_accepted or ""
	Label    string   `json:"label"`    // 处理意见: 采纳, 部分采纳, 不采纳, 未处理
	Reason   string   `json:"reason"`   // 理由
	Contact  string   `json:"contact,omitempty"`
	Kind     string   `json:"kind"`
	// Stage is consultation (征求意见) or notice (公示) for public comments.
	Stage string `json:"stage,omitempty"`
	// StageLabel names the stage the comment came in: 征求意见, 技术审查 or 公示.
	StageLabel string `json:"stage_label"`
	ID         int64  `json:"comment_id"`
}

// Dispositions returns the disposition table of a standard: one row per
// expert, staff and public comment, general comments first, then by clause
// in the order of the latest text, then by time.
func (s *Service) Dispositions(ctx context.Context, actor *User, id string) ([]DispositionRow, error) {
	cs, err := s.Comments(ctx, actor, id, 0)
	if err != nil {
		return nil, err
	}
	rows := make([]DispositionRow, 0, len(cs))
	authors := map[int64]*User{}
	for _, c := range cs {
		r := DispositionRow{Clause: c.Clause, Comment: c.Body, By: c.Author, Kind: c.Kind, ID: c.ID,
			Contact: c.Contact, Stage: c.Stage, StageLabel: stageLabel(c)}
		if c.Anchor != nil && c.Anchor.Clause != "" {
			r.Clause = c.Anchor.Clause
		}
		if c.Suggestion != "" {
			r.Comment += "\n建议改为：" + c.Suggestion
		}
		// 提出单位: the organisation and the name; an account without an
		// organisation by its display name, never its login.
		org, name := s.authorOrganization(ctx, c, authors)
		if org = cmp.Or(c.Organization, org); org != "" {
			r.By = org + " " + cmp.Or(name, c.Author)
		} else if name != "" {
			r.By = name
		}
		if d := c.Disposition; d != nil {
			r.Decision, r.Reason = d.Decision, d.Reason
		}
		r.Label = DecisionLabel(r.Decision)
		rows = append(rows, r)
	}
	order := s.clauseOrder(ctx, actor, id)
	sortDispositions(rows, cs, order)
	for i := range rows {
		rows[i].Number = i + 1
	}
	return rows, nil
}
