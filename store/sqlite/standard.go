package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"norma/workflow"
)

const standardColumns = `s.id, s.number, s.title, s.title_en, s.level, s.region, s.category, s.ics, s.ccs,
	s.drafting_org, s.replaces, s.state, s.status, coalesce(s.owner_id, 0), coalesce(u.username, ''), s.latest,
	s.issue_date, s.impl_date, s.notice_start, s.notice_end, s.source, s.version, s.created_at, s.updated_at,
	s.consult_start, s.consult_end, s.plan_number, s.due, s.proposal_id, s.kind, coalesce(s.parent_id, ''), s.sheet`

const standardFrom = ` FROM standards s LEFT JOIN users u ON u.id = s.owner_id`

func prefixed(p, columns string) string {
	parts := strings.Split(columns, ",")
	for i, c := range parts {
		parts[i] = p + strings.TrimSpace(c)
	}
	return strings.Join(parts, ", ")
}

func scanStandard(row interface{ Scan(...any) error }) (*workflow.Standard, error) {
	var s workflow.Standard
	var replaces, created, updated string
	var start, end, cStart, cEnd sql.NullString
	var proposal sql.NullInt64
	err := row.Scan(&s.ID, &s.Number, &s.Title, &s.TitleEN, &s.Level, &s.Region, &s.Category, &s.ICS,
		&s.CCS, &s.DraftingOrg, &replaces, &s.State, &s.Status, &s.OwnerID, &s.Owner, &s.Latest,
		&s.IssueDate, &s.ImplDate, &start, &end, &s.Source, &s.Version, &created, &updated,
		&cStart, &cEnd, &s.PlanNumber, &s.Due, &proposal, &s.Kind, &s.Parent, &s.Sheet)
	if err != nil {
		return nil, err
	}
	s.Replaces = []string{}
	if err := json.Unmarshal([]byte(replaces), &s.Replaces); err != nil {
		return nil, fmt.Errorf("standard %s: replaces %q: %w", s.ID, replaces, err)
	}
	s.NoticeStart, s.NoticeEnd = timePtr(start), timePtr(end)
	s.ConsultStart, s.ConsultEnd = timePtr(cStart), timePtr(cEnd)
	if proposal.Valid {
		s.ProposalID = &proposal.Int64
	}
	s.CreatedAt, s.UpdatedAt = parseTime(created), parseTime(updated)
	return &s, nil
}

func replacesJSON(r []string) string {
	if r == nil {
		r = []string{}
	}
	b, _ := json.Marshal(r) // a slice of strings always marshals
	return string(b)
}

// CreateStandard stores a new standard, its first revision and its history
// entry, and tells the index.
func (db *DB) CreateStandard(ctx context.Context, s *workflow.Standard, r *workflow.Revision, h *workflow.HistoryEntry) (err error) {
	defer wrapf(&err, "CreateStandard(%q)", s.ID)
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := insertStandard(ctx, tx, s); err != nil {
			return err
		}
		if err := insertRevision(ctx, tx, r); err != nil {
			return err
		}
		if h != nil {
			if err := insertHistory(ctx, tx, h); err != nil {
				return err
			}
		}
		return enqueue(ctx, tx, s.ID, s.CreatedAt)
	})
}

