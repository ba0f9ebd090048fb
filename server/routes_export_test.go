package server

import "github.com/labstack/echo/v4"

// Routes lists every route, for the tests that walk the route table.
func (s *Server) Routes() []*echo.Route { return s.echo.Routes() }
