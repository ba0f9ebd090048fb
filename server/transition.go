package server

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"norma/workflow"
)

// handleTransition moves a standard: POST /api/v1/standards/:id/transitions.
func (s *Server) handleTransition(c echo.Context) error {
	var in workflow.TransitionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	st, err := s.svc.Transition(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, st)
}

// handleHistory lists a standard's history: GET /api/v1/standards/:id/history.
func (s *Server) handleHistory(c echo.Context) error {
	h, err := s.history(c, currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, h)
}

// history returns a standard's history with its notes in the visitor's
// language, for the API and the standard page alike.
func (s *Server) history(c echo.Context, u *workflow.User, id string) ([]*workflow.HistoryEntry, error) {
	h, err := s.svc.History(c.Request().Context(), u, id)
	if err != nil {
		return nil, err
	}
	if h == nil {
		h = []*workflow.HistoryEntry{}
	}
	lang := s.language(c)
	for _, e := range h {
		if msg, ok := s.named(lang, e.NoteKey, e.NoteArgs); e.NoteKey != "" && ok {
			e.Note = msg
		}
	}
	return h, nil
}

// handleRounds lists review rounds with verdicts: GET /api/v1/standards/:id/rounds.
func (s *Server) handleRounds(c echo.Context) error {
	r, err := s.svc.Rounds(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	if r == nil {
		r = []*workflow.Round{}
	}
	return c.JSON(http.StatusOK, r)
}

// handleVerdict records an expert's verdict: PUT /api/v1/standards/:id/verdict.
func (s *Server) handleVerdict(c echo.Context) error {
	var in workflow.VerdictInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	v, err := s.svc.GiveVerdict(c.Request().Context(), currentUser(c), c.Param("id"), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

// handleActions lists what the caller may do with a standard now, with each
// action's fields and unmet conditions: GET /api/v1/standards/:id/actions.
func (s *Server) handleActions(c echo.Context) error {
	opts, err := s.svc.ActionOptions(c.Request().Context(), currentUser(c), c.Param("id"))
	if err != nil {
		return err
	}
	if opts == nil {
		opts = []workflow.ActionOption{}
	}
	return c.JSON(http.StatusOK, opts)
}
