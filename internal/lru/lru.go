// Package lru is a cache bounded by the weight of what it holds: the least
// recently used entries leave first once the bound is passed. It is safe
// for concurrent use.
package lru

import (
	"container/list"
	"sync"
)

// Cache maps keys to values and holds at most max units of weight.
type Cache[K comparable, V any] struct {
	mu     sync.Mutex
	max    int64
	weight int64
	weigh  func(V) int64
	order  *list.List // front: most recently used
	items  map[K]*list.Element
}

type entry[K comparable, V any] struct {
	key    K
	value  V
	weight int64
}

// New returns a cache that holds up to max units, each value weighing what
// weigh says (at least 1).
func New[K comparable, V any](max int64, weigh func(V) int64) *Cache[K, V] {
	return &Cache[K, V]{max: max, weigh: weigh, order: list.New(), items: map[K]*list.Element{}}
}

// Get returns the value of key and marks it recently used.
func (c *Cache[K, V]) Get(key K) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.items[key]
	if !ok {
		var zero V
		return zero, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*entry[K, V]).value, true
}

// Add stores value under key and drops the least recently used entries
// until the cache weighs no more than its bound. A value heavier than the
// whole bound is not kept.
func (c *Cache[K, V]) Add(key K, value V) {
	w := max(c.weigh(value), 1)
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[key]; ok {
		c.remove(el)
	}
	if w > c.max {
		return
	}
	c.items[key] = c.order.PushFront(&entry[K, V]{key: key, value: value, weight: w})
	c.weight += w
	for c.weight > c.max {
		c.remove(c.order.Back())
	}
}

func (c *Cache[K, V]) remove(el *list.Element) {
	e := c.order.Remove(el).(*entry[K, V])
	delete(c.items, e.key)
	c.weight -= e.weight
}

// Len is the number of entries held.
func (c *Cache[K, V]) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items)
}

// Weight is the total weight held.
func (c *Cache[K, V]) Weight() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.weight
}
