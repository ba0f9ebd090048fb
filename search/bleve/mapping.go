package bleve

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// Field names in the index.
const (
	fieldTitle      = "title"
	fieldNumber     = "number"
	fieldBody       = "body"
	fieldNumberKeys = "number_keys"
	fieldLevel      = "level"
	fieldRegion     = "region"
	fieldStatus     = "status"
	fieldState      = "state"
	fieldCategory   = "category"
	fieldReaders    = "readers"
	fieldIssueDate  = "issue_date" // stored YYYY-MM-DD, for hits
	fieldTextHash   = "text_hash"  // stored, for hits
	fieldIssueDay   = "issue_day"  // YYYYMMDD as a number, for ranges and sort
	// the window during which anyone finds a document, Unix seconds
	fieldPublicFrom  = "public_from"
	fieldPublicUntil = "public_until"
)

// mappingVersion names the analysis and mapping below; an index built with
// another version is rebuilt when opened.
const mappingVersion = "norma-4"

// newMapping returns the index mapping: CJK bigram text fields with term
// vectors for phrases, keyword fields for filters and facets, the issue day
// as a number. Nothing is indexed dynamically and there is no _all field.
func newMapping() *mapping.IndexMappingImpl {
	doc := mapping.NewDocumentStaticMapping()
	for _, f := range []string{fieldTitle, fieldNumber} {
		doc.AddFieldMappingsAt(f, textField(true))
	}
	doc.AddFieldMappingsAt(fieldBody, textField(false)) // snippets quote the store's copy
	for _, f := range []string{fieldLevel, fieldRegion, fieldStatus} {
		doc.AddFieldMappingsAt(f, keywordField(true, true))
	}
	doc.AddFieldMappingsAt(fieldState, keywordField(true, false))
	for _, f := range []string{fieldCategory, fieldReaders} {
		doc.AddFieldMappingsAt(f, keywordField(false, false))
	}
	numberKeys := keywordField(false, false)
	numberKeys.SkipFreqNorm = false // a number key match scores, and outweighs text
	doc.AddFieldMappingsAt(fieldNumberKeys, numberKeys)
	doc.AddFieldMappingsAt(fieldIssueDate, storedOnly())
	doc.AddFieldMappingsAt(fieldTextHash, storedOnly())
	doc.AddFieldMappingsAt(fieldIssueDay, dayField())
	for _, f := range []string{fieldPublicFrom, fieldPublicUntil} {
		n := mapping.NewNumericFieldMapping()
		n.Store, n.DocValues, n.IncludeInAll = false, false, false
		doc.AddFieldMappingsAt(f, n)
	}

	doc.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	m := mapping.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = keyword.Name
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	return m
}

func textField(store bool) *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = AnalyzerName
	f.Store = store
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// keywordField is an exact-value field for filters and facets; its
// matches do not score.
func keywordField(store, docValues bool) *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Store = store
	f.DocValues = docValues
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.SkipFreqNorm = true
	return f
}

func storedOnly() *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Index, f.Store = false, true
	f.IncludeTermVectors, f.IncludeInAll, f.DocValues = false, false, false
	return f
}

func dayField() *mapping.FieldMapping {
	f := mapping.NewNumericFieldMapping()
	f.Store = false
	f.DocValues = true
	f.IncludeInAll = false
	return f
}
