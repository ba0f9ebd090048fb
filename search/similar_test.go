package search

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"norma/docs"
	"norma/internal/corpus"
)

// fixture returns the title and text of testdata/similar/name.md.
func fixture(tb testing.TB, name string) (title, text string) {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "similar", name+".md"))
	if err != nil {
		tb.Fatal(err)
	}
	meta, _, err := docs.ParseFrontMatter(string(b))
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return meta.Title, string(b)
}

// library is the fixtures a draft is checked against.
var library = []string{"wuye-a", "wuye-b", "water", "meeting"}

// scoresAgainstLibrary compares a draft with every library fixture.
func scoresAgainstLibrary(tb testing.TB, title, text string) map[string]float64 {
	tb.Helper()
	d := NewDraft(title, text)
	out := map[string]float64{}
	for _, name := range library {
		otitle, otext := fixture(tb, name)
		out[name], _ = d.Compare(otitle, otext)
	}
	return out
}

// best returns the name with the highest score.
func best(scores map[string]float64) string {
	var top string
	for _, name := range library {
		if top == "" || scores[name] > scores[top] {
			top = name
		}
	}
	return top
}

func TestCompareFindsEditedCopyFirst(t *testing.T) {
	title, text := fixture(t, "wuye-a-draft")
	scores := scoresAgainstLibrary(t, title, text)
	t.Logf("scores %v", scores)
	if got := best(scores); got != "wuye-a" {
		t.Fatalf("best match %s, want wuye-a", got)
	}
	if scores["wuye-a"] < 0.7 {
		t.Errorf("edited copy scores %.3f, want ≥ 0.7", scores["wuye-a"])
	}
	for _, name := range []string{"wuye-b", "water", "meeting"} {
		if scores[name] > 0.3 {
			t.Errorf("%s scores %.3f, want ≤ 0.3", name, scores[name])
		}
	}
}

func TestCompareSameFieldOtherContentScoresLow(t *testing.T) {
	atitle, a := fixture(t, "wuye-a")
	btitle, b := fixture(t, "wuye-b")
	if ts := dice(bigrams(atitle), bigrams(btitle)); ts < 0.4 {
		t.Fatalf("titles %q and %q are not alike (%.2f): fixture no longer tests a similar title", atitle, btitle, ts)
	}
	for _, c := range []struct{ title, text, otitle, otext string }{
		{atitle, a, btitle, b},
		{btitle, b, atitle, a},
	} {
		score, overlaps := Compare(c.title, c.text, c.otitle, c.otext)
		if score > 0.3 {
			t.Errorf("%s in %s: %.3f, want ≤ 0.3", c.title, c.otitle, score)
		}
		if len(overlaps) > 2 {
			t.Errorf("%s in %s: %d overlaps, want at most 2: %+v", c.title, c.otitle, len(overlaps), overlaps)
		}
	}
}

// chapter returns the lines of a text from the heading that contains
// start up to the next level-2 heading.
func chapter(text, start string) string {
	var b strings.Builder
	in := false
	for line := range strings.Lines(text) {
		if strings.HasPrefix(line, "## ") {
			in = strings.Contains(line, start)
		}
		if in {
			b.WriteString(line)
		}
	}
	return b.String()
}

func TestCompareCopiedChapterScoresHigh(t *testing.T) {
	_, text := fixture(t, "wuye-a")
	draft := chapter(text, "第三章")
	if utf8.RuneCountInString(draft) > utf8.RuneCountInString(text)/3 {
		t.Fatal("the chapter is not a small part of the text")
	}
	scores := scoresAgainstLibrary(t, "某市物业服务规定", draft)
	t.Logf("scores %v", scores)
	if scores["wuye-a"] < 0.5 {
		t.Errorf("copied chapter scores %.3f, want ≥ 0.5", scores["wuye-a"])
	}
	if got := best(scores); got != "wuye-a" {
		t.Errorf("best match %s, want wuye-a", got)
	}
	_, overlaps := Compare("某市物业服务规定", draft, "某市物业管理条例", text)
	if len(overlaps) != 6 || overlaps[0].OtherClause != "第十条" || overlaps[5].OtherClause != "第十五条" {
		t.Errorf("overlaps %+v, want the six articles 第十条 to 第十五条", overlaps)
	}
}

