package search

import (
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// sortedShingles returns the shingles of text in increasing order.
func sortedShingles(text string) []uint64 {
	s := Shingles(text)
	slices.Sort(s)
	return s
}

func TestShinglesNormalise(t *testing.T) {
	for _, c := range []struct{ name, a, b string }{
		{"spaces and punctuation", "物业服务企业应当公示收费标准。", "物业 服务，企业　应当「公示」收费标准"},
		{"full width and case", "GB/T 1.1—2020 规定的结构", "ｇｂｔ１．１２０２０规定的结构"},
		{"Markdown", "## 5.2 会中服务\n\n**会议服务** 应当", "52会中服务会议服务应当"},
		{"HTML comment", "第一条<!-- INFO END -->本条例适用于本市", "第一条本条例适用于本市"},
		{"front matter", "---\ntitle: 甲乙丙丁戊\n---\n本条例适用于本市", "本条例适用于本市"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if diff := cmp.Diff(sortedShingles(c.a), sortedShingles(c.b)); diff != "" {
				t.Errorf("shingles differ (-a +b):\n%s", diff)
			}
		})
	}
}

func TestShinglesDistinct(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"物业管理", 0},
		{"物业管理条", 1},
		{"物业管理条例", 2},
		{"物业管理物业管理物业管理", 4},
		{"甲甲甲甲甲甲甲甲甲甲", 1},
	} {
		got := Shingles(c.text)
		if len(got) != c.want {
			t.Errorf("Shingles(%q) has %d, want %d", c.text, len(got), c.want)
		}
		s := slices.Clone(got)
		slices.Sort(s)
		if len(slices.Compact(s)) != len(got) {
			t.Errorf("Shingles(%q) = %v repeats a shingle", c.text, got)
		}
	}
	if slices.Equal(sortedShingles("物业管理条例"), sortedShingles("物业管理规定")) {
		t.Error("different texts, same shingles")
	}
}

func TestSketch(t *testing.T) {
	a := Shingles("第一条　为了规范物业管理活动，维护业主和物业服务企业的合法权益，制定本条例。")
	shuffled := slices.Clone(a)
	slices.Reverse(shuffled)
	shuffled = append(shuffled, a[:3]...)
	if Sketch(a) != Sketch(shuffled) {
		t.Error("the same set in another order, with repeats, sketches differently")
	}
	if got := Sketch(a).Jaccard(Sketch(a)); got != 1 {
		t.Errorf("self Jaccard %v, want 1", got)
	}
	empty := Sketch(nil)
	if !empty.IsEmpty() || Sketch(a).IsEmpty() {
		t.Error("IsEmpty wrong")
	}
	if got := empty.Jaccard(empty); got != 0 {
		t.Errorf("Jaccard of empty signatures %v, want 0", got)
	}
	one := Sketch(a[:1])
	for i, v := range one {
		if v != uint32(a[0]) {
			t.Fatalf("bin %d of a one-shingle sketch not densified: %x", i, v)
		}
	}
}

// randomPair returns two random sets of 100 to 500 elements and their exact
// Jaccard similarity.
func randomPair(rng *rand.Rand) (a, b []uint64, exact float64) {
	n, m := 100+rng.IntN(401), 100+rng.IntN(401)
	shared := rng.IntN(min(n, m) + 1)
	for range shared {
		h := rng.Uint64()
		a, b = append(a, h), append(b, h)
	}
	for len(a) < n {
		a = append(a, rng.Uint64())
	}
	for len(b) < m {
		b = append(b, rng.Uint64())
	}
	return a, b, float64(shared) / float64(n+m-shared)
}

// TestJaccardEstimate checks the estimate on random sets of a few hundred
// shingles. With 128 positions its standard error is √(J(1−J)/128), up to
// 0.044, so ±0.1 is 2.3 standard errors: nearly every pair, not every one.
func TestJaccardEstimate(t *testing.T) {
	rng := rand.New(rand.NewPCG(2026, 5))
	const pairs = 2000
	within, sumErr, worst := 0, 0.0, 0.0
	for range pairs {
		a, b, exact := randomPair(rng)
		e := math.Abs(Sketch(a).Jaccard(Sketch(b)) - exact)
		if e <= 0.1 {
			within++
		}
		sumErr += e
		worst = max(worst, e)
	}
	t.Logf("%d of %d within ±0.1, mean error %.4f, worst %.3f", within, pairs, sumErr/pairs, worst)
	if within < pairs*99/100 {
		t.Errorf("%d of %d estimates within ±0.1, want 99 %%", within, pairs)
	}
	if sumErr/pairs > 0.035 {
		t.Errorf("mean error %.4f, want ≤ 0.035", sumErr/pairs)
	}
	if worst > 0.2 {
		t.Errorf("worst error %.3f, want ≤ 0.2", worst)
	}
}

