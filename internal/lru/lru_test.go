package lru

import (
	"fmt"
	"sync"
	"testing"
)

func weighString(s string) int64 { return int64(len(s)) }

func TestCacheEvictsLeastRecentlyUsed(t *testing.T) {
	c := New[string, string](10, weighString)
	c.Add("a", "aaaa")
	c.Add("b", "bbbb")
	if _, ok := c.Get("a"); !ok { // a is now the most recent
		t.Fatal("a missing")
	}
	c.Add("c", "cccc") // 12 > 10: b leaves, not a
	if _, ok := c.Get("b"); ok {
		t.Error("b kept; the least recently used should have left")
	}
	for _, k := range []string{"a", "c"} {
		if _, ok := c.Get(k); !ok {
			t.Errorf("%s dropped", k)
		}
	}
	if c.Weight() != 8 || c.Len() != 2 {
		t.Errorf("weight %d, len %d; want 8, 2", c.Weight(), c.Len())
	}
}

func TestCacheReplacesAndRefusesTooHeavy(t *testing.T) {
	c := New[string, string](10, weighString)
	c.Add("a", "aaaa")
	c.Add("a", "aaaaaa")
	if v, _ := c.Get("a"); v != "aaaaaa" || c.Weight() != 6 {
		t.Errorf("a = %q weight %d; want the new value, weight 6", v, c.Weight())
	}
	c.Add("big", "01234567890")
	if _, ok := c.Get("big"); ok {
		t.Error("a value heavier than the bound was kept")
	}
	if _, ok := c.Get("a"); !ok {
		t.Error("a too heavy value pushed out what fitted")
	}
}

func TestCacheConcurrent(t *testing.T) {
	c := New[int, string](100, weighString)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				k := (g*1000 + i) % 50
				if v, ok := c.Get(k); ok && v != fmt.Sprint(k) {
					t.Errorf("key %d holds %q", k, v)
					return
				}
				c.Add(k, fmt.Sprint(k))
			}
		}()
	}
	wg.Wait()
	if c.Weight() > 100 {
		t.Errorf("weight %d over the bound", c.Weight())
	}
}
