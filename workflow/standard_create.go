package workflow

import (
	"context"
	"strconv"
	"strings"

	"norma/docs"
)

// NewStandard is the input for opening a new standard. Fields left empty are
// taken from the text's front matter.
type NewStandard struct {
	Title       string `json:"title"`
	TitleEN     string `json:"title_en"`
	Level       Level  `json:"level"`
	Region      string `json:"region"`
	Category    string `json:"category"`
	ICS         string `json:"ics"`
	CCS         string `json:"ccs"`
	DraftingOrg string `json:"drafting_org"`
	Body        string `json:"body"`
	Message     string `json:"message"`
}

// fill completes n from the front matter m without overriding what n says.
func (n *NewStandard) fill(m docs.Meta) {
	pick := func(dst *string, v string) {
		if strings.TrimSpace(*dst) == "" {
			*dst = v
		}
		*dst = strings.TrimSpace(*dst)
	}
	pick(&n.Title, m.Title)
	pick(&n.TitleEN, m.TitleEN)
	lv := string(n.Level)
	pick(&lv, m.Level)
	n.Level = Level(lv)
	pick(&n.Region, m.Region)
	pick(&n.Category, m.Category)
	pick(&n.ICS, m.ICS)
	pick(&n.CCS, m.CCS)
	pick(&n.DraftingOrg, m.DraftingOrg)
}

// Validate checks a new standard after its front matter has filled it in;
// replaces are those of the front matter.
func (n *NewStandard) Validate(replaces []string) error {
	if err := checkMessage("message", n.Message, 500); err != nil {
		return err
	}
	return ValidateMeta(Meta{Title: n.Title, TitleEN: n.TitleEN, Category: n.Category, DraftingOrg: n.DraftingOrg,
		Level: n.Level, Region: n.Region, ICS: n.ICS, CCS: n.CCS, Replaces: replaces})
}

// CreateStandard opens a new standard in draft, owned by actor, with the
// given text as revision 1. An empty text starts from the GB/T 1.1-2020
// skeleton.
func (s *Service) CreateStandard(ctx context.Context, actor *User, n NewStandard) (*Standard, error) {
	if actor == nil {
		return nil, Errorf(EUNAUTHORIZED, "log in to open a standard").WithKey("err.standard.create_login", nil)
	}
	if actor.Role != RoleDrafter && !actor.IsStaff() {
		return nil, Errorf(EFORBIDDEN, "only drafters and staff may open standards").WithKey("err.standard.create_forbidden", nil)
	}
	if s.cfg.RequireProposal && !actor.IsStaff() {
		return nil, &Error{Code: ECONFLICT, Details: map[string]any{"rule": "NORMA_REQUIRE_PROPOSAL"},
			Message: "a standard starts from an approved proposal (NORMA_REQUIRE_PROPOSAL): propose it at /proposals",
			Key:     "err.standard.require_proposal"}
	}
	meta, err := checkBody(n.Body)
	if err != nil {
		return nil, err
	}
	n.fill(meta)
	if err := n.Validate(meta.Replaces); err != nil {
		return nil, err
	}
	now := s.now()
	st := &Standard{ID: NewID(), Kind: KindStandard, Title: n.Title, TitleEN: n.TitleEN, Level: n.Level,
		Region: n.Region, Category: n.Category, ICS: n.ICS, CCS: n.CCS, DraftingOrg: n.DraftingOrg,
		Replaces: []string(meta.Replaces), State: StateDraft, OwnerID: actor.ID,
		Owner: actor.Username, Latest: 1, CreatedAt: now, UpdatedAt: now}
	if st.Replaces == nil {
		st.Replaces = []string{}
	}
	body := n.Body
	if strings.TrimSpace(body) == "" {
		body = docs.Skeleton(st.Title)
	}
	msg := strings.TrimSpace(n.Message)
	if msg == "" {
		msg = "created"
	}
	r := newRevision(st, actor, body, msg, now)
	r.Number = 1
	h := &HistoryEntry{StandardID: st.ID, Action: "create", To: StateDraft, ActorID: actor.ID,
		Actor: actor.Username, At: now, Note: "opened directly, without a proposal", NoteKey: "history.created"}
	if err := s.store.CreateStandard(ctx, st, r, h); err != nil {
		return nil, err
	}
	return st, nil
}

func itoa(n int) string { return strconv.Itoa(n) }
