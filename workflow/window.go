package workflow

import (
	"math"
	"time"
)

// Window is a period during which a standard is put out to people outside
// its drafting group: they comment while it is open, and its text is frozen.
// The public notice (公示) is one; a consultation (征求意见) is another of
// the same shape.
type Window struct {
	// Name says which window it is in messages: "public notice"; Kind names
	// it in message keys: "notice".
	Name, Kind string
	// Start and End bound the window, End excluded; nil until it is set.
	Start, End *time.Time
	// Current reports whether the standard is in the state the window
	// belongs to; a window left early (a return or a withdrawal) is shut.
	Current bool
}

// Notice returns the public notice window of st.
func (st *Standard) Notice() Window {
	return Window{Name: "public notice", Kind: "notice", Start: st.NoticeStart, End: st.NoticeEnd,
		Current: st.State == StatePublicNotice}
}

// Consultation returns the consultation (征求意见) window of st: a draft
// out for comment by anyone, who may read it while the window is open.
func (st *Standard) Consultation() Window {
	return Window{Name: "consultation", Kind: "consultation", Start: st.ConsultStart, End: st.ConsultEnd,
		Current: st.State == StateDraft}
}

// ConsultationOpen reports whether the draft is out for consultation at now.
func (st *Standard) ConsultationOpen(now time.Time) bool { return st.Consultation().Open(now) }

// ConsultationDone reports whether a consultation window has been opened
// on the standard and has ended by now.
func (st *Standard) ConsultationDone(now time.Time) bool { return st.Consultation().Ended(now) }

// Ended reports whether the window was set and its end has passed at now.
func (w Window) Ended(now time.Time) bool {
	return w.Start != nil && w.End != nil && !now.Before(*w.End)
}

// Open reports whether the window is open at now.
func (w Window) Open(now time.Time) bool {
	return w.Check(now) == nil
}

// Check returns nil while the window is open at now, else a conflict that
// says why, naming the dates.
func (w Window) Check(now time.Time) error {
	const layout = "2006-01-02 15:04 MST"
	switch {
	case w.Start == nil || w.End == nil:
		return Errorf(ECONFLICT, "the standard has not been put out for %s; comments open when it is", w.Name).
			WithKey("err.window."+w.Kind+".unset", nil)
	case now.Before(*w.Start):
		return &Error{Code: ECONFLICT, Details: map[string]any{"opens": *w.Start},
			Message: "the " + w.Name + " opens on " + w.Start.Format(layout),
			Key:     "err.window." + w.Kind + ".opens", Args: Args{"date": w.Start.Format(layout)}}
	case !now.Before(*w.End) || !w.Current:
		return &Error{Code: ECONFLICT, Details: map[string]any{"closed": *w.End},
			Message: "the " + w.Name + " closed on " + w.End.Format(layout),
			Key:     "err.window." + w.Kind + ".closed", Args: Args{"date": w.End.Format(layout)}}
	}
	return nil
}

// DaysLeft returns the days, rounded up, until an open window closes.
func (w Window) DaysLeft(now time.Time) int {
	if !w.Open(now) {
		return 0
	}
	return int(math.Ceil(w.End.Sub(now).Hours() / 24))
}
