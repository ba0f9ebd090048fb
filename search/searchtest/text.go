package searchtest

import (
	"slices"
	"strings"
	"testing"

	"norma/search"
	"norma/search/fold"
)

// readers are the three kinds of reader: staff, a drafter with drafts of
// their own, the public.
var readers = []struct {
	name string
	r    search.Reader
}{{"staff", search.Reader{All: true}}, {"user7", search.Reader{UserID: 7}}, {"public", search.Reader{}}}

// totalQueries are free texts with how many fixtures the scan finds for
// staff: one- and two-character, four-character and longer Chinese, a
// bigram across a word, several parts, Latin words, digits, digits inside
// Chinese, nothing.
var totalQueries = []struct {
	text string
	want int
}{
	{"物业", 9}, {"物业服务", 7}, {"业服", 7}, {"服务", 16}, {"会议", 7}, {"会议服务", 6},
	{"会议 服务", 7}, {"公务用车", 4}, {"能耗定额", 3}, {"办公用房", 3}, {"节约用水", 2},
	{"应急预案", 2}, {"安全生产", 2}, {"数据中心", 1}, {"规范 服务 物业", 7},
	{"ISO", 1}, {"9001", 1}, {"iso 9001", 1}, {"property", 1}, {"PROPERTY management", 1},
	{"2020", 7}, {"GB", 11}, {"DB11", 3}, {"第3条", 2}, {"第13条", 1}, {"量子计算", 0},
}

// testTotalsMatchScan checks hits and totals against the scan for every
// query and reader.
func testTotalsMatchScan(t *testing.T, ix search.Index) {
	for _, tq := range totalQueries {
		q := query(tq.text)
		if n := len(expected(q)); n != tq.want {
			t.Fatalf("fixtures: the scan finds %d documents for %q, the table says %d", n, tq.text, tq.want)
		}
		for _, rd := range readers {
			q.Reader = rd.r
			checkSet(t, rd.name+" "+tq.text, run(t, ix, q), q)
		}
	}
}

// testPartsAreContiguous checks that a part matches only as one string:
// not its characters apart, not across punctuation.
func testPartsAreContiguous(t *testing.T, ix search.Index) {
	for _, c := range []struct {
		text      string
		has, lack []string
	}{
		{"物业服务", []string{"s04", "s14", "s30"}, []string{"s06", "s18"}}, // s06: 物业管理和服务, 物业，服务
		{"会议服务", []string{"s07", "s15", "s22"}, []string{"s16"}},        // s16: 会议室…预订服务
		{"管理公务", nil, []string{"s12"}},                                  // s12: 管理　公务用车
	} {
		ids := hitIDs(run(t, ix, query(c.text)).Hits)
		for _, id := range c.has {
			if !slices.Contains(ids, id) {
				t.Errorf("%q does not find %s: %v", c.text, id, ids)
			}
		}
		for _, id := range c.lack {
			if occurs(textOf(fixture(t, id)), c.text) {
				t.Fatalf("fixtures: %s holds %q", id, c.text)
			}
			if slices.Contains(ids, id) {
				t.Errorf("%q finds %s, which does not hold it as one string", c.text, id)
			}
		}
	}
}

// testEveryPartMustOccur checks that parts are and-ed.
func testEveryPartMustOccur(t *testing.T, ix search.Index) {
	q := query("会议 物业")
	res := run(t, ix, q)
	checkSet(t, "会议 物业", res, q)
	if got := hitIDs(res.Hits); !slices.Equal(got, []string{"s15"}) {
		t.Errorf("会议 物业 finds %v, want only s15, the one text with both", got)
	}
	q = query("会议 服务")
	if ids := hitIDs(run(t, ix, q).Hits); !slices.Contains(ids, "s16") {
		t.Errorf("会议 服务 does not find s16, which has both apart: %v", ids)
	}
}

// testSingleCharacter checks that one Chinese character finds every text
// that holds it, wherever it stands in a word.
func testSingleCharacter(t *testing.T, ix search.Index) {
	for _, text := range []string{"水", "费", "水 污"} {
		q := query(text)
		res := run(t, ix, q)
		checkSet(t, text, res, q)
		if len(res.Hits) == 0 {
			t.Errorf("%q finds nothing", text)
		}
	}
}

// testNumberSpellings checks that a standard number in any spelling puts
// that standard first (both editions, for an undated number).
func testNumberSpellings(t *testing.T, ix search.Index) {
	for _, c := range []struct {
		text  string
		first []string
	}{
		{"GB/T 1.1", []string{"s01", "s02"}},
		{"gb/t 1.1—2020", []string{"s01"}},
		{"GB55001-2021", []string{"s03"}},
		{"gb 55001—2021", []string{"s03"}},
		{"ＧＢ／Ｔ　１．１", []string{"s01", "s02"}},
		{"ＧＢ／Ｔ　１．１－２０２０", []string{"s01"}},
		{"DB11/T 1234", []string{"s04"}},
		{"t/cas 290—2017", []string{"s07"}},
		{"GB 5749", []string{"s21"}},
	} {
		q := query(c.text)
		if q.Number == "" {
			t.Fatalf("search.ParseText does not read %q as a number", c.text)
		}
		hits := run(t, ix, q).Hits
		if len(hits) < len(c.first) {
			t.Errorf("%q: hits %v, want %v first", c.text, hitIDs(hits), c.first)
			continue
		}
		if got := sorted(hitIDs(hits[:len(c.first)])); !slices.Equal(got, sorted(c.first)) {
			t.Errorf("%q: first hits %v, want %v", c.text, hitIDs(hits), c.first)
		}
	}
}

// testTitleRanksAboveBody checks that every hit with the query in its title
// comes before every hit with it only in the body.
func testTitleRanksAboveBody(t *testing.T, ix search.Index) {
	for _, text := range []string{"物业服务", "会议服务", "公务用车", "节能", "安全生产", "应急预案"} {
		var inTitle, inBody []string
		for _, d := range expected(query(text)) {
			if strings.Contains(fold.String(d.Title), text) {
				inTitle = append(inTitle, d.ID)
			} else {
				inBody = append(inBody, d.ID)
			}
		}
		if len(inTitle) == 0 || len(inBody) == 0 {
			t.Fatalf("fixtures: %q needs hits in titles and hits only in bodies", text)
		}
		hits := run(t, ix, query(text)).Hits
		if len(hits) < len(inTitle) {
			t.Fatalf("%q: hits %v, want %v first", text, hitIDs(hits), inTitle)
		}
		if got := sorted(hitIDs(hits[:len(inTitle)])); !slices.Equal(got, sorted(inTitle)) {
			t.Errorf("%q: hits %v, want the title hits %v first", text, hitIDs(hits), inTitle)
		}
	}
}