func TestSignatureBytes(t *testing.T) {
	s := Sketch(Shingles("业主大会会议可以采用集体讨论的形式"))
	b := s.Bytes()
	if len(b) != 4*SignatureSize {
		t.Fatalf("%d bytes", len(b))
	}
	got, err := SignatureFromBytes(b)
	if err != nil || got != s {
		t.Errorf("round trip: %v, equal %v", err, got == s)
	}
	for _, n := range []int{0, 4*SignatureSize - 1, 4*SignatureSize + 4} {
		if _, err := SignatureFromBytes(make([]byte, n)); err == nil {
			t.Errorf("%d bytes read without error", n)
		}
	}
}

// lshFixtures sketches the library fixtures and the edited copy.
func lshFixtures(t *testing.T) map[string]Signature {
	t.Helper()
	out := map[string]Signature{}
	for _, name := range append(slices.Clone(library), "wuye-a-draft") {
		_, text := fixture(t, name)
		out[name] = Sketch(Shingles(text))
	}
	return out
}

func TestLSH(t *testing.T) {
	sigs := lshFixtures(t)
	l := NewLSH()
	for _, name := range library {
		l.Put(name, sigs[name])
	}
	l.Put("empty", Sketch(nil))
	if l.Len() != len(library)+1 {
		t.Fatalf("Len %d", l.Len())
	}
	if diff := cmp.Diff([]string{"wuye-a"}, l.Candidates(sigs["wuye-a-draft"])); diff != "" {
		t.Errorf("candidates of the edited copy (-want +got):\n%s", diff)
	}
	if got := l.Candidates(Sketch(nil)); got != nil {
		t.Errorf("candidates of the empty signature %v", got)
	}
	l.Put("wuye-a", sigs["water"])
	if diff := cmp.Diff([]string{"water", "wuye-a"}, l.Candidates(sigs["water"])); diff != "" {
		t.Errorf("after replacing wuye-a by water's signature (-want +got):\n%s", diff)
	}
	if got := l.Candidates(sigs["wuye-a-draft"]); len(got) != 0 {
		t.Errorf("the replaced signature still found: %v", got)
	}
	l.Remove("water")
	l.Remove("unknown")
	if diff := cmp.Diff([]string{"wuye-a"}, l.Candidates(sigs["water"])); diff != "" {
		t.Errorf("after Remove (-want +got):\n%s", diff)
	}
	if l.Len() != len(library) {
		t.Errorf("Len %d after Remove", l.Len())
	}
}

func TestLSHCandidatesMostSimilarFirst(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	base := make([]uint64, 400)
	for i := range base {
		base[i] = rng.Uint64()
	}
	l := NewLSH()
	for k, keep := range []int{400, 300, 200} {
		s := slices.Clone(base[:keep])
		for len(s) < 400 {
			s = append(s, rng.Uint64())
		}
		l.Put(string(rune('a'+k)), Sketch(s))
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, l.Candidates(Sketch(base))); diff != "" {
		t.Errorf("candidates (-want +got):\n%s", diff)
	}
}

func TestLSHConcurrent(t *testing.T) {
	sigs := lshFixtures(t)
	l := NewLSH()
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 200 {
				name := library[(w+i)%len(library)]
				l.Put(name, sigs[name])
				l.Candidates(sigs["wuye-a-draft"])
				if i%7 == 0 {
					l.Remove(name)
				}
				l.Len()
			}
		})
	}
	wg.Wait()
	if l.Len() > len(library) {
		t.Errorf("Len %d", l.Len())
	}
}

func BenchmarkShingles(b *testing.B) {
	text := syntheticText(1, 20<<10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Shingles(text)
	}
}

func BenchmarkSketch(b *testing.B) {
	sh := Shingles(syntheticText(1, 20<<10))
	for b.Loop() {
		Sketch(sh)
	}
}

// BenchmarkSketchCorpus shingles and sketches every normative text on all
// cores.
func BenchmarkSketchCorpus(b *testing.B) {
	texts := loadCorpus(b)
	size := 0
	for _, t := range texts {
		size += len(t.text)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		sketchAll(texts)
	}
}
