package anchor

import (
	"errors"
	"index/suffixarray"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"norma/internal/corpus"
)

// sampleStd is a small standard whose clauses the placing tests quote.
const sampleStd = `# 城镇供水管网漏损控制

## 1 范围

本文件规定了城镇供水管网漏损控制的基本要求、检测方法和评定规则。本文件适用于城镇公共供水管网。

## 5 技术要求

5.1 管网漏损率应不大于百分之十，并应逐年降低。

5.2 供水单位应每年开展一次管网漏损检测，并记录检测结果。检测资料应当保存五年。

5.3 检测设备应定期校准，其精度应当符合本文件的规定。

## 6 检测方法

6.1 检测应在夜间最小流量时段进行，计量仪表应当符合本文件的规定。

6.2 检测报告应载明检测日期、区域和漏损量。
`

// runePos returns the code point offset of the n-th (0-based)
// occurrence of sub in s, failing the test when there is none.
func runePos(tb testing.TB, s, sub string, n int) Position {
	tb.Helper()
	from := 0
	for i := 0; ; i++ {
		at := strings.Index(s[from:], sub)
		if at < 0 {
			tb.Fatalf("%q: occurrence %d not found", sub, n)
		}
		if i == n {
			start := utf8.RuneCountInString(s[:from+at])
			return Position{start, start + utf8.RuneCountInString(sub)}
		}
		from += at + len(sub)
	}
}

// quoteNth quotes the n-th occurrence of sub in text.
func quoteNth(tb testing.TB, text, sub string, n int) (Quote, Position) {
	tb.Helper()
	pos := runePos(tb, text, sub, n)
	q, err := QuoteAt(text, pos.Start, pos.End)
	if err != nil {
		tb.Fatal(err)
	}
	return q, pos
}

func TestQuoteAt(t *testing.T) {
	long := strings.Repeat("甲", 40) + "乙丙" + strings.Repeat("丁", 40)
	tests := []struct {
		name       string
		text       string
		start, end int
		want       Quote
		wantErr    bool
	}{
		{"middle", "前文引用的段落后文", 2, 6, Quote{Exact: "引用的段", Prefix: "前文", Suffix: "落后文"}, false},
		{"whole text", "全文", 0, 2, Quote{Exact: "全文"}, false},
		{"context capped at 32", long, 40, 42,
			Quote{Exact: "乙丙", Prefix: strings.Repeat("甲", 32), Suffix: strings.Repeat("丁", 32)}, false},
		{"empty", "文本", 1, 1, Quote{}, true},
		{"reverseRunes", "文本", 2, 1, Quote{}, true},
		{"negative", "文本", -1, 1, Quote{}, true},
		{"past the end", "文本", 1, 3, Quote{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := QuoteAt(tt.text, tt.start, tt.end)
			if (err != nil) != tt.wantErr || err != nil && !errors.Is(err, ErrQuote) {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("QuoteAt (-want +got):\n%s", diff)
			}
		})
	}
}

