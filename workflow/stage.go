package workflow

// Stage is the stage a text is circulated at, printed on its cover.
type Stage string

// The stages of GB/T 1.1's drafts and the issued text.
const (
	StageConsultation Stage = "征求意见稿"
	StageReview       Stage = "送审稿"
	StageApproval     Stage = "报批稿"
	StageIssued       Stage = "发布稿"
)

// Stages lists the stages in the order a standard passes them.
var Stages = []Stage{StageConsultation, StageReview, StageApproval, StageIssued}

// RevisionStage is the stage a revision of st is exported at by default.
// Until revisions record the stage they were frozen at, it follows the
// standard's state: a draft goes out for comment, a text under review is
// the 送审稿, a text under public notice the 报批稿.
func RevisionStage(st *Standard, _ *Revision) Stage {
	switch st.State {
	case StateExpertReview:
		return StageReview
	case StatePublicNotice:
		return StageApproval
	case StateIssued, StateSuperseded, StateAbolished:
		return StageIssued
	}
	return StageConsultation
}

// ParseStage reads a stage by its Chinese name or its English key
// (consultation, review, approval, issued).
func ParseStage(s string) (Stage, error) {
	keys := map[string]Stage{"consultation": StageConsultation, "review": StageReview,
		"approval": StageApproval, "issued": StageIssued}
	if st, ok := keys[s]; ok {
		return st, nil
	}
	for _, st := range Stages {
		if string(st) == s {
			return st, nil
		}
	}
	return "", FieldError("stage", "stage is one of 征求意见稿, 送审稿, 报批稿, 发布稿 (or consultation, review, approval, issued), not %q", s)
}
