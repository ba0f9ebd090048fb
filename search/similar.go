package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"norma/docs"
)

// Overlap is a passage of a draft that stands, nearly the same, in another
// text: both passages side by side with the clauses they belong to.
type Overlap struct {
	Clause      string  `json:"clause"`       // clause number in the query text (docs.Clauses), "" when before any clause
	Text        string  `json:"text"`         // the passage of the query text
	OtherClause string  `json:"other_clause"` // clause number in the other text
	OtherText   string  `json:"other_text"`   // the matching passage of the other text
	Similarity  float64 `json:"similarity"`   // 0..1
}

// Passages and overlaps.
const (
	minPassage     = 8   // significant characters a passage needs
	longPassage    = 200 // characters beyond which a paragraph is split into sentences
	minOverlap     = 0.5 // similarity a pair of passages needs to be an Overlap
	maxOverlaps    = 20
	maxOverlapText = 300 // characters of a passage an Overlap quotes
)

// Weights of the score of a draft with text.
const (
	weightContainment = 0.4
	weightCoverage    = 0.3
	weightJaccard     = 0.2
	weightTitle       = 0.1
)

// Draft is a text prepared to be compared with many others. It is safe for
// concurrent use.
type Draft struct {
	title    map[[2]rune]bool
	shingles []uint64
	index    *shingleTable // shingle → its position in shingles
	passages []passage
}

// NewDraft prepares a draft (title and text) for Compare.
func NewDraft(title, text string) *Draft {
	d := &Draft{title: bigrams(title), shingles: Shingles(text)}
	d.index = newShingleTable(len(d.shingles))
	for i, h := range d.shingles {
		d.index.insert(h, int32(i))
	}
	d.passages = d.split(text)
	clauses := docs.Clauses(text)
	for i := range d.passages {
		d.passages[i].clause = clauseNumber(clauses, d.passages[i].offset)
	}
	return d
}

// Compare scores how much of a draft (title and text) stands in another
// text, from 0 (nothing) to 1 (all of it, and nothing else), and lists the
// overlapping passages side by side in the draft's order. To compare one
// draft with many texts, NewDraft once and call its Compare.
//
// With A and B the shingle sets of the two texts (see Shingles), P the share
// of the draft's passages (weighted by their shingles) that have a
// counterpart of similarity at least 0.5 in the other text (A's containment
// when the draft has no passage), and T the character bigram Dice
// similarity of the titles, the score is
//
//	0.4·|A∩B|/|A| + 0.3·P + 0.2·|A∩B|/|A∪B| + 0.1·T
//
// Containment and coverage, how much of the draft is found in the other
// text, dominate, so that a draft copied from part of a long text still
// scores high; coverage counts only passages found nearly whole, so that a
// field's stock phrases add little; Jaccard puts a text that is the draft
// as a whole above one that merely contains it; the title separates near
// ties. A draft without text (fewer significant characters than a shingle)
// is scored by T alone: the quick check before drafting.
func Compare(title, text, otherTitle, otherText string) (score float64, overlaps []Overlap) {
	return NewDraft(title, text).Compare(otherTitle, otherText)
}

// Compare scores the draft against another text; see the function Compare.
func (d *Draft) Compare(otherTitle, otherText string) (score float64, overlaps []Overlap) {
	t := dice(d.title, bigrams(otherTitle))
	if len(d.shingles) == 0 {
		return t, nil
	}
	c, j := d.containment(otherText)
	others := d.split(otherText)
	found, p, ok := d.match(others)
	if !ok {
		p = c
	}
	score = weightContainment*c + weightCoverage*p + weightJaccard*j + weightTitle*t
	return clamp01(score), d.overlaps(found, others, otherText)
}

// containment returns |A∩B|/|A| and |A∩B|/|A∪B| for the draft's shingles A
// and the other text's B.
func (d *Draft) containment(otherText string) (c, j float64) {
	body, _ := docs.StripFrontMatter(otherText)
	rs := significant(body)
	if len(rs) < ShingleSize {
		return 0, 0
	}
	seen := newShingleTable(len(rs) - ShingleSize + 1)
	nb, inter := 0, 0
	for i := 0; i+ShingleSize <= len(rs); i++ {
		h := hashRunes(rs[i : i+ShingleSize])
		if _, known := seen.insert(h, 0); known {
			continue
		}
		nb++
		if _, ok := d.index.lookup(h); ok {
			inter++
		}
	}
	na := len(d.shingles)
	return float64(inter) / float64(na), float64(inter) / float64(na+nb-inter)
}

