package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"norma/search/bleve"
	"norma/store/sqlite"
	"norma/workflow"
)

// runCLI runs norma in-process and returns its output and exit status.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	var ee *exitError
	switch {
	case err == nil:
	case errors.As(err, &ee):
		code = ee.code
		errb.WriteString(ee.msg)
	default:
		code = 1
		errb.WriteString(err.Error())
	}
	return out.String(), errb.String(), code
}

// userNames returns the names norma user list prints, in order, and what
// it prints.
func userNames(t *testing.T, data string) ([]string, string) {
	t.Helper()
	out, errs, code := runCLI(t, "", "user", "list", "--data", data)
	if code != 0 {
		t.Fatalf("user list: exit %d, %s", code, errs)
	}
	var names []string
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			names = append(names, f[0])
		}
	}
	return names, out
}

// Each case starts from its own data folder, holding the users of before.
func TestUserAdd(t *testing.T) {
	for _, tc := range []struct {
		name, stdin string
		before      []string
		args        []string
		code        int
		says        string
		after       []string
	}{
		{"ok", "long-enough\n", nil, []string{"--name", "zhang", "--role", "drafter", "--password-stdin"}, 0, "created user zhang", []string{"zhang"}},
		{"duplicate", "long-enough\n", []string{"zhang"}, []string{"--name", "ZHANG", "--role", "staff", "--password-stdin"}, 1, "taken", []string{"zhang"}},
		{"unknown role", "long-enough\n", []string{"zhang"}, []string{"--name", "li", "--role", "boss", "--password-stdin"}, 1, "unknown role", []string{"zhang"}},
		{"short password", "short\n", nil, []string{"--name", "li", "--role", "expert", "--password-stdin"}, 1, "at least 8", nil},
		{"empty stdin", "", nil, []string{"--name", "li", "--role", "expert", "--password-stdin"}, 1, "no password", nil},
		{"no --password-stdin", "", nil, []string{"--name", "li", "--role", "expert"}, 2, "password-stdin", nil},
		{"bad name", "long-enough\n", nil, []string{"--name", "李 四", "--role", "expert", "--password-stdin"}, 1, "user name", nil},
		{"organisation", "long-enough\n", nil, []string{"--name", "wang", "--role", "expert", "--organization", "中国标准化研究院", "--password-stdin"}, 0, "created user wang", []string{"wang"}},
		{"organisation on two lines", "long-enough\n", nil, []string{"--name", "zhao", "--role", "expert", "--organization", "甲\n乙", "--password-stdin"}, 1, "organization", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			for _, name := range tc.before {
				if _, errs, code := runCLI(t, "long-enough\n", "user", "add", "--data", data, "--name", name, "--role", "drafter", "--password-stdin"); code != 0 {
					t.Fatalf("adding %s first: exit %d, %s", name, code, errs)
				}
			}
			out, errs, code := runCLI(t, tc.stdin, append([]string{"user", "add", "--data", data}, tc.args...)...)
			if code != tc.code || !strings.Contains(out+errs, tc.says) {
				t.Errorf("exit %d, out %q, err %q; want exit %d saying %q", code, out, errs, tc.code, tc.says)
			}
			got, out := userNames(t, data)
			if !slices.Equal(got, tc.after) {
				t.Errorf("user list = %q, want %q", got, tc.after)
			}
			if tc.name == "organisation" && !strings.Contains(out, "(中国标准化研究院)") {
				t.Errorf("user list does not show the organisation: %q", out)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		env, val, says string
		args           []string
	}{
		{"NORMA_ADDR", "localhost", "not host:port", nil},
		{"NORMA_LOG_LEVEL", "loud", "log level", nil},
		{"NORMA_SESSION_LIFETIME", "forever", "NORMA_SESSION_LIFETIME", nil},
		{"NORMA_NOTICE_MIN_DAYS_LOCAL", "-3", "NORMA_NOTICE_MIN_DAYS_LOCAL", nil},
		{"NORMA_CONSULT_MIN_DAYS_NATIONAL", "400", "NORMA_CONSULT_MIN_DAYS_NATIONAL", nil},
		{"NORMA_REVIEW_RULE_LOCAL", "majority", "NORMA_REVIEW_RULE_LOCAL", nil},
		{"NORMA_REQUIRE_CONSULTATION", "perhaps", "NORMA_REQUIRE_CONSULTATION", nil},
		{"NORMA_MEILI_URL", "meili:7700", "NORMA_MEILI_URL", nil},
		{"", "", "not host:port", []string{"--addr", "8080"}},
	} {
		t.Run(tc.env+strings.Join(tc.args, ""), func(t *testing.T) {
			if tc.env != "" {
				t.Setenv(tc.env, tc.val)
			}
			_, errs, code := runCLI(t, "", append([]string{"serve", "--data", t.TempDir()}, tc.args...)...)
			if code != 2 || !strings.Contains(errs, tc.says) {
				t.Errorf("exit %d, %q; want 2 naming %q", code, errs, tc.says)
			}
		})
	}
}

func TestImport(t *testing.T) {
	data, lib := t.TempDir(), t.TempDir()
	copyTree(t, "testdata/library", lib)
	out, errs, code := runCLI(t, "", "import", "--data", data, lib)
	if code != 0 || !strings.Contains(out, "imported 4, updated 0, unchanged 0, failed 0") {
		t.Fatalf("first import: exit %d\n%s\n%s", code, out, errs)
	}
	out, _, _ = runCLI(t, "", "import", lib, "--data", data)
	if !strings.Contains(out, "imported 0, updated 0, unchanged 4, failed 0") {
		t.Fatalf("second import of the same files: %s", out)
	}
	p := filepath.Join(lib, "t-wuye.md")
	b, _ := os.ReadFile(p)
	if err := os.WriteFile(p, bytes.Replace(b, []byte("status: current"), []byte("status: abolished"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runCLI(t, "", "import", "--data", data, lib)
	if !strings.Contains(out, "imported 0, updated 1, unchanged 3, failed 0") {
		t.Fatalf("import after a change: %s", out)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(data, "norma.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, want := range map[string]string{"gb-55001-2021": "GB 55001—2021|issued|current|1", "t-wuye-beijing": "|issued|abolished|2",
		"DB31-T-1000-2016": "DB31/T 1000—2016|issued|superseded|1"} {
		st, err := db.FindStandard(ctx, id)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if got := strings.Join([]string{st.Number, string(st.State), string(st.Status), itoa(st.Latest)}, "|"); got != want {
			t.Errorf("%s = %s, want %s", id, got, want)
		}
	}
	list, total, _ := db.FindStandards(ctx, stdFilterAll())
	if total != 4 {
		t.Errorf("%d standards stored: %v", total, list)
	}
	idx, err := bleve.Open(filepath.Join(data, "index.bleve"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if n, _ := idx.Count(ctx); n != 4 {
		t.Errorf("the index holds %d documents after import, want 4", n)
	}
}

func TestImportReportsBrokenFiles(t *testing.T) {
	data := t.TempDir()
	out, errs, code := runCLI(t, "", "import", "--data", data, "testdata/broken")
	if code != 1 || !strings.Contains(out, "imported 1, updated 0, unchanged 0, failed 4") {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	for file, reason := range map[string]string{"bad-yaml.md": "front matter", "bad-level.md": "unknown level",
		"not-utf8.md": "UTF-8", "wrong-region.md": "number"} {
		found := false
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, file) && strings.Contains(line, reason) {
				found = true
			}
		}
		if !found {
			t.Errorf("no failure line for %s naming %q:\n%s", file, reason, out)
		}
	}
}

// Two files with one id: the second fails, and a second run changes nothing.
func TestImportDuplicateIDs(t *testing.T) {
	data := t.TempDir()
	for run := range 2 {
		out, _, code := runCLI(t, "", "import", "--data", data, "testdata/duplicate")
		want := []string{"imported 1, updated 0, unchanged 0, failed 1", "imported 0, updated 0, unchanged 1, failed 1"}[run]
		if code != 1 || !strings.Contains(out, want) || !strings.Contains(out, "is also the id of") {
			t.Errorf("run %d: exit %d\n%s", run+1, code, out)
		}
	}
}

func TestImportNeedsPaths(t *testing.T) {
	if _, errs, code := runCLI(t, "", "import", "--data", t.TempDir()); code != 2 || !strings.Contains(errs, "usage") {
		t.Errorf("exit %d %q", code, errs)
	}
	if _, errs, code := runCLI(t, "", "import", "--data", t.TempDir(), "no/such/folder"); code != 1 || !strings.Contains(errs, "no/such/folder") {
		t.Errorf("exit %d %q", code, errs)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func stdFilterAll() workflow.StandardFilter { return workflow.StandardFilter{AllReaders: true} }
