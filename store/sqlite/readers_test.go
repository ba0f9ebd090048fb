package sqlite_test

import (
	"database/sql"
	"path/filepath"
	"testing"

	"norma/store/sqlite"
	"norma/store/storetest"
	"norma/workflow"
)

// A database made before the reader keys gets them when it is opened: the
// migration fills them for every existing standard.
func TestReaderKeysMigration(t *testing.T) {
	path := filepath.Join(t.TempDir(), "norma.db")
	db, err := sqlite.Open(t0ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	owner := storetest.MustUser(t, db, "owner", workflow.RoleDrafter)
	storetest.MustStandard(t, db, "s-issued", owner, workflow.StateIssued)
	storetest.MustStandard(t, db, "s-draft", owner, workflow.StateDraft)
	db.Close()

	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE standard_readers`, `ALTER TABLE history DROP COLUMN note_key`,
		`ALTER TABLE history DROP COLUMN note_args`, `DELETE FROM schema_migrations WHERE version = 4`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()

	db, err = sqlite.Open(t0ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tc := range []struct {
		who  *workflow.User
		want int
	}{{nil, 1}, {owner, 2}} {
		_, total, err := db.FindStandards(t0ctx, workflow.StandardFilter{Reader: tc.who})
		if err != nil || total != tc.want {
			t.Errorf("reader %v lists %d standards, %v; want %d", tc.who, total, err, tc.want)
		}
	}
}
