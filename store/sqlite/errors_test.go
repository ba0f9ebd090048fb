package sqlite_test

import (
	"strings"
	"testing"

	"norma/workflow"
)

// A store error names the operation and its key, and keeps the domain code.
func TestErrorsNameTheOperation(t *testing.T) {
	db := open(t)
	_, err := db.FindStandard(t0ctx, "s-missing")
	if workflow.ErrorCode(err) != workflow.ENOTFOUND || !strings.Contains(err.Error(), `FindStandard("s-missing")`) {
		t.Errorf("FindStandard error = %v (code %s), want not_found naming the call", err, workflow.ErrorCode(err))
	}
	_, err = db.FindRevision(t0ctx, "s-missing", 3)
	if workflow.ErrorCode(err) != workflow.ENOTFOUND || !strings.Contains(err.Error(), `FindRevision("s-missing", 3)`) {
		t.Errorf("FindRevision error = %v, want not_found naming the call", err)
	}
}
