package server

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// aftercareRoutes are the endpoints of a standard's life after issue:
// filing (备案), periodic review (复审) and implementation feedback.
func (s *Server) aftercareRoutes() {
	api := s.echo.Group("/api/v1")
	api.GET("/standards/:id/filing", s.handleFilingView)
	api.POST("/standards/:id/filing", s.handleFilingRecord)
	api.GET("/filings/due", s.handleFilingsDue)
	api.GET("/reviews/due", s.handleReviewsDue)
	api.GET("/standards/:id/reviews", s.handleReviewList)
	api.POST("/standards/:id/reviews", s.handleReviewCreate)
	api.POST("/standards/:id/feedback", s.handleFeedbackCreate)
	api.GET("/standards/:id/feedback", s.handleFeedbackList)
	api.PUT("/standards/:id/feedback/:fid/answer", s.handleFeedbackAnswer)
	s.aftercarePages()
	s.systemRoutes()
}

// handleFilingView returns a standard's filing: GET /api/v1/standards/:id/filing.
func (s *Server) handleFilingView(c echo.Context) error {
	f, err := s.svc.Filing(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, f)
}

// handleFilingRecord records or corrects a filing: POST /api/v1/standards/:id/filing.
func (s *Server) handleFilingRecord(c echo.Context) error {
	var in workflow.FilingInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	f, err := s.svc.RecordFiling(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, f)
}

// withinDays reads ?within=DAYS (0 to 3650, default 90).
func withinDays(c echo.Context) (int, error) {
	v := c.QueryParam("within")
	if v == "" {
		return 90, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 3650 {
		return 0, workflow.FieldError("within", "within is a number of days from 0 to 3650").WithKey("err.within", nil)
	}
	return n, nil
}

// handleFilingsDue lists filings due: GET /api/v1/filings/due?within=DAYS.
func (s *Server) handleFilingsDue(c echo.Context) error {
	days, err := withinDays(c)
	if err != nil {
		return err
	}
	list, err := s.svc.FilingsDue(c.Request().Context(), currentUser(c), days)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list)
}

// handleReviewsDue lists standards due for review: GET /api/v1/reviews/due?within=DAYS.
func (s *Server) handleReviewsDue(c echo.Context) error {
	days, err := withinDays(c)
	if err != nil {
		return err
	}
	list, err := s.svc.ReviewsDue(c.Request().Context(), currentUser(c), days)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list)
}

// handleReviewList returns a standard's review view: GET /api/v1/standards/:id/reviews.
func (s *Server) handleReviewList(c echo.Context) error {
	v, err := s.svc.PeriodicReviews(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

// handleReviewCreate concludes a periodic review: POST /api/v1/standards/:id/reviews.
func (s *Server) handleReviewCreate(c echo.Context) error {
	var in workflow.ReviewInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	rv, err := s.svc.ConcludeReview(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, rv)
}

// handleFeedbackCreate takes feedback from anyone: POST /api/v1/standards/:id/feedback.
func (s *Server) handleFeedbackCreate(c echo.Context) error {
	var in workflow.FeedbackInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	r, err := s.svc.AddFeedback(c.Request().Context(), c.RealIP(), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, r)
}

// handleFeedbackList lists feedback for staff and the owner: GET /api/v1/standards/:id/feedback.
func (s *Server) handleFeedbackList(c echo.Context) error {
	list, err := s.svc.FeedbackList(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, list)
}

// handleFeedbackAnswer answers feedback: PUT /api/v1/standards/:id/feedback/:fid/answer.
func (s *Server) handleFeedbackAnswer(c echo.Context) error {
	fid, err := strconv.ParseInt(c.Param("fid"), 10, 64)
	if err != nil {
		return workflow.Errorf(workflow.ENOTFOUND, "no feedback %q", c.Param("fid"))
	}
	var in workflow.FeedbackAnswer
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	f, err := s.svc.AnswerFeedback(c.Request().Context(), currentUser(c), c.Param("id"), fid, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, f)
}
