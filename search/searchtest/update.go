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

// testConsultationWindow checks the public window of a draft out for
// consultation (workflow.ReaderSet.PublicFrom): anyone finds it from the
// window's start until its end, excluded, and outside it only its own
// readers do; totals count it the same way.
func testConsultationWindow(t *testing.T, ix search.Index) {
	d := fixture(t, "s24") // a draft only user:8 reads
	from, until := int64(1_800_000_000), int64(1_800_000_000+30*86400)
	d.PublicFrom, d.PublicUntil = from, until
	if err := ix.Put(t.Context(), d); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		r    search.Reader
		want bool
	}{
		{"the public before the window", search.Reader{Now: from - 1}, false},
		{"the public at its start", search.Reader{Now: from}, true},
		{"the public within it", search.Reader{Now: from + 86400}, true},
		{"another account within it", search.Reader{UserID: 7, Now: from + 86400}, true},
		{"the public at its end", search.Reader{Now: until}, false},
		{"the public after it", search.Reader{Now: until + 1}, false},
		{"its own reader after it", search.Reader{UserID: 8, Now: until + 1}, true},
		{"staff", search.Reader{All: true}, true},
	} {
		q := query("公务用车标识")
		q.Reader = c.r
		res := run(t, ix, q)
		found := slices.Contains(hitIDs(res.Hits), d.ID)
		if found != c.want || res.Total != len(res.Hits) {
			t.Errorf("%s: found %v (total %d, %d hits), want %v", c.name, found, res.Total, len(res.Hits), c.want)
		}
	}
}
