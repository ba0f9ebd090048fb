package postgres

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"norma/workflow"
)

const proposalColumns = `id, title, level, region, kind, replaces, proposer_org, drafting_org, rationale, scope,
	due, status, proposer_id, coalesce((SELECT username FROM users WHERE users.id = proposer_id), ''), created_at,
	decided_at, decided_by, reason, plan_number, coalesce(standard_id, '')`

func scanProposal(row interface{ Scan(...any) error }) (*workflow.Proposal, error) {
	var p workflow.Proposal
	var created string
	var decided sql.NullString
	err := row.Scan(&p.ID, &p.Title, &p.Level, &p.Region, &p.Kind, &p.Replaces, &p.ProposerOrg, &p.DraftingOrg,
		&p.Rationale, &p.Scope, &p.Due, &p.Status, &p.ProposerID, &p.Proposer, &created, &decided, &p.DecidedBy,
		&p.Reason, &p.PlanNumber, &p.StandardID)
	if err != nil {
		return nil, err
	}
	p.CreatedAt, p.DecidedAt = parseTime(created), timePtr(decided)
	return &p, nil
}

// CreateProposal stores a proposal and sets its id.
func (db *DB) CreateProposal(ctx context.Context, p *workflow.Proposal) error {
	return db.write(ctx, func(tx txn) error {
		var err error
		p.ID, err = tx.insertID(ctx, `INSERT INTO proposals (title, level, region, kind, replaces, proposer_org,
			drafting_org, rationale, scope, due, status, proposer_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, p.Title, p.Level, p.Region, p.Kind, p.Replaces,
			p.ProposerOrg, p.DraftingOrg, p.Rationale, p.Scope, p.Due, p.Status, p.ProposerID, formatTime(p.CreatedAt))
		return err
	})
}

// FindProposal returns the proposal with id.
func (db *DB) FindProposal(ctx context.Context, id int64) (*workflow.Proposal, error) {
	var p *workflow.Proposal
	err := db.read(ctx, func(tx txn) error {
		var err error
		p, err = scanProposal(tx.QueryRowContext(ctx, `SELECT `+proposalColumns+` FROM proposals WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no proposal %d", id)
		}
		return err
	})
	return p, err
}

// FindProposals lists proposals, newest first.
func (db *DB) FindProposals(ctx context.Context, f workflow.ProposalFilter) ([]*workflow.Proposal, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.Status != nil {
		where, args = append(where, "status = ?"), append(args, *f.Status)
	}
	if f.ProposerID != nil {
		where, args = append(where, "proposer_id = ?"), append(args, *f.ProposerID)
	}
	out := []*workflow.Proposal{}
	err := db.read(ctx, func(tx txn) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+proposalColumns+` FROM proposals WHERE `+
			strings.Join(where, " AND ")+` ORDER BY id DESC`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProposal(rows)
			if err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// DecideProposal records the decision on a pending proposal and, when it
// approves, creates the standard it opens; all or nothing. The proposal's
// row is locked first, so that of two decisions at once the second waits
// and then finds it decided; the outbox lock comes last.
func (db *DB) DecideProposal(ctx context.Context, p *workflow.Proposal, st *workflow.Standard, r *workflow.Revision, h *workflow.HistoryEntry) error {
	return db.write(ctx, func(tx txn) error {
		var status string
		err := tx.QueryRowContext(ctx, `SELECT status FROM proposals WHERE id = ? FOR UPDATE`, p.ID).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("no proposal %d", p.ID)
		} else if err != nil {
			return err
		} else if status != workflow.ProposalPending {
			return workflow.Errorf(workflow.ECONFLICT, "proposal %d is decided already", p.ID)
		}
		if st != nil {
			if err := insertStandard(ctx, tx, st); err != nil {
				return err
			}
			if err := insertRevision(ctx, tx, r); err != nil {
				return err
			}
			if err := insertHistory(ctx, tx, h); err != nil {
				return err
			}
		}
		var standardID any
		if st != nil {
			standardID = st.ID
		}
		res, err := tx.ExecContext(ctx, `UPDATE proposals SET status = ?, decided_at = ?, decided_by = ?, reason = ?,
			plan_number = ?, standard_id = ? WHERE id = ? AND status = 'pending'`,
			p.Status, nullTime(p.DecidedAt), p.DecidedBy, p.Reason, p.PlanNumber, standardID, p.ID)
		if isUnique(err) {
			return &workflow.Error{Code: workflow.ECONFLICT, Field: "plan_number",
				Message: "the plan number " + p.PlanNumber + " is taken"}
		} else if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return workflow.Errorf(workflow.ECONFLICT, "proposal %d is decided already", p.ID)
		}
		if st == nil {
			return nil
		}
		return enqueue(ctx, tx, st.ID, st.CreatedAt)
	})
}
