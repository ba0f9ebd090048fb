package bleve

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	blevesearch "github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"norma/search"
	"norma/workflow"
)

func TestGuides(t *testing.T) {
	for part, want := range map[string][]string{
		"物业服务":     {"业服"},
		"食品安全监督管理": {"品安", "全监", "督管"},
		"中华人民共和国":  {"华人", "民共"},
		"物业":       nil,
		"会议室":      nil,
		"第3条":      nil,
	} {
		if got := guides(part); !slices.Equal(got, want) {
			t.Errorf("guides(%q) = %v, want %v", part, got, want)
		}
	}
}

// A phrase led by a rare bigram that straddles its words finds the same
// documents with the same scores as the phrase alone: the guide only
// chooses where to look.
func TestGuideChangesNoMatchOrScore(t *testing.T) {
	ix := open(t, filepath.Join(t.TempDir(), "ix"))
	defer ix.Close()
	var docs []search.Document
	for i := range 120 {
		body := "食品安全是重点工作。各部门应加强监督管理，落实责任。"
		switch {
		case i%20 == 0:
			body = "本条例所称食品安全监督管理，是指对食品生产经营的监督管理。食品安全监督管理部门应公开信息。"
		case i%7 == 0:
			body = "食品安全 监督管理分开写的文本，品安二字也在，但不相连：品安全监。"
		}
		docs = append(docs, search.Document{ID: fmt.Sprintf("d%03d", i), Title: fmt.Sprintf("规范%d", i), State: "issued",
			Readers: []string{workflow.ReaderPublic}, Body: body})
	}
	if err := ix.Put(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	run := func(guides []string) ([]string, []float64) {
		q := &phraseQuery{field: fieldBody, slots: phrase("食品安全监督管理"), guides: guides, boost: 1}
		req := blevesearch.NewSearchRequestOptions(q, 200, 0, false)
		req.SortBy([]string{"-_score", "_id"})
		res, err := ix.idx.Search(req)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		var scores []float64
		for _, h := range res.Hits {
			ids, scores = append(ids, h.ID), append(scores, h.Score)
		}
		return ids, scores
	}
	q := &phraseQuery{field: fieldBody, slots: phrase("食品安全监督管理"), guides: guides("食品安全监督管理"), boost: 1}
	s, err := q.Searcher(context.Background(), snapshotOf(t, ix), nil, bsearch.SearcherOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ps, ok := s.(*phraseSearcher); !ok || !ps.cursors[0].guide || ps.cursors[0].term != "全监" {
		t.Errorf("the search is not led by the rare straddling bigram 全监: %#v", s)
	}
	_ = s.Close()
	ids, scores := run(nil)
	gids, gscores := run(guides("食品安全监督管理"))
	if len(ids) != 6 {
		t.Fatalf("the phrase alone matches %d documents, want 6: %v", len(ids), ids)
	}
	if !slices.Equal(ids, gids) || !slices.Equal(scores, gscores) {
		t.Errorf("with a guide: %v %v\nwithout: %v %v", gids, gscores, ids, scores)
	}
}
