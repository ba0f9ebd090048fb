package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"norma/search"
	"norma/search/bleve"
	"norma/store/sqlite"
	"norma/workflow"
)

// The read rule has one definition (workflow.Readers) and three readers of
// it: the store's list, the index's filter and the domain predicate. For
// every role, relation to the owner, state and expert assignment, a real
// SQLite store and a real Bleve index must admit exactly what CanRead does.
func TestReadRuleAgrees(t *testing.T) {
	roles := []workflow.Role{"", workflow.RoleAdmin, workflow.RoleStaff, workflow.RoleDrafter, workflow.RoleExpert}
	for _, role := range roles {
		name := string(role)
		if name == "" {
			name = "public"
		}
		t.Run(name, func(t *testing.T) { checkReadRule(t, role) })
	}
}

func checkReadRule(t *testing.T, role workflow.Role) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "norma.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	idx, err := bleve.Open(filepath.Join(t.TempDir(), "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	other := &workflow.User{Username: "other", Name: "other", Role: workflow.RoleDrafter, PasswordHash: []byte("x"), CreatedAt: at}
	if err := db.CreateUser(ctx, other); err != nil {
		t.Fatal(err)
	}
	var actor *workflow.User
	if role != "" {
		actor = &workflow.User{Username: "actor", Name: "actor", Role: role, PasswordHash: []byte("x"), CreatedAt: at}
		if err := db.CreateUser(ctx, actor); err != nil {
			t.Fatal(err)
		}
	}
	var all []*workflow.Standard
	assignedTo, consulted := map[string]bool{}, map[string]bool{}
	// A draft may be out for consultation from at+1h until at+31d: the
	// rule is checked before, during and after that window.
	cStart, cEnd := at.Add(time.Hour), at.Add(31*24*time.Hour)
	for _, state := range workflow.States {
		for _, own := range []bool{false, true} {
			for _, assigned := range []bool{false, true} {
				if actor == nil && (own || assigned) {
					continue
				}
				owner := other
				if own {
					owner = actor
				}
				id := fmt.Sprintf("s-%s-own%t-expert%t", state, own, assigned)
				st := createStandard(t, db, id, owner, state, at)
				if assigned {
					if err := db.AssignExpert(ctx, id, actor.ID, at); err != nil {
						t.Fatal(err)
					}
				}
				all, assignedTo[id] = append(all, st), assigned
				if state != workflow.StateDraft {
					continue
				}
				cid := id + "-consult"
				cst := createStandard(t, db, cid, owner, state, at)
				if assigned {
					if err := db.AssignExpert(ctx, cid, actor.ID, at); err != nil {
						t.Fatal(err)
					}
				}
				tr := &workflow.Transition{StandardID: cid, Version: 1, From: state, To: state, At: at,
					ConsultStart: &cStart, ConsultEnd: &cEnd,
					History: []*workflow.HistoryEntry{{StandardID: cid, Action: "consult", From: state, To: state, At: at}}}
				if err := db.ApplyTransition(ctx, tr); err != nil {
					t.Fatal(err)
				}
				if cst, err = db.FindStandard(ctx, cid); err != nil {
					t.Fatal(err)
				}
				all, assignedTo[cid], consulted[cid] = append(all, cst), assigned, true
			}
		}
	}
	if _, err := search.NewWorker(idx, db, nil, time.Second).Drain(ctx); err != nil {
		t.Fatal(err)
	}

	for _, moment := range []struct {
		name string
		at   time.Time
		open bool
	}{{"consultation not opened", at, false}, {"consultation open", at.Add(2 * time.Hour), true},
		{"consultation ended", cEnd, false}} {
		now := moment.at
		var domain []string
		for _, st := range all {
			ok, err := workflow.CanReadStored(ctx, db, actor, st, now)
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				domain = append(domain, st.ID)
			}
		}
		listed, total, err := db.FindStandards(ctx, workflow.StandardFilter{Reader: actor, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		var store []string
		for _, st := range listed {
			store = append(store, st.ID)
		}
		res, err := idx.Search(ctx, search.Query{Sort: search.SortDate, Page: 1, Size: 100, Reader: search.ReaderOf(actor, now)})
		if err != nil {
			t.Fatal(err)
		}
		var index []string
		for _, h := range res.Hits {
			index = append(index, h.ID)
		}
		slices.Sort(domain)
		slices.Sort(store)
		slices.Sort(index)
		if diff := cmp.Diff(domain, store); diff != "" || total != len(domain) {
			t.Errorf("%s: store list (total %d) against CanRead (-domain +store):\n%s", moment.name, total, diff)
		}
		if diff := cmp.Diff(domain, index); diff != "" || res.Total != len(domain) {
			t.Errorf("%s: index filter (total %d) against CanRead (-domain +index):\n%s", moment.name, res.Total, diff)
		}
		// The rule itself, so that agreement is not agreement on nothing: the
		// public states for everyone, every state for staff, the own texts for
		// the owner, and texts under review for an assigned expert.
		for _, st := range all {
			reads := slices.Contains(domain, st.ID)
			want := st.State.Public() || actor.IsStaff() || actor.Is(st.OwnerID) ||
				role == workflow.RoleExpert && st.State == workflow.StateExpertReview && assignedTo[st.ID] ||
				consulted[st.ID] && moment.open
			if reads != want {
				t.Errorf("%s, %s: CanRead = %t, want %t", moment.name, st.ID, reads, want)
			}
		}
	}
}

func createStandard(t *testing.T, db *sqlite.DB, id string, owner *workflow.User, state workflow.State, at time.Time) *workflow.Standard {
	t.Helper()
	st := &workflow.Standard{ID: id, Title: "机关会议服务规范 " + id, Level: workflow.LevelLocal, Region: "11",
		State: state, Latest: 1, Replaces: []string{}, OwnerID: owner.ID, Owner: owner.Username, CreatedAt: at, UpdatedAt: at}
	r := &workflow.Revision{StandardID: id, Number: 1, Body: "## 1 范围\n\n本文件规定了会议服务。\n",
		AuthorID: owner.ID, Author: owner.Username, CreatedAt: at, Message: "created"}
	r.Hash, r.Size = workflow.Hash(r.Body), len(r.Body)
	if err := db.CreateStandard(context.Background(), st, r, nil); err != nil {
		t.Fatal(err)
	}
	return st
}
