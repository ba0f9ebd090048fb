package workflow

import "context"

// Assignment is an expert assigned to review a standard.
type Assignment struct {
	Username string `json:"username"`
	Name     string `json:"name"`
}

// isExpert reports whether u is assigned to review the standard.
func (s *Service) isExpert(ctx context.Context, standardID string, u *User) (bool, error) {
	experts, err := s.store.FindExperts(ctx, standardID)
	if err != nil {
		return false, err
	}
	for _, e := range experts {
		if e.ID == u.ID {
			return true, nil
		}
	}
	return false, nil
}

// staffOnly returns the standard if actor may read it and is staff.
func (s *Service) staffOnly(ctx context.Context, actor *User, id, what string) (*Standard, error) {
	st, err := s.Standard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to %s", what).WithKey("err.staff.login", Args{"what": what})
	}
	if !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only staff may %s", what).WithKey("err.staff.only", Args{"what": what})
	}
	return st, nil
}

// Experts lists the experts assigned to a standard; staff only.
func (s *Service) Experts(ctx context.Context, actor *User, id string) ([]*User, error) {
	if _, err := s.staffOnly(ctx, actor, id, "see the assigned experts"); err != nil {
		return nil, err
	}
	return s.store.FindExperts(ctx, id)
}

// AssignExpert assigns an expert account to review a standard, while it is a
// draft or under review; staff only.
func (s *Service) AssignExpert(ctx context.Context, actor *User, id, username string) (*User, error) {
	st, err := s.staffOnly(ctx, actor, id, "assign experts")
	if err != nil {
		return nil, err
	}
	if username == "" {
		return nil, FieldError("username", "username is required").WithKey("err.expert.username_required", nil)
	}
	u, err := s.store.FindUserByName(ctx, username)
	if ErrorCode(err) == ENOTFOUND {
		return nil, FieldError("username", "no account %q", username).WithKey("err.expert.no_account", Args{"username": username})
	} else if err != nil {
		return nil, err
	}
	if u.Disabled() {
		return nil, FieldError("username", "the account %s is disabled", u.Username).WithKey("err.expert.disabled", Args{"username": u.Username})
	}
	if u.Role != RoleExpert {
		return nil, FieldError("username", "%s is a %s, not an expert", u.Username, u.Role).WithKey("err.expert.not_expert", Args{"username": u.Username, "role": u.Role})
	}
	if why := ConflictOfInterest(u, st); why != "" {
		return nil, &Error{Code: EINVALID, Field: "username", Details: map[string]any{"rule": "conflict_of_interest"},
			Message: "conflict of interest: " + why}
	}
	if st.State != StateDraft && st.State != StateExpertReview {
		return nil, Errorf(ECONFLICT, "experts are assigned to drafts and texts under review; the standard is %s", st.State).WithKey("err.expert.assign_state", Args{"state": st.State})
	}
	if err := s.store.AssignExpert(ctx, id, u.ID, s.now()); err != nil {
		return nil, err
	}
	return u, nil
}

// RemoveExpert ends an expert's assignment; staff only.
func (s *Service) RemoveExpert(ctx context.Context, actor *User, id, username string) error {
	st, err := s.staffOnly(ctx, actor, id, "remove experts")
	if err != nil {
		return err
	}
	if st.State != StateDraft && st.State != StateExpertReview {
		return Errorf(ECONFLICT, "the review is over; the standard is %s", st.State).WithKey("err.expert.review_over", Args{"state": st.State})
	}
	u, err := s.store.FindUserByName(ctx, username)
	if err != nil {
		return Errorf(ENOTFOUND, "%s is not assigned to this standard", username).WithKey("err.expert.not_assigned_name", Args{"username": username})
	}
	return s.store.RemoveExpert(ctx, id, u.ID, s.now())
}
