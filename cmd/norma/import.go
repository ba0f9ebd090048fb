package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"norma/workflow"
)

// importFile is one file found under the paths given to norma import.
type importFile struct {
	path string // as found on disk
	rel  string // relative to the folder it was found in
	size int64
}

// importReport counts what an import did and keeps every failure.
type importReport struct {
	counts   map[workflow.ImportOutcome]int
	failures []string
}

// runImport loads Markdown files with front matter into the library:
// norma import [--data DIR] PATH...
func runImport(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) error {
	var paths []string
	cfg, err := configFor("import", args, stderr, func(c *Config, fs *flagSet) {
		c.dataFlags(fs.FlagSet)
		c.searchFlags(fs.FlagSet)
		fs.setArgs(&paths)
	})
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return &exitError{code: 2, msg: "usage: norma import [--data DIR] PATH... (Markdown files or folders)"}
	}
	files, err := collectFiles(paths)
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	rep := importAll(ctx, a, files, stderr)
	fmt.Fprintf(stdout, "imported %d, updated %d, unchanged %d, failed %d\n", rep.counts[workflow.Imported],
		rep.counts[workflow.Updated], rep.counts[workflow.Unchanged], len(rep.failures))
	for _, f := range rep.failures {
		fmt.Fprintln(stdout, "failed:", f)
	}
	if err := a.indexPending(ctx, stderr); err != nil {
		return err
	}
	if len(rep.failures) > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %d files failed", len(rep.failures), len(files))}
	}
	return ctx.Err()
}

// collectFiles finds the Markdown files of the paths, folders recursively.
func collectFiles(paths []string) ([]importFile, error) {
	var out []importFile
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", root, err)
		}
		if !info.IsDir() {
			out = append(out, importFile{path: root, rel: filepath.Base(root), size: info.Size()})
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if d.IsDir() || !isMarkdown(d.Name()) {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(root, p)
			out = append(out, importFile{path: p, rel: rel, size: fi.Size()})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].path < out[j].path })
	return out, nil
}

func isMarkdown(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".md" || ext == ".markdown"
}

// importAll imports every file; one bad file never stops the rest.
func importAll(ctx context.Context, a *app, files []importFile, stderr io.Writer) importReport {
	rep := importReport{counts: map[workflow.ImportOutcome]int{}}
	var total int64
	for _, f := range files {
		total += f.size
	}
	p := newProgress(stderr, "import", len(files), total)
	seen := map[string]string{} // id → the file that gave it
	for _, f := range files {
		if ctx.Err() != nil {
			rep.failures = append(rep.failures, "interrupted before "+f.path)
			break
		}
		out, err := importOne(ctx, a, f, seen)
		if err != nil {
			rep.failures = append(rep.failures, fmt.Sprintf("%s: %s", f.path, describe(err)))
		} else {
			rep.counts[out]++
		}
		p.add(1, f.size)
	}
	p.done()
	return rep
}

// importOne imports a file, unless an earlier file of this run gave the
// same id: two files must not take turns overwriting one standard.
func importOne(ctx context.Context, a *app, f importFile, seen map[string]string) (workflow.ImportOutcome, error) {
	b, err := os.ReadFile(f.path)
	if err != nil {
		return "", err
	}
	in := workflow.ImportInput{Path: filepath.ToSlash(f.rel), Text: string(b)}
	st, err := a.svc.LibraryEntry(in)
	if err != nil {
		return "", err
	}
	if first, ok := seen[st.ID]; ok {
		return "", fmt.Errorf("id %s is also the id of %s", st.ID, first)
	}
	seen[st.ID] = f.path
	return a.svc.ImportEntry(ctx, st, in)
}

// describe words an error for a person: the field at fault and the message.
func describe(err error) string {
	if e := workflow.AsError(err); e != nil {
		if e.Field != "" && !strings.Contains(e.Message, e.Field) {
			return e.Field + ": " + e.Message
		}
		return e.Message
	}
	return err.Error()
}
