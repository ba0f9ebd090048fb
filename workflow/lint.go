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

// MaxCheckChars is the longest text the structure and duplicate checks
// take: a large standard has about 300,000 characters.
const MaxCheckChars = 400_000

// CheckText refuses a text too long or malformed for the checks.
func CheckText(field, text string) error {
	switch {
	case !utf8.ValidString(text):
		return FieldError(field, "the text is not valid UTF-8").WithKey("err.text.utf8", nil)
	case len(text) > MaxBodyBytes || utf8.RuneCountInString(text) > MaxCheckChars:
		return &Error{Code: ETOOLARGE, Field: field, Message: fmt.Sprintf("the checks take a text of at most %d characters", MaxCheckChars), Key: "err.text.too_large", Args: Args{"max": MaxCheckChars}}
	}
	return nil
}

// Lint checks a text against GB/T 1.1-2020 (docs.Lint) and each standard
// its chapter 2 cites against the library: unknown → warning, superseded →
// warning naming what replaced it, abolished → error. The cited numbers are
// looked up together.
func (s *Service) Lint(ctx context.Context, text string) ([]docs.Finding, error) {
	if err := CheckText("body", text); err != nil {
		return nil, err
	}
	findings := docs.Lint(text)
	refs := docs.References(text)
	var bases []string
	seen := map[string]bool{}
	for _, ref := range refs {
		if b := ref.Number.Undated(); checked(ref) && !seen[b] {
			seen[b] = true
			bases = append(bases, b)
		}
	}
	editions, err := s.store.FindStandardsByNumberBases(ctx, bases)
	if err != nil {
		return nil, err
	}
	for _, ref := range refs {
		if !checked(ref) {
			continue
		}
		if f := checkReference(ref, editions[ref.Number.Undated()]); f != nil {
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

// CountCheck counts a structure or duplicate check asked for from an
// address: without an account, an address gets AnonymousChecks within
// CheckWindow, then too_many with the seconds to wait; accounts are not
// counted.
func (s *Service) CountCheck(ctx context.Context, actor *User, client string) error {
	if actor != nil {
		return nil
	}
	now := s.now()
	wait, err := s.checkLimit.blocked(ctx, []string{client}, now)
	if err != nil {
		return err
	}
	if wait > 0 {
		return &Error{Code: ETOOMANY, Message: "too many checks from this address; try again later, or log in",
			Details: map[string]any{"retry_after": int(wait.Seconds()) + 1}}
	}
	return s.checkLimit.fail(ctx, []string{client}, now)
}

// checked reports whether a cited number is one the library may hold.
func checked(ref docs.Reference) bool {
	return ref.Number.Prefix != "" && ref.Number.Level != "international"
}

// checkReference checks one cited standard against its editions in the
// library.
func checkReference(ref docs.Reference, editions []*Standard) *docs.Finding {
	n := ref.Number
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
		return nil
	}
	return f
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