func TestFindQuote(t *testing.T) {
	q, pos := quoteNth(t, sampleStd, "应当符合本文件的规定", 1)
	other := runePos(t, sampleStd, "应当符合本文件的规定", 0)
	tests := []struct {
		name    string
		q       Quote
		pos     *Position
		want    Position
		wantErr bool
	}{
		{"at its position", q, &pos, pos, false},
		{"at another occurrence", q, &other, other, false},
		{"one off", q, &Position{pos.Start + 1, pos.End + 1}, Position{}, true},
		{"position out of range", q, &Position{pos.Start, 100000}, Position{}, true},
		{"context picks the second occurrence", q, nil, pos, false},
		{"context picks the first occurrence", Quote{Exact: q.Exact, Prefix: "其精度"}, nil, other, false},
		{"absent", Quote{Exact: "不存在的条文"}, nil, Position{}, true},
		{"empty", Quote{}, nil, Position{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FindQuote(sampleStd, tt.q, tt.pos)
			if (err != nil) != tt.wantErr || err != nil && !errors.Is(err, ErrQuote) {
				t.Fatalf("err = %v, want error %v", err, tt.wantErr)
			}
			if got != tt.want {
				t.Errorf("FindQuote = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPlace(t *testing.T) {
	sentence := "检测资料应当保存五年。"
	moved := strings.Replace(sampleStd, sentence, "", 1) + "\n## 7 记录\n\n7.1 " + sentence + "\n"
	swapped := strings.Replace(sampleStd, "6.1 检测应在夜间最小流量时段进行，计量仪表应当符合本文件的规定。\n\n", "", 1)
	swapped = strings.Replace(swapped, "5.1 ", "6.1 检测应在夜间最小流量时段进行，计量仪表应当符合本文件的规定。\n\n5.1 ", 1)
	tests := []struct {
		name       string
		quote      string // quoted in sampleStd
		nth        int    // which occurrence of quote
		newText    string
		wantStatus string
		wantExact  string // "" for the quote itself
		wantNth    int    // occurrence of wantExact in newText
		wantClause string
	}{
		{"unchanged", "供水单位应每年开展一次管网漏损检测", 0, sampleStd, Current, "", 0, "5.2"},
		{"text inserted before", "供水单位应每年开展一次管网漏损检测", 0,
			strings.Replace(sampleStd, "5.1 ", "5.0 新增的条款规定了管网分区计量的要求。\n\n5.1 ", 1),
			Current, "", 0, "5.2"},
		{"a character amended inside", "应每年开展一次管网漏损检", 0,
			strings.Replace(sampleStd, "每年开展一次", "每年开展两次", 1),
			Current, "应每年开展两次管网漏损检", 0, "5.2"},
		{"sentence deleted", "检测资料应当保存五年", 0,
			strings.Replace(sampleStd, sentence, "", 1), Outdated, "", 0, ""},
		{"first of two occurrences", "应当符合本文件的规定", 0,
			strings.Replace(sampleStd, "## 1 范围", "## 1 范围\n\n前言插入。", 1), Current, "", 0, "5.3"},
		{"second of two occurrences", "应当符合本文件的规定", 1,
			strings.Replace(sampleStd, "## 1 范围", "## 1 范围\n\n前言插入。", 1), Current, "", 1, "6.1"},
		{"second occurrence moved first", "应当符合本文件的规定", 1, swapped, Current, "", 0, "6.1"},
		{"moved to another clause", "检测资料应当保存五年", 0, moved, Current, "", 0, "7.1"},
		{"short quote amended", "五年", 0, strings.Replace(sampleStd, "五年", "三年", 1), Outdated, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, oldPos := quoteNth(t, sampleStd, tt.quote, tt.nth)
			got := Place(sampleStd, tt.newText, q, oldPos)
			want := Placement{Status: tt.wantStatus, Exact: q.Exact, Clause: tt.wantClause}
			if tt.wantStatus == Current {
				if tt.wantExact != "" {
					want.Exact = tt.wantExact
				}
				want.Position = runePos(t, tt.newText, want.Exact, tt.wantNth)
			}
			if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(Placement{}, "Score")); diff != "" {
				t.Errorf("Place (-want +got):\n%s", diff)
			}
			switch {
			case got.Status == Outdated && got.Score != 0,
				got.Status == Current && (got.Score <= 0.5 || got.Score > 1),
				tt.newText == sampleStd && got.Score != 1:
				t.Errorf("score %v for status %s", got.Score, got.Status)
			}
		})
	}
}

// TestPlacerConcurrent places from several goroutines at once (run with
// -race): a Placer is shared by the requests that show one revision.
func TestPlacerConcurrent(t *testing.T) {
	newText := strings.Replace(sampleStd, "每年开展一次", "每年开展两次", 1)
	p := NewPlacer(sampleStd, newText)
	q, pos := quoteNth(t, sampleStd, "应每年开展一次管网漏损检", 0)
	want := p.Place(q, pos)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := p.Place(q, pos); got != want {
				t.Errorf("Place = %+v, want %+v", got, want)
			}
		})
	}
	wg.Wait()
}

func TestPlacerCarry(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		off      []int // old offset, new offset, …
	}{
		{"one line", "第一条甲乙丙丁。第二条戊己。", "前言。第一条甲乙丁。第二条新增戊己。", []int{
			0, 3, // after the insertion before it
			3, 6, // 甲
			5, 8, // 丙 was deleted: where it was
			6, 8, // 丁
			11, 15, // 戊, after 新增
			14, 18, // the end
		}},
		{"lines", "甲\n乙丙\n丁\n", "新\n甲\n乙改丙\n戊\n", []int{
			0, 2, // 甲, after an inserted line
			2, 4, // 乙
			3, 6, // 丙, after 改
			5, 8, // 丁 was replaced by 戊
			7, 10, // the end
		}},
		{"unchanged", "甲乙", "甲乙", []int{0, 0, 1, 1, 2, 2}},
		{"all new", "甲乙", "", []int{0, 0, 1, 0, 2, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := NewPlacer(tt.old, tt.new)
			for i := 0; i < len(tt.off); i += 2 {
				if got := p.carry(tt.off[i]); got != tt.off[i+1] {
					t.Errorf("carry(%d) = %d, want %d", tt.off[i], got, tt.off[i+1])
				}
			}
		})
	}
}

