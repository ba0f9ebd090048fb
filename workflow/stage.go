package workflow

// Stage is the stage a text is circulated at, printed on its cover.
type Stage string

// The stages of GB/T 1.1's drafts and the issued text.
const (
	PrintConsultation Stage = "征求意见稿"
	PrintReview       Stage = "送审稿"
	PrintApproval     Stage = "报批稿"
	PrintIssued       Stage = "发布稿"
)

// printNames gives each revision stage (Revision.Stage) its printed name.
var printNames = map[string]Stage{StageConsultation: PrintConsultation, StageReview: PrintReview,
	StageApproval: PrintApproval, StageIssued: PrintIssued}

// Stages lists the stages in the order a standard passes them.
var Stages = []Stage{PrintConsultation, PrintReview, PrintApproval, PrintIssued}

// RevisionStage is the stage a revision of st is exported at by default:
// the stage the revision was frozen at, else the one the standard's state
// implies (a draft goes out for comment, a text under review is the 送审稿,
// a text under public notice the 报批稿).
func RevisionStage(st *Standard, r *Revision) Stage {
	if r != nil {
		if name, ok := printNames[r.Stage]; ok {
			return name
		}
	}
	switch st.State {
	case StateExpertReview:
		return PrintReview
	case StatePublicNotice:
		return PrintApproval
	case StateIssued, StateSuperseded, StateAbolished:
		return PrintIssued
	}
	return PrintConsultation
}

// ParseStage reads a stage by its Chinese name or its English key
// (consultation, review, approval, issued).
func ParseStage(s string) (Stage, error) {
	if st, ok := printNames[s]; ok {
		return st, nil
	}
	for _, st := range Stages {
		if string(st) == s {
			return st, nil
		}
	}
	return "", FieldError("stage", "stage is one of 征求意见稿, 送审稿, 报批稿, 发布稿 (or consultation, review, approval, issued), not %q", s)
}
