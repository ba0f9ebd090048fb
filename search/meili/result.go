package meili

import (
	"encoding/json"
	"fmt"

	"github.com/meilisearch/meilisearch-go"

	"norma/search"
)

// part is what one Meilisearch search found: a page of its hits, the
// exact number of all its hits, and their counts per facet value.
type part struct {
	hits   []search.Hit
	total  int
	facets map[string]map[string]int
}

// found is a hit as Meilisearch returns it.
type found struct {
	ID        string  `json:"id"`
	Number    string  `json:"number"`
	Title     string  `json:"title"`
	Level     string  `json:"level"`
	Region    string  `json:"region"`
	Status    string  `json:"status"`
	State     string  `json:"state"`
	IssueDate string  `json:"issue_date"`
	TextHash  string  `json:"text_hash"`
	Score     float64 `json:"_rankingScore"`
}

// readResponse turns a Meilisearch answer into a part.
func readResponse(resp *meilisearch.SearchResponse) (part, error) {
	p := part{total: int(resp.TotalHits), hits: make([]search.Hit, 0, len(resp.Hits))}
	for _, h := range resp.Hits {
		var f found
		if err := h.DecodeInto(&f); err != nil {
			return part{}, fmt.Errorf("meili: reading a hit: %w", err)
		}
		hit := search.Hit{ID: f.ID, Number: f.Number, Title: f.Title, Level: f.Level, Region: f.Region,
			Status: f.Status, State: f.State, Score: f.Score, IssueDate: f.IssueDate, TextHash: f.TextHash}
		p.hits = append(p.hits, hit)
	}
	if len(resp.FacetDistribution) > 0 {
		if err := json.Unmarshal(resp.FacetDistribution, &p.facets); err != nil {
			return part{}, fmt.Errorf("meili: reading the facet distribution: %w", err)
		}
	}
	return p, nil
}

// mergeFacets adds the facet counts of disjoint parts, with an entry for
// every facet field and none for an empty value, as Bleve counts.
func mergeFacets(parts ...map[string]map[string]int) map[string]map[string]int {
	out := make(map[string]map[string]int, len(search.FacetFields))
	for _, f := range search.FacetFields {
		out[f] = map[string]int{}
	}
	for _, p := range parts {
		for field, counts := range p {
			if out[field] == nil {
				continue
			}
			for v, n := range counts {
				if v != "" && n > 0 {
					out[field][v] += n
				}
			}
		}
	}
	return out
}
