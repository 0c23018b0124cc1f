package markdown

import "container/list"

// DefaultCacheBytes bounds the rendered output the cache keeps. A rendered note at width 100 is tens to a
// few hundred kilobytes, so this holds every note of the embedded pack at two widths with room to spare,
// and stays bounded whatever a pack holds or how often the terminal is resized.
const DefaultCacheBytes = 32 << 20

// entryOverhead is what one entry costs besides its strings: the list element, the map slot, the key.
const entryOverhead = 128

// lru is a cache of renders bounded in bytes: adding past the limit drops the least recently used first.
// A render larger than a quarter of the limit is not kept at all, so one huge document cannot empty the
// cache. Not safe for concurrent use: Renderer guards it with its mutex.
type lru struct {
	limit int
	size  int
	order *list.List // front is the most recently used; values are *lruEntry
	items map[docKey]*list.Element
}

type lruEntry struct {
	key docKey
	out string
}

func newLRU(limit int) *lru {
	return &lru{limit: limit, order: list.New(), items: map[docKey]*list.Element{}}
}

func cost(k docKey, out string) int { return len(out) + len(k.id) + entryOverhead }

func (c *lru) get(k docKey) (string, bool) {
	el, ok := c.items[k]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(el)
	return el.Value.(*lruEntry).out, true
}

func (c *lru) put(k docKey, out string) {
	if el, ok := c.items[k]; ok {
		c.size -= cost(k, el.Value.(*lruEntry).out)
		c.order.Remove(el)
		delete(c.items, k)
	}
	n := cost(k, out)
	if n > c.limit/4 {
		return
	}
	c.items[k] = c.order.PushFront(&lruEntry{k, out})
	c.size += n
	for c.size > c.limit {
		last := c.order.Back()
		e := last.Value.(*lruEntry)
		c.order.Remove(last)
		delete(c.items, e.key)
		c.size -= cost(e.key, e.out)
	}
}
