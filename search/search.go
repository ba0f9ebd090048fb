// Package search finds standards: one Index interface with two engines
// behind it (search/bleve on local disk, search/meili for deployments beyond
// one machine) that pass one contract suite (search/searchtest), the query
// and hit types, snippets, the outbox worker that keeps an index in step
// with the store, and the duplicate check.
package search

import (
	"context"
	"time"

	"norma/workflow"
)

// Document is what an index holds of one standard.
type Document struct {
	ID     string `json:"id"`
	Number string `json:"number"`
	// NumberKeys are the canonical forms a number query matches: the full
	// number and its undated form ("GB/T 1.1—2020", "GB/T 1.1").
	NumberKeys []string `json:"number_keys"`
	Title      string   `json:"title"`
	TitleEN    string   `json:"title_en"`
	Level      string   `json:"level"`
	Region     string   `json:"region"`
	Category   string   `json:"category"`
	State      string   `json:"state"`
	Status     string   `json:"status"`
	ICS        string   `json:"ics"`
	CCS        string   `json:"ccs"`
	// IssueDate is YYYY-MM-DD or "".
	IssueDate string    `json:"issue_date"`
	UpdatedAt time.Time `json:"updated_at"`
	// Readers are the standard's reader keys (workflow.ReaderSet.Keys):
	// who may find the document. Staff find all.
	Readers []string `json:"readers"`
	// PublicFrom and PublicUntil, Unix seconds, bound a time during which
	// anyone finds the document too (workflow.ReaderSet.PublicFrom, a
	// draft's consultation window); 0 when there is none.
	PublicFrom  int64 `json:"public_from,omitempty"`
	PublicUntil int64 `json:"public_until,omitempty"`
	// Body is the plain text of the latest revision; TextHash names that
	// revision (workflow.Hash of its Markdown), so that a snippet quotes the
	// text the index holds.
	Body     string `json:"body"`
	TextHash string `json:"text_hash"`
}

// Reader is who searches: staff see everything; anyone else the documents
// whose Readers hold one of their keys (workflow.ReaderKeys).
type Reader struct {
	All    bool
	UserID int64
	// Now, Unix seconds, is the time of the search: a document whose
	// PublicFrom <= Now < PublicUntil is found by anyone.
	Now int64
}

// Tokens returns the Readers entries that let r find a document; nil for
// All.
func (r Reader) Tokens() []string {
	if r.All {
		return nil
	}
	return workflow.AccountKeys(r.UserID)
}

// Sort orders.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
)

// Query is a search as an engine runs it. Every entry of Terms must occur as
// contiguous text in the title, number or body of a hit (Chinese has no
// spaces: 物业服务 is that string, not 物业 and 服务 anywhere). A document whose
// NumberKeys hold Number is a hit too, ranked first. Filters that are empty
// select everything.
type Query struct {
	Terms  []string
	Number string
	// Sheet is the number of an amendment sheet when the text is one
	// (Number is then the edition it amends): a document whose NumberKeys
	// hold it is a hit too, ranked with the number's.
	Sheet string

	Level, Region, Status, State, Category string
	// From and To bound the issue date, YYYY-MM-DD, inclusive.
	From, To string

	Sort   string
	Page   int // from 1
	Size   int // 1 to 100
	Reader Reader
}

// Hit is one document found.
type Hit struct {
	ID     string  `json:"id"`
	Number string  `json:"number"`
	Title  string  `json:"title"`
	Level  string  `json:"level"`
	Region string  `json:"region"`
	Status string  `json:"status"`
	State  string  `json:"state"`
	Score  float64 `json:"score"`
	// Snippet is HTML: the text around the first match, escaped, with each
	// whole match in <mark>. The Service makes it; engines leave it empty.
	Snippet string `json:"snippet"`
	// IssueDate is YYYY-MM-DD or "".
	IssueDate string `json:"issue_date,omitempty"`
	// TextHash is the Document's, for the snippet's text.
	TextHash string `json:"-"`
}

// Result is one page of hits, the exact number of all hits, and the counts
// of all hits per level, region and status.
type Result struct {
	Total  int                       `json:"total"`
	Hits   []Hit                     `json:"hits"`
	Facets map[string]map[string]int `json:"facets"`
}

// Facets counted for every search.
var FacetFields = []string{"level", "region", "status"}

// Index is a search engine holding Documents.
type Index interface {
	// Put adds or replaces documents.
	Put(ctx context.Context, docs ...Document) error
	// Delete removes documents; unknown ids are no error.
	Delete(ctx context.Context, ids ...string) error
	// Search runs a query.
	Search(ctx context.Context, q Query) (*Result, error)
	// Count returns how many documents the index holds.
	Count(ctx context.Context) (int, error)
	// Clear removes every document.
	Clear(ctx context.Context) error
	Close() error
}
