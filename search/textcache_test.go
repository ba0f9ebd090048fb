package search

import (
	"strings"
	"testing"

	"norma/workflow"
)

func TestTextCache(t *testing.T) {
	c := newTextCache(100)
	c.put("a", workflow.SearchText{Hash: "1", Text: strings.Repeat("a", 20)})
	if _, ok := c.get("a", "2"); ok {
		t.Error("a text of another revision was served")
	}
	if got, ok := c.get("a", "1"); !ok || got != strings.Repeat("a", 20) {
		t.Errorf("get = %q, %v", got, ok)
	}
	for _, id := range []string{"b", "c", "d", "e"} {
		c.put(id, workflow.SearchText{Hash: "1", Text: strings.Repeat(id, 20)})
	}
	c.get("a", "1") // a is now the most recently used
	c.put("f", workflow.SearchText{Hash: "1", Text: strings.Repeat("f", 20)})
	if _, ok := c.get("b", "1"); ok {
		t.Error("the least recently used text was kept beyond the size")
	}
	if _, ok := c.get("a", "1"); !ok {
		t.Error("a recently used text was dropped")
	}
	if c.size > 100 {
		t.Errorf("the cache holds %d bytes, more than 100", c.size)
	}
	c.put("huge", workflow.SearchText{Hash: "1", Text: strings.Repeat("h", 60)})
	if _, ok := c.get("huge", "1"); ok {
		t.Error("a text over a quarter of the cache was kept")
	}
}
