package main

import (
	"flag"
	"strings"
	"testing"
)

// The reads served at once come from NORMA_READERS or --readers; a number
// out of range is named.
func TestReadersSetting(t *testing.T) {
	t.Setenv("NORMA_READERS", "16")
	if c := defaultConfig(); c.Readers != 16 {
		t.Errorf("NORMA_READERS=16 gave %d", c.Readers)
	}
	c := defaultConfig()
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	c.serveFlags(fs)
	if err := fs.Parse([]string{"-readers", "-3"}); err != nil {
		t.Fatal(err)
	}
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "NORMA_READERS") {
		t.Errorf("--readers -3: Validate() = %v, want NORMA_READERS named", err)
	}
	t.Setenv("NORMA_READERS", "many")
	c = defaultConfig()
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "NORMA_READERS") {
		t.Errorf("NORMA_READERS=many: Validate() = %v, want it named", err)
	}
}
