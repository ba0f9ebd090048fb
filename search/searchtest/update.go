package searchtest

import (
	"slices"
	"testing"

	"norma/search"
)

// testUpdateVisible checks that putting a changed document replaces it:
// the old text no longer finds it, the new one does.
func testUpdateVisible(t *testing.T, ix search.Index) {
	d := fixture(t, "s04")
	d.Title, d.Body = "住宅小区综合管理规范", "本文件规定了住宅小区综合管理的要求。"
	d.Status = "superseded"
	if err := ix.Put(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	if ids := hitIDs(run(t, ix, query("物业服务")).Hits); slices.Contains(ids, "s04") {
		t.Errorf("物业服务 still finds s04 after its update: %v", ids)
	}
	hits := run(t, ix, query("综合管理")).Hits
	if len(hits) != 1 || hits[0].ID != "s04" || hits[0].Title != d.Title || hits[0].Status != "superseded" {
		t.Errorf("综合管理 finds %+v, want the updated s04", hits)
	}
	checkCount(t, ix, len(fixtures))
}

// testDeleteAndClear checks that deleted documents vanish, that unknown
// ids are no error, and that Clear empties the index.
func testDeleteAndClear(t *testing.T, ix search.Index) {
	if err := ix.Delete(t.Context(), "s04", "s05", "no-such-id"); err != nil {
		t.Fatalf("delete: %v", err)
	}
	checkCount(t, ix, len(fixtures)-2)
	ids := hitIDs(run(t, ix, query("物业服务")).Hits)
	if slices.Contains(ids, "s04") || slices.Contains(ids, "s05") {
		t.Errorf("物业服务 finds deleted documents: %v", ids)
	}
	if res := run(t, ix, query("DB11/T 1234")); slices.Contains(hitIDs(res.Hits), "s04") {
		t.Errorf("the number of a deleted document still finds it")
	}
	if err := ix.Clear(t.Context()); err != nil {
		t.Fatalf("clear: %v", err)
	}
	checkCount(t, ix, 0)
	if res := run(t, ix, query("")); res.Total != 0 || len(res.Hits) != 0 {
		t.Errorf("after Clear: total %d, hits %v", res.Total, hitIDs(res.Hits))
	}
	if err := ix.Put(t.Context(), fixture(t, "s07")); err != nil {
		t.Fatal(err)
	}
	if res := run(t, ix, query("会议服务")); !slices.Equal(hitIDs(res.Hits), []string{"s07"}) {
		t.Errorf("after Clear and Put: %v, want s07", hitIDs(res.Hits))
	}
}

func checkCount(t *testing.T, ix search.Index, want int) {
	t.Helper()
	if n, err := ix.Count(t.Context()); err != nil || n != want {
		t.Errorf("count %d (err %v), want %d", n, err, want)
	}
}

// testVisibility checks what each reader finds of the drafts, the text
// under review and the one under public notice.
func testVisibility(t *testing.T, ix search.Index) {
	for _, c := range []struct {
		r    search.Reader
		want []string
	}{
		{search.Reader{All: true}, []string{"s23", "s24", "s25", "s26", "s27"}},
		{search.Reader{UserID: 7}, []string{"s23", "s25", "s26"}},
		{search.Reader{UserID: 8}, []string{"s24", "s26"}},
		{search.Reader{UserID: 9}, []string{"s25", "s26", "s27"}},
		{search.Reader{}, []string{"s26"}},
	} {
		q := query("")
		q.Reader = c.r
		res := run(t, ix, q)
		checkSet(t, "unissued", res, q)
		var got []string
		for _, id := range hitIDs(res.Hits) {
			if fixture(t, id).State != "issued" {
				got = append(got, id)
			}
		}
		if !slices.Equal(sorted(got), c.want) {
			t.Errorf("reader %+v finds unissued %v, want %v", c.r, sorted(got), c.want)
		}
	}
}