// levenshtein is the plain edit distance, to check approxSearch by.
func levenshtein(a, b []rune) int {
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		diag := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			c := diag
			if a[i-1] != b[j-1] {
				c++
			}
			diag = row[j]
			row[j] = min(c, row[j-1]+1, row[j]+1)
		}
	}
	return row[len(b)]
}

// sellers returns the least errors of p against a substring of t
// ending at each j, 0 ≤ j ≤ len(t), by the textbook dynamic programme.
func sellers(t, p []rune) []int {
	col := make([]int, len(p)+1)
	for i := range col {
		col[i] = i
	}
	out := []int{len(p)}
	for j := 1; j <= len(t); j++ {
		diag := 0
		for i := 1; i <= len(p); i++ {
			c := diag
			if p[i-1] != t[j-1] {
				c++
			}
			diag = col[i]
			col[i] = min(c, col[i-1]+1, col[i]+1)
		}
		out = append(out, col[len(p)])
	}
	return out
}

// suffixDistances returns for each L the edit distance between p and the last L
// code points of t.
func suffixDistances(t, p []rune) []int {
	rt, rp := reverseRunes(t), reverseRunes(p)
	col := make([]int, len(rp)+1)
	for i := range col {
		col[i] = i
	}
	out := []int{len(rp)}
	for j := 1; j <= len(rt); j++ {
		diag := j - 1
		col[0] = j
		for i := 1; i <= len(rp); i++ {
			c := diag
			if rp[i-1] != rt[j-1] {
				c++
			}
			diag = col[i]
			col[i] = min(c, col[i-1]+1, col[i]+1)
		}
		out = append(out, col[len(rp)])
	}
	return out
}

// TestApproxSearch checks the bit-parallel search against the textbook
// algorithm and brute force, with patterns of several 64-bit words.
func TestApproxSearch(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gen := func(n int, alphabet []rune) []rune {
		r := make([]rune, n)
		for i := range r {
			r[i] = alphabet[rng.Intn(len(alphabet))]
		}
		return r
	}
	for n := range 3000 {
		alphabet := testChars[:2+rng.Intn(20)]
		text, pat := gen(rng.Intn(40), alphabet), gen(1+rng.Intn(12), alphabet)
		if n%3 == 0 { // long patterns, planted in the text with a few changes
			pat = gen(1+rng.Intn(200), alphabet)
			planted := slices.Clone(pat)
			for range rng.Intn(len(pat)/4 + 1) {
				planted[rng.Intn(len(planted))] = alphabet[rng.Intn(len(alphabet))]
			}
			text = slices.Concat(gen(rng.Intn(100), alphabet), planted, gen(rng.Intn(100), alphabet))
		}
		k := rng.Intn(len(pat))
		checkSearch(t, text, pat, k)
	}
}

// checkSearch compares approxSearch(text, pat, k) with the textbook
// errors at each end.
func checkSearch(t *testing.T, text, pat []rune, k int) {
	t.Helper()
	ref := append(sellers(text, pat), k+1)
	var wantEnds []int
	for j := 0; j+1 < len(ref); j++ {
		prev := k + 1
		if j > 0 {
			prev = ref[j-1]
		}
		if ref[j] <= k && ref[j] <= prev && ref[j] <= ref[j+1] {
			wantEnds = append(wantEnds, j)
		}
	}
	got := approxSearch(text, pat, k)
	var ends []int
	for _, c := range got {
		ends = append(ends, c.end)
		back := suffixDistances(text[max(0, c.end-len(pat)-k-1):c.end], pat)
		if c.errors != ref[c.end] || back[c.end-c.start] != c.errors ||
			slices.Min(back[:c.end-c.start]) <= c.errors {
			t.Fatalf("approxSearch(%q, %q, %d): %+v, want %d errors from the latest start",
				string(text), string(pat), k, c, ref[c.end])
		}
	}
	if len(wantEnds) <= maxMatches && !slices.Equal(ends, wantEnds) {
		t.Fatalf("approxSearch(%q, %q, %d) ends %v, want %v", string(text), string(pat), k, ends, wantEnds)
	}
	if len(text) <= 12 {
		least := len(pat)
		for s := 0; s <= len(text); s++ {
			for e := s; e <= len(text); e++ {
				least = min(least, levenshtein(pat, text[s:e]))
			}
		}
		if textbook := slices.Min(ref[:len(ref)-1]); least != textbook {
			t.Fatalf("%q in %q: least errors %d, textbook %d", string(pat), string(text), least, textbook)
		}
	}
}

