package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"norma/print/chromium"
	"norma/search"
	"norma/store/postgres"
	"norma/store/sqlite"
	"norma/workflow"
)

// database is what the commands need of a store; the SQLite and the
// PostgreSQL store both provide it.
type database interface {
	workflow.Store
	workflow.FailureCounter
	DeleteFailuresBefore(ctx context.Context, before time.Time) (int, error)
	search.Source
	search.Texts
	FindFingerprints(ctx context.Context, since time.Time) ([]workflow.Fingerprint, error)
	CountOutbox(ctx context.Context) (int, error)
	EnqueueAll(ctx context.Context) (int, error)
	Ping(ctx context.Context) error
	Close() error
}

// app is Norma wired together on one data folder and one database.
type app struct {
	cfg Config
	log *slog.Logger
	db  database
	svc *workflow.Service
	// printer prints the PDF export; nil when no Chromium was found.
	printer *chromium.Printer
}

// openApp opens the database (PostgreSQL when NORMA_DATABASE_URL is set,
// else SQLite in the data folder) and the data folder, creating the folder
// when it does not exist.
func openApp(ctx context.Context, cfg Config) (*app, error) {
	if err := os.MkdirAll(cfg.Data, 0o750); err != nil {
		return nil, fmt.Errorf("data folder %s: %w", cfg.Data, err)
	}
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	wc := workflow.DefaultConfig()
	wc.SessionLifetime = cfg.SessionLifetime
	for level, d := range cfg.NoticeMinDays {
		wc.NoticeMinDays[workflow.Level(level)] = d
	}
	for level, d := range cfg.ConsultMinDays {
		wc.ConsultMinDays[workflow.Level(level)] = d
	}
	for level, r := range cfg.ReviewRule {
		wc.ReviewRule[workflow.Level(level)] = r
	}
	wc.RequireProposal, wc.RequireConsultation = cfg.RequireProposal, cfg.RequireConsultation
	a := &app{cfg: cfg, log: cfg.logger(), db: db}
	a.svc = workflow.NewService(db, wc, nil)
	// Failed logins and public comments count in the database, so that
	// every node on it counts together.
	a.svc.CountFailuresIn(db)
	return a, nil
}

func openDatabase(ctx context.Context, cfg Config) (database, error) {
	if cfg.DatabaseURL != "" {
		return postgres.Open(ctx, cfg.DatabaseURL)
	}
	return sqlite.Open(ctx, cfg.sqlitePath())
}

func (c *Config) sqlitePath() string { return filepath.Join(c.Data, "norma.db") }

func (a *app) Close() error { return a.db.Close() }

// configFor parses a subcommand's flags into the configuration and checks it.
func configFor(name string, args []string, stderr io.Writer, flags func(*Config, *flagSet)) (Config, error) {
	cfg := defaultConfig()
	fs := newFlagSet(name)
	flags(&cfg, fs)
	if err := parseFlags(fs, args, stderr); err != nil {
		return cfg, err
	}
	if err := cfg.Validate(); err != nil {
		return cfg, &exitError{code: 2, msg: "configuration: " + err.Error()}
	}
	return cfg, nil
}
