package storetest

import (
	"context"

	"norma/workflow"
)

func (r *recorder) CountStandards(ctx context.Context, f workflow.StandardFilter, field string) (map[string]int, error) {
	r.called("CountStandards")
	return r.Store.CountStandards(ctx, f, field)
}