func TestCompareTitleOnly(t *testing.T) {
	for _, c := range []struct {
		title, other string
		min, max     float64
	}{
		{"某市物业管理条例", "某市物业管理条例", 1, 1},
		{"某市物业管理条例", "某市　物业管理条例 ", 1, 1},
		{"物业管理条例", "某市物业管理条例", 0.8, 0.95},
		{"物业服务收费", "某市物业服务收费管理办法", 0.5, 0.8},
		{"物业管理条例", "某市饮用水水源保护条例", 0, 0.2},
		{"物业管理条例", "", 0, 0},
		{"", "某市物业管理条例", 0, 0},
	} {
		got, overlaps := Compare(c.title, "", c.other, "第一条　为了规范物业管理活动，制定本条例。")
		if got < c.min || got > c.max || overlaps != nil {
			t.Errorf("Compare(%q, \"\", %q) = %.3f, %v; want %.2f..%.2f, nil", c.title, c.other, got, overlaps, c.min, c.max)
		}
	}
	scores := scoresAgainstLibrary(t, "物业管理条例", "")
	if !(scores["wuye-a"] > scores["wuye-b"] && scores["wuye-b"] > scores["water"]) {
		t.Errorf("title-only scores %v, want wuye-a > wuye-b > water", scores)
	}
}

func TestCompareIdenticalTextScoresOne(t *testing.T) {
	title, text := fixture(t, "wuye-a")
	score, overlaps := Compare(title, text, title, text)
	if score < 1-1e-9 {
		t.Errorf("score %v, want 1", score)
	}
	if len(overlaps) != maxOverlaps {
		t.Errorf("%d overlaps, want %d", len(overlaps), maxOverlaps)
	}
	for i, o := range overlaps {
		if o.Similarity != 1 || o.Text != o.OtherText || o.Clause != o.OtherClause {
			t.Errorf("overlap %d: %+v, want the passage matched with itself", i, o)
		}
	}
}

func TestCompareOverlapsNumberedClauses(t *testing.T) {
	title, text := fixture(t, "meeting-draft")
	otitle, otext := fixture(t, "meeting")
	_, got := Compare(title, text, otitle, otext)
	want := []Overlap{
		{Clause: "6.2.1", Text: "6.2.1 会务人员应提前三十分钟到岗，在入口处引导参会人员签到入场。",
			OtherClause: "5.2.1", OtherText: "5.2.1 会务人员应提前三十分钟到岗，在入口处引导参会人员签到入场。", Similarity: 1},
		{Clause: "6.2.2", Text: "6.2.2 会议进行中应每隔三十分钟巡视一次会场，及时续水，保持会场安静有序。",
			OtherClause: "5.2.2", OtherText: "5.2.2 会议进行中应每隔二十分钟巡视一次会场，及时续水，保持会场安静有序。"},
		{Clause: "6.2.3", Text: "6.2.3 发现设备故障时应立即启用备用设备，并记录故障情况和处理结果。",
			OtherClause: "5.2.3", OtherText: "5.2.3 发现设备故障时应立即启用备用设备，并记录故障情况和处理结果。", Similarity: 1},
	}
	if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Overlap{}, "Similarity")); diff != "" {
		t.Fatalf("overlaps (-want +got):\n%s", diff)
	}
	if s := got[1].Similarity; s < 0.5 || s >= 1 {
		t.Errorf("similarity of the edited clause %.3f, want in [0.5, 1)", s)
	}
}

func TestCompareOverlapsArticlesRenumbered(t *testing.T) {
	title, text := fixture(t, "wuye-a-draft")
	otitle, otext := fixture(t, "wuye-a")
	_, overlaps := Compare(title, text, otitle, otext)
	if len(overlaps) != maxOverlaps {
		t.Errorf("%d overlaps, want %d (more passages match)", len(overlaps), maxOverlaps)
	}
	byText := map[string]Overlap{}
	for _, o := range overlaps {
		byText[o.Text] = o
	}
	for _, c := range []struct{ prefix, clause, other string }{
		{"第一条　为了规范物业管理活动", "第一条", "第一条"},
		{"（三）参加业主大会会议", "第四条", "第五条"},
		{"第十二条　物业服务企业应当配备必要的消防器材", "第十二条", "第十三条"},
		{"第二十一条　违反本条例第十四条规定", "第二十一条", "第二十二条"},
	} {
		var found *Overlap
		for k, o := range byText {
			if strings.HasPrefix(k, c.prefix) {
				found = &o
			}
		}
		if found == nil || found.Clause != c.clause || found.OtherClause != c.other {
			t.Errorf("overlap of %q: %+v, want clause %s ↔ %s", c.prefix, found, c.clause, c.other)
		}
	}
	for i := 1; i < len(overlaps); i++ {
		if strings.Index(text, overlaps[i-1].Text) > strings.Index(text, overlaps[i].Text) {
			t.Errorf("overlaps %d and %d out of the draft's order", i-1, i)
		}
	}
}

