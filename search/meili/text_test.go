package meili

import (
	"slices"
	"strings"
	"testing"

	"norma/search/fold"
	"norma/search/searchtest"
)

func TestSegmented(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"物业服务", "物 业 服 务"},
		{"物业，服务", "物 业。服 务"},
		{"机关事务管理　公务用车", "机 关 事 务 管 理。公 务 用 车"},
		{"第3条", "第 3 条"},
		{"按照 GB/T 1.1—2020 的规则", "按 照。GB/T 1.1—2020。的 规 则"},
		{"ISO 9001:2015", "ISO 9001:2015"},
		{"要求。\n本文件", "要 求。本 文 件"},
		{"kgce/(m²·a)", "kgce/(m²·a)"},
		{"", ""},
	} {
		if got := segmented(tc.in); got != tc.want {
			t.Errorf("segmented(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// alphabet is what FuzzSegmentedPhrase builds texts from: CJK, Latin,
// digits, spaces and punctuation.
var alphabet = []rune("物业服务会议，　 a1。/")

// FuzzSegmentedPhrase checks that, in segmented text read as Meilisearch
// reads it (words between separators, adjacent unless a hard break lies
// between), a run of CJK characters is a phrase of adjacent words exactly
// where the original text holds that run.
func FuzzSegmentedPhrase(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 6, 0, 1}, []byte{1, 2})
	f.Add([]byte{0, 1, 6, 2, 3, 7, 2, 3}, []byte{0, 1, 2})
	f.Fuzz(func(t *testing.T, textB, termB []byte) {
		text := fromAlphabet(textB, len(alphabet))
		term := fromAlphabet(termB, 6) // CJK only
		if term == "" {
			return
		}
		want := strings.Contains(text, term)
		if got := phraseIn(segmented(text), []rune(term)); got != want {
			t.Fatalf("text %q, term %q: phrase match %v, contains %v (segmented %q)", text, term, got, want, segmented(text))
		}
	})
}

func fromAlphabet(b []byte, n int) string {
	rs := make([]rune, len(b))
	for i, c := range b {
		rs[i] = alphabet[int(c)%n]
	}
	return string(rs)
}

// phraseIn reports whether the characters of term are consecutive words
// of seg with no hard break between them, each CJK character being a word
// as segmented makes it.
func phraseIn(seg string, term []rune) bool {
	type word struct {
		text      string
		afterHard bool
	}
	var words []word
	hard := false
	var cur strings.Builder
	flush := func() { // ends the word being read
		if cur.Len() > 0 {
			words = append(words, word{cur.String(), hard})
			cur.Reset()
			hard = false
		}
	}
	hard = false
	for _, r := range seg {
		switch {
		case string(r) == hardBreak:
			flush()
			hard = true
		case kindOf(r) == kindBreak:
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	for i := 0; i+len(term) <= len(words); i++ {
		ok := true
		for k, r := range term {
			w := words[i+k]
			if w.text != string(r) || k > 0 && w.afterHard {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestTitleFilterMatchesTitles(t *testing.T) {
	for _, tc := range []struct {
		title string
		in    []string
		out   []string
	}{
		{"住宅小区物业服务规范", []string{"物业服务", "业服", "规范", "住宅小区物业服务规范"}, []string{"物业管理", "规范 "}},
		{"机关事务管理　公务用车服务规范", []string{"公务用车", "管理"}, []string{"管理公务"}},
		{"质量管理体系　要求 ISO 9001", []string{"ISO", "iso", "ｉｓｏ", "9001", "iso 9001"}, []string{"is", "900", "so"}},
		{"标准化工作导则 第1部分 GB/T 1.1", []string{"1.1", "gb/t", "第1部分"}, []string{"11", "b/t", "1.11"}},
	} {
		grams := titleGrams(tc.title)
		for _, part := range tc.in {
			if !slices.Contains(grams, gramKey(fold.String(part))) {
				t.Errorf("%q: the title grams lack %q", tc.title, part)
			}
		}
		for _, part := range tc.out {
			if slices.Contains(grams, gramKey(fold.String(part))) {
				t.Errorf("%q: the title grams hold %q", tc.title, part)
			}
		}
	}
	if f := titleFilter([]string{"物业", "规范"}); f != `title_grams = "`+gramKey("物业")+`" AND title_grams = "`+gramKey("规范")+`"` {
		t.Errorf("titleFilter = %s", f)
	}
	if f := titleFilter([]string{strings.Repeat("物", maxGramRunes+1)}); f != "" {
		t.Errorf("titleFilter of a term too long = %s, want none", f)
	}
}

// benchText is a paragraph of a standard, repeated to about 30 KB.
var benchText = strings.Repeat("本文件规定了住宅小区物业服务的基本要求、服务内容和服务质量评价。物业服务企业应按照合同约定提供服务，并执行 GB/T 1.1—2020 的规则。\n", 200)

func BenchmarkSegmented(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		segmented(benchText)
	}
}

func BenchmarkTitleGrams(b *testing.B) {
	for b.Loop() {
		titleGrams("公共机构物业管理和服务规范　第2部分：会议服务质量评价指南（征求意见稿）")
	}
}

// TestTitleGramsFoldEveryClass checks that a title and a query part of
// every class of character are compared in their folded form (package
// fold), as Bleve indexes them and the snippet highlights them.
func TestTitleGramsFoldEveryClass(t *testing.T) {
	for _, c := range searchtest.FoldCases {
		if got, want := titleFilter([]string{c.Text}), titleFilter([]string{c.Folded}); got != want || got != "title_grams = "+quote(gramKey(c.Folded)) {
			t.Errorf("%s: titleFilter(%q) = %s, want %s", c.Class, c.Text, got, want)
		}
		if got, want := titleGrams(c.Text), titleGrams(c.Folded); !slices.Equal(got, want) {
			t.Errorf("%s: titleGrams(%q) = %v, want those of %q: %v", c.Class, c.Text, got, c.Folded, want)
		}
	}
	if grams := titleGrams("标准ｶﾀｶﾅ"); !slices.Contains(grams, gramKey("カタカナ")) {
		t.Errorf("the title grams of half-width katakana lack the full-width form")
	}
}
