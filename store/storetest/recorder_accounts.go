package storetest

import (
	"context"

	"norma/workflow"
)

func (r *recorder) UpdateUser(ctx context.Context, a1 workflow.UserUpdate) error {
	r.called("UpdateUser")
	return r.Store.UpdateUser(ctx, a1)
}

func (r *recorder) DeleteUserSessions(ctx context.Context, a1 int64, a2 []byte) (int, error) {
	r.called("DeleteUserSessions")
	return r.Store.DeleteUserSessions(ctx, a1, a2)
}
