package workflow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"

	"norma/docs"
)

// ImportOutcome says what an import did with one text.
type ImportOutcome string

// Import outcomes.
const (
	Imported  ImportOutcome = "imported"
	Updated   ImportOutcome = "updated"
	Unchanged ImportOutcome = "unchanged"
)

// ImportInput is one library text to import: Markdown with front matter.
type ImportInput struct {
	// Path names the file, relative to the folder the import started from;
	// it becomes the id when the text names neither id nor number.
	Path string
	Text string
}

// Import loads one text into the library as an issued standard with its
// own status, or updates it when its text changed (a new revision), or
// leaves it alone when nothing changed. It is idempotent.
func (s *Service) Import(ctx context.Context, in ImportInput) (ImportOutcome, string, error) {
	st, err := s.LibraryEntry(in)
	if err != nil {
		return "", "", err
	}
	out, err := s.ImportEntry(ctx, st, in)
	return out, st.ID, err
}

// ImportEntry stores a text LibraryEntry has checked and turned into st.
func (s *Service) ImportEntry(ctx context.Context, st *Standard, in ImportInput) (ImportOutcome, error) {
	r := newRevision(st, nil, in.Text, "imported from "+in.Path, s.now())
	r.Author = "import"
	h := &HistoryEntry{StandardID: st.ID, Action: "import", To: st.State, Actor: "import", At: r.CreatedAt,
		Note: "imported from " + st.Source, NoteKey: "history.imported", NoteArgs: Args{"source": st.Source}}
	return s.store.ImportStandard(ctx, st, r, h)
}

// DecideImport decides what importing revision r of a library text does,
// given the standard stored under its id (nil for none) and the hash of that
// standard's latest revision: a new standard, a new revision of a library
// text whose text changed, nothing when the text is the same, and never an
// overwrite of a standard drafted in Norma. The store asks it inside the
// transaction that writes the outcome.
func DecideImport(found *Standard, latestHash string, r *Revision) (ImportOutcome, error) {
	switch {
	case found == nil:
		return Imported, nil
	case found.Source == "":
		return "", &Error{Code: ECONFLICT, Field: "id", Message: "the id " + found.ID + " belongs to a standard drafted in Norma",
			Key: "err.import.drafted", Args: Args{"id": found.ID}}
	case latestHash == r.Hash:
		return Unchanged, nil
	}
	return Updated, nil
}

// LibraryEntry validates a text to import and returns the standard it would
// be, without storing anything.
func (s *Service) LibraryEntry(in ImportInput) (*Standard, error) {
	if !utf8.ValidString(in.Text) {
		return nil, FieldError("text", "the file is not valid UTF-8").WithKey("err.import.utf8", nil)
	}
	if len(in.Text) > MaxBodyBytes {
		return nil, FieldError("text", "the file is larger than 4 MiB").WithKey("err.import.too_large", nil)
	}
	m, body, err := docs.ParseFrontMatter(in.Text)
	if err != nil {
		return nil, FieldError("front matter", "%v", err).WithKey("err.import.front_matter", Args{"detail": err})
	}
	if m.Title == "" {
		m.Title = firstHeading(body)
	}
	now := s.now()
	st := &Standard{Title: m.Title, TitleEN: m.TitleEN, Level: Level(m.Level), Region: m.Region,
		Category: m.Category, ICS: m.ICS, CCS: m.CCS, DraftingOrg: m.DraftingOrg, State: StateIssued,
		Status: Status(m.Status), Replaces: []string(m.Replaces), IssueDate: m.IssueDate, ImplDate: m.ImplDate,
		Latest: 1, Source: in.Path, CreatedAt: now, UpdatedAt: now}
	if st.Replaces == nil {
		st.Replaces = []string{}
	}
	if err := checkLibraryMeta(st, m); err != nil {
		return nil, err
	}
	st.ID = libraryID(m.ID, st.Number, in.Path)
	if !ValidID(st.ID) {
		return nil, FieldError("id", "id %q may hold only letters, digits, dots, dashes and underscores", st.ID).WithKey("err.import.id_invalid", Args{"id": st.ID})
	}
	return st, nil
}

// checkLibraryMeta validates the front matter of a library text and sets the
// canonical number and the default status.
func checkLibraryMeta(st *Standard, m docs.Meta) error {
	if err := ValidateMeta(Meta{Title: st.Title, TitleEN: st.TitleEN, Category: st.Category, DraftingOrg: st.DraftingOrg,
		Level: st.Level, Region: st.Region, ICS: st.ICS, CCS: st.CCS, Replaces: st.Replaces}); err != nil {
		return err
	}
	if st.Status == "" {
		st.Status = StatusCurrent
	} else if !st.Status.Valid() {
		return FieldError("status", "unknown status %q: current, superseded or abolished", st.Status).WithKey("err.import.status_unknown", Args{"status": st.Status})
	}
	for _, d := range []struct{ name, v string }{{"issue_date", st.IssueDate}, {"impl_date", st.ImplDate}} {
		if d.v != "" && !ValidDate(d.v) {
			return FieldError(d.name, "%s %q is not a date written YYYY-MM-DD", d.name, d.v).WithKey("err.date.invalid", Args{"field": d.name, "value": d.v})
		}
	}
	if m.Number == "" {
		return nil
	}
	n, err := docs.ParseNumber(m.Number)
	if err != nil {
		return FieldError("number", "%v", err).WithKey("err.number.invalid", Args{"detail": err})
	}
	if err := n.ValidFor(string(st.Level), st.Region); err != nil {
		return FieldError("number", "%v", err).WithKey("err.number.invalid", Args{"detail": err})
	}
	st.Number = n.String()
	return nil
}

var reNotID = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// libraryID is the front matter's id, else the normalised number made safe
// (GB/T 1.1—2020 → GB-T-1.1-2020), else the file's path made safe; a path
// with characters that had to go gets a short hash so that ids stay unique.
func libraryID(id, number, path string) string {
	if id != "" {
		return id
	}
	if number != "" {
		return strings.Trim(reNotID.ReplaceAllString(strings.ReplaceAll(number, "—", "-"), "-"), "-")
	}
	p := strings.TrimSuffix(filepath.ToSlash(path), filepath.Ext(path))
	slug := strings.Trim(reNotID.ReplaceAllString(strings.ReplaceAll(p, "/", "-"), "-"), "-.")
	if slug != strings.ReplaceAll(p, "/", "-") || slug == "" {
		sum := sha256.Sum256([]byte(filepath.ToSlash(path)))
		slug = strings.Trim(slug+"-"+hex.EncodeToString(sum[:4]), "-")
	}
	return slug
}

func firstHeading(body string) string {
	for _, line := range strings.Split(body, "\n") {
		if t, ok := strings.CutPrefix(strings.TrimSpace(line), "# "); ok {
			return strings.TrimSpace(t)
		}
	}
	return ""
}

// IsLaw reports whether a library text is a law or regulation (法律,
// 行政法规, 地方性法规, 部门规章, 司法解释…) rather than a standard: it is
// imported, has a category and, by nature, no standard number. A law is
// neither filed nor reviewed as a standard is.
func IsLaw(st *Standard) bool {
	return st.Category != "" && st.Number == "" && st.Source != ""
}
