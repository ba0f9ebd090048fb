package bleve

import (
	"sync"

	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/numeric"
	index "github.com/blevesearch/bleve_index_api"
	segment "github.com/blevesearch/scorch_segment_api/v2"

	"norma/search"
)

// Facet counts and the date order used to be computed by Bleve for every
// hit of every search: a visit of each hit's doc values for the facets and
// another for the sort. For a broad query (a phrase in almost every text, or
// a date-sorted list of the whole library) that was most of the time. Now the
// facts a search needs of a document beyond its match and score (its facet
// values as small codes and its issue day) are read once per index segment,
// when a search first meets the segment, and kept until the segment leaves the
// index. Segments never change (a replaced document is marked deleted in its
// old segment and written into a new one), so the facts of a segment are
// never stale, and a search of an index generation (a Bleve snapshot) reads
// them with one slice lookup per hit.

// facetIndex is the position of each of search.FacetFields in the facts.
var facetIndex = func() map[string]int {
	m := map[string]int{}
	for i, f := range search.FacetFields {
		m[f] = i
	}
	return m
}()

// segmentFacts are the facts of the documents of one segment, by the
// document's number in the segment.
type segmentFacts struct {
	facets [][]uint32 // per facet field, the code of the value, 0 for none
	day    []int32    // issue day as YYYYMMDD, 0 for undated
}

// layout is a snapshot's segments and where each one's document numbers
// start in the snapshot.
type layout struct {
	segSnap []*scorch.SegmentSnapshot
	starts  []uint64
}

func layoutOf(snap *scorch.IndexSnapshot) layout {
	l := layout{segSnap: snap.Segments()}
	l.starts = make([]uint64, len(l.segSnap))
	var start uint64
	for i, ss := range l.segSnap {
		l.starts[i] = start
		start += ss.Segment().Count() // deleted documents keep their numbers
	}
	return l
}

// generation are the facts of one snapshot: its segments' facts and its
// layout.
type generation struct {
	layout
	snap *scorch.IndexSnapshot
	segs []*segmentFacts
}

// docs returns how many document numbers the snapshot has, deleted ones
// included.
func (g *generation) docs() uint64 {
	if len(g.segSnap) == 0 {
		return 0
	}
	last := len(g.segSnap) - 1
	return g.starts[last] + g.segSnap[last].Segment().Count()
}

// locate returns the segment and the number within it of a document
// number of the snapshot.
func (g *generation) locate(num uint64) (int, uint64) {
	lo, hi := 0, len(g.starts)
	for lo < hi-1 { // the last start ≤ num
		mid := (lo + hi) / 2
		if g.starts[mid] <= num {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, num - g.starts[lo]
}

// factCache keeps the facts of the segments of the newest generation seen,
// and the codes of facet values.
type factCache struct {
	mu     sync.Mutex
	last   *generation
	bySeg  map[segment.Segment]*segmentFacts
	codes  map[string]uint32
	values []string // by code; values[0] is ""
}

func newFactCache() *factCache {
	return &factCache{bySeg: map[segment.Segment]*segmentFacts{}, codes: map[string]uint32{"": 0}, values: []string{""}}
}

// of returns the facts of snap, reading those of segments not seen before.
func (c *factCache) of(snap *scorch.IndexSnapshot) (*generation, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.last != nil && c.last.snap == snap {
		return c.last, nil
	}
	g := &generation{layout: layoutOf(snap), snap: snap}
	g.segs = make([]*segmentFacts, len(g.segSnap))
	keep := make(map[segment.Segment]*segmentFacts, len(g.segSnap))
	for i, ss := range g.segSnap {
		seg := ss.Segment()
		f := c.bySeg[seg]
		if f == nil {
			var err error
			if f, err = c.read(seg); err != nil {
				return nil, err
			}
		}
		keep[seg] = f
		g.segs[i] = f
	}
	// The segments of this generation and of the one before are kept, so
	// searches of two generations at once do not read segments again and
	// again; a segment merged away is dropped two generations later.
	if c.last != nil {
		for i, ss := range c.last.segSnap {
			if _, ok := keep[ss.Segment()]; !ok {
				keep[ss.Segment()] = c.last.segs[i]
			}
		}
	}
	c.bySeg, c.last = keep, g
	return g, nil
}

// read reads the facts of every document of seg from its doc values.
func (c *factCache) read(seg segment.Segment) (*segmentFacts, error) {
	n := int(seg.Count())
	f := &segmentFacts{facets: make([][]uint32, len(search.FacetFields)), day: make([]int32, n)}
	for i := range f.facets {
		f.facets[i] = make([]uint32, n)
	}
	dv, ok := seg.(segment.DocValueVisitable)
	if !ok {
		return f, nil
	}
	fields := append(append([]string{}, search.FacetFields...), fieldIssueDay)
	var state segment.DocVisitState
	var doc int
	visit := func(field string, term []byte) {
		if field == fieldIssueDay {
			p := numeric.PrefixCoded(term)
			if shift, err := p.Shift(); err != nil || shift != 0 {
				return
			}
			if i, err := p.Int64(); err == nil {
				f.day[doc] = int32(numeric.Int64ToFloat64(i))
			}
			return
		}
		if fi, ok := facetIndex[field]; ok {
			f.facets[fi][doc] = c.code(term)
		}
	}
	for doc = 0; doc < n; doc++ {
		var err error
		if state, err = dv.VisitDocValues(uint64(doc), fields, index.DocValueVisitor(visit), state); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// code returns the code of a facet value, giving it one if new. c.mu is held.
func (c *factCache) code(term []byte) uint32 {
	if k, ok := c.codes[string(term)]; ok {
		return k
	}
	k := uint32(len(c.values))
	v := string(term)
	c.codes[v] = k
	c.values = append(c.values, v)
	return k
}

// valuesNow returns the values by code as they are now.
func (c *factCache) valuesNow() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.values
}
