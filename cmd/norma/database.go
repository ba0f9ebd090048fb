package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"norma/search/bleve"
	"norma/store/postgres"
	"norma/store/sqlite"
)

// runMigrate brings the database's schema up to date: norma migrate.
// SQLite migrates itself whenever it is opened; PostgreSQL, which several
// nodes share, only here, so that an upgrade is one deliberate step.
func runMigrate(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	cfg, err := configFor("migrate", args, stderr, func(c *Config, fs *flagSet) { c.dataFlags(fs.FlagSet) })
	if err != nil {
		return err
	}
	if cfg.DatabaseURL != "" {
		applied, err := postgres.Migrate(ctx, cfg.DatabaseURL)
		for _, name := range applied {
			fmt.Fprintln(stdout, "applied", name)
		}
		if err == nil {
			fmt.Fprintf(stdout, "the database is at migration %04d\n", postgres.SchemaVersion())
		}
		return err
	}
	if err := os.MkdirAll(cfg.Data, 0o750); err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, cfg.sqlitePath())
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "the database %s is at migration %04d\n", cfg.sqlitePath(), sqlite.SchemaVersion())
	return nil
}

// errPostgresBackup answers backup and restore on PostgreSQL.
var errPostgresBackup = &exitError{code: 2,
	msg: "on PostgreSQL, back up and restore with pg_dump and pg_restore (see the README, Backup)"}

// runBackup writes a consistent copy of the SQLite database while Norma
// keeps serving: norma backup FILE.
func runBackup(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	var files []string
	cfg, err := configFor("backup", args, stderr, func(c *Config, fs *flagSet) {
		c.dataFlags(fs.FlagSet)
		fs.setArgs(&files)
	})
	if err != nil {
		return err
	}
	if cfg.DatabaseURL != "" {
		return errPostgresBackup
	}
	if len(files) != 1 {
		return &exitError{code: 2, msg: "usage: norma backup [--data D] FILE"}
	}
	if _, err := os.Stat(files[0]); err == nil {
		return &exitError{code: 1, msg: files[0] + " exists already; name a new file"}
	}
	if _, err := os.Stat(cfg.sqlitePath()); err != nil {
		return fmt.Errorf("no database to back up: %w", err)
	}
	db, err := sqlite.Open(ctx, cfg.sqlitePath())
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, files[0]); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "backed up to", files[0])
	return nil
}

// runRestore puts a backup in place of the SQLite database, with Norma
// stopped: norma restore FILE. The search index is rebuilt at the next
// start.
func runRestore(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	var files []string
	cfg, err := configFor("restore", args, stderr, func(c *Config, fs *flagSet) {
		c.dataFlags(fs.FlagSet)
		fs.setArgs(&files)
	})
	if err != nil {
		return err
	}
	if cfg.DatabaseURL != "" {
		return errPostgresBackup
	}
	if len(files) != 1 {
		return &exitError{code: 2, msg: "usage: norma restore [--data D] FILE"}
	}
	if err := checkBackup(ctx, files[0]); err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("%s is not a Norma backup this program can restore: %v", files[0], err)}
	}
	if err := os.MkdirAll(cfg.Data, 0o750); err != nil {
		return err
	}
	// A running norma serve holds the index; restoring under it would
	// leave it serving a file that is gone.
	indexDir := filepath.Join(cfg.Data, "index.bleve")
	idx, err := bleve.Open(indexDir)
	if errors.Is(err, bleve.ErrLocked) {
		return &exitError{code: 1, msg: "norma serve is running on " + cfg.Data + ": stop it first"}
	} else if err != nil {
		return err
	}
	defer func() {
		if idx != nil {
			idx.Close()
		}
	}()
	tmp := cfg.sqlitePath() + ".restore"
	if err := copyFile(files[0], tmp); err != nil {
		return err
	}
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(cfg.sqlitePath() + suffix); err != nil && !os.IsNotExist(err) {
			return err
		}
	}
	if err := os.Rename(tmp, cfg.sqlitePath()); err != nil {
		return err
	}
	// The index described the old database: removed, it is rebuilt from
	// the restored one at the next start.
	err = idx.Close()
	idx = nil
	if err := errors.Join(err, os.RemoveAll(indexDir), os.RemoveAll(filepath.Join(cfg.Data, "index.position"))); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "restored", files[0], "to", cfg.sqlitePath(), "; the search index is rebuilt at the next start")
	return nil
}

// checkBackup opens a copy of the backup (opening migrates, and the backup
// itself stays as it was) and checks its integrity.
func checkBackup(ctx context.Context, path string) error {
	dir, err := os.MkdirTemp("", "norma-restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	probe := filepath.Join(dir, "probe.db")
	if err := copyFile(path, probe); err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, probe)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.FindUsers(ctx); err != nil {
		return err
	}
	res, err := db.IntegrityCheck(ctx)
	if err == nil && res != "ok" {
		err = errors.New("integrity check: " + strings.TrimSpace(res))
	}
	return err
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
