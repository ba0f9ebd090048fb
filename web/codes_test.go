package web

import (
	"regexp"
	"testing"
)

// The lists hold every code of the shipped tables, each well formed and
// once; a standard's codes (03.080.99, A12) are found by code and by name.
func TestCodeLists(t *testing.T) {
	if n := ICS.Len(); n != 1381 {
		t.Errorf("ICS has %d codes", n)
	}
	if n := CCS.Len(); n != 1857 {
		t.Errorf("CCS has %d codes", n)
	}
	ics := regexp.MustCompile(`^[0-9]{2}(\.[0-9]{3}(\.[0-9]{2})?)?$`)
	ccs := regexp.MustCompile(`^[A-Z]([0-9]{2}(/[0-9]{2})?)?$`)
	for name, c := range map[string]struct {
		l  *CodeList
		re *regexp.Regexp
	}{"ics": {ICS, ics}, "ccs": {CCS, ccs}} {
		c.l.load()
		if len(c.l.byCode) != len(c.l.entries) {
			t.Errorf("%s: %d codes, %d entries: a code is listed twice", name, len(c.l.byCode), len(c.l.entries))
		}
		for _, e := range c.l.entries {
			if !c.re.MatchString(e.code) || e.zh == "" && e.en == "" {
				t.Errorf("%s: entry %+v", name, e)
			}
		}
	}
	if c, ok := ICS.Lookup("03.080", "zh-CN"); !ok || c.Name != "Services" {
		t.Errorf("ICS 03.080: %+v %v", c, ok)
	}
	if c, ok := ICS.Lookup("13", "zh-CN"); !ok || c.Name != "环保、保健和安全" {
		t.Errorf("ICS 13 in Chinese: %+v", c)
	}
	if c, _ := ICS.Lookup("13", "en"); c.Name != "Environment. Health protection. Safety" {
		t.Errorf("ICS 13 in English: %+v", c)
	}
	if c, ok := CCS.Lookup("K22", "zh-CN"); !ok || c.Name != "异步电机" {
		t.Errorf("CCS K22: %+v %v", c, ok)
	}
	if c, ok := CCS.Lookup("A12", "zh-CN"); !ok || c.Name == "" {
		t.Errorf("CCS A12: %+v %v", c, ok)
	}
	if _, ok := CCS.Lookup("A99", "zh-CN"); ok {
		t.Error("CCS A99 is found")
	}
}

func TestCodeSearch(t *testing.T) {
	got := CCS.Search("a1", "zh-CN", 5)
	if len(got) != 5 || got[0].Code != "A10/19" || got[1].Code != "A10" {
		t.Errorf("CCS a1: %+v", got)
	}
	for _, c := range got {
		if c.Code[:2] != "A1" {
			t.Errorf("CCS a1 finds %s", c.Code)
		}
	}
	byName := CCS.Search("标准化", "zh-CN", 30)
	if len(byName) == 0 {
		t.Fatal("no CCS code named 标准化")
	}
	for _, c := range byName {
		if full, _ := CCS.Lookup(c.Code, "zh-CN"); full.Name != c.Name || !regexp.MustCompile("标准化").MatchString(c.Name) {
			t.Errorf("标准化 finds %+v", c)
		}
	}
	if got := ICS.Search("services", "en", 3); len(got) != 3 || got[2] != (Code{"03.080", "Services"}) {
		t.Errorf("ICS services: %+v", got)
	}
	if got := ICS.Search("03.080.", "zh-CN", 100); len(got) < 5 || got[0].Code[:7] != "03.080." {
		t.Errorf("ICS 03.080.: %+v", got)
	}
	if got := ICS.Search(" ", "zh-CN", 10); len(got) != 0 {
		t.Errorf("a blank search finds %v", got)
	}
}

func TestCodeHeads(t *testing.T) {
	if got := ICS.Heads("zh-CN"); len(got) != 40 || got[0] != (Code{"01", "综合、术语学、标准化、文献"}) {
		t.Errorf("ICS fields: %d, first %+v", len(got), got[0])
	}
	if got := CCS.Heads("zh-CN"); len(got) != 225 || got[0] != (Code{"A00/09", "标准化管理与一般规定"}) {
		t.Errorf("CCS classes: %d, first %+v", len(got), got[0])
	}
}