func TestCompareOverlapsLimitedAndTrimmed(t *testing.T) {
	long := strings.Repeat("会议服务应当保障会场设备运行稳定并记录处理结果，", 30)
	var b strings.Builder
	for i := range 40 {
		fmt.Fprintf(&b, "## %d 条款\n\n%d.1 第%d项要求：会务人员应当按照会议方案完成第%d项服务准备工作。\n\n", i+1, i+1, i+1, i+1)
	}
	b.WriteString(long + "\n")
	text := b.String()
	_, overlaps := Compare("", text, "", text)
	if len(overlaps) != maxOverlaps {
		t.Fatalf("%d overlaps, want %d", len(overlaps), maxOverlaps)
	}
	if overlaps[0].Clause != "1.1" || overlaps[maxOverlaps-1].Clause != "20.1" {
		t.Errorf("overlaps from %s to %s, want the first twenty clauses in order", overlaps[0].Clause, overlaps[maxOverlaps-1].Clause)
	}
	_, overlaps = Compare("", long, "", text)
	if len(overlaps) != 1 {
		t.Fatalf("%d overlaps of the long paragraph, want 1", len(overlaps))
	}
	for _, s := range []string{overlaps[0].Text, overlaps[0].OtherText} {
		if n := utf8.RuneCountInString(s); n != maxOverlapText+1 || !strings.HasSuffix(s, "…") {
			t.Errorf("quoted %d characters %q, want %d and an ellipsis", n, s, maxOverlapText)
		}
	}
}

func TestEachPieceOffsets(t *testing.T) {
	sentence := "物业服务企业应当按照合同约定提供服务并公示收费标准。"
	long := strings.Repeat(sentence, 10)
	text := "---\ntitle: 甲\n---\n# 标题行\n\n<!-- INFO END -->\n\n第一条　" + long + "末尾没有句号\n\n（一）短\n"
	var got []string
	runes := []rune(text)
	eachPiece(text, func(piece string, offset int) {
		if !strings.HasPrefix(string(runes[offset:]), piece) {
			t.Errorf("piece %q not at code point %d", piece, offset)
		}
		got = append(got, piece)
	})
	want := []string{"第一条　" + sentence}
	for range 9 {
		want = append(want, sentence)
	}
	want = append(want, "末尾没有句号\n", "（一）短\n")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pieces (-want +got):\n%s", diff)
	}
}

