package workflow_test

import (
	"errors"
	"testing"

	"norma/workflow"
)

func TestRevisionStage(t *testing.T) {
	for state, want := range map[workflow.State]workflow.Stage{
		workflow.StateDraft: workflow.PrintConsultation, workflow.StateExpertReview: workflow.PrintReview,
		workflow.StatePublicNotice: workflow.PrintApproval, workflow.StateIssued: workflow.PrintIssued,
		workflow.StateSuperseded: workflow.PrintIssued,
	} {
		if got := workflow.RevisionStage(&workflow.Standard{State: state}, &workflow.Revision{Number: 1}); got != want {
			t.Errorf("%s: stage %s, want %s", state, got, want)
		}
	}
}

func TestRevisionStageFrozen(t *testing.T) {
	st := &workflow.Standard{State: workflow.StateIssued}
	r := &workflow.Revision{Number: 2, Stage: workflow.StageReview}
	if got := workflow.RevisionStage(st, r); got != workflow.PrintReview {
		t.Errorf("a revision frozen as the 送审稿 exports as %s", got)
	}
}

func TestParseStage(t *testing.T) {
	for in, want := range map[string]workflow.Stage{"送审稿": workflow.PrintReview, "review": workflow.PrintReview,
		"发布稿": workflow.PrintIssued, "consultation": workflow.PrintConsultation} {
		if got, err := workflow.ParseStage(in); err != nil || got != want {
			t.Errorf("ParseStage(%q) = %s, %v", in, got, err)
		}
	}
	_, err := workflow.ParseStage("草稿")
	var e *workflow.Error
	if workflow.ErrorCode(err) != workflow.EINVALID || !errors.As(err, &e) || e.Field != "stage" {
		t.Errorf("ParseStage(草稿) = %v, want invalid on stage", err)
	}
}
