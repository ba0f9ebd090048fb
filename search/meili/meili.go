// Package meili is the Meilisearch engine of search.Index, for deployments
// beyond one machine; it talks to a Meilisearch server through
// meilisearch-go and answers the same contract suite as search/bleve.
//
// Every write is a Meilisearch task: the engine waits for each one and
// turns a failed task into an error carrying Meilisearch's message, so a
// write that returned nil is searchable.
//
// Left to itself Meilisearch cuts Chinese into jieba words, and a term
// would match only where its words line up with the text's: 业服 would not
// find 物业服务, nor 标准 find 标准化. The engine segments CJK text itself
// instead (segmented): every CJK character is a word and punctuation that
// touches one is a hard break. Each term is sent as a phrase of those
// words ("物 业 服 务"), so any run of characters matches, as with Bleve's
// bigrams, and never across punctuation. Title and body are stored twice:
// as they are, returned and never searched, and segmented, searched and
// never returned. A query is answered in tiers that never overlap: the
// standard whose number_keys hold the query's number (a filtered search,
// since Meilisearch cannot OR a filter with a text query), then, when
// ranking by relevance, the hits whose title holds every term (an exact
// filter on title_grams, the keys of the title's substrings, because
// Meilisearch credits a phrase to the title when only its first word is
// there), then the rest.
//
// What remains different from Bleve, decided by the server:
//
//   - Meilisearch checks a phrase of more than three words window by
//     window (each three adjacent words somewhere in the document), so a
//     long term may rarely find a text that holds all its pieces but not
//     the whole.
//   - Punctuation inside a term next to a CJK character, or a hard
//     separator anywhere in it (。 ; : ? ! and the like), splits it into
//     phrases that must each occur, not necessarily together: 物业，服务
//     finds 物业 and 服务 apart.
//   - Meilisearch normalizes Chinese variant characters alike, and a
//     server built with charabia's pinyin normalization would match a
//     character's homophones.
//   - Meilisearch considers the first 10 terms of a query and ignores the
//     rest, so a query of more than 10 terms finds a superset.
//   - Meilisearch indexes the first 65,535 word positions of an attribute,
//     and a segmented CJK character takes one, a hard break eight: a
//     Chinese body is searchable in its first 40,000 characters or so.
//   - The title tier ranks terms of up to 32 characters; with a longer
//     term, titles rank by Meilisearch's attribute rule alone.
//   - Under the date sort, number hits come first, then the rest by date;
//     Bleve orders them by date among the rest.
//   - Filters compare values ignoring case, where Bleve compares them
//     exactly; Norma filters on lower-case codes, so the two agree.
//   - Totals are exact up to 100,000 hits (maxTotalHits) and as long as a
//     search ends within Meilisearch's searchCutoffMs (1.5 s by default);
//     a search cut off returns what it found so far.
//
// It needs a Meilisearch recent enough for localizedAttributes, the
// locales search parameter and the typoTolerance.disableOnNumbers setting.
package meili

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/meilisearch/meilisearch-go"

	"norma/search"
)

// primaryKey is the attribute that holds the Meilisearch-safe form of a
// document's id.
const primaryKey = "key"

// TaskTimeout bounds the wait for one Meilisearch task (a settings change, a
// batch of documents, a deletion).
const TaskTimeout = 5 * time.Minute

// healthTimeout bounds the first call to the server, so that a server that
// accepts connections but never answers fails Open instead of hanging it.
const healthTimeout = 10 * time.Second

// pollInterval is how often a task's status is asked for while waiting.
const pollInterval = 25 * time.Millisecond

// Index is a search.Index held by a Meilisearch server.
type Index struct {
	client meilisearch.ServiceManager
	index  meilisearch.IndexManager
	name   string
}

var _ search.Index = (*Index)(nil)

// Open connects to the Meilisearch server at url with the API key key,
// creates the index indexName when it is missing and applies the settings
// the engine relies on.
func Open(ctx context.Context, url, key, indexName string) (*Index, error) {
	if indexName == "" {
		return nil, errors.New("meili: the index name is empty")
	}
	client := meilisearch.New(url, meilisearch.WithAPIKey(key))
	x := &Index{client: client, index: client.Index(indexName), name: indexName}
	if err := x.open(ctx, url); err != nil {
		client.Close()
		return nil, err
	}
	return x, nil
}

// open checks the server, then prepares the index and its settings.
func (x *Index) open(ctx context.Context, url string) error {
	hctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	h, err := x.client.Health(hctx)
	if err != nil {
		return fmt.Errorf("meili: Meilisearch at %s is unreachable: %w", url, err)
	}
	if h.Status != "available" {
		return fmt.Errorf("meili: Meilisearch at %s is not available (status %q)", url, h.Status)
	}
	if err := x.ensureIndex(ctx); err != nil {
		return err
	}
	return x.applySettings(ctx)
}

// Close releases the connections to the server.
func (x *Index) Close() error {
	x.client.Close()
	return nil
}

// Count returns how many documents the index holds.
func (x *Index) Count(ctx context.Context) (int, error) {
	st, err := x.index.GetStats(ctx, nil)
	if err != nil {
		return 0, fmt.Errorf("meili: stats of index %s: %w", x.name, err)
	}
	return int(st.NumberOfDocuments), nil
}

// Clear removes every document, keeping the index and its settings.
func (x *Index) Clear(ctx context.Context) error {
	info, err := x.index.DeleteAllDocuments(ctx, nil)
	if err != nil {
		return fmt.Errorf("meili: clearing index %s: %w", x.name, err)
	}
	return x.wait(ctx, info, "clear index "+x.name)
}

// DeleteIndex removes the whole index from the server, settings included;
// tests use it to clean up.
func (x *Index) DeleteIndex(ctx context.Context) error {
	info, err := x.client.DeleteIndex(ctx, x.name)
	if err != nil {
		return fmt.Errorf("meili: deleting index %s: %w", x.name, err)
	}
	return x.wait(ctx, info, "delete index "+x.name)
}
