package meili

import (
	"context"
	"errors"
	"fmt"

	"github.com/meilisearch/meilisearch-go"
)

// TaskError is a Meilisearch task that ended without success: failed with
// Meilisearch's message and code, or canceled.
type TaskError struct {
	What    string // what the task was for, e.g. "add 12 documents to index norma"
	UID     int64
	Status  meilisearch.TaskStatus
	Code    meilisearch.APIErrCode
	Message string
}

func (e *TaskError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "no message"
	}
	if e.Code != "" {
		msg += " (" + string(e.Code) + ")"
	}
	return fmt.Sprintf("meili: %s: task %d %s: %s", e.What, e.UID, e.Status, msg)
}

// wait waits, at most TaskTimeout, for the task info names to end, and
// returns a *TaskError unless it succeeded.
func (x *Index) wait(ctx context.Context, info *meilisearch.TaskInfo, what string) error {
	ctx, cancel := context.WithTimeout(ctx, TaskTimeout)
	defer cancel()
	task, err := x.client.WaitForTask(ctx, info.TaskUID, pollInterval)
	if err != nil {
		return fmt.Errorf("meili: %s: waiting for task %d: %w", what, info.TaskUID, err)
	}
	return taskResult(task, info.TaskUID, what)
}

// taskResult is nil for a task that succeeded and a *TaskError otherwise.
func taskResult(task *meilisearch.Task, uid int64, what string) error {
	if task.Status == meilisearch.TaskStatusSucceeded {
		return nil
	}
	return &TaskError{What: what, UID: uid, Status: task.Status, Code: task.Error.Code, Message: task.Error.Message}
}

// hasCode reports whether err is a Meilisearch API error with the code.
func hasCode(err error, code meilisearch.APIErrCode) bool {
	var me *meilisearch.Error
	return errors.As(err, &me) && me.HasCode(code)
}
