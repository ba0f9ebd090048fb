package main

import (
	"context"
	"strings"
	"testing"
)

// The filing period and the review cycle, with their regional values, reach
// the workflow's rules; a wrong one is named.
func TestAftercareSettings(t *testing.T) {
	t.Setenv("NORMA_FILING_DAYS", "90")
	t.Setenv("NORMA_FILING_DAYS_44", "30")
	t.Setenv("NORMA_REVIEW_CYCLE_YEARS_31", "3")
	a, err := openApp(context.Background(), testConfig(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	c := a.svc.Config()
	if c.FilingDays("11") != 90 || c.FilingDays("44") != 30 || c.ReviewCycle("31") != 3 || c.ReviewCycle("11") != 5 {
		t.Errorf("filing days 11=%d 44=%d, review cycle 31=%d 11=%d", c.FilingDays("11"), c.FilingDays("44"),
			c.ReviewCycle("31"), c.ReviewCycle("11"))
	}
	for key, want := range map[string]string{"NORMA_REVIEW_CYCLE_YEARS_99": "region code",
		"NORMA_REVIEW_CYCLE_YEARS": "between 1 and 20", "NORMA_FILING_DAYS_31": "between 1 and 3650"} {
		t.Run(key, func(t *testing.T) {
			t.Setenv(key, "0")
			cfg := testConfig(t.TempDir())
			if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), key) || !strings.Contains(err.Error(), want) {
				t.Errorf("Validate() = %v; want %s named with %q", err, key, want)
			}
		})
	}
}
