package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/gommon/bytes"

	"norma/workflow"
)

// Config is Norma's whole configuration, filled from defaults, then NORMA_*
// environment variables, then flags.
type Config struct {
	Data            string        // NORMA_DATA: the folder of the database and the index
	DatabaseURL     string        // NORMA_DATABASE_URL: postgres://… to use PostgreSQL instead of SQLite in the data folder
	Addr            string        // NORMA_ADDR: host:port to listen on
	LogLevel        string        // NORMA_LOG_LEVEL: debug, info, warn, error
	LogFormat       string        // NORMA_LOG_FORMAT: text or json
	SessionLifetime time.Duration // NORMA_SESSION_LIFETIME: how long a login lasts
	BodyLimit       string        // NORMA_BODY_LIMIT: the largest request body
	Readers         int           // NORMA_READERS: page and API reads served at once, 0 for four per CPU
	SecureCookies   bool          // NORMA_SECURE_COOKIES: mark cookies Secure (behind HTTPS)
	TrustProxy      bool          // NORMA_TRUST_PROXY: take client addresses from X-Forwarded-For
	Demo            bool          // --demo: create demo accounts and standards in an empty folder
	// NoticeMinDays is the shortest public notice per level
	// (NORMA_NOTICE_MIN_DAYS_NATIONAL, _INDUSTRY, _LOCAL, _GROUP).
	NoticeMinDays map[string]int
	// ConsultMinDays is the shortest consultation per level
	// (NORMA_CONSULT_MIN_DAYS_NATIONAL, _INDUSTRY, _LOCAL, _GROUP).
	ConsultMinDays map[string]int
	// ReviewRule is the committee's decision rule per level
	// (NORMA_REVIEW_RULE_NATIONAL …): unanimous or three_quarters.
	ReviewRule          map[string]string
	RequireProposal     bool   // NORMA_REQUIRE_PROPOSAL: a drafter's standard starts from an approved proposal
	RequireConsultation bool   // NORMA_REQUIRE_CONSULTATION: submit waits for a closed consultation
	MeiliURL            string // NORMA_MEILI_URL: search with Meilisearch instead of the embedded Bleve index
	MeiliKey            string // NORMA_MEILI_KEY
	MeiliIndex          string // NORMA_MEILI_INDEX: the index name, default norma
	Aftercare           Aftercare
	Chromium            string // NORMA_CHROMIUM: the browser that prints PDF, default chromium on PATH

	envErrs []error // environment values that could not be read
}

// defaultConfig returns the defaults overridden by the environment.
func defaultConfig() Config {
	c := Config{
		Data:        env("NORMA_DATA", "./data"),
		DatabaseURL: env("NORMA_DATABASE_URL", ""),
		Addr:        env("NORMA_ADDR", "127.0.0.1:8080"),
		LogLevel:    env("NORMA_LOG_LEVEL", "info"),
		LogFormat:   env("NORMA_LOG_FORMAT", "text"),
		BodyLimit:   env("NORMA_BODY_LIMIT", "4MiB"),
		MeiliURL:    env("NORMA_MEILI_URL", ""),
		MeiliKey:    env("NORMA_MEILI_KEY", ""),
		MeiliIndex:  env("NORMA_MEILI_INDEX", "norma"),
		Chromium:    env("NORMA_CHROMIUM", ""),
	}
	c.SessionLifetime = c.envDuration("NORMA_SESSION_LIFETIME", 12*time.Hour)
	c.SecureCookies = c.envBool("NORMA_SECURE_COOKIES", false)
	c.TrustProxy = c.envBool("NORMA_TRUST_PROXY", false)
	c.Readers = c.envInt("NORMA_READERS", 0)
	c.NoticeMinDays = map[string]int{}
	for level, def := range workflow.DefaultConfig().NoticeMinDays {
		c.NoticeMinDays[string(level)] = c.envInt("NORMA_NOTICE_MIN_DAYS_"+strings.ToUpper(string(level)), def)
	}
	c.ConsultMinDays, c.ReviewRule = map[string]int{}, map[string]string{}
	for level, def := range map[string]int{"national": 60, "industry": 30, "local": 30, "group": 30} {
		c.ConsultMinDays[level] = c.envInt("NORMA_CONSULT_MIN_DAYS_"+strings.ToUpper(level), def)
		c.ReviewRule[level] = env("NORMA_REVIEW_RULE_"+strings.ToUpper(level), "three_quarters")
	}
	c.RequireProposal = c.envBool("NORMA_REQUIRE_PROPOSAL", false)
	c.RequireConsultation = c.envBool("NORMA_REQUIRE_CONSULTATION", true)
	c.aftercareFromEnv()
	return c
}

// dataFlags registers the flags every command that opens the data folder has.
func (c *Config) dataFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.Data, "data", c.Data, "data folder: database and search index (NORMA_DATA)")
	fs.StringVar(&c.DatabaseURL, "database-url", c.DatabaseURL, "postgres://… to keep the data in PostgreSQL instead of SQLite (NORMA_DATABASE_URL)")
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "log level: debug, info, warn, error (NORMA_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log format: text or json (NORMA_LOG_FORMAT)")
}

// searchFlags registers the flags that choose the search engine.
func (c *Config) searchFlags(fs *flag.FlagSet) {
	fs.StringVar(&c.MeiliURL, "meili-url", c.MeiliURL, "search with Meilisearch at this URL instead of the embedded index (NORMA_MEILI_URL)")
	fs.StringVar(&c.MeiliIndex, "meili-index", c.MeiliIndex, "Meilisearch index name (NORMA_MEILI_INDEX)")
}

