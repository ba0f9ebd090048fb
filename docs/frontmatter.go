// Package docs is the core of Norma's text engine: front matter, Markdown
// rendering with clause anchors, the clause outline, plain text for search,
// standard numbers and the GB/T 1.1 structure check. Diffs between revisions
// (docs/diff) and the placing of quoted passages in later texts (docs/anchor)
// build on it. It imports nothing else of Norma's.
package docs

import (
	"bytes"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Meta is the YAML front matter at the top of a text.
type Meta struct {
	ID          string     `yaml:"id" json:"id,omitempty"`
	Number      string     `yaml:"number" json:"number,omitempty"`
	Title       string     `yaml:"title" json:"title,omitempty"`
	TitleEN     string     `yaml:"title_en" json:"title_en,omitempty"`
	Level       string     `yaml:"level" json:"level,omitempty"`
	Region      string     `yaml:"region" json:"region,omitempty"`
	Category    string     `yaml:"category" json:"category,omitempty"`
	Status      string     `yaml:"status" json:"status,omitempty"`
	ICS         string     `yaml:"ics" json:"ics,omitempty"`
	CCS         string     `yaml:"ccs" json:"ccs,omitempty"`
	IssueDate   string     `yaml:"issue_date" json:"issue_date,omitempty"`
	ImplDate    string     `yaml:"impl_date" json:"impl_date,omitempty"`
	Replaces    StringList `yaml:"replaces" json:"replaces,omitempty"`
	DraftingOrg string     `yaml:"drafting_org" json:"drafting_org,omitempty"`
}

// StringList is a YAML value that may be written as one string or a list.
type StringList []string

// UnmarshalYAML accepts a scalar or a sequence of scalars.
func (l *StringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" || strings.TrimSpace(n.Value) == "" {
			*l = nil
			return nil
		}
		*l = StringList{strings.TrimSpace(n.Value)}
		return nil
	case yaml.SequenceNode:
		out := make(StringList, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				return fmt.Errorf("line %d: expected a string", c.Line)
			}
			if v := strings.TrimSpace(c.Value); v != "" {
				out = append(out, v)
			}
		}
		*l = out
		return nil
	}
	return fmt.Errorf("line %d: expected a string or a list of strings", n.Line)
}

// FrontMatterError is a front matter that cannot be read.
type FrontMatterError struct {
	Line int // 1-based line in the text, 0 when unknown
	Err  string
}

func (e *FrontMatterError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("front matter, line %d: %s", e.Line, e.Err)
	}
	return "front matter: " + e.Err
}

// SplitFrontMatter separates a leading YAML front matter block, delimited by
// lines of "---", from the Markdown after it. It returns the YAML (without the
// delimiters), the byte offset at which the Markdown starts and whether a
// block was present. An opening delimiter without a closing one is an error.
func SplitFrontMatter(text string) (yamlText string, bodyStart int, ok bool, err error) {
	start := 0
	if strings.HasPrefix(text, "\ufeff") {
		start = len("\ufeff")
	}
	first, rest, found := strings.Cut(text[start:], "\n")
	if !found || strings.TrimRight(first, " \t\r") != "---" {
		return "", 0, false, nil
	}
	offset := start + len(first) + 1
	pos := offset
	for rest != "" {
		line, next, more := strings.Cut(rest, "\n")
		trimmed := strings.TrimRight(line, " \t\r")
		if trimmed == "---" || trimmed == "..." {
			end := pos + len(line)
			if more {
				end++
			}
			return text[offset:pos], end, true, nil
		}
		pos += len(line)
		if more {
			pos++
		}
		rest = next
		if !more {
			break
		}
	}
	return "", 0, false, &FrontMatterError{Line: 1, Err: "the block opened by --- is never closed"}
}

// ParseFrontMatter reads the front matter of text, if any, and returns it with
// the Markdown that follows. A text without front matter gives a zero Meta.
func ParseFrontMatter(text string) (Meta, string, error) {
	var m Meta
	y, bodyStart, ok, err := SplitFrontMatter(text)
	if err != nil || !ok {
		return m, strings.TrimPrefix(text, "\ufeff"), err
	}
	dec := yaml.NewDecoder(bytes.NewReader([]byte(y)))
	if err := dec.Decode(&m); err != nil && err.Error() != "EOF" {
		return Meta{}, "", yamlError(err)
	}
	m.trim()
	return m, text[bodyStart:], nil
}

func yamlError(err error) error {
	var te *yaml.TypeError
	msg := err.Error()
	if asTypeError(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 0
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		if _, after, ok := strings.Cut(msg, ":"); ok {
			msg = strings.TrimSpace(after)
		}
		line++ // the opening delimiter is line 1
	}
	return &FrontMatterError{Line: line, Err: msg}
}

func asTypeError(err error, te **yaml.TypeError) bool {
	t, ok := err.(*yaml.TypeError)
	if ok {
		*te = t
	}
	return ok
}

func (m *Meta) trim() {
	for _, p := range []*string{&m.ID, &m.Number, &m.Title, &m.TitleEN, &m.Level, &m.Region,
		&m.Category, &m.Status, &m.ICS, &m.CCS, &m.IssueDate, &m.ImplDate, &m.DraftingOrg} {
		*p = strings.TrimSpace(*p)
	}
}

// StripFrontMatter returns the Markdown after any front matter, and the number
// of bytes removed. An unreadable front matter is kept as text.
func StripFrontMatter(text string) (string, int) {
	_, start, ok, err := SplitFrontMatter(text)
	if err != nil || !ok {
		if strings.HasPrefix(text, "\ufeff") {
			return text[3:], 3
		}
		return text, 0
	}
	return text[start:], start
}
