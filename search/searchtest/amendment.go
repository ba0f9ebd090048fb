package searchtest

import (
	"slices"
	"testing"

	"norma/search"
	"norma/workflow"
)

// testAmendmentNumbers checks that an amendment sheet's number, in any
// spelling, finds the standard it amends (whose document carries the
// numbers of its sheets) and the sheet itself, ahead of other hits, and
// that another sheet's number finds the edition alone.
func testAmendmentNumbers(t *testing.T, ix search.Index) {
	parent := search.Document{ID: "a1", Number: "DB11/T 1600—2020", Title: "机关食堂服务规范", Level: "local", Region: "11",
		State: "issued", Status: "current", IssueDate: "2020-05-01", Readers: []string{workflow.ReaderPublic},
		Body: "本文件规定了机关食堂的服务要求。"}
	parent.NumberKeys = append(search.NumberKeys(parent.Number), search.SheetKeys([]string{"DB11/T 1600—2020/XG1—2026"})...)
	sheet := search.Document{ID: "a2", Number: "DB11/T 1600—2020/XG1—2026", Title: "《机关食堂服务规范》第1号修改单",
		Level: "local", Region: "11", State: "issued", Status: "current", IssueDate: "2026-06-10",
		Readers: []string{workflow.ReaderPublic}, Body: "本文件规定了机关食堂的服务要求和卫生要求。"}
	sheet.NumberKeys = append(search.NumberKeys(sheet.Number), search.SheetKeys([]string{sheet.Number})...)
	if err := ix.Put(t.Context(), parent, sheet); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"DB11/T 1600—2020/XG1—2026", "db11/t 1600-2020/xg1-2026", "DB11/T 1600—2020 第1号修改单",
		"DB11/T 1600—2020第一号修改单", "DB11/T 1600－2020/XG1"} {
		res := run(t, ix, query(text))
		ids := hitIDs(res.Hits)
		if len(ids) < 2 || !slices.Contains(ids[:2], "a1") || !slices.Contains(ids[:2], "a2") {
			t.Errorf("%q: hits %v; want the amended standard and its sheet first", text, ids)
		}
	}
	res := run(t, ix, query("DB11/T 1600—2020/XG2—2027"))
	if ids := hitIDs(res.Hits); len(ids) != 1 || ids[0] != "a1" {
		t.Errorf("another sheet's number: hits %v; want the edition alone", ids)
	}
}
