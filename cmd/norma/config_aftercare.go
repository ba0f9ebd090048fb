package main

import (
	"fmt"
	"os"
	"strings"

	"norma/workflow"
)

// Aftercare holds the periods after issue: the filing period (备案) in days
// and the periodic review cycle (复审) in years, each with per-region values
// (NORMA_FILING_DAYS_31, NORMA_REVIEW_CYCLE_YEARS_31 for Shanghai).
type Aftercare struct {
	FilingDays        int            // NORMA_FILING_DAYS, default 60
	FilingDaysRegion  map[string]int // NORMA_FILING_DAYS_<region>
	ReviewCycleYears  int            // NORMA_REVIEW_CYCLE_YEARS, default 5
	ReviewCycleRegion map[string]int // NORMA_REVIEW_CYCLE_YEARS_<region>
}

// aftercareFromEnv reads the periods after issue from the environment.
func (c *Config) aftercareFromEnv() {
	c.Aftercare = Aftercare{FilingDays: c.envInt("NORMA_FILING_DAYS", 60), FilingDaysRegion: map[string]int{},
		ReviewCycleYears: c.envInt("NORMA_REVIEW_CYCLE_YEARS", 5), ReviewCycleRegion: map[string]int{}}
	for _, kv := range os.Environ() {
		key, _, _ := strings.Cut(kv, "=")
		if region, ok := strings.CutPrefix(key, "NORMA_FILING_DAYS_"); ok {
			c.Aftercare.FilingDaysRegion[region] = c.envInt(key, 0)
		} else if region, ok := strings.CutPrefix(key, "NORMA_REVIEW_CYCLE_YEARS_"); ok {
			c.Aftercare.ReviewCycleRegion[region] = c.envInt(key, 0)
		}
	}
}

// aftercareErrors names every period out of range or region that is no code.
func (c *Config) aftercareErrors() []error {
	var errs []error
	check := func(key string, v, lo, hi int) {
		if v < lo || v > hi {
			errs = append(errs, fmt.Errorf("%s=%d is not between %d and %d", key, v, lo, hi))
		}
	}
	region := func(key, r string) {
		if !workflow.ValidRegion(r) {
			errs = append(errs, fmt.Errorf("%s: %q is not a region code such as 31", key, r))
		}
	}
	check("NORMA_FILING_DAYS", c.Aftercare.FilingDays, 1, 3650)
	check("NORMA_REVIEW_CYCLE_YEARS", c.Aftercare.ReviewCycleYears, 1, 20)
	for r, d := range c.Aftercare.FilingDaysRegion {
		region("NORMA_FILING_DAYS_"+r, r)
		check("NORMA_FILING_DAYS_"+r, d, 1, 3650)
	}
	for r, y := range c.Aftercare.ReviewCycleRegion {
		region("NORMA_REVIEW_CYCLE_YEARS_"+r, r)
		check("NORMA_REVIEW_CYCLE_YEARS_"+r, y, 1, 20)
	}
	return errs
}

// apply sets the periods in the workflow's rules.
func (a Aftercare) apply(wc *workflow.Config) {
	wc.FilingDaysDefault, wc.FilingDaysRegion = a.FilingDays, a.FilingDaysRegion
	wc.ReviewCycleYears, wc.ReviewCycleRegion = a.ReviewCycleYears, a.ReviewCycleRegion
}
