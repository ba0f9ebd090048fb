package main

import (
	"fmt"
	"os"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"norma/docs"
)

// Duplicate check figures.
const (
	editedCopies = 5 // corpus texts checked as lightly edited copies
	checkRepeats = 3 // times each check is timed
)

// insertedSentence is the sentence each edited copy gains.
const insertedSentence = "为加强本领域的规范化管理，各有关单位应当结合本地实际制定具体实施办法，并报主管部门备案。"

// replacements are the characters that take the place of every 20th
// Chinese character of an edited copy.
var replacements = []rune("的一是在不了有和人这中大为上个国我以要他")

// titleQueries are checked without a text: the quick check before
// drafting.
var titleQueries = []string{"物业管理条例", "安全生产条例", "消费者权益保护条例"}

// dupCheck is one timed duplicate check.
type dupCheck struct {
	kind     string // "edited copy", "title only", "standard"
	id       string // the corpus text it was made from, or checked
	title    string
	took     time.Duration
	first    string // id of the first hit
	score    float64
	hits     int
	overlaps int // overlapping passages listed for the first hit
}

// duplicateFigures are the timed duplicate checks.
type duplicateFigures struct {
	cold   time.Duration // the first check, which loads every sketch
	checks []dupCheck
}

// timeDuplicateChecks times the duplicate check on lightly edited copies of
// corpus texts (POST /api/v1/similar with title and text), on titles alone,
// and on stored standards (GET /api/v1/standards/{id}/similar).
func timeDuplicateChecks(c *client, token string, corpus []text) (duplicateFigures, error) {
	var f duplicateFigures
	_, cold, err := c.similar(token, "", map[string]string{"title": "机关办公区域物业服务规范"})
	if err != nil {
		return f, err
	}
	f.cold = cold
	picked := pickTexts(corpus, editedCopies)
	for _, t := range picked {
		raw, err := os.ReadFile(t.path)
		if err != nil {
			return f, err
		}
		_, body, _ := docs.ParseFrontMatter(string(raw))
		in := map[string]string{"title": t.title, "body": editCopy(body)}
		if err := repeatCheck(c, token, &f, dupCheck{kind: "edited copy", id: t.id, title: t.title}, "", in); err != nil {
			return f, err
		}
	}
	for _, title := range titleQueries {
		if err := repeatCheck(c, token, &f, dupCheck{kind: "title only", title: title}, "", map[string]string{"title": title}); err != nil {
			return f, err
		}
	}
	for _, t := range picked {
		if err := repeatCheck(c, token, &f, dupCheck{kind: "standard", id: t.id, title: t.title}, t.id, nil); err != nil {
			return f, err
		}
	}
	return f, nil
}

// repeatCheck runs one check checkRepeats times and keeps each timing.
func repeatCheck(c *client, token string, f *duplicateFigures, d dupCheck, id string, in map[string]string) error {
	for range checkRepeats {
		ans, took, err := c.similar(token, id, in)
		if err != nil {
			return err
		}
		d.took, d.hits = took, len(ans.Hits)
		if len(ans.Hits) > 0 {
			d.first, d.score, d.overlaps = ans.Hits[0].ID, ans.Hits[0].Score, len(ans.Hits[0].Overlaps)
		}
		f.checks = append(f.checks, d)
	}
	return nil
}

// pickTexts picks n texts spread over the corpus, each of 4,000 to 30,000
// bytes of plain text, so that a copy is a realistic draft.
func pickTexts(corpus []text, n int) []*text {
	var out []*text
	for k := range n {
		for i := k * len(corpus) / n; i < len(corpus); i++ {
			t := &corpus[i]
			if len(t.body) >= 4000 && len(t.body) <= 30000 {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// editCopy edits a text lightly and deterministically: it deletes a
// paragraph a third of the way in, inserts a sentence two thirds of the way
// in, and replaces every 20th Chinese character (5 %).
func editCopy(body string) string {
	paras := strings.Split(body, "\n\n")
	if i := deletable(paras, len(paras)/3); i >= 0 {
		paras = append(paras[:i], paras[i+1:]...)
	}
	at := 2 * len(paras) / 3
	paras = append(paras[:at], append([]string{insertedSentence}, paras[at:]...)...)
	return changeCharacters(strings.Join(paras, "\n\n"), 20)
}

// deletable returns the first paragraph from i on that is not a heading
// and has at least 20 characters, or -1.
func deletable(paras []string, i int) int {
	for ; i < len(paras); i++ {
		p := strings.TrimSpace(paras[i])
		if !strings.HasPrefix(p, "#") && utf8.RuneCountInString(p) >= 20 {
			return i
		}
	}
	return -1
}

// changeCharacters replaces every nth Chinese character with another one.
func changeCharacters(s string, n int) string {
	var b strings.Builder
	k := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			k++
			if k%n == 0 {
				repl := replacements[k/n%len(replacements)]
				if repl == r {
					repl = replacements[(k/n+1)%len(replacements)]
				}
				r = repl
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

// describe names a check for the report.
func (d dupCheck) describe() string {
	if d.id != "" {
		return fmt.Sprintf("%s %s", d.id, short(d.title, 18))
	}
	return short(d.title, 18)
}

// short cuts s to n characters.
func short(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
