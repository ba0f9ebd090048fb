package workflow_test

import (
	"errors"
	"testing"

	"norma/workflow"
)

func TestRevisionStage(t *testing.T) {
	for state, want := range map[workflow.State]workflow.Stage{
		workflow.StateDraft: workflow.StageConsultation, workflow.StateExpertReview: workflow.StageReview,
		workflow.StatePublicNotice: workflow.StageApproval, workflow.StateIssued: workflow.StageIssued,
		workflow.StateSuperseded: workflow.StageIssued,
	} {
		if got := workflow.RevisionStage(&workflow.Standard{State: state}, &workflow.Revision{Number: 1}); got != want {
			t.Errorf("%s: stage %s, want %s", state, got, want)
		}
	}
}

func TestParseStage(t *testing.T) {
	for in, want := range map[string]workflow.Stage{"送审稿": workflow.StageReview, "review": workflow.StageReview,
		"发布稿": workflow.StageIssued, "consultation": workflow.StageConsultation} {
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
