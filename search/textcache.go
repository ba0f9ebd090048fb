package search

import (
	"container/list"
	"sync"

	"norma/workflow"
)

// textCache keeps the plain texts snippets were last cut from, least
// recently used out first, up to a number of bytes. An entry is used only
// for the revision the index names (the hit's TextHash), so an edit is
// never quoted stale.
type textCache struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // front: most recently used
	items map[string]*list.Element
}

type cachedText struct {
	id string
	workflow.SearchText
}

func newTextCache(maxBytes int) *textCache {
	return &textCache{max: maxBytes, order: list.New(), items: map[string]*list.Element{}}
}

// get returns the text of id if the cache holds the revision with hash.
func (c *textCache) get(id, hash string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.items[id]
	if !ok || e.Value.(*cachedText).Hash != hash {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedText).Text, true
}

// put keeps a text, dropping the least recently used ones beyond the size.
func (c *textCache) put(id string, t workflow.SearchText) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(t.Text) > c.max/4 {
		return // one huge text should not empty the cache
	}
	if e, ok := c.items[id]; ok {
		c.size -= len(e.Value.(*cachedText).Text)
		c.order.Remove(e)
	}
	c.items[id] = c.order.PushFront(&cachedText{id: id, SearchText: t})
	c.size += len(t.Text)
	for c.size > c.max {
		last := c.order.Back()
		old := last.Value.(*cachedText)
		c.order.Remove(last)
		delete(c.items, old.id)
		c.size -= len(old.Text)
	}
}