// testChars is the alphabet of generated texts.
var testChars = []rune("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严")

// genText returns n random code points of testChars, broken into
// sentences and numbered paragraphs.
func genText(rng *rand.Rand, n int) string {
	var b strings.Builder
	clause := 1
	for i := 0; i < n; i++ {
		switch {
		case i%400 == 0:
			b.WriteString("\n\n" + string(rune('0'+clause%10)) + ".1 ")
			clause++
		case rng.Intn(30) == 0:
			b.WriteString("。")
		default:
			b.WriteRune(testChars[rng.Intn(len(testChars))])
		}
	}
	return b.String()
}

// uniqueSpan picks a quote of 8 to 40 code points that occurs once in r.
func uniqueSpan(rng *rand.Rand, r []rune) (Position, bool) {
	for range 20 {
		n := 8 + rng.Intn(33)
		s := rng.Intn(len(r) - n)
		if strings.Count(string(r), string(r[s:s+n])) == 1 {
			return Position{s, s + n}, true
		}
	}
	return Position{}, false
}

// editAround inserts or deletes random text at random places of r outside
// [keep.Start,keep.End), and returns the new text and the new start of keep.
func editAround(rng *rand.Rand, r []rune, keep Position) ([]rune, int) {
	out := slices.Clone(r)
	start := keep.Start
	for range 1 + rng.Intn(5) {
		end := start + keep.End - keep.Start
		at := rng.Intn(len(out) + 1)
		if rng.Intn(2) == 0 { // insert
			if at > start && at < end {
				continue
			}
			ins := []rune(genText(rng, 1+rng.Intn(200)))
			out = slices.Insert(out, at, ins...)
			if at <= start {
				start += len(ins)
			}
			continue
		}
		to := min(len(out), at+1+rng.Intn(200))
		if to > start && at < end {
			continue
		}
		out = slices.Delete(out, at, to)
		if to <= start {
			start -= to - at
		}
	}
	return out, start
}

// TestPlaceEditsElsewhere: edits that leave the quote alone never make it
// outdated, and it is placed exactly where it now is.
func TestPlaceEditsElsewhere(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	checked := 0
	for range 300 {
		old := []rune(genText(rng, 500+rng.Intn(3000)))
		pos, ok := uniqueSpan(rng, old)
		if !ok {
			continue
		}
		quote := string(old[pos.Start:pos.End])
		neu, start := editAround(rng, old, pos)
		if strings.Count(string(neu), quote) != 1 {
			continue // an edit made a second copy
		}
		q, _ := QuoteAt(string(old), pos.Start, pos.End)
		got := Place(string(old), string(neu), q, pos)
		want := Position{start, start + pos.End - pos.Start}
		if got.Status != Current || got.Exact != quote || got.Position != want {
			t.Fatalf("Place(%q) = %+v, want current at %v", quote, got, want)
		}
		checked++
	}
	if checked < 200 {
		t.Fatalf("only %d cases checked", checked)
	}
}

// TestPlaceDeleted: a distinctive quote deleted with nothing like it left is
// outdated.
func TestPlaceDeleted(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	checked := 0
	for range 300 {
		old := []rune(genText(rng, 500+rng.Intn(3000)))
		pos, ok := uniqueSpan(rng, old)
		if !ok {
			continue
		}
		q, _ := QuoteAt(string(old), pos.Start, pos.End)
		from := max(0, pos.Start-rng.Intn(20))
		to := min(len(old), pos.End+rng.Intn(20))
		neu := slices.Concat(old[:from], old[to:])
		neu, _ = editAround(rng, neu, Position{from, from})
		exact := []rune(q.Exact)
		if len(approxSearch(neu, exact, len(exact)/2)) > 0 {
			continue // something like the quote is left
		}
		if got := Place(string(old), string(neu), q, pos); got.Status != Outdated ||
			got.Exact != q.Exact || got.Position != (Position{}) || got.Score != 0 {
			t.Fatalf("Place(%q) = %+v, want outdated", q.Exact, got)
		}
		checked++
	}
	if checked < 200 {
		t.Fatalf("only %d cases checked", checked)
	}
}

