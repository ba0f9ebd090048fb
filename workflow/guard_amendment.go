package workflow

import (
	"context"
	"strings"

	"norma/docs"
)

// AmendedText is what the issue of an amendment sheet does to the standard
// it amends: Revision, the amended text (发布稿), becomes the revision after
// Base with History naming the sheet; the store refuses the issue when Base
// is no longer the amended standard's latest revision.
type AmendedText struct {
	Revision *Revision
	Base     int
	History  *HistoryEntry
}

// prepareAmendmentIssue checks the issue of an amendment sheet: the standard
// it amends is still in force, the dates are sound, and the number is
// <edition>/XG<n>—<year of issue>, given or, when none is, assigned with n
// one more than the sheets of that standard issued so far.
func (c *check) prepareAmendmentIssue(ctx context.Context) error {
	parent, err := c.svc.store.FindStandard(ctx, c.d.Standard.Parent)
	if err != nil {
		return err
	}
	if parent.State != StateIssued || parent.Status == StatusSuperseded || parent.Status == StatusAbolished {
		return Errorf(ECONFLICT, "the amended standard %s is %s, no longer in force", parent.Number, parent.State).WithKey("err.amend.parent_gone", Args{"number": parent.Number, "state": parent.State})
	}
	if len(c.in.Replaces) > 0 {
		return FieldError("replaces", "an amendment sheet replaces no standard").WithKey("err.amend.replaces", nil)
	}
	if err := c.checkIssueDates(); err != nil {
		return err
	}
	year := c.in.IssueDate[:4]
	edition, err := docs.NormalizeNumber(parent.Number)
	if err != nil {
		edition = parent.Number
	}
	siblings, err := c.svc.store.FindAmendments(ctx, parent.ID)
	if err != nil {
		return err
	}
	sheet := "XG" + itoa(1+issuedCount(siblings))
	example := edition + "/" + sheet + "—" + year
	if strings.TrimSpace(c.in.Number) == "" {
		c.in.Number = example
	}
	n, err := docs.ParseNumber(c.in.Number)
	if err != nil {
		return FieldError("number", "%v", err).WithKey("err.number.invalid", Args{"detail": err})
	}
	if n.Amendment == "" || n.Edition().String() != edition || !strings.HasPrefix(n.Amendment, sheet+"—") {
		return FieldError("number", "the next amendment sheet of %s is numbered %s", edition, example).WithKey("err.amend.number", Args{"parent": edition, "example": example})
	}
	if _, y, _ := strings.Cut(n.Amendment, "—"); y != year {
		return FieldError("number", "the sheet's number carries the year of issue %s, as in %s", year, example).WithKey("err.amend.number_year", Args{"year": year, "example": example})
	}
	body, err := c.svc.store.FindRevision(ctx, parent.ID, parent.Latest)
	if err != nil {
		return err
	}
	c.number, c.parent, c.parentBody = n, parent, body.Body
	return nil
}

// amend adds to the issue of an amendment sheet the amended text: the
// sheet's latest text becomes the parent's current one, and a sheet nobody
// wrote is fixed as DraftSheet words it.
func (c *check) amend(t *Transition) {
	st, number := c.d.Standard, c.number.String()
	if st.Sheet == "" {
		sheet := DraftSheet(c.parentBody, c.d.Body)
		t.Update.Sheet = &sheet
	}
	r := newRevision(c.parent, c.actor, c.d.Body, "修改单 "+number, c.now)
	r.Stage = StageIssued
	t.Amend = &AmendedText{Revision: r, Base: c.parent.Latest, History: &HistoryEntry{StandardID: c.parent.ID,
		Action: "amend", From: c.parent.State, To: c.parent.State, ActorID: c.actor.ID, Actor: c.actor.Username,
		At: c.now, Note: "amended by " + number, NoteKey: "history.amended", NoteArgs: Args{"number": number}}}
}
