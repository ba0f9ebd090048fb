package diff

// Differential tests: the diff's own versions of diffmatchpatch's steps
// (myers.go, cleanup.go) and the indexed clause matching
// (clauses.go) against the library and against the plain
// implementation they replaced, on fixed cases, random texts, the fixtures,
// the revision corpus when present, and under the fuzzer.

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	gocmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/sergi/go-diff/diffmatchpatch"

	"norma/docs"
	"norma/internal/corpus"
)

// libraryDMP is diffmatchpatch as the diff used it, with time enough.
func libraryDMP() *diffmatchpatch.DiffMatchPatch {
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = time.Hour
	return dmp
}

// runTexts writes runs, a diff of a and b, as library diffs, empty
// ones included.
func runTexts(runs []runDiff, a, b []rune) []diffmatchpatch.Diff {
	out := make([]diffmatchpatch.Diff, len(runs))
	i, j := 0, 0
	for k, r := range runs {
		text := string(a[i : i+oldLen(r)])
		if r.op == diffmatchpatch.DiffInsert {
			text = string(b[j : j+r.n])
		}
		out[k] = diffmatchpatch.Diff{Type: r.op, Text: text}
		i, j = i+oldLen(r), j+newLen(r)
	}
	return out
}

// checkRuneDiff fails unless runeDiffer gives a and b the diff that
// DiffMainRunes gives them.
func checkRuneDiff(tb testing.TB, a, b []rune) {
	tb.Helper()
	want := libraryDMP().DiffMainRunes(a, b, false)
	m := runeDiffer{deadline: time.Now().Add(time.Hour)}
	got := runTexts(m.diffs(a, b), a, b)
	if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		tb.Fatalf("diff of %q and %q (-library +runeDiffer):\n%s", string(a), string(b), diff)
	}
}

// checkCleanup fails unless cleanupSemantic does to diffs what
// DiffCleanupSemantic does.
func checkCleanup(tb testing.TB, diffs []diffmatchpatch.Diff) {
	tb.Helper()
	var a, b []rune
	runs := make([]runDiff, len(diffs))
	for k, df := range diffs {
		rs := []rune(df.Text)
		runs[k] = runDiff{df.Type, len(rs)}
		if df.Type != diffmatchpatch.DiffInsert {
			a = append(a, rs...)
		}
		if df.Type != diffmatchpatch.DiffDelete {
			b = append(b, rs...)
		}
	}
	dmp := libraryDMP()
	want := dmp.DiffCleanupSemantic(slices.Clone(diffs))
	var m runeDiffer
	got := cleanupSemantic(dmp, &m, a, b, string(a), string(b), runs)
	if diff := gocmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		tb.Fatalf("cleanup of %q (-library +cleanupSemantic):\n%s", diffs, diff)
	}
}

// randomText is a text of up to n code points drawn from alphabet, in runs
// that repeat, so that diffs of two such texts meet every case.
func randomText(r *rand.Rand, alphabet []rune, n int) []rune {
	out := make([]rune, 0, n)
	for len(out) < n {
		if len(out) > 4 && r.IntN(4) == 0 { // repeat a stretch
			start := r.IntN(len(out))
			out = append(out, out[start:start+r.IntN(len(out)-start)+1]...)
			continue
		}
		out = append(out, alphabet[r.IntN(len(alphabet))])
	}
	return out[:min(n, len(out))]
}

// revise changes a few stretches of text.
func revise(r *rand.Rand, text, alphabet []rune) []rune {
	out := slices.Clone(text)
	for range 1 + r.IntN(6) {
		at := r.IntN(len(out) + 1)
		end := min(len(out), at+r.IntN(8))
		out = slices.Replace(out, at, end, randomText(r, alphabet, r.IntN(8))...)
	}
	return out
}

