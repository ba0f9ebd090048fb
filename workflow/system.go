package workflow

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// SystemNode is a module of the standard system (标准体系): a code such as
// 201 or A.1, a name, a description and the modules under it.
type SystemNode struct {
	Code        string        `json:"code" yaml:"code"`
	Name        string        `json:"name" yaml:"name"`
	Description string        `json:"description,omitempty" yaml:"description,omitempty"`
	Parent      string        `json:"parent,omitempty" yaml:"parent,omitempty"`
	Children    []*SystemNode `json:"children,omitempty" yaml:"children,omitempty"`
}

// System is the office's standard system: a tree of modules.
type System struct {
	Nodes     []*SystemNode `json:"nodes" yaml:"nodes"`
	UpdatedBy string        `json:"updated_by,omitempty" yaml:"-"`
	UpdatedAt *time.Time    `json:"updated_at,omitempty" yaml:"-"`
}

// Placement puts a standard (library entries included) or a proposal in a
// module of the system.
type Placement struct {
	Kind string `json:"kind"` // standard or proposal
	Ref  string `json:"ref"`  // the standard's id or the proposal's id
	Node string `json:"system_node"`
}

// Placement kinds.
const (
	PlaceStandard = "standard"
	PlaceProposal = "proposal"
)

var reNodeCode = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$`)

// ParseSystem reads a system sent as JSON or, when asYAML, YAML. Modules
// nest under children, or name their parent in a flat list (never both
// ways at once); codes are unique and no module is its own ancestor.
func ParseSystem(data []byte, asYAML bool) (*System, error) {
	var sys System
	var err error
	if asYAML {
		err = yaml.Unmarshal(data, &sys)
	} else {
		err = json.Unmarshal(data, &sys)
	}
	if err != nil {
		return nil, &Error{Code: EMALFORMED, Field: "nodes", Message: "the system cannot be read: " + err.Error()}
	}
	if err := sys.nest(); err != nil {
		return nil, err
	}
	return &sys, sys.validate()
}

// nest turns a flat list with parents into the tree, refusing unknown
// parents and cycles.
func (s *System) nest() error {
	byCode, flat := map[string]*SystemNode{}, false
	for _, n := range s.Nodes {
		if n == nil {
			return FieldError("nodes", "a module is empty").WithKey("err.system.empty_module", nil)
		}
		flat = flat || n.Parent != ""
		byCode[n.Code] = n
	}
	if !flat {
		return nil
	}
	var roots []*SystemNode
	for _, n := range s.Nodes {
		if n.Parent == "" {
			roots = append(roots, n)
			continue
		}
		p, ok := byCode[n.Parent]
		if !ok {
			return FieldError("parent", "module %s names the parent %s, which is not in the system", n.Code, n.Parent).WithKey("err.system.unknown_parent", Args{"code": n.Code, "parent": n.Parent})
		}
		for a, seen := p, 0; a != nil && seen <= len(s.Nodes); a, seen = byCode[a.Parent], seen+1 {
			if a == n || seen == len(s.Nodes) {
				return FieldError("parent", "module %s is its own ancestor", n.Code).WithKey("err.system.cycle", Args{"code": n.Code})
			}
			if a.Parent == "" {
				break
			}
		}
		p.Children = append(p.Children, n)
	}
	for _, n := range s.Nodes {
		n.Parent = ""
	}
	s.Nodes = roots
	return nil
}

func (s *System) validate() error {
	seen := map[string]bool{}
	var walk func(nodes []*SystemNode, depth int) error
	walk = func(nodes []*SystemNode, depth int) error {
		if depth > 8 {
			return FieldError("children", "the system is deeper than 8 levels").WithKey("err.system.deep", nil)
		}
		for _, n := range nodes {
			if n == nil {
				return FieldError("nodes", "a module is empty").WithKey("err.system.empty_module", nil)
			}
			n.Code, n.Name = strings.TrimSpace(n.Code), strings.TrimSpace(n.Name)
			switch {
			case !reNodeCode.MatchString(n.Code):
				return FieldError("code", "module code %q is 1 to 32 letters, digits, dots, dashes or underscores", n.Code).WithKey("err.system.code", Args{"code": n.Code})
			case seen[n.Code]:
				return FieldError("code", "module code %s is used twice", n.Code).WithKey("err.system.code_twice", Args{"code": n.Code})
			}
			seen[n.Code] = true
			if err := checkLine("name", n.Name, 100, true); err != nil {
				return err
			}
			if err := checkText("description", n.Description, 2000, false); err != nil {
				return err
			}
			if err := walk(n.Children, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if len(s.Nodes) > 0 {
		return walk(s.Nodes, 1)
	}
	return nil
}

// Find returns the module with the code, or nil.
func (s *System) Find(code string) *SystemNode {
	var found *SystemNode
	s.Walk(func(n *SystemNode, _ int) {
		if n.Code == code {
			found = n
		}
	})
	return found
}

// Walk calls f on every module, parents before children, with its depth
// (1 for the top).
func (s *System) Walk(f func(n *SystemNode, depth int)) {
	var walk func([]*SystemNode, int)
	walk = func(nodes []*SystemNode, d int) {
		for _, n := range nodes {
			f(n, d)
			walk(n.Children, d+1)
		}
	}
	walk(s.Nodes, 1)
}

// System returns the office's standard system (empty before one is set).
func (s *Service) System(ctx context.Context) (*System, error) {
	return s.store.FindSystem(ctx)
}

// PutSystem replaces the standard system (staff). A module that still
// holds standards or proposals may not be dropped.
func (s *Service) PutSystem(ctx context.Context, actor *User, sys *System) error {
	if !actor.IsStaff() {
		return Errorf(EFORBIDDEN, "only staff maintain the standard system").WithKey("err.system.forbidden", nil)
	}
	if err := sys.validate(); err != nil {
		return err
	}
	placed, err := s.store.FindPlacements(ctx)
	if err != nil {
		return err
	}
	for _, p := range placed {
		if sys.Find(p.Node) == nil {
			return FieldError("nodes", "module %s still holds %s %s; move it first", p.Node, p.Kind, p.Ref).WithKey("err.system.module_in_use", Args{"code": p.Node, "ref": p.Ref})
		}
	}
	now := s.now()
	sys.UpdatedBy, sys.UpdatedAt = actor.Username, &now
	return s.store.PutSystem(ctx, sys)
}

// Place puts a standard or a proposal in a module; "" takes it out. Staff,
// and a drafter for their own standard or proposal.
func (s *Service) Place(ctx context.Context, actor *User, p Placement) error {
	if err := s.mayPlace(ctx, actor, p); err != nil {
		return err
	}
	if p.Node != "" {
		sys, err := s.store.FindSystem(ctx)
		if err != nil {
			return err
		}
		if sys.Find(p.Node) == nil {
			return FieldError("system_node", "the standard system has no module %q", p.Node).WithKey("err.system.no_module", Args{"code": p.Node})
		}
	}
	return s.store.PutPlacement(ctx, p)
}

func (s *Service) mayPlace(ctx context.Context, actor *User, p Placement) error {
	switch p.Kind {
	case PlaceStandard:
		st, err := s.Standard(ctx, actor, p.Ref)
		if err != nil {
			return err
		}
		if !actor.IsStaff() && !actor.Is(st.OwnerID) {
			return Errorf(EFORBIDDEN, "only staff and the owner place a standard in the system").WithKey("err.system.place_forbidden", nil)
		}
	case PlaceProposal:
		if !actor.IsStaff() {
			return Errorf(EFORBIDDEN, "only staff place a proposal in the system").WithKey("err.system.place_proposal_forbidden", nil)
		}
	default:
		return FieldError("kind", "kind is standard or proposal").WithKey("err.system.kind", nil)
	}
	return nil
}

// Placements lists where every standard and proposal sits in the system.
func (s *Service) Placements(ctx context.Context) ([]Placement, error) {
	return s.store.FindPlacements(ctx)
}
