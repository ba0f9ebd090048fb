// Package pgtest gives each test a fresh PostgreSQL database on the server
// that NORMA_TEST_DATABASE_URL names, dropped when the test ends; without
// that variable the test is skipped and says so.
package pgtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the database/sql driver "pgx"
)

// Database creates an empty database and returns its URL.
func Database(tb testing.TB) string {
	tb.Helper()
	server := os.Getenv("NORMA_TEST_DATABASE_URL")
	if server == "" {
		tb.Skip("NORMA_TEST_DATABASE_URL is not set: PostgreSQL tests skipped (see README, Development)")
	}
	admin, err := sql.Open("pgx", server)
	if err != nil {
		tb.Fatal(err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "norma_test_" + hex.EncodeToString(b)
	ctx := context.Background()
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE `+name+` ENCODING 'UTF8' TEMPLATE template0`); err != nil {
		admin.Close()
		tb.Fatalf("create database %s: %v", name, err)
	}
	tb.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			tb.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(server)
	if err != nil {
		tb.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