// diffCases are pairs of texts for the differential tests: fixed cases,
// random ones, and the corpus when present.
func diffCases(tb testing.TB) [][2][]rune {
	var cases [][2][]rune
	for _, p := range [][2]string{
		{"", ""}, {"", "甲"}, {"甲", ""}, {"甲", "乙"}, {"abc", "abc"}, {"abcxxx", "xxxdef"},
		{"应当遵守本规范。", "应遵守本规范。"}, {"会务人员必须经过培训。", "会务人员应经过岗位培训。"},
		{"甲\n乙\n丙\n丁\n", "丙\n丁\n甲\n乙\n"}, {"A👍🏽é", "A👍é"}, {"aaaa", "aa"}, {"abab", "baba"},
		{"1234567890abcdef", "ab1234567890cdef"}, {"第一条 甲。\n\n第三条 丙。\n", "第一条 甲。\n\n第二条 乙。\n\n第三条 丙。\n"},
	} {
		cases = append(cases, [2][]rune{[]rune(p[0]), []rune(p[1])})
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabets := [][]rune{[]rune("ab"), []rune("abc \n"), []rune("应当遵守本规范的要求。，\n"), []rune("0123456789abcdefghij")}
	for k := range 400 {
		alphabet := alphabets[k%len(alphabets)]
		a := randomText(r, alphabet, r.IntN(300))
		b := revise(r, a, alphabet)
		if k%5 == 0 {
			b = randomText(r, alphabet, r.IntN(300))
		}
		cases = append(cases, [2][]rune{a, b})
	}
	base := readFixture(tb, "base.md")
	cases = append(cases, [2][]rune{[]rune(base), []rune(strings.ReplaceAll(base, "会议", "会务"))})
	if _, ok := corpus.Lookup(tb, "revisions"); ok {
		for _, g := range corpusRevisions(tb) {
			for k := 1; k < len(g.texts); k++ {
				cases = append(cases, [2][]rune{[]rune(g.texts[k-1]), []rune(g.texts[k])})
			}
		}
	}
	return cases
}

func TestRuneDiffMatchesLibrary(t *testing.T) {
	for k, c := range diffCases(t) {
		if len(c[0])+len(c[1]) > 4000 { // the corpus: its blocks, as the alignment hands them over
			blocks := collectBlocks(c[0], c[1])
			for _, bl := range blocks {
				checkRuneDiff(t, bl[0], bl[1])
			}
			continue
		}
		t.Run(fmt.Sprint(k), func(t *testing.T) { checkRuneDiff(t, c[0], c[1]) })
	}
}

// collectBlocks returns the pairs of sequences that the alignment of a and
// b diffs, unit symbols and characters.
func collectBlocks(a, b []rune) [][2][]rune {
	d := newTextDiffer(a, b, string(a), string(b), new(scratch))
	var blocks [][2][]rune
	d.runes.record = func(x, y []rune) { blocks = append(blocks, [2][]rune{slices.Clone(x), slices.Clone(y)}) }
	d.diff(0, len(a), 0, len(b), 0, 0, 0)
	return blocks
}

func TestCleanupSemanticMatchesLibrary(t *testing.T) {
	dmp := libraryDMP()
	for k, c := range diffCases(t) {
		t.Run(fmt.Sprint(k), func(t *testing.T) {
			// The character diff as the library gives it (on texts short
			// enough for that), and the alignment's own result.
			if len(c[0])+len(c[1]) <= 4000 {
				checkCleanup(t, dmp.DiffMainRunes(c[0], c[1], false))
			}
			d := newTextDiffer(c[0], c[1], string(c[0]), string(c[1]), new(scratch))
			d.diff(0, len(c[0]), 0, len(c[1]), 0, 0, 0)
			checkCleanup(t, textDiffs(d.runs, c[0], c[1], string(c[0]), string(c[1])))
		})
	}
}

func FuzzRuneDiff(f *testing.F) {
	f.Add("应当遵守本规范。", "应遵守本规范。")
	f.Add("abcxxx", "xxxdef")
	f.Add("甲\n乙\n丙\n丁\n", "丙\n丁\n甲\n乙\n")
	f.Add("aaaabbbbaaaa", "aabbaabbaa")
	f.Fuzz(func(t *testing.T, old, new string) {
		if !utf8.ValidString(old) || !utf8.ValidString(new) {
			t.Skip("the library's diffs are strings: only valid UTF-8 goes through them unchanged")
		}
		a, b := []rune(old), []rune(new)
		checkRuneDiff(t, a, b)
		checkCleanup(t, libraryDMP().DiffMainRunes(a, b, false))
	})
}

// The clause summary as it was before the index: sorted bigram sets, a map
// of postings, neighbours searched clause by clause.

func referenceBigrams(s string) []uint64 {
	rs := []rune(strings.Join(strings.Fields(s), ""))
	if len(rs) == 1 {
		return []uint64{uint64(rs[0])}
	}
	grams := make([]uint64, 0, len(rs))
	for i := 1; i < len(rs); i++ {
		grams = append(grams, uint64(rs[i-1])<<21|uint64(rs[i]))
	}
	slices.Sort(grams)
	return slices.Compact(grams)
}

func referenceShared(a, b []uint64) int {
	n := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			n, i, j = n+1, i+1, j+1
		}
	}
	return n
}

