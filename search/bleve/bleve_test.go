package bleve

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"norma/search"
	"norma/search/searchtest"
)

func TestContract(t *testing.T) {
	searchtest.Run(t, func(tb testing.TB) search.Index {
		ix, err := Open(filepath.Join(tb.TempDir(), "ix"))
		if err != nil {
			tb.Fatal(err)
		}
		return ix
	})
}

// open opens the index at path and fails the test on an error.
func open(t *testing.T, path string) *Index {
	t.Helper()
	ix, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestReopenKeepsDocuments(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	ix := open(t, path)
	if !ix.Fresh() {
		t.Error("a new index is not Fresh")
	}
	if err := ix.Put(t.Context(), searchtest.Documents()...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = open(t, path)
	defer ix.Close()
	if ix.Fresh() {
		t.Error("a reopened index is Fresh")
	}
	if n, err := ix.Count(t.Context()); err != nil || n != len(searchtest.Documents()) {
		t.Errorf("reopened index holds %d (err %v), want %d", n, err, len(searchtest.Documents()))
	}
	q := search.Query{Terms: []string{"物业服务"}, Page: 1, Size: 10, Reader: search.Reader{All: true}}
	res, err := ix.Search(t.Context(), q)
	if err != nil || res.Total == 0 {
		t.Fatalf("reopened index: search gives %+v, %v", res, err)
	}
	// What a hit shows comes back after a reopen too.
	for _, h := range res.Hits {
		d := fixtureByID(h.ID)
		if h.Title != d.Title || h.Level != d.Level || h.Number != d.Number || h.State != d.State {
			t.Errorf("reopened index: hit %+v, want the fields of %+v", h, d)
		}
	}
}

func TestOpenEmptyFolder(t *testing.T) {
	ix := open(t, t.TempDir())
	defer ix.Close()
	if !ix.Fresh() {
		t.Error("an index created in an empty folder is not Fresh")
	}
}

func TestOpenForeignFolderFails(t *testing.T) {
	dir := t.TempDir()
	if err := writeFile(filepath.Join(dir, "notes.txt"), "not an index"); err != nil {
		t.Fatal(err)
	}
	if ix, err := Open(dir); err == nil {
		_ = ix.Close()
		t.Error("Open took a folder that holds other files")
	}
}

func TestOutdatedMappingIsRebuilt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	ix := open(t, path)
	if err := ix.Put(t.Context(), searchtest.Documents()...); err != nil {
		t.Fatal(err)
	}
	if err := ix.idx.SetInternal(versionKey, []byte("norma-0")); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	ix = open(t, path)
	defer ix.Close()
	if n, _ := ix.Count(t.Context()); !ix.Fresh() || n != 0 {
		t.Errorf("an index of an older mapping: Fresh %v, %d documents; want Fresh and empty", ix.Fresh(), n)
	}
}

func TestTokenize(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string // term@position
	}{
		{"物业服务", []string{"物业@1", "业服@2", "服务@3", "务@4"}},
		{"水", []string{"水@1"}},
		{"物业，服务", []string{"物业@1", "业@2", "服务@13", "务@14"}},
		{"ＧＢ／Ｔ　１．１—2020", []string{"gb@1", "t@12", "1@23", "1@34", "2020@45"}},
		{"DB11/T", []string{"db@1", "11@2", "t@13"}},
		{"第3条规定", []string{"第@1", "3@2", "条规@3", "规定@4", "定@5"}},
		{"Property 管理", []string{"property@1", "管理@12", "理@13"}},
	} {
		var got []string
		for _, tok := range (tokenizer{}).Tokenize([]byte(c.text)) {
			got = append(got, string(tok.Term)+"@"+itoa(tok.Position))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("Tokenize(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

func TestPhrase(t *testing.T) {
	for _, c := range []struct {
		part string
		want []string // term@offset, * for a prefix
	}{
		{"物业", []string{"物业@0"}},
		{"物业服务", []string{"物业@0", "服务@2"}},
		{"中华人民共和国", []string{"中华@0", "人民@2", "共和@4", "和国@5"}},
		{"水", []string{"水*@0"}},
		{"第3条", []string{"第@0", "3@1", "条*@2"}},
		{"水，电", []string{"水@0", "电*@11"}},
		{"gb/t", []string{"gb@0", "t@11"}},
	} {
		var got []string
		for _, s := range phrase(c.part) {
			mark := ""
			if s.prefix {
				mark = "*"
			}
			got = append(got, s.term+mark+"@"+itoa(s.off))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("phrase(%q) = %v, want %v", c.part, got, c.want)
		}
	}
}

func TestOpenLockedIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ix")
	ix := open(t, path)
	defer ix.Close()
	if other, err := Open(path); !errors.Is(err, ErrLocked) {
		if err == nil {
			_ = other.Close()
		}
		t.Errorf("opening an index held open: %v, want ErrLocked", err)
	}
}

func fixtureByID(id string) search.Document {
	for _, d := range searchtest.Documents() {
		if d.ID == id {
			return d
		}
	}
	return search.Document{}
}
