package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"norma/docs"
)

func TestParseText(t *testing.T) {
	for _, tc := range []struct {
		q, terms, number string
	}{
		{"物业服务", "物业服务", ""},
		{"  会议  服务 ", "会议|服务", ""},
		{"ＧＢ／Ｔ　１．１", "GB/T|1.1", "GB/T 1.1"},
		{"gb 55001—2021", "gb|55001—2021", "GB 55001—2021"},
		{"GB55001-2021", "GB55001-2021", "GB 55001—2021"},
		{"， 。 物业", "物业", ""},
		{"DB11/T 1234-2020/XG1-2026", "DB11/T|1234-2020/XG1-2026", "DB11/T 1234—2020"},
		{"GB/T 1.1—2020第1号修改单", "GB/T|1.1—2020第1号修改单", "GB/T 1.1—2020"},
	} {
		terms, number := ParseText(tc.q)
		if strings.Join(terms, "|") != tc.terms || number != tc.number {
			t.Errorf("ParseText(%q) = %q, %q; want %q, %q", tc.q, terms, number, tc.terms, tc.number)
		}
	}
}

func TestRequestValidate(t *testing.T) {
	ok := Request{Page: 1, Size: 20}
	for _, tc := range []struct {
		name  string
		edit  func(*Request)
		field string
	}{
		{"unknown level", func(r *Request) { r.Level = "city" }, "level"},
		{"page 0", func(r *Request) { r.Page = 0 }, "page"},
		{"size 101", func(r *Request) { r.Size = 101 }, "size"},
		{"q too long", func(r *Request) { r.Q = strings.Repeat("字", 201) }, "q"},
		{"bad status", func(r *Request) { r.Status = "old" }, "status"},
		{"bad region", func(r *Request) { r.Region = "99" }, "region"},
		{"bad date", func(r *Request) { r.From = "2020-13-01" }, "from"},
		{"to before from", func(r *Request) { r.From, r.To = "2021-01-01", "2020-01-01" }, "to"},
		{"bad sort", func(r *Request) { r.Sort = "title" }, "sort"},
	} {
		r := ok
		tc.edit(&r)
		_, err := r.Validate(Reader{})
		if e, _ := err.(interface{ Error() string }); e == nil || !strings.Contains(err.Error(), "("+tc.field+")") {
			t.Errorf("%s: error %v, want one naming %s", tc.name, err, tc.field)
		}
	}
	q, err := Request{Q: "物业 GB/T 1.1", Page: 2, Size: 5, Level: "local"}.Validate(Reader{UserID: 3})
	if err != nil || q.Sort != SortRelevance || q.Page != 2 || len(q.Terms) != 3 || q.Reader.UserID != 3 {
		t.Errorf("Validate = %+v, %v", q, err)
	}
}

func FuzzParseText(f *testing.F) {
	for _, s := range []string{"物业服务", "GB/T 1.1—2020", "ＧＢ　５５００１", "a  b", "，", "\xff", "DB11/T 1234-2026 物业"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		terms, number := ParseText(q)
		for _, term := range terms {
			if term == "" || strings.ContainsAny(term, " \t\n") {
				t.Fatalf("ParseText(%q) gave term %q", q, term)
			}
		}
		if number != "" {
			n, err := docs.ParseNumber(number)
			if err != nil || n.String() != number {
				t.Fatalf("ParseText(%q) gave number %q that does not parse back: %v", q, number, err)
			}
		}
		if utf8.ValidString(q) {
			_ = Snippet(q, terms)
		}
	})
}
