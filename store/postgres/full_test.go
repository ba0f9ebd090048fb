package postgres

import (
	"errors"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"norma/workflow"
)

// PostgreSQL's disk_full (53100) is workflow's storage-full error; other
// errors of its class (out of memory, too many connections) are not.
func TestFullDisk(t *testing.T) {
	full := fmt.Errorf("commit: %w", &pgconn.PgError{Code: "53100", Message: "could not extend file: No space left on device"})
	if got := fullDisk(full); workflow.ErrorCode(got) != workflow.EFULL || !errors.Is(got, full) {
		t.Errorf("disk_full: %v (code %q)", got, workflow.ErrorCode(got))
	}
	oom := &pgconn.PgError{Code: "53200", Message: "out of memory"}
	if got := fullDisk(oom); got != error(oom) {
		t.Errorf("out of memory became %v", got)
	}
}
