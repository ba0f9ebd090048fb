package meili

import (
	"context"
	"errors"
	"fmt"

	"github.com/meilisearch/meilisearch-go"

	"norma/search"
)

// record is a document as Meilisearch holds it: the safe key beside the
// original id, the dates as numbers that filters and sorts compare, the
// title as it is (returned, not searched) beside the forms that are
// searched: segmented title and body, and the keys of the title's
// substrings. The body itself is not kept: snippets quote the store's copy.
type record struct {
	Key        string   `json:"key"`
	ID         string   `json:"id"`
	Number     string   `json:"number"`
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
	IssueDate  string   `json:"issue_date"`
	TextHash   string   `json:"text_hash"`
	// IssueTS is the issue date in days since 1970-01-01, absent when
	// undated.
	IssueTS *int64 `json:"issue_ts,omitempty"`
	// UpdatedTS is the last change in Unix seconds.
	UpdatedTS int64    `json:"updated_ts"`
	Readers   []string `json:"readers"`
	// PublicFrom and PublicUntil, Unix seconds, bound the time anyone finds
	// the document too; absent when there is none.
	PublicFrom  *int64 `json:"public_from,omitempty"`
	PublicUntil *int64 `json:"public_until,omitempty"`

	TitleSearch string   `json:"title_search"`
	BodySearch  string   `json:"body_search"`
	TitleGrams  []string `json:"title_grams"`
}

// newRecord returns the record of a document.
func newRecord(d search.Document) record {
	r := record{Key: encodeKey(d.ID), ID: d.ID, Number: d.Number, NumberKeys: nonNil(d.NumberKeys),
		Title: d.Title, TitleEN: d.TitleEN, Level: d.Level, Region: d.Region, Category: d.Category,
		State: d.State, Status: d.Status, ICS: d.ICS, CCS: d.CCS, IssueDate: d.IssueDate, TextHash: d.TextHash,
		Readers:     nonNil(d.Readers),
		TitleSearch: segmented(d.Title), BodySearch: segmented(d.Body), TitleGrams: nonNil(titleGrams(d.Title))}
	if day, ok := unixDay(d.IssueDate); ok {
		r.IssueTS = &day
	}
	if d.PublicFrom != 0 && d.PublicUntil != 0 {
		from, until := d.PublicFrom, d.PublicUntil
		r.PublicFrom, r.PublicUntil = &from, &until
	}
	if !d.UpdatedAt.IsZero() {
		r.UpdatedTS = d.UpdatedAt.Unix()
	}
	return r
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Limits of one add-documents request, well under Meilisearch's default
// payload limit of 100 MB.
const (
	batchDocs  = 1000
	batchBytes = 20 << 20
)

// Put adds or replaces documents, in batches, and waits until all are
// indexed.
func (x *Index) Put(ctx context.Context, docs ...search.Document) error {
	for _, d := range docs {
		if d.ID == "" {
			return errors.New("meili: a document without id cannot be indexed")
		}
	}
	var tasks []*meilisearch.TaskInfo
	for _, batch := range batches(docs) {
		recs := make([]record, len(batch))
		for i, d := range batch {
			recs[i] = newRecord(d)
		}
		info, err := x.index.AddDocuments(ctx, recs, nil)
		if err != nil {
			return fmt.Errorf("meili: adding %d documents to index %s: %w", len(recs), x.name, err)
		}
		tasks = append(tasks, info)
	}
	for i, info := range tasks {
		if err := x.wait(ctx, info, fmt.Sprintf("add documents (batch %d of %d) to index %s", i+1, len(tasks), x.name)); err != nil {
			return err
		}
	}
	return nil
}

// batches splits docs into runs of at most batchDocs documents and about
// batchBytes of text.
func batches(docs []search.Document) [][]search.Document {
	var out [][]search.Document
	start, size := 0, 0
	for i, d := range docs {
		n := len(d.Body) + 30*len(d.Title) + len(d.TitleEN) + 512 // segmented body, title grams
		if i > start && (i-start >= batchDocs || size+n > batchBytes) {
			out = append(out, docs[start:i])
			start, size = i, 0
		}
		size += n
	}
	if start < len(docs) {
		out = append(out, docs[start:])
	}
	return out
}

// Delete removes documents by id; unknown ids are no error.
func (x *Index) Delete(ctx context.Context, ids ...string) error {
	var keys []string
	for _, id := range ids {
		if id != "" { // an empty id is never indexed
			keys = append(keys, encodeKey(id))
		}
	}
	if len(keys) == 0 {
		return nil
	}
	info, err := x.index.DeleteDocuments(ctx, keys, nil)
	if err != nil {
		return fmt.Errorf("meili: deleting %d documents from index %s: %w", len(ids), x.name, err)
	}
	return x.wait(ctx, info, fmt.Sprintf("delete %d documents from index %s", len(ids), x.name))
}