func referenceMatch(old, new []clauseDigest) (oldTo, newTo []int) {
	oldTo, newTo = make([]int, len(old)), make([]int, len(new))
	for i := range oldTo {
		oldTo[i] = -1
	}
	for j := range newTo {
		newTo[j] = -1
	}
	pair := func(i, j int) { oldTo[i], newTo[j] = j, i }
	pairIdenticalInOrder(old, new, pair)
	pairIdenticalMoved(old, new, oldTo, newTo, pair)
	og, ng := make([][]uint64, len(old)), make([][]uint64, len(new))
	for i, o := range old {
		og[i] = referenceBigrams(o.text)
	}
	for j, n := range new {
		ng[j] = referenceBigrams(n.text)
	}
	// Similar texts.
	postings, byKey := map[uint64][]int{}, map[string][]int{}
	for j, n := range new {
		if newTo[j] < 0 {
			for _, g := range ng[j] {
				postings[g] = append(postings[g], j)
			}
			byKey[n.key] = append(byKey[n.key], j)
		}
	}
	var cands []clausePair
	for i, o := range old {
		if oldTo[i] >= 0 {
			continue
		}
		shared := map[int]int{}
		var touched []int
		touch := func(j int) {
			if _, ok := shared[j]; !ok {
				shared[j] = 0
				touched = append(touched, j)
			}
		}
		for _, g := range og[i] {
			for _, j := range postings[g] {
				touch(j)
				shared[j]++
			}
		}
		for _, j := range byKey[o.key] {
			touch(j)
		}
		for _, j := range touched {
			dice := 2 * float64(shared[j]) / float64(max(1, len(og[i])+len(ng[j])))
			if score, ok := clauseSimilarity(o, new[j], dice); ok {
				shift := float64(i)/float64(len(old)) - float64(j)/float64(len(new))
				cands = append(cands, clausePair{i, j, score, max(shift, -shift)})
			}
		}
	}
	slices.SortStableFunc(cands, func(x, y clausePair) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(x.shift, y.shift))
	})
	for _, c := range cands {
		if oldTo[c.i] < 0 && newTo[c.j] < 0 {
			pair(c.i, c.j)
		}
	}
	// The same number in the same place.
	byKey = map[string][]int{}
	for j, n := range new {
		if newTo[j] < 0 {
			byKey[n.key] = append(byKey[n.key], j)
		}
	}
	for i, o := range old {
		if oldTo[i] >= 0 || len(byKey[o.key]) == 0 {
			continue
		}
		lo, hi := -1, len(new)
		for k := i - 1; k >= 0 && lo < 0; k-- {
			lo = oldTo[k]
		}
		for k := i + 1; k < len(old) && hi == len(new); k++ {
			if oldTo[k] >= 0 {
				hi = oldTo[k]
			}
		}
		for _, j := range byKey[o.key] {
			shorter := min(len(og[i]), len(ng[j]))
			if newTo[j] < 0 && lo < j && j < hi && shorter > 0 &&
				float64(referenceShared(og[i], ng[j])) >= similarSlot*float64(shorter) {
				pair(i, j)
				break
			}
		}
	}
	return oldTo, newTo
}

func TestClauseMatchingMatchesReference(t *testing.T) {
	base := readFixture(t, "base.md")
	texts := [][2]string{
		{base, editText(t, base, "### 5.4 资料归档", "### 5.5 资料归档", "### 5.3 会后整理", "### 5.3 会场引导\n\n应安排专人引导。\n\n### 5.4 会后整理")},
		{base, editText(t, base, "发生突发事件时，会务人员应立即启动应急预案并报告。", "会议经费按照预算标准据实结算。")},
	}
	// Clauses shuffled, duplicated and edited, so that many pair by
	// similarity and some tie.
	r := rand.New(rand.NewPCG(3, 4))
	cs := docs.Clauses(base)
	rs := []rune(base)
	for range 20 {
		var b strings.Builder
		for _, k := range r.Perm(len(cs)) {
			body := string(rs[cs[k].Start:cs[k].End])
			if r.IntN(3) == 0 {
				body = strings.Replace(body, "应", "宜", 1)
			}
			b.WriteString(body)
			if r.IntN(5) == 0 {
				b.WriteString(body)
			}
		}
		texts = append(texts, [2]string{base, b.String()})
	}
	if _, ok := corpus.Lookup(t, "revisions"); ok {
		for _, g := range corpusRevisions(t) {
			for k := 1; k < len(g.texts); k++ {
				texts = append(texts, [2]string{g.texts[k-1], g.texts[k]}, [2]string{g.texts[k], g.texts[k-1]})
			}
		}
	}
	for k, p := range texts {
		old, new := digestClauses(decodeText(p[0], new([]rune))), digestClauses(decodeText(p[1], new([]rune)))
		wantOld, wantNew := referenceMatch(old, new)
		gotOld, gotNew := matchClauses(old, new, &gramTable{})
		if !slices.Equal(wantOld, gotOld) || !slices.Equal(wantNew, gotNew) {
			t.Errorf("case %d: pairs differ from the reference\nold %v\n    %v\nnew %v\n    %v", k, wantOld, gotOld, wantNew, gotNew)
		}
	}
}

func TestDecodeRunesMatchesDecoding(t *testing.T) {
	// Every lead byte of a three-byte sequence with the continuation bytes
	// at the edges of their ranges, and more.
	for lead := 0xE0; lead <= 0xEF; lead++ {
		for c1 := range 256 {
			for _, c2 := range []byte{0x00, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF} {
				s := string([]byte{byte(lead), byte(c1), c2, 'x', 0xE4, 0xB8})
				got, valid := decodeRunes(s, nil)
				var want []rune
				for i := 0; i < len(s); {
					r, size := utf8.DecodeRuneInString(s[i:])
					if r == utf8.RuneError && size == 1 {
						r = 0x10FF00 + rune(s[i])
					}
					want = append(want, r)
					i += size
				}
				if !slices.Equal(got, want) || valid != utf8.ValidString(s) {
					t.Fatalf("decodeRunes(%x) = %x, %v; want %x, %v", s, got, valid, want, utf8.ValidString(s))
				}
			}
		}
	}
}
