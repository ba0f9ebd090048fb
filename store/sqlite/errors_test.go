package sqlite_test

import (
	"time"

	"norma/store/sqlite"
	"norma/store/storetest"
	"strings"
	"testing"

	"norma/workflow"
)

// A store error names the operation and its key, and keeps the domain code.
func TestErrorsNameTheOperation(t *testing.T) {
	db := open(t)
	_, err := db.FindStandard(t0ctx, "s-missing")
	if workflow.ErrorCode(err) != workflow.ENOTFOUND || !strings.Contains(err.Error(), `FindStandard("s-missing")`) {
		t.Errorf("FindStandard error = %v (code %s), want not_found naming the call", err, workflow.ErrorCode(err))
	}
	_, err = db.FindRevision(t0ctx, "s-missing", 3)
	if workflow.ErrorCode(err) != workflow.ENOTFOUND || !strings.Contains(err.Error(), `FindRevision("s-missing", 3)`) {
		t.Errorf("FindRevision error = %v, want not_found naming the call", err)
	}
}

// A write that the database file has no room for is workflow's
// storage-full error, and nothing of it is stored. SQLite answers a file at
// its max_page_count as it answers a full disk (SQLITE_FULL).
func TestFullDatabaseIsStorageFull(t *testing.T) {
	db := open(t).(*sqlite.DB)
	owner := storetest.MustUser(t, db, "drafter", workflow.RoleDrafter)
	storetest.MustStandard(t, db, "s-full", owner, workflow.StateDraft)
	// SQLite keeps the file at the pages it has: no page more may be added.
	if _, err := db.ExecForTest(t0ctx, `PRAGMA max_page_count = 1`); err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("存储空间测试文本。", 200000)
	r := &workflow.Revision{StandardID: "s-full", Body: body, Message: "满", Hash: workflow.Hash(body), Size: len(body), CreatedAt: time.Now()}
	err := db.CreateRevision(t0ctx, r, 1, nil)
	if workflow.ErrorCode(err) != workflow.EFULL || !strings.Contains(err.Error(), "CreateRevision") {
		t.Fatalf("a revision the file has no room for: %v (code %q), want storage_full naming the call", err, workflow.ErrorCode(err))
	}
	if st, err := db.FindStandard(t0ctx, "s-full"); err != nil || st.Latest != 1 {
		t.Errorf("after the refused write: latest %v, %v; want 1", st, err)
	}
}
