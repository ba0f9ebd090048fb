package workflow

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"norma/docs/anchor"
)

// Kinds of comment.
const (
	CommentExpert = "expert" // from an assigned expert during review
	CommentStaff  = "staff"  // from staff, at any time
	CommentPublic = "public" // from anyone during public notice
)

// Decision is the drafter's disposition of a comment.
type Decision string

// Decisions on a comment.
const (
	Accepted          Decision = "accepted"
	PartiallyAccepted Decision = "partially_accepted"
	NotAccepted       Decision = "not_accepted"
)

// Decisions lists every decision.
var Decisions = []Decision{Accepted, PartiallyAccepted, NotAccepted}

// Valid reports whether d is one of the decisions.
func (d Decision) Valid() bool { return slices.Contains(Decisions, d) }

// Comment is a remark on a standard's text, anchored the W3C Web Annotation
// way: the revision it was made on, the clause, and a quote of the passage
// (exact text with prefix and suffix) at a position in code points.
type Comment struct {
	ID         int64            `json:"id"`
	StandardID string           `json:"standard"`
	Kind       string           `json:"kind"`
	Revision   int              `json:"revision"`
	Clause     string           `json:"clause"`
	Quote      *anchor.Quote    `json:"quote,omitempty"`
	Position   *anchor.Position `json:"position,omitempty"`
	Body       string           `json:"body"`
	Suggestion string           `json:"suggestion,omitempty"`
	AuthorID   int64            `json:"-"`
	Author     string           `json:"author"`
	// Organization and Contact are given by the public; the contact is
	// never shown publicly.
	Organization string `json:"organization,omitempty"`
	Contact      string `json:"contact,omitempty"`
	Client       string `json:"-"`
	// Stage is when a public comment came: StageConsultation (征求意见) or
	// StageNotice (公示, an objection).
	Stage       string       `json:"stage,omitempty"`
	CreatedAt   time.Time    `json:"created_at"`
	Disposition *Disposition `json:"disposition"`
	Replies     []*Reply     `json:"replies"`
	// Applied says where the suggestion went when it was applied; later
	// revisions place the comment from there.
	Applied *Applied `json:"applied,omitempty"`
	// Anchor is where the comment stands in the revision it is shown on.
	Anchor *Anchor `json:"anchor,omitempty"`
	// StandardVersion, when set, is the version of the standard the comment
	// was checked against; the store refuses it with a conflict if the
	// standard has moved since.
	StandardVersion int `json:"-"`
}

// Applied is the passage an applied suggestion wrote, in the revision that
// applied it.
type Applied struct {
	Revision int             `json:"revision"`
	Position anchor.Position `json:"position"`
}

// Anchor is a comment placed in a later (or the same) revision.
type Anchor struct {
	Revision int              `json:"revision"`
	Status   string           `json:"status"` // anchor.Current or anchor.Outdated
	Position *anchor.Position `json:"position,omitempty"`
	Exact    string           `json:"exact"`
	Clause   string           `json:"clause"`
}

// Disposition is the drafter's answer to a comment.
type Disposition struct {
	Decision Decision  `json:"decision"`
	Reason   string    `json:"reason"`
	Revision int       `json:"revision,omitempty"` // the revision that carries it, if any
	ByID     int64     `json:"-"`
	By       string    `json:"by"`
	At       time.Time `json:"at"`
	// StandardVersion is as in Comment.
	StandardVersion int `json:"-"`
}

// DecisionLabel is how the disposition table words a decision.
func DecisionLabel(d Decision) string {
	switch d {
	case Accepted:
		return "采纳"
	case PartiallyAccepted:
		return "部分采纳"
	case NotAccepted:
		return "不采纳"
	}
	return "未处理"
}

// Reply is an answer in a comment's thread.
type Reply struct {
	ID        int64     `json:"id"`
	CommentID int64     `json:"-"`
	Body      string    `json:"body"`
	AuthorID  int64     `json:"-"`
	Author    string    `json:"author"`
	CreatedAt time.Time `json:"created_at"`
}

// Public hides what the public may not see of a comment.
func (c *Comment) Public() *Comment {
	p := *c
	p.Contact, p.Client = "", ""
	return &p
}

// QuoteInput is a quote as sent: an object, or (from the public form) just
// the exact text.
type QuoteInput struct {
	anchor.Quote
}

// UnmarshalJSON accepts {"exact", "prefix", "suffix"} or a plain string;
// an unknown field in the object is refused, as anywhere in a request.
func (q *QuoteInput) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if strings.HasPrefix(s, `"`) {
		return json.Unmarshal(b, &q.Exact)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&q.Quote); err != nil {
		if f, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			return FieldError("quote", "unknown field %s in quote: exact, prefix and suffix", f)
		}
		return err
	}
	return nil
}

// NewComment is the input for a comment by an account.
type NewComment struct {
	Revision   int              `json:"revision"`
	Clause     string           `json:"clause"`
	Quote      *QuoteInput      `json:"quote"`
	Position   *anchor.Position `json:"position"`
	Body       string           `json:"body"`
	Suggestion string           `json:"suggestion"`
}

// NewPublicComment is the input for a comment from the public.
type NewPublicComment struct {
	Name         string      `json:"name"`
	Organization string      `json:"organization"`
	Contact      string      `json:"contact"`
	Clause       string      `json:"clause"`
	Quote        *QuoteInput `json:"quote"`
	Body         string      `json:"body"`
}

func (n *NewPublicComment) validate() error {
	n.Name, n.Organization, n.Contact = strings.TrimSpace(n.Name), strings.TrimSpace(n.Organization), strings.TrimSpace(n.Contact)
	for _, f := range []struct {
		name, v  string
		max      int
		required bool
	}{{"name", n.Name, 100, true}, {"organization", n.Organization, 200, false}, {"contact", n.Contact, 200, false},
		{"clause", n.Clause, 50, false}} {
		if err := checkLine(f.name, f.v, f.max, f.required); err != nil {
			return err
		}
	}
	return checkCommentBody(n.Body, 5000)
}

func checkCommentBody(body string, max int) error {
	switch {
	case !utf8.ValidString(body):
		return FieldError("body", "body is not valid UTF-8").WithKey("err.comment.body_utf8", nil)
	case strings.TrimSpace(body) == "":
		return FieldError("body", "body is required").WithKey("err.comment.body_required", nil)
	case utf8.RuneCountInString(body) > max:
		return FieldError("body", "body has at most %d characters", max).WithKey("err.comment.body_long", Args{"max": max})
	}
	return nil
}
