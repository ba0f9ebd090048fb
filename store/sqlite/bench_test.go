package sqlite_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"norma/store/sqlite"
	"norma/store/storetest"
	"norma/workflow"
)

func benchDB(b *testing.B) (*sqlite.DB, *workflow.User) {
	db, err := sqlite.Open(t0ctx, filepath.Join(b.TempDir(), "norma.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	owner := storetest.MustUser(b, db, "owner", workflow.RoleDrafter)
	for i := range 50 {
		storetest.MustStandard(b, db, fmt.Sprintf("s-%02d", i), owner, workflow.StateIssued)
	}
	return db, owner
}

// BenchmarkFindStandard reads one standard from many goroutines at once.
func BenchmarkFindStandard(b *testing.B) {
	db, _ := benchDB(b)
	b.SetParallelism(50)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := db.FindStandard(t0ctx, "s-07"); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkPageReads runs the reads of a standard page: the standard, its
// owner, and the list a reader sees, from many goroutines at once.
func BenchmarkPageReads(b *testing.B) {
	db, owner := benchDB(b)
	b.SetParallelism(50)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := db.FindStandard(t0ctx, "s-07"); err != nil {
				b.Error(err)
				return
			}
			if _, err := db.FindUserByID(t0ctx, owner.ID); err != nil {
				b.Error(err)
				return
			}
			if _, _, err := db.FindStandards(t0ctx, workflow.StandardFilter{Reader: owner}); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
