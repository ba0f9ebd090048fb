package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// handleCommentCreate adds a review comment: POST /api/v1/standards/:id/comments.
func (s *Server) handleCommentCreate(c echo.Context) error {
	var in workflow.NewComment
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cm, err := s.svc.AddComment(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, cm)
}

// handleCommentList lists the comments placed in a revision:
// GET /api/v1/standards/:id/comments?revision=M.
func (s *Server) handleCommentList(c echo.Context) error {
	n := 0
	if v := c.QueryParam("revision"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			return workflow.FieldError("revision", "revision must be a revision number from 1")
		}
	}
	list, err := s.svc.Comments(c.Request().Context(), currentUser(c), c.Param("id"), n)
	if err != nil {
		return err
	}
	if list == nil {
		list = []*workflow.Comment{}
	}
	return c.JSON(http.StatusOK, list)
}

// commentID reads the :cid parameter.
func commentID(c echo.Context) (int64, error) {
	id, err := strconv.ParseInt(c.Param("cid"), 10, 64)
	if err != nil || id < 1 {
		return 0, workflow.Errorf(workflow.ENOTFOUND, "no comment %q", c.Param("cid"))
	}
	return id, nil
}

// handleReplyCreate answers in a comment's thread: POST /api/v1/comments/:cid/replies.
func (s *Server) handleReplyCreate(c echo.Context) error {
	id, err := commentID(c)
	if err != nil {
		return err
	}
	var in struct {
		Body string `json:"body"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.svc.Reply(c.Request().Context(), currentUser(c), id, in.Body)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

// handleDisposition records the answer to a comment: PUT /api/v1/comments/:cid/disposition.
func (s *Server) handleDisposition(c echo.Context) error {
	id, err := commentID(c)
	if err != nil {
		return err
	}
	var in workflow.DispositionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cm, err := s.svc.Dispose(c.Request().Context(), currentUser(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cm)
}

// handleApplySuggestion applies a comment's suggestion as a new revision:
// POST /api/v1/comments/:cid/apply.
func (s *Server) handleApplySuggestion(c echo.Context) error {
	id, err := commentID(c)
	if err != nil {
		return err
	}
	var in struct {
		Base int `json:"base"`
	}
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, cm, err := s.svc.ApplySuggestion(c.Request().Context(), currentUser(c), id, in.Base)
	if err != nil {
		return err
	}
	r.Body = ""
	return c.JSON(http.StatusCreated, map[string]any{"number": r.Number, "revision": r, "comment": cm})
}

// handlePublicCommentCreate takes a comment from the public during notice:
// POST /api/v1/standards/:id/public-comments.
func (s *Server) handlePublicCommentCreate(c echo.Context) error {
	var in workflow.NewPublicComment
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cm, err := s.svc.AddPublicComment(c.Request().Context(), c.RealIP(), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, cm.Public())
}

// handlePublicCommentList lists the public's comments without contacts:
// GET /api/v1/standards/:id/public-comments.
func (s *Server) handlePublicCommentList(c echo.Context) error {
	list, err := s.svc.PublicComments(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list)
}
