package sqlite

import (
	"container/list"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"sync/atomic"
)

// stmtCacheSize bounds the prepared statements each connection keeps.
const stmtCacheSize = 256

// baseDriver is the SQLite driver registered as "sqlite".
var baseDriver = func() driver.Driver {
	db, err := sql.Open("sqlite", "")
	if err != nil {
		panic(err)
	}
	defer db.Close()
	return db.Driver()
}()

// prepares and finalized count the statements the cache prepares and closes,
// for its tests.
var prepares, finalized atomic.Int64

// cachingConnector opens connections that keep their prepared statements,
// so that SQL text run again on a connection is not parsed again.
type cachingConnector struct{ dsn string }

func (c cachingConnector) Connect(context.Context) (driver.Conn, error) {
	dc, err := baseDriver.Open(c.dsn)
	if err != nil {
		return nil, err
	}
	return &cachingConn{conn: dc, byText: map[string]*list.Element{}, lru: list.New()}, nil
}

func (c cachingConnector) Driver() driver.Driver { return baseDriver }

// The interfaces the SQLite connection implements and cachingConn passes on.
type baseConn interface {
	driver.Conn
	driver.ConnPrepareContext
	driver.ConnBeginTx
	driver.QueryerContext
	driver.ExecerContext
	driver.Pinger
	driver.SessionResetter
	driver.Validator
}

// cachedStmt is a statement kept by a connection; busy while rows read from
// it are open.
type cachedStmt struct {
	query string
	st    driver.Stmt
	busy  bool
}

type stmtQueryer interface {
	driver.StmtQueryContext
	driver.StmtExecContext
}

// cachingConn is a SQLite connection with a least-recently-used cache of
// prepared statements, keyed by SQL text. database/sql uses a connection from
// one goroutine at a time, so the cache needs no lock.
type cachingConn struct {
	conn   driver.Conn
	byText map[string]*list.Element
	lru    *list.List
}

func (c *cachingConn) base() baseConn { return c.conn.(baseConn) }

// stmt returns the cached statement for query, preparing it if need be. A
// statement whose rows are still open is not shared: the call gets a
// statement of its own, closed with its rows.
func (c *cachingConn) stmt(ctx context.Context, query string) (*cachedStmt, bool, error) {
	if e, ok := c.byText[query]; ok {
		cs := e.Value.(*cachedStmt)
		if !cs.busy {
			c.lru.MoveToFront(e)
			return cs, true, nil
		}
		st, err := c.prepare(ctx, query)
		if err != nil {
			return nil, false, err
		}
		return &cachedStmt{query: query, st: st}, false, nil
	}
	st, err := c.prepare(ctx, query)
	if err != nil {
		return nil, false, err
	}
	cs := &cachedStmt{query: query, st: st}
	c.byText[query] = c.lru.PushFront(cs)
	for c.lru.Len() > stmtCacheSize {
		c.evict(c.lru.Back())
	}
	return cs, true, nil
}

func (c *cachingConn) prepare(ctx context.Context, query string) (driver.Stmt, error) {
	st, err := c.base().PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if _, ok := st.(stmtQueryer); !ok {
		st.Close()
		return nil, errors.New("sqlite: statement without context methods")
	}
	prepares.Add(1)
	return st, nil
}

// evict drops a statement from the cache; one whose rows are open is closed
// when they are.
func (c *cachingConn) evict(e *list.Element) {
	cs := c.lru.Remove(e).(*cachedStmt)
	delete(c.byText, cs.query)
	if !cs.busy {
		cs.close()
	}
}

func (cs *cachedStmt) close() error {
	finalized.Add(1)
	return cs.st.Close()
}

func (c *cachingConn) cached(cs *cachedStmt) bool {
	e, ok := c.byText[cs.query]
	return ok && e.Value == cs
}

func (c *cachingConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	cs, _, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	rows, err := cs.st.(stmtQueryer).QueryContext(ctx, args)
	if err != nil {
		c.release(cs)
		return nil, err
	}
	cs.busy = true
	return &cachedRows{Rows: rows, c: c, cs: cs}, nil
}

func (c *cachingConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	cs, _, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	defer c.release(cs)
	return cs.st.(stmtQueryer).ExecContext(ctx, args)
}

// release ends a use of cs: it becomes free again, or is closed if it is no
// longer in the cache.
func (c *cachingConn) release(cs *cachedStmt) {
	cs.busy = false
	if !c.cached(cs) {
		cs.close()
	}
}

func (c *cachingConn) Prepare(query string) (driver.Stmt, error) { return c.conn.Prepare(query) }

func (c *cachingConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	return c.base().PrepareContext(ctx, query)
}

func (c *cachingConn) Begin() (driver.Tx, error) {
	return c.base().BeginTx(context.Background(), driver.TxOptions{})
}

func (c *cachingConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.base().BeginTx(ctx, opts)
}

func (c *cachingConn) Ping(ctx context.Context) error { return c.base().Ping(ctx) }

func (c *cachingConn) ResetSession(ctx context.Context) error { return c.base().ResetSession(ctx) }

func (c *cachingConn) IsValid() bool { return c.base().IsValid() }

// Close finalizes every cached statement, then closes the connection.
func (c *cachingConn) Close() error {
	var errs []error
	for e := c.lru.Front(); e != nil; e = e.Next() {
		errs = append(errs, e.Value.(*cachedStmt).close())
	}
	c.byText, c.lru = nil, list.New()
	return errors.Join(append(errs, c.conn.Close())...)
}

// cachedRows gives its statement back to the connection when closed.
type cachedRows struct {
	driver.Rows
	c      *cachingConn
	cs     *cachedStmt
	closed bool
}

func (r *cachedRows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	err := r.Rows.Close()
	r.c.release(r.cs)
	return err
}
