package storetest

import (
	"context"
	"time"

	"norma/workflow"
)

// The recorder's lines for the life after issue and the standard system.

func (r *recorder) PutFiling(ctx context.Context, f *workflow.Filing, h *workflow.HistoryEntry) error {
	r.called("PutFiling")
	return r.Store.PutFiling(ctx, f, h)
}

func (r *recorder) FindFiling(ctx context.Context, id string) (*workflow.Filing, error) {
	r.called("FindFiling")
	return r.Store.FindFiling(ctx, id)
}

func (r *recorder) FindFilings(ctx context.Context) ([]*workflow.Filing, error) {
	r.called("FindFilings")
	return r.Store.FindFilings(ctx)
}

func (r *recorder) CreatePeriodicReview(ctx context.Context, c workflow.ReviewChange) error {
	r.called("CreatePeriodicReview")
	return r.Store.CreatePeriodicReview(ctx, c)
}

func (r *recorder) FindPeriodicReviews(ctx context.Context, id string) ([]*workflow.PeriodicReview, error) {
	r.called("FindPeriodicReviews")
	return r.Store.FindPeriodicReviews(ctx, id)
}

func (r *recorder) CreateFeedback(ctx context.Context, f *workflow.Feedback) error {
	r.called("CreateFeedback")
	return r.Store.CreateFeedback(ctx, f)
}

func (r *recorder) FindFeedbackItem(ctx context.Context, id int64) (*workflow.Feedback, error) {
	r.called("FindFeedbackItem")
	return r.Store.FindFeedbackItem(ctx, id)
}

func (r *recorder) FindFeedback(ctx context.Context, f workflow.FeedbackFilter) ([]*workflow.Feedback, error) {
	r.called("FindFeedback")
	return r.Store.FindFeedback(ctx, f)
}

func (r *recorder) AnswerFeedback(ctx context.Context, f *workflow.Feedback) error {
	r.called("AnswerFeedback")
	return r.Store.AnswerFeedback(ctx, f)
}

func (r *recorder) FindSystem(ctx context.Context) (*workflow.System, error) {
	r.called("FindSystem")
	return r.Store.FindSystem(ctx)
}

func (r *recorder) PutSystem(ctx context.Context, sys *workflow.System) error {
	r.called("PutSystem")
	return r.Store.PutSystem(ctx, sys)
}

func (r *recorder) PutPlacement(ctx context.Context, p workflow.Placement) error {
	r.called("PutPlacement")
	return r.Store.PutPlacement(ctx, p)
}

func (r *recorder) FindPlacements(ctx context.Context) ([]workflow.Placement, error) {
	r.called("FindPlacements")
	return r.Store.FindPlacements(ctx)
}

func (r *recorder) FindReplacing(ctx context.Context, number string) ([]*workflow.Standard, error) {
	r.called("FindReplacing")
	return r.Store.FindReplacing(ctx, number)
}

func (r *recorder) FindAmendments(ctx context.Context, id string) ([]*workflow.Standard, error) {
	r.called("FindAmendments")
	return r.Store.FindAmendments(ctx, id)
}

func (r *recorder) UpdateSheet(ctx context.Context, id, sheet string, at time.Time) error {
	r.called("UpdateSheet")
	return r.Store.UpdateSheet(ctx, id, sheet, at)
}

func (r *recorder) FindPlacement(ctx context.Context, kind, ref string) (workflow.Placement, error) {
	r.called("FindPlacement")
	return r.Store.FindPlacement(ctx, kind, ref)
}
