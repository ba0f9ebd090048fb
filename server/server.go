// Package server is Norma's HTTP face: echo routes for the JSON API and the
// pages, sessions and CSRF, and the one error handler that turns the domain's
// error codes into HTTP statuses.
package server

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"golang.org/x/sync/singleflight"

	"norma/internal/lru"
	"norma/search"
	"norma/web"
	"norma/workflow"
)

// Config is what the server needs to know of its setting.
type Config struct {
	// BodyLimit is the largest request body, as echo writes it ("4MiB").
	BodyLimit string
	// SecureCookies marks cookies Secure; set it when served over HTTPS.
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For.
	TrustProxy bool
	// Checks is how many structure and duplicate checks run at once; 0:
	// one per CPU, at least two.
	Checks int
	// Readers is how many page and API reads run at once, the others
	// waiting their turn in order; 0: four per CPU, at least eight.
	Readers int
}

// Deps are the parts the server works with.
type Deps struct {
	Service *workflow.Service
	Search  *search.Service
	Similar *search.Similar
	// Ready reports whether the store answers; /healthz calls it.
	Ready  func(context.Context) error
	Logger *slog.Logger
	// Printer prints the PDF export; nil answers 503.
	Printer Printer
}

// Server serves Norma over HTTP.
type Server struct {
	cfg     Config
	svc     *workflow.Service
	search  *search.Service
	similar *search.Similar
	ready   func(context.Context) error
	printer Printer
	log     *slog.Logger
	echo    *echo.Echo
	views   *web.Views
	assets  *web.Assets
	catalog web.Catalog
	renders *lru.Cache[string, *renderedRevision]
	// rendering makes each text once when several readers ask at once.
	rendering singleflight.Group
	// textsRendered counts the texts rendered since start.
	textsRendered atomic.Int64
	// checks holds a token for each check running.
	checks chan struct{}
	// reads and writes hold a token for each read and write running.
	reads, writes chan struct{}
}

// New builds the server and parses every template; a broken template is an
// error here, not at request time.
func New(cfg Config, deps Deps) (*Server, error) {
	if cfg.BodyLimit == "" {
		cfg.BodyLimit = "4MiB"
	}
	s := &Server{cfg: cfg, svc: deps.Service, search: deps.Search, similar: deps.Similar, ready: deps.Ready,
		printer: deps.Printer, log: deps.Logger, echo: echo.New(), checks: make(chan struct{}, cfg.checkSlots()),
		reads: make(chan struct{}, cfg.readSlots()), writes: make(chan struct{}, cfg.writeSlots()),
		renders: newRenderCache()}
	if s.log == nil {
		s.log = slog.Default()
	}
	var err error
	if s.assets, err = web.LoadAssets(); err != nil {
		return nil, err
	}
	if s.catalog, err = web.LoadCatalog(); err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"asset": s.assets.Path,
		"add": func(a, b int) int { return a + b }, "sub": func(a, b int) int { return a - b },
		"region": workflow.RegionName, "suggestionDiff": suggestionDiff,
		"commentCtx": commentCtx, "accepted": accepted,
		"list":       func(v ...string) []string { return v },
		"isLaw":      lawCategory,
		"percent":    func(f float64) float64 { return f * 100 },
		"pct":        func(f float64) float64 { return f * 100 },
		"revMessage": s.revisionMessage}
	if s.views, err = web.ParseViews(funcs); err != nil {
		return nil, err
	}
	s.setup()
	return s, nil
}

// ServeHTTP makes the server an http.Handler. It answers HEAD on every
// route that answers GET, with the same status and headers: echo routes
// and handles a GET, and net/http, whose response still belongs to the HEAD
// request, drops the body written.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodHead {
		g := r.Clone(context.WithValue(r.Context(), headKey{}, true))
		g.Method = http.MethodGet
		r = g
	}
	s.echo.ServeHTTP(w, r)
}

