package postgres

import "testing"

func TestRebind(t *testing.T) {
	for in, want := range map[string]string{
		`SELECT 1`:                `SELECT 1`,
		`WHERE a = ? AND b = ?`:   `WHERE a = $1 AND b = $2`,
		`WHERE a = '?' AND b = ?`: `WHERE a = '?' AND b = $1`,
		`SELECT id, ?::text FROM s WHERE n <> '' OR x = ?`: `SELECT id, $1::text FROM s WHERE n <> '' OR x = $2`,
	} {
		if got := rebind(in); got != want {
			t.Errorf("rebind(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://norma:secret@db:5432/norma": "postgres://norma:***@db:5432/norma",
		"postgres://norma@db/norma":             "postgres://norma@db/norma",
		"postgres://db/norma":                   "postgres://db/norma",
	} {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}