func FuzzPlace(f *testing.F) {
	f.Add(sampleStd, strings.Replace(sampleStd, "一次", "两次", 1), 60, 75)
	f.Add("甲乙丙丁戊己庚辛", "甲乙丁戊己庚辛壬", 1, 6)
	f.Add("abc", "", 0, 3)
	f.Add("\xff\xfe文本", "文\xff本", 0, 2)
	f.Fuzz(func(t *testing.T, oldText, newText string, start, end int) {
		q, err := QuoteAt(oldText, start, end)
		if err != nil {
			q = Quote{Exact: oldText, Prefix: newText}
		}
		got := Place(oldText, newText, q, Position{start, end})
		n := []rune(newText)
		switch got.Status {
		case Current:
			p := got.Position
			if p.Start < 0 || p.End > len(n) || p.Start >= p.End {
				t.Fatalf("position %v out of a text of %d code points", p, len(n))
			}
			if got.Exact != string(n[p.Start:p.End]) {
				t.Fatalf("exact %q, text at %v is %q", got.Exact, p, string(n[p.Start:p.End]))
			}
			if got.Score <= 0 || got.Score > 1 {
				t.Fatalf("score %v", got.Score)
			}
		case Outdated:
			if got.Position != (Position{}) || got.Exact != q.Exact || got.Score != 0 {
				t.Fatalf("outdated placement %+v", got)
			}
		default:
			t.Fatalf("status %q", got.Status)
		}
	})
}

// sentencesOf returns the sentences of r (split at 。 and line ends) of
// at least 8 code points, as positions.
func sentencesOf(r []rune) []Position {
	var out []Position
	start := 0
	for i := 0; i <= len(r); i++ {
		if i < len(r) && r[i] != '。' && r[i] != '\n' {
			continue
		}
		s, e := start, i
		for s < e && strings.ContainsRune(" \t\u3000", r[s]) {
			s++
		}
		if e-s >= 8 {
			out = append(out, Position{s, e})
		}
		start = i + 1
	}
	return out
}

// revisionPair is two consecutive revisions of the shared corpus.
type revisionPair struct{ name, old, new string }

// corpusPairs returns the consecutive revision pairs of the shared
// corpus (see package corpus for when it is absent).
func corpusPairs(tb testing.TB) []revisionPair {
	tb.Helper()
	root := corpus.Path(tb, "revisions")
	dirs, err := os.ReadDir(root)
	if err != nil {
		tb.Fatal(err)
	}
	var pairs []revisionPair
	for _, d := range dirs {
		files, _ := filepath.Glob(filepath.Join(root, d.Name(), "*.md"))
		slices.Sort(files)
		for i := 1; i < len(files); i++ {
			a, errA := os.ReadFile(files[i-1])
			b, errB := os.ReadFile(files[i])
			if errA != nil || errB != nil {
				tb.Fatal(errors.Join(errA, errB))
			}
			name := d.Name() + "/" + strings.TrimSuffix(filepath.Base(files[i]), ".md")
			pairs = append(pairs, revisionPair{name, string(a), string(b)})
		}
	}
	return pairs
}

// corpusCounts tallies the corpus test.
type corpusCounts struct {
	mu                                                               sync.Mutex
	quotes, kept, placed, followed, gone, outdated, amended, fuzzily int
}

// add adds the tally of one pair.
func (c *corpusCounts) add(d *corpusCounts) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.quotes, c.kept, c.placed, c.followed = c.quotes+d.quotes, c.kept+d.kept, c.placed+d.placed, c.followed+d.followed
	c.gone, c.outdated, c.amended, c.fuzzily = c.gone+d.gone, c.outdated+d.outdated, c.amended+d.amended, c.fuzzily+d.fuzzily
}

// TestPlaceCorpus places the sentences of each real revision in the next:
// unchanged ones exactly where they now are, vanished ones as outdated.
func TestPlaceCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("corpus test skipped in -short mode")
	}
	pairs := corpusPairs(t)
	var c corpusCounts
	t.Run("pairs", func(t *testing.T) {
		for _, p := range pairs {
			t.Run(p.name, func(t *testing.T) {
				t.Parallel()
				var d corpusCounts
				corpusPair(t, p.old, p.new, &d)
				c.add(&d)
			})
		}
	})
	t.Logf("%d revision pairs, %d quotes (sentences of ≥ 8 code points occurring once)", len(pairs), c.quotes)
	t.Logf("unchanged: %d, placed exactly %d (%.1f%%), placed on an amended copy in the original context %d",
		c.kept, c.placed, pct(c.placed, c.kept), c.followed)
	t.Logf("gone: %d, outdated %d (%.1f%%)", c.gone, c.outdated, pct(c.outdated, c.gone))
	t.Logf("amended by 1–2 code points: %d, placed fuzzily %d (%.1f%%)", c.amended, c.fuzzily, pct(c.fuzzily, c.amended))
}