func clamp01(x float64) float64 { return min(max(x, 0), 1) }

// dice is the Dice coefficient of two sets of bigrams.
func dice(x, y map[[2]rune]bool) float64 {
	if len(x) == 0 || len(y) == 0 {
		return 0
	}
	n := 0
	for g := range x {
		if y[g] {
			n++
		}
	}
	return 2 * float64(n) / float64(len(x)+len(y))
}

// bigrams returns the set of character pairs of a normalised title (see
// Shingles), or its one character.
func bigrams(title string) map[[2]rune]bool {
	rs := significant(title)
	out := map[[2]rune]bool{}
	if len(rs) == 1 {
		out[[2]rune{rs[0]}] = true
	}
	for i := 0; i+1 < len(rs); i++ {
		out[[2]rune{rs[i], rs[i+1]}] = true
	}
	return out
}

// passage is a paragraph or sentence of a text.
type passage struct {
	text   string  // as written, Markdown and all
	offset int     // code point offset in the whole text
	clause string  // number of its clause, for the draft's passages
	size   int     // distinct shingles
	common []int32 // positions in Draft.shingles of the shingles it shares with the draft
}

// split cuts a text into passages: paragraphs, long ones into sentences,
// without front matter, headings, HTML comments and passages of fewer than
// minPassage significant characters.
func (d *Draft) split(text string) []passage {
	var out []passage
	var buf []rune
	var hs []uint64
	eachPiece(text, func(piece string, offset int) {
		buf = appendSignificant(buf[:0], piece)
		if len(buf) < minPassage || boilerplate(piece) {
			return
		}
		hs = hs[:0]
		for i := 0; i+ShingleSize <= len(buf); i++ {
			hs = append(hs, hashRunes(buf[i:i+ShingleSize]))
		}
		slices.Sort(hs)
		hs = slices.Compact(hs)
		p := passage{text: piece, offset: offset, size: len(hs)}
		for _, h := range hs {
			if i, ok := d.index.lookup(h); ok {
				p.common = append(p.common, i)
			}
		}
		out = append(out, p)
	})
	return out
}

// boilerplates are the sentences GB/T 1.1-2020 has every standard carry: the
// drafting rules, the patent notice, the lead-ins of chapters 2 and 3. Every
// text shares them, so they say nothing of a duplicate.
var boilerplates = []string{
	"的规定起草", "可能涉及专利", "不承担识别专利的责任", "下列文件中的内容通过文中的规范性引用",
	"注日期的引用文件", "下列术语和定义适用于本文件", "本文件没有需要界定的术语和定义",
	"本文件没有规范性引用文件",
}

func boilerplate(piece string) bool {
	for _, b := range boilerplates {
		if strings.Contains(piece, b) {
			return true
		}
	}
	return false
}

// eachPiece calls f with each paragraph of the body of text, long ones
// sentence by sentence, and its code point offset in text.
func eachPiece(text string, f func(piece string, offset int)) {
	body, start := docs.StripFrontMatter(text)
	offset := utf8.RuneCountInString(text[:start])
	for line := range strings.Lines(body) {
		n := utf8.RuneCountInString(line)
		switch {
		case skipLine(line):
		case n <= longPassage:
			f(line, offset)
		default:
			eachSentence(line, offset, f)
		}
		offset += n
	}
}

// skipLine reports whether a line holds no passage: blank, a heading or an
// HTML comment.
func skipLine(line string) bool {
	t := strings.TrimLeft(line, " \t")
	return strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "<!--")
}

