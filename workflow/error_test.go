package workflow_test

import (
	"errors"
	"fmt"
	"strings"
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

// A full disk is its own kind: the code and message a user sees, with the
// store's error kept for the log.
func TestStorageFull(t *testing.T) {
	cause := errors.New("commit: database or disk is full (13)")
	err := fmt.Errorf("CreateRevision(%q): %w", "s-1", workflow.StorageFull(cause))
	if workflow.ErrorCode(err) != workflow.EFULL || !errors.Is(err, cause) {
		t.Errorf("code %q, cause kept %v", workflow.ErrorCode(err), errors.Is(err, cause))
	}
	if e := workflow.AsError(err); e == nil || e.Key != "err.storage_full" || strings.Contains(e.Message, "(13)") {
		t.Errorf("the error a user sees: %+v", e)
	}
	if !strings.Contains(err.Error(), "(13)") {
		t.Errorf("the log line %q lost the store's error", err)
	}
}
