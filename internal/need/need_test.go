package need

import (
	"fmt"
	"testing"
)

type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper()                           {}
func (r *recorder) Skip(args ...any)                  { r.skipped = fmt.Sprint(args...) }
func (r *recorder) Fatalf(format string, args ...any) { r.failed = fmt.Sprintf(format, args...) }

func TestAbsentSkipsOutsideCI(t *testing.T) {
	t.Setenv("CI", "")
	r := &recorder{}
	Absent(r, "no pdftotext")
	if r.skipped != "no pdftotext" || r.failed != "" {
		t.Errorf("outside CI: skipped %q, failed %q", r.skipped, r.failed)
	}
}

func TestAbsentFailsUnderCI(t *testing.T) {
	t.Setenv("CI", "true")
	r := &recorder{}
	Absent(r, "no pdftotext")
	if r.failed != "CI is set, but no pdftotext" || r.skipped != "" {
		t.Errorf("under CI: skipped %q, failed %q", r.skipped, r.failed)
	}
}
