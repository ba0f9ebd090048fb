package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"

	"norma/store/sqlite"
	"norma/workflow"
)

// app is Norma wired together on one data folder.
type app struct {
	cfg Config
	log *slog.Logger
	db  *sqlite.DB
	svc *workflow.Service
}

// openApp opens the data folder, creating it when it does not exist.
func openApp(ctx context.Context, cfg Config) (*app, error) {
	if err := os.MkdirAll(cfg.Data, 0o750); err != nil {
		return nil, fmt.Errorf("data folder %s: %w", cfg.Data, err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(cfg.Data, "norma.db"))
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
	return a, nil
}

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