// eachSentence calls f with each sentence of a line, cut after 。！？, and
// its code point offset, the line starting at offset.
func eachSentence(line string, offset int, f func(sentence string, offset int)) {
	start, n := 0, 0
	for i, r := range line {
		n++
		if r == '。' || r == '！' || r == '？' {
			end := i + utf8.RuneLen(r)
			f(line[start:end], offset)
			start, offset = end, offset+n
			n = 0
		}
	}
	if start < len(line) {
		f(line[start:], offset)
	}
}

// clauseNumber returns the number of the clause at a code point offset, ""
// before the first.
func clauseNumber(clauses []docs.Clause, offset int) string {
	if c := docs.ClauseAt(clauses, offset); c != nil {
		return c.Number
	}
	return ""
}

// displayText is a passage as an Overlap quotes it: trimmed, without
// emphasis marks, at most maxOverlapText characters.
func displayText(s string) string {
	s = strings.ReplaceAll(s, "**", "")
	s = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(s), ">-+*　 \t"))
	if utf8.RuneCountInString(s) <= maxOverlapText {
		return s
	}
	return string([]rune(s)[:maxOverlapText]) + "…"
}

// match is the passage other of the other text found for the passage at of
// the draft.
type match struct {
	at, other int
	sim       float64
}

// match pairs each passage of the draft with its most similar passage of
// others and returns the pairs of similarity at least minOverlap, in the
// draft's order, and the share of the draft's passages (by shingles) in
// them; ok is false when the draft has no passage.
func (d *Draft) match(others []passage) (found []match, coverage float64, ok bool) {
	postings := make([][]int32, len(d.shingles))
	for j, o := range others {
		for _, a := range o.common {
			postings[a] = append(postings[a], int32(j))
		}
	}
	counts := make([]int32, len(others))
	all, covered := 0, 0
	for i, p := range d.passages {
		all += p.size
		j, sim := bestMatch(p, others, postings, counts)
		if j >= 0 && sim >= minOverlap {
			covered += p.size
			found = append(found, match{i, j, sim})
		}
	}
	if all == 0 {
		return nil, 0, false
	}
	return found, float64(covered) / float64(all), true
}

// bestMatch returns the passage of others most similar to p (the first of
// equals) and the similarity, or -1. postings lists for each shingle of the
// draft the passages of others that hold it; counts is scratch space, one
// per passage of others, all zero, and left so.
func bestMatch(p passage, others []passage, postings [][]int32, counts []int32) (int, float64) {
	var touched []int32
	for _, a := range p.common {
		for _, j := range postings[a] {
			if counts[j] == 0 {
				touched = append(touched, j)
			}
			counts[j]++
		}
	}
	best, bestSim := -1, 0.0
	for _, j := range touched {
		sim := passageSimilarity(p.size, others[j].size, int(counts[j]))
		if sim > bestSim || sim == bestSim && int(j) < best {
			best, bestSim = int(j), sim
		}
		counts[j] = 0
	}
	return best, bestSim
}

// passageSimilarity of two passages of na and nb shingles sharing n: the
// mean of their Jaccard similarity and of the share of the smaller one found
// in the larger, so that a sentence quoted whole within a longer paragraph
// still counts.
func passageSimilarity(na, nb, n int) float64 {
	if n == 0 {
		return 0
	}
	j := float64(n) / float64(na+nb-n)
	o := float64(n) / float64(min(na, nb))
	return clamp01((j + o) / 2)
}

// overlaps turns the maxOverlaps most similar matches into Overlaps, in the
// draft's order.
func (d *Draft) overlaps(found []match, others []passage, otherText string) []Overlap {
	if len(found) == 0 {
		return nil
	}
	if len(found) > maxOverlaps {
		slices.SortStableFunc(found, func(a, b match) int { return cmpFloatDesc(a.sim, b.sim) })
		found = found[:maxOverlaps]
		slices.SortFunc(found, func(a, b match) int { return a.at - b.at })
	}
	clauses := docs.Clauses(otherText)
	out := make([]Overlap, len(found))
	for i, m := range found {
		p, o := d.passages[m.at], others[m.other]
		out[i] = Overlap{Clause: p.clause, Text: displayText(p.text),
			OtherClause: clauseNumber(clauses, o.offset), OtherText: displayText(o.text), Similarity: m.sim}
	}
	return out
}

func cmpFloatDesc(a, b float64) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}
