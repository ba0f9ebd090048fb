package postgres_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"norma/store/postgres"
	"norma/store/postgres/pgtest"
	"norma/store/storetest"
)

var ctx = context.Background()

func open(tb testing.TB) storetest.Store {
	tb.Helper()
	url := pgtest.Database(tb)
	if _, err := postgres.Migrate(ctx, url); err != nil {
		tb.Fatal(err)
	}
	db, err := postgres.Open(ctx, url)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

func TestStore(t *testing.T) { storetest.Run(t, open) }

func TestCounter(t *testing.T) { storetest.RunCounter(t, open(t).(*postgres.DB)) }

func TestSchemaVersion(t *testing.T) {
	url := pgtest.Database(t)
	if _, err := postgres.Open(ctx, url); err == nil || !strings.Contains(err.Error(), "norma migrate") {
		t.Errorf("Open of an empty database: %v; want a pointer to norma migrate", err)
	}
	applied, err := postgres.Migrate(ctx, url)
	if err != nil || len(applied) == 0 {
		t.Fatalf("Migrate = %v, %v", applied, err)
	}
	if again, err := postgres.Migrate(ctx, url); err != nil || len(again) != 0 {
		t.Errorf("second Migrate applied %v, %v; want nothing", again, err)
	}
	admin, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', '')`); err != nil {
		t.Fatal(err)
	}
	for name, fn := range map[string]func() error{
		"Open":    func() error { _, err := postgres.Open(ctx, url); return err },
		"Migrate": func() error { _, err := postgres.Migrate(ctx, url); return err },
	} {
		if err := fn(); err == nil || !strings.Contains(err.Error(), "newer than this program") {
			t.Errorf("%s of a database with migration 9999: %v; want a refusal naming it newer", name, err)
		}
	}
}
