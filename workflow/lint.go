package workflow

import (
	"context"
	"fmt"
	"unicode/utf8"

	"norma/docs"
)

// Rules of the library check of normative references.
const (
	RuleRefUnknown    = "references.unknown"
	RuleRefSuperseded = "references.superseded"
	RuleRefAbolished  = "references.abolished"
)

// Lint checks a text against GB/T 1.1-2020 (docs.Lint) and each standard
// its chapter 2 cites against the library: unknown → warning, superseded →
// warning naming what replaced it, abolished → error.
func (s *Service) Lint(ctx context.Context, text string) ([]docs.Finding, error) {
	switch {
	case !utf8.ValidString(text):
		return nil, FieldError("body", "the text is not valid UTF-8").WithKey("err.text.utf8", nil)
	case len(text) > MaxBodyBytes:
		return nil, &Error{Code: ETOOLARGE, Field: "body", Message: "the text is larger than 4 MiB", Key: "err.text.too_large"}
	}
	findings := docs.Lint(text)
	for _, ref := range docs.References(text) {
		f, err := s.checkReference(ctx, ref)
		if err != nil {
			return nil, err
		}
		if f != nil {
			findings = append(findings, *f)
		}
	}
	docs.SortFindings(findings)
	return findings, nil
}

// LintRevision checks one revision of a standard the actor may read.
func (s *Service) LintRevision(ctx context.Context, actor *User, id string, n int) ([]docs.Finding, error) {
	r, err := s.Revision(ctx, actor, id, n)
	if err != nil {
		return nil, err
	}
	return s.Lint(ctx, r.Body)
}

// checkReference looks one cited standard up in the library.
func (s *Service) checkReference(ctx context.Context, ref docs.Reference) (*docs.Finding, error) {
	n := ref.Number
	if n.Prefix == "" || n.Level == "international" {
		return nil, nil
	}
	editions, err := s.store.FindStandardsByNumberBase(ctx, n.Undated())
	if err != nil {
		return nil, err
	}
	var cited []*Standard
	for _, e := range editions {
		if !ref.Dated || e.Number == n.String() {
			cited = append(cited, e)
		}
	}
	f := &docs.Finding{Clause: "2", Line: ref.Line}
	switch st := standing(cited); {
	case len(cited) == 0:
		f.Severity, f.Rule = docs.SeverityWarning, RuleRefUnknown
		f.Message = fmt.Sprintf("引用文件 %s 不在标准库中，请核对编号。", ref.Number.String())
		f.MessageEN = fmt.Sprintf("%s is not in the library; check the number.", ref.Number.String())
	case st == StatusAbolished:
		f.Severity, f.Rule = docs.SeverityError, RuleRefAbolished
		f.Message = fmt.Sprintf("引用文件 %s 已废止，不应作为规范性引用。", ref.Number.String())
		f.MessageEN = fmt.Sprintf("%s is abolished and cannot be cited normatively.", ref.Number.String())
	case st == StatusSuperseded:
		by := replacementOf(editions, cited)
		f.Severity, f.Rule = docs.SeverityWarning, RuleRefSuperseded
		f.Message = fmt.Sprintf("引用文件 %s 已被 %s 代替，请核对是否引用现行版本。", ref.Number.String(), by)
		f.MessageEN = fmt.Sprintf("%s is superseded by %s; check that the current edition is cited.", ref.Number.String(), by)
	default:
		return nil, nil
	}
	return f, nil
}

// standing is the best status among the cited editions: current if any is.
func standing(cited []*Standard) Status {
	best := Status("")
	for _, c := range cited {
		switch {
		case c.Status == StatusCurrent || c.Status == "" && c.State == StateIssued:
			return StatusCurrent
		case c.Status == StatusSuperseded:
			best = StatusSuperseded
		case best == "":
			best = c.Status
		}
	}
	return best
}

// replacementOf names the current edition that replaced the cited ones, or
// says that the replacement is not in the library.
func replacementOf(editions, cited []*Standard) string {
	for _, e := range editions {
		if e.Status == StatusCurrent {
			return e.Number
		}
	}
	for _, e := range editions {
		for _, r := range e.Replaces {
			for _, c := range cited {
				if r == c.Number || r == c.ID {
					return e.Number
				}
			}
		}
	}
	return "（库中无现行版本 / no current edition in the library）"
}
