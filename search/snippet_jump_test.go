package search

import (
	"math/rand/v2"
	"strings"
	"testing"

	"norma/search/fold"
)

// TestSpansByteSearchAgrees finds the spans of terms that start with an
// ideograph both by a byte search for their first character and by folding
// every character, over texts with full-width letters, repeated and
// overlapping terms and terms that occur late or never, and wants the same.
func TestSpansByteSearchAgrees(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"物业", "服务", "合同", "安全生产", "中华人民共和国", "ＧＢ／Ｔ", "Ab", "。", "\n", "规定", "物", "业"}
	terms := [][]string{{"物业服务"}, {"安全"}, {"服务", "物业"}, {"物业服务", "服务合同"}, {"中华人民"}, {"不存在"}, {"合同", "规定"}, {"业物"}}
	jumped := 0
	for i := range 3000 {
		var b strings.Builder
		for range rng.IntN(400) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		text := b.String()
		ts := terms[i%len(terms)]
		var folded [][]rune
		for _, term := range ts {
			folded = append(folded, fold.Runes(term))
		}
		if !byteSearchable(folded) {
			t.Fatalf("%q: not searchable by bytes", ts)
		}
		want, got := spansOf(text, folded, false), spansOf(text, folded, true)
		if len(want) != len(got) {
			t.Fatalf("%q in %q: spans %v, by folding each character %v", ts, text, got, want)
		}
		for k := range want {
			if want[k] != got[k] {
				t.Fatalf("%q in %q: spans %v, by folding each character %v", ts, text, got, want)
			}
		}
		if len(want) > 0 {
			jumped++
		}
	}
	if jumped < 1000 {
		t.Errorf("only %d texts held a term; the test should find many", jumped)
	}
	if byteSearchable([][]rune{fold.Runes("物业"), fold.Runes("ＧＢ")}) {
		t.Error("a term starting with a letter must be searched by folding")
	}
}