// headKey marks in its context a request that came as HEAD.
type headKey struct{}

// requestMethod is the method the client sent: HEAD for a HEAD served as GET.
func requestMethod(c echo.Context) string {
	if c.Request().Context().Value(headKey{}) != nil {
		return http.MethodHead
	}
	return c.Request().Method
}

func (s *Server) setup() {
	e := s.echo
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.handleError
	e.JSONSerializer = jsonSerializer{}
	e.IPExtractor = echo.ExtractIPDirect()
	if s.cfg.TrustProxy {
		e.IPExtractor = echo.ExtractIPFromXFFHeader()
	}
	e.Use(middleware.Recover())
	e.Use(middleware.RequestID())
	e.Use(s.accessLog())
	e.Use(middleware.BodyLimit(s.cfg.BodyLimit))
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection:         "0",
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		ReferrerPolicy:        "same-origin",
		ContentSecurityPolicy: "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
	}))
	e.Use(s.admit)
	e.Use(compress())
	e.Use(noStore)
	e.Use(s.authenticate)
	e.Use(readOnce)
	e.Use(s.csrf())
	s.routes()
}

func (s *Server) routes() {
	e := s.echo
	e.GET("/healthz", s.handleHealth)
	e.GET("/static/:name", s.handleStatic)

	api := e.Group("/api/v1")
	api.POST("/session", s.handleSessionCreate)
	api.DELETE("/session", s.handleSessionDelete)
	api.GET("/session", s.handleSessionView)
	api.GET("/standards", s.handleStandardList)
	api.POST("/standards", s.handleStandardCreate)
	api.GET("/standards/:id", s.handleStandardView)
	api.GET("/standards/:id/revisions", s.handleRevisionList)
	api.POST("/standards/:id/revisions", s.handleRevisionCreate)
	api.GET("/standards/:id/revisions/:n", s.handleRevisionView)
	api.GET("/standards/:id/revisions/:n/lint", s.handleRevisionLint, s.heavy)
	api.GET("/standards/:id/revisions/:n/export", s.handleRevisionExport, s.heavy)
	api.POST("/lint", s.handleLint, s.heavy)
	api.POST("/preview", s.handlePreview, s.heavy)
	api.GET("/standards/:id/diff", s.handleDiff)
	api.POST("/standards/:id/transitions", s.handleTransition)
	api.GET("/standards/:id/history", s.handleHistory)
	api.GET("/standards/:id/actions", s.handleActions)
	api.GET("/standards/:id/rounds", s.handleRounds)
	api.PUT("/standards/:id/verdict", s.handleVerdict)
	api.GET("/standards/:id/experts", s.handleExpertList)
	api.POST("/standards/:id/experts", s.handleExpertAssign)
	api.DELETE("/standards/:id/experts/:username", s.handleExpertRemove)
	api.POST("/standards/:id/comments", s.handleCommentCreate)
	api.GET("/standards/:id/comments", s.handleCommentList)
	api.POST("/standards/:id/public-comments", s.handlePublicCommentCreate)
	api.GET("/standards/:id/public-comments", s.handlePublicCommentList)
	api.GET("/standards/:id/dispositions", s.handleDispositions)
	api.POST("/comments/:cid/replies", s.handleReplyCreate)
	api.PUT("/comments/:cid/disposition", s.handleDisposition)
	api.POST("/comments/:cid/apply", s.handleApplySuggestion)
	api.GET("/standards/:id/consultees", s.handleConsulteeList)
	api.POST("/standards/:id/consultees", s.handleConsulteeCreate)
	api.PUT("/standards/:id/consultees/:cid", s.handleConsulteeUpdate)
	api.GET("/proposals", s.handleProposalList)
	api.POST("/proposals", s.handleProposalCreate)
	api.GET("/proposals/:pid", s.handleProposalView)
	api.POST("/proposals/:pid/decision", s.handleProposalDecision)
	api.GET("/search", s.handleSearch)
	api.GET("/codes/:list", s.handleCodes)
	s.userRoutes(api)
	api.POST("/similar", s.handleSimilar, s.heavy)
	api.GET("/standards/:id/similar", s.handleStandardSimilar, s.heavy)
	api.Any("/*", func(c echo.Context) error {
		return workflow.Errorf(workflow.ENOTFOUND, "no API route %s %s", c.Request().Method, c.Request().URL.Path)
	})

	e.GET("/", s.handleHomePage)
	e.GET("/login", s.handleLoginPage)
	e.POST("/login", s.handleLoginSubmit)
	e.POST("/logout", s.handleLogoutSubmit)
	e.GET("/standards", s.handleStandardsPage)
	e.GET("/library", s.handleLibraryPage)
	e.GET("/standards/new", s.handleNewPage)
	e.POST("/standards/new", s.handleNewSubmit)
	e.GET("/standards/:id", s.handleStandardPage)
	e.GET("/standards/:id/dispositions", s.handleDispositionsPage)
	e.POST("/standards/:id/public-comment", s.handlePublicCommentSubmit)
	e.POST("/standards/:id/transitions", s.handleTransitionSubmit)
	e.POST("/standards/:id/experts", s.handleExpertSubmit)
	e.POST("/standards/:id/experts/:username/remove", s.handleExpertRemoveSubmit)
	e.POST("/standards/:id/verdict", s.handleVerdictSubmit)
	e.POST("/standards/:id/comments", s.handleCommentSubmit)
	e.POST("/standards/:id/comments/:cid/disposition", s.handleDispositionSubmit)
	e.POST("/standards/:id/comments/:cid/apply", s.handleApplySubmit)
	e.POST("/standards/:id/comments/:cid/replies", s.handleReplySubmit)
	e.GET("/standards/:id/edit", s.handleEditPage)
	e.POST("/standards/:id/edit", s.handleEditSubmit)
	e.GET("/standards/:id/compare", s.handleComparePage)
	e.GET("/search", s.handleSearchPage)
	e.GET("/proposals", s.handleProposalsPage)
	e.GET("/proposals/new", s.handleProposalNewPage)
	e.POST("/proposals", s.handleProposalSubmit)
	e.GET("/proposals/:pid", s.handleProposalPage)
	e.POST("/proposals/:pid/decision", s.handleProposalDecisionSubmit)
	e.POST("/standards/:id/consultees", s.handleConsulteeSubmit)
	e.POST("/standards/:id/consultees/:cid", s.handleConsulteeReplySubmit)
	s.aftercareRoutes()
	s.userPages()
	s.amendmentRoutes()
}

// handleHealth answers GET /healthz once the store is open.
func (s *Server) handleHealth(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if s.ready != nil {
		if err := s.ready(ctx); err != nil {
			return workflow.Errorf(workflow.EUNAVAILABLE, "the store does not answer")
		}
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

// handleStatic serves GET /static/:name, by content-hashed name, cached for good.
func (s *Server) handleStatic(c echo.Context) error {
	f, name, ok := s.assets.Open(c.Param("name"))
	if !ok {
		return workflow.Errorf(workflow.ENOTFOUND, "no static file %q", c.Param("name"))
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(c.Response(), c.Request(), name, time.Time{}, f)
	return nil
}

// PageRoutes lists the routes of the pages and their forms, method and path
// with its :parameters, sorted: what a crawler of the site starts from. The
// JSON API, static files and the health check are left out.
func (s *Server) PageRoutes() [][2]string {
	var out [][2]string
	for _, r := range s.echo.Routes() {
		p := r.Path
		if strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/static/") || p == "/healthz" {
			continue
		}
		out = append(out, [2]string{r.Method, p})
	}
	slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[1]+" "+a[0], b[1]+" "+b[0]) })
	return slices.Compact(out)
}