func pct(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }

// corpusPair checks the sentences of one revision pair.
func corpusPair(t *testing.T, oldText, newText string, c *corpusCounts) {
	placer := NewPlacer(oldText, newText)
	old, neu := []rune(oldText), []rune(newText)
	oldIndex := suffixarray.New([]byte(oldText))
	newIndex := suffixarray.New([]byte(newText))
	for _, pos := range sentencesOf(old) {
		s := string(old[pos.Start:pos.End])
		if len(oldIndex.Lookup([]byte(s), 2)) != 1 {
			continue
		}
		q, _ := QuoteAt(oldText, pos.Start, pos.End)
		c.quotes++
		got := placer.Place(q, pos)
		at := newIndex.Lookup([]byte(s), 2)
		switch len(at) {
		case 1:
			c.kept++
			start := utf8.RuneCountInString(newText[:at[0]])
			want := Position{start, start + pos.End - pos.Start}
			switch {
			case got.Status == Current && got.Position == want:
				c.placed++
			case followedQuote(neu, q, got, want):
				c.followed++
				t.Logf("%q: placed on %q at %v, in its original context, rather than at %v", s, got.Exact, got.Position, want)
			default:
				t.Errorf("unchanged %q: got %+v, want current at %v", s, got, want)
			}
		case 0:
			corpusGone(t, neu, []rune(s), got, c)
		}
	}
}

// followedQuote tells whether got, rather than the unchanged copy at want,
// is a copy of the quote changed by at most 2 code points in a context that
// agrees better with the quote's: a list item renumbered where it stood,
// while another item took its old number.
func followedQuote(neu []rune, q Quote, got Placement, want Position) bool {
	if got.Status != Current || levenshtein([]rune(q.Exact), []rune(got.Exact)) > 2 {
		return false
	}
	context := func(p Position) float64 {
		before := neu[max(0, p.Start-quoteContextLen):p.Start]
		after := neu[p.End:min(len(neu), p.End+quoteContextLen)]
		return affixSimilarity([]rune(q.Prefix), before, true) + affixSimilarity([]rune(q.Suffix), after, false)
	}
	return context(got.Position) > context(want)
}

// corpusGone checks a quote that no longer occurs exactly: with
// nothing within half its length of errors left it must be outdated; one
// amended by 1 or 2 code points is counted.
func corpusGone(t *testing.T, neu, s []rune, got Placement, c *corpusCounts) {
	least := len(s)
	for _, m := range approxSearch(neu, s, len(s)/2) {
		least = min(least, m.errors)
	}
	switch {
	case 2*least > len(s):
		c.gone++
		if got.Status != Outdated {
			t.Errorf("gone %q: got %+v, want outdated", string(s), got)
			return
		}
		c.outdated++
	case least <= 2:
		c.amended++
		if got.Status == Current {
			c.fuzzily++
		}
	}
}

// BenchmarkPlace places quotes in a 100 KB text after a few amendments.
func BenchmarkPlace(b *testing.B) {
	rng := rand.New(rand.NewSource(3))
	old := []rune(genText(rng, 34_000)) // 3 bytes a code point: about 100 KB
	pos := Position{20_000, 20_040}
	neu, start := editAround(rng, old, pos)
	amended := slices.Clone(neu)
	amended[start+10] = '改'
	q, _ := QuoteAt(string(old), pos.Start, pos.End)
	b.Logf("old %d bytes, new %d bytes", len(string(old)), len(string(neu)))
	cases := []struct {
		name string
		new  string
	}{
		{"unchanged", string(old)},
		{"exact", string(neu)},
		{"amended", string(amended)},
		{"deleted", string(slices.Concat(neu[:start], neu[start+40:]))},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.new)))
			for b.Loop() {
				Place(string(old), c.new, q, pos)
			}
		})
	}
	b.Run("placer", func(b *testing.B) {
		p := NewPlacer(string(old), string(amended))
		for b.Loop() {
			p.Place(q, pos)
		}
	})
}
