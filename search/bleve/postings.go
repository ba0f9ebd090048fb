package bleve

import (
	"fmt"

	segment "github.com/blevesearch/scorch_segment_api/v2"
)

// postings walks the postings of one term of one field over the segments
// of a snapshot, in document number order, straight from the segments.
// The snapshot's own term reader copies every location of every document
// it visits into a term vector (five interface calls a location), where a
// phrase needs only the position: on the dense bigrams of Chinese text
// that copying was a quarter of a phrase search.
type postings struct {
	starts []uint64 // where each segment's document numbers start (shared, not to be changed)
	its    []segment.PostingsIterator
	count  uint64 // documents that hold the term, deleted ones left out
	seg    int    // the segment of the current posting
	cur    segment.Posting
	num    uint64 // the current document's number in the snapshot
}

// newPostings reads the postings of term in field from every segment of
// l, with frequencies, norms and locations when withLocations.
func newPostings(l layout, field, term string, withLocations bool) (*postings, error) {
	p := &postings{starts: l.starts, its: make([]segment.PostingsIterator, len(l.segSnap))}
	for i, ss := range l.segSnap {
		dict, err := ss.Segment().Dictionary(field)
		if err != nil {
			return nil, fmt.Errorf("read terms of %s: %w", field, err)
		}
		pl, err := dict.PostingsList([]byte(term), ss.Deleted(), nil)
		if err != nil {
			return nil, fmt.Errorf("read postings of %s: %w", term, err)
		}
		p.count += pl.Count()
		p.its[i] = pl.Iterator(withLocations, withLocations, withLocations, nil)
	}
	return p, nil
}

// next moves to the next document; false at the end.
func (p *postings) next() (bool, error) {
	if p.seg >= len(p.its) {
		return false, nil
	}
	return p.settle(p.its[p.seg].Next())
}

// advance moves to the first document numbered num or later; false at the
// end. num must be past the current document.
func (p *postings) advance(num uint64) (bool, error) {
	for p.seg+1 < len(p.its) && p.starts[p.seg+1] <= num {
		p.seg++
	}
	if p.seg >= len(p.its) {
		return false, nil
	}
	local := num - min(num, p.starts[p.seg])
	return p.settle(p.its[p.seg].Advance(local))
}

// settle takes the posting a segment's iterator gave, or goes on to the
// following segments when it gave none.
func (p *postings) settle(cur segment.Posting, err error) (bool, error) {
	for err == nil && cur == nil {
		p.seg++
		if p.seg >= len(p.its) {
			p.cur = nil
			return false, nil
		}
		cur, err = p.its[p.seg].Next()
	}
	if err != nil {
		return false, err
	}
	p.cur, p.num = cur, p.starts[p.seg]+cur.Number()
	return true, nil
}
