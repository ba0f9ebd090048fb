package postgres_test

import (
	"context"
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

func TestCounters(t *testing.T) { storetest.RunCounters(t, open(t).(*postgres.DB)) }
