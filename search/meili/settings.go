package meili

import (
	"context"
	"errors"
	"fmt"

	"github.com/meilisearch/meilisearch-go"
)

// locale is the language Meilisearch segments every attribute and query
// in: Mandarin, so that short Chinese strings are never taken for Japanese.
const locale = "cmn"

// Limits sent as settings: totals are exact up to maxTotalHits, and a facet
// counts up to maxFacetValues values (regions run to a few thousand codes).
const (
	maxTotalHits   = 100000
	maxFacetValues = 10000
)

// ensureIndex creates the index with primary key "key" when it is missing,
// and checks the primary key of one that exists.
func (x *Index) ensureIndex(ctx context.Context) error {
	info, err := x.client.GetIndex(ctx, x.name)
	if err == nil {
		return x.checkPrimaryKey(ctx, info.PrimaryKey)
	}
	if !hasCode(err, meilisearch.APIErrCodeIndexNotFound) {
		return fmt.Errorf("meili: reading index %s: %w", x.name, err)
	}
	task, err := x.client.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: x.name, PrimaryKey: primaryKey})
	if err != nil {
		return fmt.Errorf("meili: creating index %s: %w", x.name, err)
	}
	err = x.wait(ctx, task, "create index "+x.name)
	var te *TaskError
	if errors.As(err, &te) && te.Code == meilisearch.APIErrCodeIndexAlreadyExists {
		// Another node created it meanwhile.
		return x.ensureIndex(ctx)
	}
	return err
}

// checkPrimaryKey sets the primary key of an index that has none yet and
// refuses one whose primary key is another attribute.
func (x *Index) checkPrimaryKey(ctx context.Context, pk string) error {
	switch pk {
	case primaryKey:
		return nil
	case "":
		task, err := x.index.UpdateIndex(ctx, &meilisearch.UpdateIndexRequestParams{PrimaryKey: primaryKey})
		if err != nil {
			return fmt.Errorf("meili: setting the primary key of index %s: %w", x.name, err)
		}
		return x.wait(ctx, task, "set the primary key of index "+x.name)
	default:
		return fmt.Errorf("meili: index %s has primary key %q, not %q: it was not made by Norma; delete it or choose another index name",
			x.name, pk, primaryKey)
	}
}

// applySettings sends the settings the engine relies on in one task.
func (x *Index) applySettings(ctx context.Context) error {
	task, err := x.index.UpdateSettings(ctx, indexSettings())
	if err != nil {
		return fmt.Errorf("meili: updating the settings of index %s: %w", x.name, err)
	}
	return x.wait(ctx, task, "update the settings of index "+x.name)
}

// indexSettings returns the index settings: searchable attributes in order
// of importance (the segmented title and body stand for title and body),
// the attributes filters, facets and sorts use, Chinese as the language,
// no typo tolerance, and limits high enough for exact totals.
func indexSettings() *meilisearch.Settings {
	return &meilisearch.Settings{
		SearchableAttributes: []string{"title_search", "number", "number_keys", "title_en", "body_search"},
		FilterableAttributes: []string{"level", "region", "status", "state", "category", "readers", "public_from", "public_until", "number_keys", "issue_ts", "title_grams"},
		SortableAttributes:   []string{"issue_ts", "updated_ts"},
		DisplayedAttributes:  []string{"*"},
		LocalizedAttributes:  []*meilisearch.LocalizedAttributes{{AttributePatterns: []string{"*"}, Locales: []string{locale}}},
		// "sort" first: a date sort orders strictly by date, and it has no
		// effect on a relevance search, which sends no sort. "attribute"
		// before "proximity": a match in the title outranks one in the body.
		RankingRules: []string{"sort", "words", "typo", "attribute", "proximity", "exactness"},
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled:             false,
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: 5, TwoTypos: 9},
			DisableOnWords:      []string{},
			DisableOnAttributes: []string{},
			DisableOnNumbers:    true,
		},
		Pagination: &meilisearch.Pagination{MaxTotalHits: maxTotalHits},
		Faceting: &meilisearch.Faceting{
			MaxValuesPerFacet: maxFacetValues,
			SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeAlpha},
		},
	}
}
