package diff

// The semantic cleanup: diffmatchpatch's DiffCleanupSemantic (v1.4.0),
// step for step, in less time. The library counts the characters of the
// equality before every edit again, and after every equality it removes it
// goes back and counts the whole run of edits since the equality before
// last again: on a heavily revised text, whose changed passages hold
// hundreds of small equalities, that is quadratic, and it was most of the
// time of a diff. Here the first two steps work on lengths counted once
// (the merge is the one of myers.go); the shifting to word boundaries
// is the library's own. A differential test holds the result to the
// library's.

import (
	"slices"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// semanticSpans runs the semantic cleanup over the alignment and returns
// the equal spans of the result.
func (d *textDiffer) semanticSpans() []span {
	cleaned := cleanupSemantic(d.dmp, d.runes, d.a, d.b, d.sa, d.sb, d.runs)
	if spans, ok := equalSpans(cleaned, d.sa, d.sb); ok {
		return spans
	}
	// Never seen: guards against the cleanup losing text.
	raw := textDiffs(d.runs, d.a, d.b, d.sa, d.sb)
	if spans, ok := equalSpans(d.dmp.DiffCleanupSemantic(append([]diffmatchpatch.Diff(nil), raw...)), d.sa, d.sb); ok {
		return spans
	}
	spans, _ := equalSpans(raw, d.sa, d.sb)
	return spans
}

// cleanupSemantic is DiffCleanupSemantic over runs, a diff of a and b
// (sa and sb as strings): it removes the equalities no longer than the
// edits on both sides of them, merges the edits, shifts them to word
// boundaries and pulls out the overlaps of deletions and insertions. m
// lends its buffers.
func cleanupSemantic(dmp *diffmatchpatch.DiffMatchPatch, m *runeDiffer, a, b []rune, sa, sb string, runs []runDiff) []diffmatchpatch.Diff {
	if m.removeSmallEqualities(runs) {
		m.merge(a, b, 0)
		runs = m.out
	}
	return extractOverlaps(dmp, dmp.DiffCleanupSemanticLossless(textDiffs(runs, a, b, sa, sb)))
}

// removeSmallEqualities is the first step of DiffCleanupSemantic, with
// the same result: it walks the diffs keeping the lengths of the edits
// before and after the last equality; when that equality is no longer than
// either, it becomes a deletion and an insertion of its text, and the walk
// goes back to the equality before the one before it. Here a removed
// equality is only marked, so that going back costs no copying. When it
// removes any, it writes the result to m.out and reports true.
func (m *runeDiffer) removeSmallEqualities(runs []runDiff) bool {
	split := slices.Grow(m.split[:0], len(runs))[:len(runs)] // an equality turned into a deletion and an insertion
	clear(split)
	m.split = split
	equalities := m.stack[:0]
	defer func() { m.stack = equalities }()
	last := -1 // the last equality, or -1
	var ins1, del1, ins2, del2 int
	changed := false
	// removes reports whether the last equality goes, and if so goes back.
	removes := func(p *int) bool {
		if last < 0 || runs[last].n == 0 || runs[last].n > max(ins1, del1) || runs[last].n > max(ins2, del2) {
			return false
		}
		split[last] = true
		equalities = equalities[:len(equalities)-1]
		if len(equalities) > 0 {
			equalities = equalities[:len(equalities)-1]
		}
		*p = -1
		if len(equalities) > 0 {
			*p = equalities[len(equalities)-1]
		}
		ins1, del1, ins2, del2 = 0, 0, 0, 0
		last = -1
		changed = true
		return true
	}
	for p := 0; p < len(runs); p++ {
		switch {
		case split[p]: // its deletion, then its insertion
			del2 += runs[p].n
			if removes(&p) {
				continue
			}
			ins2 += runs[p].n
			removes(&p)
		case runs[p].op == diffmatchpatch.DiffEqual:
			equalities = append(equalities, p)
			ins1, del1, ins2, del2 = ins2, del2, 0, 0
			last = p
		case runs[p].op == diffmatchpatch.DiffInsert:
			ins2 += runs[p].n
			removes(&p)
		default:
			del2 += runs[p].n
			removes(&p)
		}
	}
	if !changed {
		return false
	}
	m.out = m.out[:0]
	for k, r := range runs {
		if split[k] {
			m.out = append(m.out, runDiff{diffmatchpatch.DiffDelete, r.n})
			r.op = diffmatchpatch.DiffInsert
		}
		m.out = append(m.out, r)
	}
	return true
}

// extractOverlaps is the last step of DiffCleanupSemantic: where a
// deletion and the insertion after it overlap (abcxxx, xxxdef) by at least
// half of either, the overlap becomes an equality between them. As in the
// library, the overlap is measured in bytes and compared with half the
// length in characters.
func extractOverlaps(dmp *diffmatchpatch.DiffMatchPatch, diffs []diffmatchpatch.Diff) []diffmatchpatch.Diff {
	out := make([]diffmatchpatch.Diff, 0, len(diffs))
	for k := 0; k < len(diffs); k++ {
		if k+1 == len(diffs) || diffs[k].Type != diffmatchpatch.DiffDelete || diffs[k+1].Type != diffmatchpatch.DiffInsert {
			out = append(out, diffs[k])
			continue
		}
		del, ins := diffs[k].Text, diffs[k+1].Text
		o1, o2 := dmp.DiffCommonOverlap(del, ins), dmp.DiffCommonOverlap(ins, del)
		half := func(n int) bool {
			return float64(n) >= float64(utf8.RuneCountInString(del))/2 || float64(n) >= float64(utf8.RuneCountInString(ins))/2
		}
		switch {
		case o1 >= o2 && half(o1):
			out = append(out,
				diffmatchpatch.Diff{Type: diffmatchpatch.DiffDelete, Text: del[:len(del)-o1]},
				diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: ins[:o1]},
				diffmatchpatch.Diff{Type: diffmatchpatch.DiffInsert, Text: ins[o1:]})
		case o1 < o2 && half(o2):
			out = append(out,
				diffmatchpatch.Diff{Type: diffmatchpatch.DiffInsert, Text: ins[:len(ins)-o2]},
				diffmatchpatch.Diff{Type: diffmatchpatch.DiffEqual, Text: del[:o2]},
				diffmatchpatch.Diff{Type: diffmatchpatch.DiffDelete, Text: del[o2:]})
		default:
			out = append(out, diffs[k], diffs[k+1])
		}
		k++
	}
	return out
}