func TestPassagesSkipShortAndAttachClauses(t *testing.T) {
	text := "# 标题\n\n## 第一章　总则\n\n第一条　本条例适用于本市物业管理活动。\n\n（一）短句\n\n第二条　业主应当按时交纳物业服务费用。\n"
	d := NewDraft("", text)
	var got [][2]string
	for _, p := range d.passages {
		got = append(got, [2]string{p.clause, strings.TrimSpace(p.text)})
	}
	want := [][2]string{{"第一条", "第一条　本条例适用于本市物业管理活动。"}, {"第二条", "第二条　业主应当按时交纳物业服务费用。"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("passages (-want +got):\n%s", diff)
	}
}

func FuzzCompare(f *testing.F) {
	for _, name := range []string{"wuye-a", "wuye-a-draft", "meeting", "meeting-draft"} {
		title, text := fixture(f, name)
		f.Add(title, text[:len(text)/3], "某市物业管理条例", text[len(text)/4:])
	}
	f.Add("", "", "", "")
	f.Add("a", "---\n", "\xff", "<!--")
	f.Add("标题", "## 1\n\n1.1 甲乙丙丁戊己庚辛\r\n\r\n", "标题", "第一条\u3000甲乙丙丁戊己庚辛。。。")
	f.Fuzz(func(t *testing.T, title, text, otherTitle, otherText string) {
		score, overlaps := Compare(title, text, otherTitle, otherText)
		if !(score >= 0 && score <= 1) {
			t.Fatalf("score %v out of [0, 1]", score)
		}
		if len(overlaps) > maxOverlaps {
			t.Fatalf("%d overlaps", len(overlaps))
		}
		for _, o := range overlaps {
			if !(o.Similarity >= minOverlap && o.Similarity <= 1) {
				t.Fatalf("similarity %v out of [%v, 1]", o.Similarity, minOverlap)
			}
		}
	})
}

// syntheticText returns a deterministic text of about size bytes in the
// shape of a regulation: articles of random Han characters.
func syntheticText(seed uint64, size int) string {
	rng := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	for n := 1; b.Len() < size; n++ {
		fmt.Fprintf(&b, "第%d条　", n)
		for range 2 + rng.IntN(3) {
			for range 15 + rng.IntN(30) {
				b.WriteRune(replacements[rng.IntN(len(replacements))])
			}
			b.WriteString("。")
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

func BenchmarkCompare(b *testing.B) {
	other := syntheticText(1, 20<<10)
	draft := editCopy(other, 2)
	b.SetBytes(int64(len(draft) + len(other)))
	for b.Loop() {
		Compare("某市物业管理条例（草案）", draft, "某市物业管理条例", other)
	}
}

// corpusText is one text of the corpus.
type corpusText struct {
	id, title, text string
}

// loadCorpus reads every normative text of the shared corpus in name order
// (see package corpus for when it is absent).
func loadCorpus(tb testing.TB) []corpusText {
	tb.Helper()
	corpusDir := corpus.Path(tb, "normative-texts")
	entries, err := os.ReadDir(corpusDir)
	if err != nil {
		tb.Fatal(err)
	}
	var out []corpusText
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(corpusDir, e.Name()))
		if err != nil {
			tb.Fatal(err)
		}
		meta, _, err := docs.ParseFrontMatter(string(b))
		if err != nil {
			tb.Fatalf("%s: %v", e.Name(), err)
		}
		out = append(out, corpusText{id: strings.TrimSuffix(e.Name(), ".md"), title: meta.Title, text: string(b)})
	}
	return out
}

// sketchAll sketches texts on every core.
func sketchAll(texts []corpusText) []Signature {
	sigs := make([]Signature, len(texts))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(texts); i += workers {
				sigs[i] = Sketch(Shingles(texts[i].text))
			}
		})
	}
	wg.Wait()
	return sigs
}

// insertedSentence is the sentence an edited copy gains.
const insertedSentence = "各有关单位应当结合本地区实际情况，认真组织实施本办法，并及时报告执行中遇到的问题。"

// replacements are the characters an edited copy puts in place of others.
var replacements = []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研")

// editCopy returns a lightly edited copy of a Markdown text: its middle
// paragraph deleted, a sentence inserted, and Han characters changed at
// about 5 % of positions, all decided by seed.
func editCopy(text string, seed uint64) string {
	body, _ := docs.StripFrontMatter(text)
	lines := strings.Split(body, "\n")
	var paras []int
	for i, l := range lines {
		if !skipLine(l) && len(significant(l)) >= 20 {
			paras = append(paras, i)
		}
	}
	if len(paras) >= 3 {
		lines[paras[len(paras)/2]] = ""
		lines[paras[len(paras)/3]] += "\n\n" + insertedSentence
	}
	rs := []rune(strings.Join(lines, "\n"))
	rng := rand.New(rand.NewPCG(seed, 5))
	for i, r := range rs {
		if r >= 0x4E00 && r <= 0x9FFF && rng.IntN(20) == 0 {
			rs[i] = replacements[rng.IntN(len(replacements))]
		}
	}
	return string(rs)
}

// pickTexts chooses n texts of at least 3,000 bytes, evenly spread over the
// name order.
func pickTexts(texts []corpusText, n int) []int {
	var long []int
	for i, t := range texts {
		if len(t.text) >= 3000 {
			long = append(long, i)
		}
	}
	var out []int
	for k := range n {
		out = append(out, long[k*len(long)/n])
	}
	return out
}

// rankCandidates compares a draft with the first 20 candidates, as the
// duplicate check does, and returns their indexes, best first, with the
// scores.
func rankCandidates(title, draft string, texts []corpusText, byID map[string]int, cands []string) ([]int, []float64) {
	const maxCandidates = 20
	if len(cands) > maxCandidates {
		cands = cands[:maxCandidates]
	}
	d := NewDraft(title, draft)
	idx := make([]int, len(cands))
	scores := map[int]float64{}
	for k, id := range cands {
		i := byID[id]
		idx[k] = i
		scores[i], _ = d.Compare(texts[i].title, texts[i].text)
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmpFloatDesc(scores[a], scores[b]) })
	out := make([]float64, len(idx))
	for k, i := range idx {
		out[k] = scores[i]
	}
	return idx, out
}

