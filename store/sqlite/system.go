package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"norma/workflow"
)

// FindSystem returns the standard system, empty before one is stored.
func (db *DB) FindSystem(ctx context.Context) (*workflow.System, error) {
	sys := &workflow.System{Nodes: []*workflow.SystemNode{}}
	err := db.read(ctx, func(tx *sql.Tx) error {
		var tree, at string
		err := tx.QueryRowContext(ctx, `SELECT tree, updated_by, updated_at FROM standard_system WHERE id = 1`).
			Scan(&tree, &sys.UpdatedBy, &at)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		t := parseTime(at)
		sys.UpdatedAt = &t
		return json.Unmarshal([]byte(tree), &sys.Nodes)
	})
	return sys, err
}

// PutSystem stores the standard system in place of the last one.
func (db *DB) PutSystem(ctx context.Context, sys *workflow.System) error {
	tree, err := json.Marshal(sys.Nodes)
	if err != nil {
		return err
	}
	at := ""
	if sys.UpdatedAt != nil {
		at = formatTime(*sys.UpdatedAt)
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO standard_system (id, tree, updated_by, updated_at) VALUES (1, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET tree = excluded.tree, updated_by = excluded.updated_by,
			updated_at = excluded.updated_at`, string(tree), sys.UpdatedBy, at)
		return err
	})
}

// PutPlacement puts a standard or proposal in a module; "" takes it out.
func (db *DB) PutPlacement(ctx context.Context, p workflow.Placement) error {
	return db.write(ctx, func(tx *sql.Tx) error {
		if p.Node == "" {
			_, err := tx.ExecContext(ctx, `DELETE FROM system_placements WHERE kind = ? AND ref = ?`, p.Kind, p.Ref)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO system_placements (kind, ref, node) VALUES (?, ?, ?)
			ON CONFLICT (kind, ref) DO UPDATE SET node = excluded.node`, p.Kind, p.Ref, p.Node)
		return err
	})
}

// FindPlacement returns the placement of one standard or proposal.
func (db *DB) FindPlacement(ctx context.Context, kind, ref string) (_ workflow.Placement, err error) {
	defer wrapf(&err, "FindPlacement(%q, %q)", kind, ref)
	p := workflow.Placement{Kind: kind, Ref: ref}
	err = db.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT node FROM system_placements WHERE kind = ? AND ref = ?`, kind, ref).Scan(&p.Node)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("%s %s is in no module", kind, ref)
		}
		return err
	})
	return p, err
}

// FindPlacements lists every placement by module, kind and reference.
func (db *DB) FindPlacements(ctx context.Context) ([]workflow.Placement, error) {
	out := []workflow.Placement{}
	err := db.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT kind, ref, node FROM system_placements ORDER BY node, kind, ref`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p workflow.Placement
			if err := rows.Scan(&p.Kind, &p.Ref, &p.Node); err != nil {
				return err
			}
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}
