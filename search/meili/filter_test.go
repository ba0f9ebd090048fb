package meili

import (
	"strings"
	"testing"

	"norma/search"
)

func TestQuote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"national", `"national"`},
		{"", `""`},
		{`say "hi"`, `"say \"hi\""`},
		{`C:\dir\`, `"C:\\dir\\"`},
		{`\"`, `"\\\""`},
		{"物业 服务", `"物业 服务"`},
		{"a AND b OR c", `"a AND b OR c"`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := quote(tc.in); got != tc.want {
				t.Errorf("quote(%q) = %s, want %s", tc.in, got, tc.want)
			}
		})
	}
}

// FuzzQuote checks that Meilisearch's reading of a quoted value, as its
// filter parser does it, gives back the value whole.
func FuzzQuote(f *testing.F) {
	for _, s := range []string{`a"b`, `a\`, `\"`, `\\"`, `"`, `\n`, `\u{41}`, "物业", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, rest, err := meiliQuoted(quote(s))
		if err != nil || rest != "" || got != s {
			t.Fatalf("quote(%q) = %s reads back as %q (rest %q, %v)", s, quote(s), got, rest, err)
		}
	})
}

// meiliQuoted reads a double-quoted filter value the way Meilisearch's
// filter parser does (crates/filter-parser/src/value.rs): up to the first
// quote not preceded by a backslash, then \" becomes " if there was one,
// then backslash escapes are resolved. It fails on escapes other than \\
// and \" so that quote never relies on one.
func meiliQuoted(s string) (value, rest string, err error) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, errString("no opening quote")
	}
	body, escaped, end := s[1:], false, -1
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' {
			if i+1 == len(body) {
				return "", "", errString("backslash at the end")
			}
			escaped = escaped || body[i+1] == '"'
			i++
			continue
		}
		if body[i] == '"' {
			end = i
			break
		}
	}
	if end < 0 {
		return "", "", errString("no closing quote")
	}
	v := body[:end]
	if escaped {
		v = strings.ReplaceAll(v, `\"`, `"`)
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '\\' {
			b.WriteByte(v[i])
			continue
		}
		if i+1 == len(v) || v[i+1] != '\\' && v[i+1] != '"' {
			return "", "", errString("unexpected escape in " + v)
		}
		b.WriteByte(v[i+1])
		i++
	}
	return b.String(), body[end+1:], nil
}

type errString string

func (e errString) Error() string { return string(e) }

func TestFilterOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		q    search.Query
		want string
	}{
		{"staff, no filter", search.Query{Reader: search.Reader{All: true}}, ""},
		{"anonymous", search.Query{Reader: search.Reader{Now: 1800000000}},
			`(readers IN ["public"] OR (public_from <= 1800000000 AND public_until > 1800000000))`},
		{"user", search.Query{Reader: search.Reader{UserID: 7, Now: 1800000000}},
			`(readers IN ["public", "user:7"] OR (public_from <= 1800000000 AND public_until > 1800000000))`},
		{"fields", search.Query{Level: "local", Region: "110000", Status: "current", State: "issued",
			Category: `a"b\c`, Reader: search.Reader{All: true}},
			`level = "local" AND region = "110000" AND status = "current" AND state = "issued" AND category = "a\"b\\c"`},
		{"dates", search.Query{From: "1970-01-02", To: "2020-01-01", Reader: search.Reader{All: true}},
			"issue_ts >= 1 AND issue_ts <= 18262"},
		{"from only", search.Query{From: "1970-01-01", Reader: search.Reader{UserID: 3}},
			`issue_ts >= 0 AND (readers IN ["public", "user:3"] OR (public_from <= 0 AND public_until > 0))`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := filterOf(tc.q)
			if err != nil || got != tc.want {
				t.Errorf("filterOf = %s, %v\nwant %s", got, err, tc.want)
			}
		})
	}
	if _, err := filterOf(search.Query{From: "2020-13-01"}); err == nil {
		t.Error("filterOf with a bad date: no error")
	}
}

func TestNumberFilter(t *testing.T) {
	f := and(`level = "national"`, "NOT "+numberFilter(`GB/T 1.1`))
	if want := `level = "national" AND NOT number_keys = "GB/T 1.1"`; f != want {
		t.Errorf("got %s, want %s", f, want)
	}
	if got := and("", numberFilter("GB 1")); got != `number_keys = "GB 1"` {
		t.Errorf("and with an empty filter = %s", got)
	}
}

func TestPhrases(t *testing.T) {
	for _, tc := range []struct {
		terms []string
		want  string
	}{
		{nil, ""},
		{[]string{"物业服务"}, `"物 业 服 务"`},
		{[]string{"物业", "GB/T", "1.1"}, `"物 业" "GB/T" "1.1"`},
		{[]string{"第3条"}, `"第 3 条"`},
		{[]string{"（草案）"}, `"草 案"`},
		{[]string{`物业"服务`}, `"物 业。服 务"`},
		{[]string{`say"hi"`}, `"say hi"`},
		{[]string{`"`, "a"}, `"a"`},
		{[]string{"-x"}, `"-x"`},
	} {
		if got := phrases(tc.terms); got != tc.want {
			t.Errorf("phrases(%q) = %s, want %s", tc.terms, got, tc.want)
		}
	}
}

func TestUnixDay(t *testing.T) {
	for date, want := range map[string]int64{"1970-01-01": 0, "1969-12-31": -1, "2000-03-01": 11017} {
		if got, ok := unixDay(date); !ok || got != want {
			t.Errorf("unixDay(%s) = %d, %v, want %d", date, got, ok, want)
		}
	}
	if _, ok := unixDay(""); ok {
		t.Error(`unixDay("") is ok`)
	}
}
