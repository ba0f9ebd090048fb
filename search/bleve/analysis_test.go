package bleve

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"norma/search/fold"
	"norma/search/searchtest"
)

// terms returns the terms and positions the tokenizer makes of text.
func terms(text string) [][2]any {
	var out [][2]any
	for _, tok := range (tokenizer{}).Tokenize([]byte(text)) {
		out = append(out, [2]any{string(tok.Term), tok.Position})
	}
	return out
}

// TestTokenizerFoldsEveryClass checks that the index holds a text of every
// class of character as its folded form (package fold), the form the
// snippet and Meilisearch compare.
func TestTokenizerFoldsEveryClass(t *testing.T) {
	for _, c := range searchtest.FoldCases {
		got, want := terms(c.Text), terms(c.Folded)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%s: terms of %q differ from those of %q (-want +got):\n%s", c.Class, c.Text, c.Folded, diff)
		}
		for _, term := range got {
			if s := term[0].(string); fold.String(s) != s {
				t.Errorf("%s: term %q is not folded", c.Class, s)
			}
		}
	}
	if len(terms("ｶﾀｶﾅ")) != 4 || terms("ｶﾀｶﾅ")[0][0] != "カタ" {
		t.Errorf("half-width katakana indexed as %v, want the bigrams of カタカナ", terms("ｶﾀｶﾅ"))
	}
}
