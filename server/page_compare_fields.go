package server

import (
	"context"
	"strings"

	"norma/docs"
	"norma/workflow"
)

// fieldChange is one front matter field that differs between two revisions.
type fieldChange struct {
	Name, From, To string
}

// metaFields lists the front matter fields by their YAML names.
func metaFields(m docs.Meta) [][2]string {
	return [][2]string{{"number", m.Number}, {"title", m.Title}, {"title_en", m.TitleEN}, {"level", m.Level},
		{"region", m.Region}, {"category", m.Category}, {"status", m.Status}, {"ics", m.ICS}, {"ccs", m.CCS},
		{"issue_date", m.IssueDate}, {"impl_date", m.ImplDate}, {"replaces", strings.Join(m.Replaces, "、")},
		{"drafting_org", m.DraftingOrg}}
}

// frontMatterChanges compares the front matter of two revisions as fields,
// so that a changed date reads as a date changed, not as YAML lines.
func (s *Server) frontMatterChanges(ctx context.Context, u *workflow.User, id string, from, to int) ([]fieldChange, error) {
	a, err := s.svc.Revision(ctx, u, id, from)
	if err != nil {
		return nil, err
	}
	b, err := s.svc.Revision(ctx, u, id, to)
	if err != nil {
		return nil, err
	}
	ma, _, errA := docs.ParseFrontMatter(a.Body)
	mb, _, errB := docs.ParseFrontMatter(b.Body)
	if errA != nil || errB != nil { // a broken front matter shows in the line diff
		return nil, nil
	}
	fa, fb := metaFields(ma), metaFields(mb)
	var out []fieldChange
	for i := range fa {
		if fa[i][1] != fb[i][1] {
			out = append(out, fieldChange{Name: fa[i][0], From: fa[i][1], To: fb[i][1]})
		}
	}
	return out, nil
}