// serveFlags registers the flags of norma serve.
func (c *Config) serveFlags(fs *flag.FlagSet) {
	c.dataFlags(fs)
	c.searchFlags(fs)
	fs.StringVar(&c.Addr, "addr", c.Addr, "address to listen on, host:port (NORMA_ADDR)")
	fs.DurationVar(&c.SessionLifetime, "session-lifetime", c.SessionLifetime, "how long a login lasts (NORMA_SESSION_LIFETIME)")
	fs.StringVar(&c.Chromium, "chromium", c.Chromium, "path of the Chromium that prints PDF exports, default chromium on PATH (NORMA_CHROMIUM)")
	fs.StringVar(&c.BodyLimit, "body-limit", c.BodyLimit, "largest request body, e.g. 4MiB (NORMA_BODY_LIMIT)")
	fs.IntVar(&c.Readers, "readers", c.Readers, "page and API reads served at once, the rest waiting in order; 0: four per CPU, at least 8 (NORMA_READERS)")
	fs.BoolVar(&c.SecureCookies, "secure-cookies", c.SecureCookies, "mark cookies Secure, when served over HTTPS (NORMA_SECURE_COOKIES)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", c.TrustProxy, "take client addresses from X-Forwarded-For (NORMA_TRUST_PROXY)")
	fs.BoolVar(&c.Demo, "demo", false, "on an empty data folder, create demo accounts and standards")
}

// Validate checks every setting and names the first wrong one.
func (c *Config) Validate() error {
	errs := append([]error(nil), c.envErrs...)
	errs = append(errs, c.aftercareErrors()...)
	if strings.TrimSpace(c.Data) == "" {
		errs = append(errs, errors.New("data folder (NORMA_DATA, --data) is empty"))
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("address %q (NORMA_ADDR, --addr) is not host:port", c.Addr))
	} else if p, err := strconv.Atoi(port); err != nil || p < 0 || p > 65535 {
		errs = append(errs, fmt.Errorf("address %q (NORMA_ADDR, --addr) has no valid port", c.Addr))
	}
	if _, err := c.slogLevel(); err != nil {
		errs = append(errs, err)
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") {
		errs = append(errs, errors.New("NORMA_DATABASE_URL (--database-url) is not a postgres:// URL"))
	}
	if c.MeiliURL != "" && !strings.HasPrefix(c.MeiliURL, "http://") && !strings.HasPrefix(c.MeiliURL, "https://") {
		errs = append(errs, fmt.Errorf("NORMA_MEILI_URL %q is not an http:// or https:// URL", c.MeiliURL))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("log format %q (NORMA_LOG_FORMAT) is not text or json", c.LogFormat))
	}
	if c.SessionLifetime < time.Minute || c.SessionLifetime > 90*24*time.Hour {
		errs = append(errs, fmt.Errorf("session lifetime %v (NORMA_SESSION_LIFETIME) is not between 1m and 2160h", c.SessionLifetime))
	}
	for level, d := range c.NoticeMinDays {
		if d < 0 || d > 365 {
			errs = append(errs, fmt.Errorf("NORMA_NOTICE_MIN_DAYS_%s=%d is not between 0 and 365", strings.ToUpper(level), d))
		}
	}
	for level, d := range c.ConsultMinDays {
		if d < 0 || d > 365 {
			errs = append(errs, fmt.Errorf("NORMA_CONSULT_MIN_DAYS_%s=%d is not between 0 and 365", strings.ToUpper(level), d))
		}
	}
	for level, r := range c.ReviewRule {
		if r != "unanimous" && r != "three_quarters" {
			errs = append(errs, fmt.Errorf("NORMA_REVIEW_RULE_%s=%q is not unanimous or three_quarters", strings.ToUpper(level), r))
		}
	}
	if c.Readers < 0 || c.Readers > 10000 {
		errs = append(errs, fmt.Errorf("readers %d (NORMA_READERS, --readers) is not between 0 and 10000", c.Readers))
	}
	if n, err := bytes.Parse(c.BodyLimit); err != nil || n < 1024 {
		errs = append(errs, fmt.Errorf("body limit %q (NORMA_BODY_LIMIT) is not a size of at least 1KiB such as 4MiB", c.BodyLimit))
	}
	return errors.Join(errs...)
}

func (c *Config) slogLevel() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("log level %q (NORMA_LOG_LEVEL) is not debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// logger builds the one logger of the process.
func (c *Config) logger() *slog.Logger {
	l, _ := c.slogLevel()
	opts := &slog.HandlerOptions{Level: l}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

// envDuration reads a duration such as 12h from the environment.
func (c *Config) envDuration(key string, def time.Duration) time.Duration {
	v, ok := os.LookupEnv(key)
	if !ok {
		return def
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q is not a duration such as 12h or 30m", key, v))
		return def
	}
	return d
}

// envInt reads a whole number from the environment.
func (c *Config) envInt(key string, def int) int {
	v, ok := os.LookupEnv(key)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q is not a whole number", key, v))
		return def
	}
	return n
}

// envBool reads true or false from the environment.
func (c *Config) envBool(key string, def bool) bool {
	v, ok := os.LookupEnv(key)
	if !ok {
		return def
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		c.envErrs = append(c.envErrs, fmt.Errorf("%s=%q is not true or false", key, v))
		return def
	}
	return b
}
