package workflow_test

import (
	"errors"
	"fmt"
	"testing"

	"norma/workflow"
)

func TestErrorVocabulary(t *testing.T) {
	field := workflow.FieldError("title", "title is required")
	for _, tc := range []struct {
		name          string
		err           error
		code, message string
	}{
		{"nil", nil, "", ""},
		{"domain", workflow.Errorf(workflow.ECONFLICT, "taken %d", 2), workflow.ECONFLICT, "taken 2"},
		{"wrapped", fmt.Errorf("FindStandard(%q): %w", "s-1", field), workflow.EINVALID, "title is required"},
		{"other", errors.New("disk full"), workflow.EINTERNAL, "internal error"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := workflow.ErrorCode(tc.err); got != tc.code {
				t.Errorf("ErrorCode = %q, want %q", got, tc.code)
			}
			if got := workflow.ErrorMessage(tc.err); got != tc.message {
				t.Errorf("ErrorMessage = %q, want %q", got, tc.message)
			}
		})
	}
	if got := field.Error(); got != "invalid: title is required (title)" {
		t.Errorf("Error() = %q", got)
	}
	if workflow.AsError(errors.New("x")) != nil || workflow.AsError(fmt.Errorf("w: %w", field)) != field {
		t.Error("AsError does not find the Error in the chain")
	}
}
