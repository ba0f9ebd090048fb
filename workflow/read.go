package workflow

import (
	"context"
	"slices"
	"strconv"
	"time"
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
	// PublicFrom and PublicUntil, when set, bound a time during which anyone
	// reads it too, PublicUntil excluded: the consultation window of a
	// draft. The store and the index keep the bounds beside the public key
	// and compare them with the current time.
	PublicFrom, PublicUntil *time.Time
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
	if w := st.Consultation(); !rs.Public && w.Current && w.Start != nil && w.End != nil {
		rs.PublicFrom, rs.PublicUntil = w.Start, w.End
	}
	if st.State.ExpertsRead() {
		for _, e := range experts {
			if e.Role == RoleExpert {
				rs.Experts = append(rs.Experts, e.ID)
			}
		}
	}
	return rs
}

// Grant is one stored reader key, valid from From (when set) until Until
// (when set, excluded).
type Grant struct {
	Key         string
	From, Until *time.Time
}

// Valid reports whether g lets its key read at now.
func (g Grant) Valid(now time.Time) bool {
	return (g.From == nil || !now.Before(*g.From)) && (g.Until == nil || now.Before(*g.Until))
}

// Grants returns the reader keys of rs with their times, without repeats:
// what the store keeps beside each standard.
func (rs ReaderSet) Grants() []Grant {
	var gs []Grant
	for _, k := range rs.Keys() {
		gs = append(gs, Grant{Key: k})
	}
	if !rs.Public && rs.PublicFrom != nil && rs.PublicUntil != nil {
		gs = append(gs, Grant{Key: ReaderPublic, From: rs.PublicFrom, Until: rs.PublicUntil})
	}
	return gs
}

// Keys returns the reader keys of rs that hold at any time, without
// repeats; the timed public key of a consultation is not among them.
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

// Admits reports whether u may read a standard of reader set rs at now.
func (rs ReaderSet) Admits(u *User, now time.Time) bool {
	keys, all := ReaderKeys(u)
	if all {
		return true
	}
	for _, g := range rs.Grants() {
		if slices.Contains(keys, g.Key) && g.Valid(now) {
			return true
		}
	}
	return false
}

// CanRead reports whether u may read st at now, whose assigned accounts are
// experts: anyone reads public states and a draft while its consultation
// window is open, the owner and staff read everything, and an assigned
// expert reads it while it is under review.
func CanRead(u *User, st *Standard, experts []*User, now time.Time) bool {
	return Readers(st, experts).Admits(u, now)
}

// ExpertFinder finds the accounts assigned to review a standard.
type ExpertFinder interface {
	FindExperts(ctx context.Context, standardID string) ([]*User, error)
}

// CanReadStored is CanRead with the experts looked up in f, only when the
// answer depends on them.
func CanReadStored(ctx context.Context, f ExpertFinder, u *User, st *Standard, now time.Time) (bool, error) {
	if CanRead(u, st, nil, now) {
		return true, nil
	}
	if u == nil || !st.State.ExpertsRead() {
		return false, nil
	}
	experts, err := f.FindExperts(ctx, st.ID)
	if err != nil {
		return false, err
	}
	return CanRead(u, st, experts, now), nil
}