func nullString(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func insertStandard(ctx context.Context, tx *sql.Tx, s *workflow.Standard) error {
	if s.Kind == "" {
		s.Kind = workflow.KindStandard
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO standards (id, number, number_base, title, title_en, level, region,
		category, ics, ccs, drafting_org, replaces, state, status, owner_id, latest, issue_date, impl_date,
		notice_start, notice_end, source, version, created_at, updated_at, plan_number, due, proposal_id,
		kind, parent_id, sheet)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.ID, s.Number, workflow.NumberBase(s.Number), s.Title, s.TitleEN, s.Level, s.Region, s.Category, s.ICS, s.CCS, s.DraftingOrg,
		replacesJSON(s.Replaces), s.State, s.Status, nullID(s.OwnerID), s.Latest, s.IssueDate, s.ImplDate,
		nullTime(s.NoticeStart), nullTime(s.NoticeEnd), s.Source, formatTime(s.CreatedAt), formatTime(s.UpdatedAt),
		s.PlanNumber, s.Due, s.ProposalID, s.Kind, nullString(s.Parent), s.Sheet)
	if isUnique(err) && strings.Contains(err.Error(), "standards.number") {
		return &workflow.Error{Code: workflow.ECONFLICT, Field: "number", Message: "the number " + s.Number + " is taken",
			Key: "err.number.taken", Args: workflow.Args{"number": s.Number}}
	} else if isUnique(err) {
		return &workflow.Error{Code: workflow.ECONFLICT, Field: "id", Message: "a standard " + s.ID + " exists already",
			Key: "err.standard.exists", Args: workflow.Args{"id": s.ID}}
	}
	s.Version = 1
	return err
}

// FindStandard returns the standard with id.
func (db *DB) FindStandard(ctx context.Context, id string) (_ *workflow.Standard, err error) {
	defer wrapf(&err, "FindStandard(%q)", id)
	var s *workflow.Standard
	err = db.read(ctx, func(tx *sql.Tx) error {
		var err error
		s, err = findStandard(ctx, tx, id)
		return err
	})
	return s, err
}

func findStandard(ctx context.Context, tx *sql.Tx, id string) (*workflow.Standard, error) {
	s, err := scanStandard(tx.QueryRowContext(ctx, `SELECT `+standardColumns+standardFrom+` WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("no standard %q", id)
	}
	return s, err
}

// FindStandards lists the standards the filter selects, most recently
// changed first, and how many there are in all.
func (db *DB) FindStandards(ctx context.Context, f workflow.StandardFilter) (_ []*workflow.Standard, _ int, err error) {
	defer wrapf(&err, "FindStandards()")
	where, args := standardWhere(f)
	var out []*workflow.Standard
	var total int
	err = db.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM standards s WHERE `+where, args...).Scan(&total); err != nil {
			return err
		}
		limit := f.Limit
		if limit <= 0 {
			limit = -1
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+standardColumns+standardFrom+` WHERE `+where+
			` ORDER BY `+standardOrder(f.Sort)+` LIMIT ? OFFSET ?`, append(args, limit, f.Offset)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			s, err := scanStandard(rows)
			if err != nil {
				return err
			}
			out = append(out, s)
		}
		return rows.Err()
	})
	return out, total, err
}

// standardWhere returns the condition of a filter: the reader's keys
// (workflow.ReaderKeys) against each standard's, and the fields.
func standardWhere(f workflow.StandardFilter) (string, []any) {
	conds := []string{"1 = 1"}
	var args []any
	now := f.Now
	if now.IsZero() {
		now = time.Now()
	}
	if c, a := readerCondition(f.Reader, now); !f.AllReaders && c != "" {
		conds = append(conds, c)
		args = append(args, a...)
	}
	if f.State != nil {
		conds = append(conds, "s.state = ?")
		args = append(args, *f.State)
	}
	if f.Level != nil {
		conds = append(conds, "s.level = ?")
		args = append(args, *f.Level)
	}
	if len(f.States) > 0 {
		conds = append(conds, "s.state IN (?"+strings.Repeat(", ?", len(f.States)-1)+")")
		for _, st := range f.States {
			args = append(args, st)
		}
	}
	if f.Region != nil {
		conds = append(conds, "s.region = ?")
		args = append(args, *f.Region)
	}
	for col, v := range map[string]*string{"s.category": f.Category, "s.status": (*string)(f.Status),
		"substr(s.issue_date, 1, 4)": f.Year} {
		if v != nil {
			conds = append(conds, col+" = ?")
			args = append(args, *v)
		}
	}
	if f.Numbered {
		conds = append(conds, "s.number <> ''")
	}
	if f.Owner != nil {
		conds = append(conds, "s.owner_id = ?")
		args = append(args, *f.Owner)
	}
	if f.Expert != nil {
		conds = append(conds, "EXISTS (SELECT 1 FROM experts e WHERE e.standard_id = s.id AND e.user_id = ?)")
		args = append(args, *f.Expert)
	}
	if f.Library != nil {
		op := "="
		if *f.Library {
			op = "<>"
		}
		conds = append(conds, "s.source "+op+" ''")
	}
	return strings.Join(conds, " AND "), args
}

// standardOrder is the ORDER BY of a list; every order ends on the id so
// that pages never overlap.
func standardOrder(sort string) string {
	switch sort {
	case workflow.SortNumber:
		return "s.number, s.id"
	case workflow.SortTitle:
		return "s.title, s.id"
	}
	return "s.updated_at DESC, s.id"
}

