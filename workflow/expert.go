package workflow

import "context"

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
