// Package web holds what Norma's pages are made of: templates, static files
// served under content-hashed names, and the message catalogs (zh-CN first,
// then en). It imports nothing else of Norma's.
package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
)

//go:embed templates/*.html static locales/*.json
var files embed.FS

// Languages lists the UI languages, the default first.
var Languages = []string{"zh-CN", "en"}

// Assets are the embedded static files, each reachable under a name that
// carries a hash of its content, so that browsers may cache it for good.
type Assets struct {
	byHashed map[string]string // hashed name → file name
	hashed   map[string]string // file name → hashed name
}

// LoadAssets hashes every static file.
func LoadAssets() (*Assets, error) {
	a := &Assets{byHashed: map[string]string{}, hashed: map[string]string{}}
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := strings.TrimPrefix(p, "static/")
		ext := path.Ext(name)
		h := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		a.byHashed[h], a.hashed[name] = name, h
		return nil
	})
	return a, err
}

// Path returns the URL path of a static file by its plain name.
func (a *Assets) Path(name string) string {
	if h, ok := a.hashed[name]; ok {
		return "/static/" + h
	}
	return "/static/" + name
}

// Open returns the content of a static file by its hashed name.
func (a *Assets) Open(hashed string) (io.ReadSeeker, string, bool) {
	name, ok := a.byHashed[hashed]
	if !ok {
		return nil, "", false
	}
	f, err := files.Open("static/" + name)
	if err != nil {
		return nil, "", false
	}
	rs, ok := f.(io.ReadSeeker)
	return rs, name, ok
}

// Catalog holds the UI's messages in every language.
type Catalog map[string]map[string]string

// LoadCatalog reads the message catalogs and checks that every language has
// every key of the default one.
func LoadCatalog() (Catalog, error) {
	c := Catalog{}
	for _, lang := range Languages {
		b, err := files.ReadFile("locales/" + lang + ".json")
		if err != nil {
			return nil, err
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("locales/%s.json: %w", lang, err)
		}
		c[lang] = m
	}
	for key := range c[Languages[0]] {
		for _, lang := range Languages[1:] {
			if _, ok := c[lang][key]; !ok {
				return nil, fmt.Errorf("locales/%s.json lacks %q", lang, key)
			}
		}
	}
	return c, nil
}

// Has reports whether the default language has a message for key.
func (c Catalog) Has(key string) bool {
	_, ok := c[Languages[0]][key]
	return ok
}

// T returns the message for key in lang, formatted with args; a missing key
// falls back to the default language, then to the key itself.
func (c Catalog) T(lang, key string, args ...any) string {
	msg, ok := c[lang][key]
	if !ok {
		if msg, ok = c[Languages[0]][key]; !ok {
			msg = key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(msg, args...)
	}
	return msg
}

// Named returns the message for key in lang with each {name} replaced by
// args[name]; ok is false when no catalog has the key.
func (c Catalog) Named(lang, key string, args map[string]any) (msg string, ok bool) {
	if msg, ok = c[lang][key]; !ok {
		if msg, ok = c[Languages[0]][key]; !ok {
			return "", false
		}
	}
	if len(args) == 0 {
		return msg, true
	}
	pairs := make([]string, 0, 2*len(args))
	for name, v := range args {
		pairs = append(pairs, "{"+name+"}", fmt.Sprint(v))
	}
	return strings.NewReplacer(pairs...).Replace(msg), true
}

// Views are the parsed page templates.
type Views struct {
	pages map[string]*template.Template
}

// Pages names every page template; each is parsed with the layout.
var Pages = []string{"home", "standards", "standard", "login", "error", "edit", "search", "diff", "new", "dispositions",
	"proposals", "proposal", "proposal_new", "aftercare", "system", "admin_users", "account"}

// parts are the templates a page includes besides the layout.
var parts = map[string][]string{"standard": {"templates/consultation.html", "templates/aftercare_part.html", "templates/relations.html"}}

// Standalone names the templates parsed without the layout: the text as it
// is printed.
var Standalone = []string{"print"}

// ParseViews parses every page once, with funcs available to all of them. A
// missing or broken template fails here, at start, never at request time.
func ParseViews(funcs template.FuncMap) (*Views, error) {
	v := &Views{pages: map[string]*template.Template{}}
	for _, p := range Pages {
		names := append([]string{"templates/layout.html", "templates/export.html", "templates/" + p + ".html"}, parts[p]...)
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(files, names...)
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", p, err)
		}
		v.pages[p] = t
	}
	for _, p := range Standalone {
		t, err := template.New(p+".html").Funcs(funcs).ParseFS(files, "templates/"+p+".html")
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", p, err)
		}
		v.pages[p] = t
	}
	return v, nil
}

// RenderPart writes the template part, defined in the page's templates,
// with data: a piece of a page made once and kept (see OutlineNav).
func (v *Views) RenderPart(w io.Writer, page, part string, data any) error {
	t, ok := v.pages[page]
	if !ok {
		return fmt.Errorf("no page template %q", page)
	}
	return t.ExecuteTemplate(w, part, data)
}

// Render writes the named page with data.
func (v *Views) Render(w io.Writer, name string, data any) error {
	t, ok := v.pages[name]
	if !ok {
		return fmt.Errorf("no page template %q", name)
	}
	return t.Execute(w, data)
}
