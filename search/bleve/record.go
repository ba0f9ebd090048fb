package bleve

import (
	"time"

	"norma/search"
)

// record is what Bleve indexes of a document. Empty values are left out so
// that they count in no facet.
func record(d search.Document) map[string]any {
	r := make(map[string]any, 12)
	for k, v := range map[string]string{fieldTitle: d.Title, fieldNumber: d.Number, fieldBody: d.Body,
		fieldLevel: d.Level, fieldRegion: d.Region, fieldStatus: d.Status, fieldState: d.State,
		fieldCategory: d.Category, fieldIssueDate: d.IssueDate, fieldTextHash: d.TextHash} {
		if v != "" {
			r[k] = v
		}
	}
	keys := d.NumberKeys
	if len(keys) == 0 {
		keys = search.NumberKeys(d.Number)
	}
	if len(keys) > 0 {
		r[fieldNumberKeys] = keys
	}
	if len(d.Readers) > 0 {
		r[fieldReaders] = d.Readers
	}
	if d.PublicFrom != 0 && d.PublicUntil != 0 {
		r[fieldPublicFrom], r[fieldPublicUntil] = float64(d.PublicFrom), float64(d.PublicUntil)
	}
	if day, ok := dayNumber(d.IssueDate); ok {
		r[fieldIssueDay] = day
	}
	return r
}

// dayNumber reads a YYYY-MM-DD date as the number YYYYMMDD.
func dayNumber(date string) (float64, bool) {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0, false
	}
	return float64(t.Year()*10000 + int(t.Month())*100 + t.Day()), true
}
