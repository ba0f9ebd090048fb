package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"norma/internal/htmlcheck"
)

// citing is a text that cites the national numbers, one clause each.
func citing(numbers ...string) string {
	var b strings.Builder
	b.WriteString(serviceBody + "\n## 2 规范性引用文件\n\n")
	for i, n := range numbers {
		fmt.Fprintf(&b, "%s 会议服务 第%d部分\n\n", n, i+1)
	}
	return b.String()
}

// citedLinks lists the cited numbers of a standard page, each with where
// it links ("" for none).
func citedLinks(tb testing.TB, r *response) [][2]string {
	tb.Helper()
	var out [][2]string
	for _, li := range htmlcheck.Select(parseHTML(tb, string(r.body)), "ul.cites li") {
		href := ""
		if a := htmlcheck.Select(li, "a"); len(a) > 0 {
			href, _ = attr(a[0], "href")
		}
		out = append(out, [2]string{htmlcheck.Text(li), href})
	}
	return out
}

func TestStandardPageCites(t *testing.T) {
	e := newEnv(t)
	dated := e.importText("GB/T 30000—2020", "national", serviceBody)
	e.importText("GB/T 31000—2015", "national", serviceBody)
	current := e.importText("GB/T 31000—2023", "national", serviceBody)
	// Each number once, in the order of first mention; the standard's own
	// number and other levels are no citation.
	body := citing("GB/T 30001—2020", "GB/T 31000", "GB/T 30000—2020", "GB/T 30001—2020", "DB11/T 700", "JB/T 5—2020", "GB/T 30000—2020")
	id := e.importText("DB11/T 700—2024", "local", body)
	want := [][2]string{{"GB/T 30001—2020", ""}, {"GB/T 31000", "/standards/" + current}, {"GB/T 30000—2020", "/standards/" + dated}}
	for _, who := range []string{"", "staff"} {
		token := ""
		if who != "" {
			token = e.login(who)
		}
		for range 2 { // the second page finds the numbers kept from the first
			r := e.request("GET", "/standards/"+id, token, nil)
			wantStatus(t, r, 200)
			if diff := cmp.Diff(want, citedLinks(t, r)); diff != "" {
				t.Errorf("cited standards as %q (-want +got):\n%s", who, diff)
			}
		}
	}
}

// pageReads counts the read transactions of the store while path is shown
// to the holder of token.
func (e *env) pageReads(path, token string) int64 {
	e.t.Helper()
	before := e.db.ReadTransactions()
	wantStatus(e.t, e.request("GET", path, token, nil), 200)
	return e.db.ReadTransactions() - before
}

// The read transactions a standard page may begin: each waits for one of
// few read connections under load. They do not grow with what the text
// cites; staff pages also count the work waiting in the menu.
func TestStandardPageReads(t *testing.T) {
	e := newEnv(t)
	var library []string
	for i := range 40 {
		n := fmt.Sprintf("GB/T %d—2020", 30000+i)
		e.importText(n, "national", serviceBody)
		library = append(library, n, fmt.Sprintf("GB/T %d", 30000+i), fmt.Sprintf("GB/T %d—2019", 30000+i))
	}
	few := e.importText("DB11/T 700—2024", "local", citing(library[:3]...))
	many := e.importText("DB11/T 701—2024", "local", citing(library...))
	staff, drafter := e.login("staff"), e.login("drafter")
	draft := e.createStandard(drafter, map[string]any{"title": "会议服务规范", "level": "local", "region": "11", "body": citing(library...)})
	e.indexed()
	e.stopWorker() // nothing else reads while the pages are counted

	for _, tc := range []struct {
		name, token, few, many string
		max                    int64
	}{
		{"anonymous, issued", "", few, many, 10},
		{"staff, issued", staff, few, many, 28},
		{"drafter, own draft", drafter, draft, draft, 19},
		{"staff, draft", staff, draft, draft, 25},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := e.sub(t)
			e.pageReads("/standards/"+tc.many, tc.token) // the first page fills the caches
			a, b := e.pageReads("/standards/"+tc.few, tc.token), e.pageReads("/standards/"+tc.many, tc.token)
			t.Logf("read transactions: %d citing 3 numbers, %d citing %d", a, b, len(library))
			if b > tc.max || a > tc.max {
				t.Errorf("a standard page begins %d and %d read transactions, want at most %d", a, b, tc.max)
			}
			if b != a {
				t.Errorf("citing %d numbers costs %d read transactions, citing 3 costs %d: want the same", len(library), b, a)
			}
		})
	}
}

// BenchmarkStandardPageCiting shows an issued standard citing 120 numbers
// of a 40-standard library to the public, with the reads each page begins.
func BenchmarkStandardPageCiting(b *testing.B) {
	e := newEnv(b)
	var library []string
	for i := range 40 {
		e.importText(fmt.Sprintf("GB/T %d—2020", 30000+i), "national", serviceBody)
		library = append(library, fmt.Sprintf("GB/T %d—2020", 30000+i), fmt.Sprintf("GB/T %d", 30000+i), fmt.Sprintf("GB/T %d—2019", 30000+i))
	}
	id := e.importText("DB11/T 701—2024", "local", citing(library...))
	e.indexed()
	e.stopWorker()
	before := e.db.ReadTransactions()
	b.ResetTimer()
	for range b.N {
		wantStatus(b, e.request("GET", "/standards/"+id, "", nil), 200)
	}
	b.ReportMetric(float64(e.db.ReadTransactions()-before)/float64(b.N), "reads/op")
}
