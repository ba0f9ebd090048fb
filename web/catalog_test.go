package web

import (
	"testing"
	"unicode"
)

// hanInEnglish are the English messages that hold Chinese on purpose: the
// switch names the other language in its own words, and the search field's
// example is a Chinese query.
var hanInEnglish = map[string]bool{"nav.lang": true, "search.placeholder": true}

// Every Chinese message has an English one that is written in English, so
// an English page never falls back to Chinese.
func TestEnglishCatalogComplete(t *testing.T) {
	c, err := LoadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	if len(c["zh-CN"]) < 500 {
		t.Fatalf("the Chinese catalog has only %d messages", len(c["zh-CN"]))
	}
	for key, zh := range c["zh-CN"] {
		en, ok := c["en"][key]
		switch {
		case !ok || en == "":
			t.Errorf("en lacks %s (%q)", key, zh)
		case !hanInEnglish[key] && hasHan(en):
			t.Errorf("en's %s is %q, not English", key, en)
		case zh == "":
			t.Errorf("zh-CN's %s is empty", key)
		}
	}
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