// middleChapter returns the middle chapter (## 第N章 …) of a text with at
// least three, or "".
func middleChapter(text string) string {
	body, _ := docs.StripFrontMatter(text)
	lines := strings.SplitAfter(body, "\n")
	var heads []int
	for i, l := range lines {
		if strings.HasPrefix(l, "## 第") && strings.Contains(l, "章") {
			heads = append(heads, i)
		}
	}
	if len(heads) < 3 {
		return ""
	}
	k := len(heads) / 2
	return strings.Join(lines[heads[k]:heads[k+1]], "")
}

// corpusLSH sketches the corpus into an LSH and logs how long it took.
func corpusLSH(t *testing.T, texts []corpusText) (*LSH, map[string]int) {
	t.Helper()
	start := time.Now()
	sigs := sketchAll(texts)
	sketched := time.Since(start)
	lsh := NewLSH()
	byID := map[string]int{}
	for i, s := range sigs {
		lsh.Put(texts[i].id, s)
		byID[texts[i].id] = i
	}
	t.Logf("sketched %d texts in %v on %d cores; LSH filled in %v", len(texts),
		sketched.Round(time.Millisecond), runtime.GOMAXPROCS(0), (time.Since(start) - sketched).Round(time.Millisecond))
	return lsh, byID
}

// TestCorpusEditedCopyFoundFirst makes a lightly edited copy of 30 corpus
// texts and checks that the LSH candidates hold each original and that
// Compare ranks it first with a score of at least 0.7. It also logs how
// copied chapters fare.
func TestCorpusEditedCopyFoundFirst(t *testing.T) {
	if testing.Short() {
		t.Skip("skipped in -short mode")
	}
	texts := loadCorpus(t)
	lsh, byID := corpusLSH(t, texts)
	hits := 0
	var total, worst time.Duration
	picked := pickTexts(texts, 30)
	for n, i := range picked {
		draft := editCopy(texts[i].text, uint64(n))
		start := time.Now()
		cands := lsh.Candidates(Sketch(Shingles(draft)))
		ranked, scores := rankCandidates(texts[i].title, draft, texts, byID, cands)
		took := time.Since(start)
		total, worst = total+took, max(worst, took)
		if len(ranked) == 0 || ranked[0] != i {
			t.Errorf("%s %s: not first among %d candidates", texts[i].id, texts[i].title, len(cands))
			continue
		}
		hits++
		next := 0.0
		if len(scores) > 1 {
			next = scores[1]
		}
		t.Logf("%s %s: first of %d candidates, score %.3f, next %.3f, %v",
			texts[i].id, texts[i].title, len(cands), scores[0], next, took.Round(time.Microsecond))
		if scores[0] < 0.7 {
			t.Errorf("%s: edited copy scores %.3f, want ≥ 0.7", texts[i].id, scores[0])
		}
	}
	t.Logf("edited copies: recall@1 %d/%d; duplicate check (sketch, LSH, Compare ≤ 20) mean %v, max %v",
		hits, len(picked), (total / time.Duration(len(picked))).Round(time.Microsecond), worst.Round(time.Microsecond))
	corpusChapters(t, texts, lsh, picked)
}

// corpusChapters checks that the middle chapter of each picked text that
// has chapters scores at least 0.5 against its text, and logs how often the
// LSH alone finds the text (a chapter's Jaccard similarity with the whole is
// low, so the caller adds candidates by estimated containment).
func corpusChapters(t *testing.T, texts []corpusText, lsh *LSH, picked []int) {
	found, n := 0, 0
	for _, i := range picked {
		ch := middleChapter(texts[i].text)
		if ch == "" {
			continue
		}
		n++
		if slices.Contains(lsh.Candidates(Sketch(Shingles(ch))), texts[i].id) {
			found++
		}
		if score, _ := Compare("", ch, texts[i].title, texts[i].text); score < 0.5 {
			t.Errorf("%s: its middle chapter scores %.3f, want ≥ 0.5", texts[i].id, score)
		}
	}
	t.Logf("copied chapters: %d of %d texts among the LSH candidates", found, n)
}
