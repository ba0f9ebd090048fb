package fold_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"

	"norma/search/fold"
	"norma/search/searchtest"
)

func TestStringEveryClass(t *testing.T) {
	for _, c := range searchtest.FoldCases {
		if got := fold.String(c.Text); got != c.Folded {
			t.Errorf("%s: String(%q) = %q, want %q", c.Class, c.Text, got, c.Folded)
		}
		if got := string(fold.Runes(c.Text)); got != c.Folded {
			t.Errorf("%s: Runes(%q) = %q, want %q", c.Class, c.Text, got, c.Folded)
		}
	}
}

// TestRuneMatchesWidthFold checks every code point: Rune's fast paths agree
// with golang.org/x/text/width's folding followed by lower case, and each
// rune folds to exactly one rune.
func TestRuneMatchesWidthFold(t *testing.T) {
	bad := 0
	for r := rune(0); r <= utf8.MaxRune && bad < 10; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		want := []rune(strings.ToLower(width.Fold.String(string(r))))
		if got := fold.Rune(r); len(want) != 1 || got != want[0] {
			t.Errorf("Rune(%U) = %U, want %U", r, got, want)
			bad++
		}
	}
}

func TestRunesKeepsOffsets(t *testing.T) {
	for _, s := range []string{"ＧＢ／Ｔ 1.1—2020 ｶﾞｽ", "机关\u3000事务", "a\xffb"} {
		if got, want := len(fold.Runes(s)), utf8.RuneCountInString(s); got != want {
			t.Errorf("Runes(%q) has %d runes, want %d", s, got, want)
		}
	}
}

// TestIdeographOnlyFromItself checks every code point: a rune that folds
// to an ideograph is that ideograph, so a snippet may look for one by a
// byte search.
func TestIdeographOnlyFromItself(t *testing.T) {
	n := 0
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if f := fold.Rune(r); fold.Ideograph(f) {
			n++
			if f != r {
				t.Fatalf("Rune(%U) = %U, an ideograph from another rune", r, f)
			}
		}
	}
	if n != 0x9FFF-0x4E00+1 {
		t.Errorf("%d runes fold to ideographs, want the %d of the block", n, 0x9FFF-0x4E00+1)
	}
}
