package workflow

import (
	"context"
	"slices"
	"strconv"
)

// The read rule. Who may read a standard is decided here once, as a set of
// reader keys: the store keeps each standard's keys beside it and filters
// lists by them, the search index holds them in each document, and CanRead
// asks the same set. To anyone who may not read a standard, it does not
// exist.

// ReaderPublic is the reader key that lets anyone, the public included,
// read a standard.
const ReaderPublic = "public"

// UserKey returns the reader key of one account.
func UserKey(id int64) string { return "user:" + strconv.FormatInt(id, 10) }

// ReaderSet is who may read a standard besides staff and admins, who read
// every standard.
type ReaderSet struct {
	// Public: anyone reads it (public notice and after).
	Public bool
	// OwnerID is the drafter who owns it, 0 for none; the owner reads it in
	// every state.
	OwnerID int64
	// Experts are the accounts assigned to review it that read it now: expert
	// accounts, while it is under review.
	Experts []int64
}

// ExpertsRead reports whether the experts assigned to a standard read it in
// this state.
func (st State) ExpertsRead() bool { return st == StateExpertReview }

// Readers returns the reader set of st, whose assigned accounts are experts.
func Readers(st *Standard, experts []*User) ReaderSet {
	rs := ReaderSet{Public: st.State.Public(), OwnerID: st.OwnerID}
	if st.State.ExpertsRead() {
		for _, e := range experts {
			if e.Role == RoleExpert {
				rs.Experts = append(rs.Experts, e.ID)
			}
		}
	}
	return rs
}

// Keys returns the reader keys of rs, without repeats.
func (rs ReaderSet) Keys() []string {
	keys := []string{}
	if rs.Public {
		keys = append(keys, ReaderPublic)
	}
	for _, id := range append([]int64{rs.OwnerID}, rs.Experts...) {
		if k := UserKey(id); id != 0 && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// ReaderKeys returns the keys that let u read a standard: a standard whose
// reader set holds any of them. all is true for staff and admins, who read
// every standard whatever its keys; a nil user is the public.
func ReaderKeys(u *User) (keys []string, all bool) {
	if u.IsStaff() {
		return nil, true
	}
	if u == nil {
		return AccountKeys(0), false
	}
	return AccountKeys(u.ID), false
}

// AccountKeys returns the reader keys of the account with id: the public's
// and the account's own; 0 is the public.
func AccountKeys(id int64) []string {
	if id == 0 {
		return []string{ReaderPublic}
	}
	return []string{ReaderPublic, UserKey(id)}
}

// Admits reports whether u may read a standard of reader set rs.
func (rs ReaderSet) Admits(u *User) bool {
	keys, all := ReaderKeys(u)
	if all {
		return true
	}
	have := rs.Keys()
	for _, k := range keys {
		if slices.Contains(have, k) {
			return true
		}
	}
	return false
}

// CanRead reports whether u may read st, whose assigned accounts are
// experts: anyone reads public states, the owner and staff read everything,
// and an assigned expert reads it while it is under review.
func CanRead(u *User, st *Standard, experts []*User) bool {
	return Readers(st, experts).Admits(u)
}

// ExpertFinder finds the accounts assigned to review a standard.
type ExpertFinder interface {
	FindExperts(ctx context.Context, standardID string) ([]*User, error)
}

// CanReadStored is CanRead with the experts looked up in f, only when the
// answer depends on them.
func CanReadStored(ctx context.Context, f ExpertFinder, u *User, st *Standard) (bool, error) {
	if CanRead(u, st, nil) {
		return true, nil
	}
	if u == nil || !st.State.ExpertsRead() {
		return false, nil
	}
	experts, err := f.FindExperts(ctx, st.ID)
	if err != nil {
		return false, err
	}
	return CanRead(u, st, experts), nil
}