// applyUpdate writes a metadata change inside tx.
func applyUpdate(ctx context.Context, tx *sql.Tx, id string, u *workflow.StandardUpdate) error {
	if u == nil {
		return nil
	}
	var sets []string
	var args []any
	add := func(col string, v any) {
		sets = append(sets, col+" = ?")
		args = append(args, v)
	}
	for col, p := range map[string]*string{"title": u.Title, "title_en": u.TitleEN, "region": u.Region,
		"category": u.Category, "ics": u.ICS, "ccs": u.CCS, "drafting_org": u.DraftingOrg,
		"issue_date": u.IssueDate, "impl_date": u.ImplDate, "sheet": u.Sheet} {
		if p != nil {
			add(col, *p)
		}
	}
	if u.Number != nil {
		add("number", *u.Number)
		add("number_base", workflow.NumberBase(*u.Number))
	}
	if u.Level != nil {
		add("level", *u.Level)
	}
	if u.Status != nil {
		add("status", *u.Status)
	}
	if u.Replaces != nil {
		add("replaces", replacesJSON(*u.Replaces))
	}
	if len(sets) == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE standards SET `+strings.Join(sets, ", ")+` WHERE id = ?`, append(args, id)...)
	if isUnique(err) {
		return &workflow.Error{Code: workflow.ECONFLICT, Field: "number", Message: "the number " + *u.Number + " is taken",
			Key: "err.number.taken", Args: workflow.Args{"number": *u.Number}}
	}
	return err
}

// FindStandardsByNumberBase returns every edition of an undated number,
// newest first.
func (db *DB) FindStandardsByNumberBase(ctx context.Context, base string) (_ []*workflow.Standard, err error) {
	defer wrapf(&err, "FindStandardsByNumberBase(%q)", base)
	var out []*workflow.Standard
	err = db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+standardColumns+standardFrom+`
			WHERE s.number_base = ? ORDER BY s.number DESC`, base)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			st, err := scanStandard(rows)
			if err != nil {
				return err
			}
			out = append(out, st)
		}
		return rows.Err()
	})
	return out, err
}

// FindStandardsByNumberBases returns every edition of each undated number,
// newest first, by number, in one snapshot.
func (db *DB) FindStandardsByNumberBases(ctx context.Context, bases []string) (map[string][]*workflow.Standard, error) {
	out := map[string][]*workflow.Standard{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		return standardsIn(ctx, tx, "s.number_base", " ORDER BY s.number DESC", bases, func(st *workflow.Standard) {
			out[workflow.NumberBase(st.Number)] = append(out[workflow.NumberBase(st.Number)], st)
		})
	})
	return out, err
}

// FindStandardsByNumbers returns the standards carrying the canonical
// numbers, by number, in one snapshot.
func (db *DB) FindStandardsByNumbers(ctx context.Context, numbers []string) (_ map[string]*workflow.Standard, err error) {
	defer wrapf(&err, "FindStandardsByNumbers(%d numbers)", len(numbers))
	out := map[string]*workflow.Standard{}
	if len(numbers) == 0 {
		return out, nil
	}
	err = db.read(ctx, func(tx *sql.Tx) error {
		return standardsIn(ctx, tx, "s.number", "", numbers, func(st *workflow.Standard) { out[st.Number] = st })
	})
	return out, err
}

// standardsIn gives each the standards whose column holds one of values,
// asked for 500 values at a time, each batch in order.
func standardsIn(ctx context.Context, tx *sql.Tx, column, order string, values []string, each func(*workflow.Standard)) error {
	for len(values) > 0 {
		chunk := values[:min(len(values), 500)]
		values = values[len(chunk):]
		args := make([]any, len(chunk))
		for i, v := range chunk {
			args[i] = v
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+standardColumns+standardFrom+`
			WHERE `+column+` IN (?`+strings.Repeat(", ?", len(chunk)-1)+`)`+order, args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			st, err := scanStandard(rows)
			if err != nil {
				rows.Close()
				return err
			}
			each(st)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}

// FindStandardByNumber returns the standard with the canonical number.
func (db *DB) FindStandardByNumber(ctx context.Context, number string) (_ *workflow.Standard, err error) {
	defer wrapf(&err, "FindStandardByNumber(%q)", number)
	var s *workflow.Standard
	err = db.read(ctx, func(tx *sql.Tx) error {
		var err error
		s, err = scanStandard(tx.QueryRowContext(ctx, `SELECT `+standardColumns+standardFrom+` WHERE s.number = ?`, number))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no standard numbered %s", number)
		}
		return err
	})
	return s, err
}
