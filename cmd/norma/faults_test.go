package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"norma/internal/poll"
	"norma/workflow"
)

// The benchmark run of the fault test:
//
//	go test ./cmd/norma -run TestKillDuringMixedWrites -count 1 -timeout 60m -v -args -kills 100
var faultKills = flag.Int("kills", 3, "SIGKILLs of TestKillDuringMixedWrites")

// mixedWriter writes to one standard of its own, in turn: two revisions, a
// comment and a transition (submit, then return, and so on), and keeps what
// was acknowledged.
type mixedWriter struct {
	id        string
	base      int      // latest revision acknowledged
	revs      []saved  // acknowledged revisions
	comments  []string // acknowledged comments
	consulted bool     // a consultation was acknowledged
	asked     bool     // a consultation was sent and not answered
	serial    int64
	seenRevs  int // acknowledged revisions and comments already read back
	seenNotes int
	k         int
}

// writerRun is one writer's stream: it writes to its standard until it
// sends it out for consultation (a transition after which revisions are
// refused), then creates a new standard and goes on with that.
type writerRun struct {
	w       int
	list    []*mixedWriter
	needNew bool
	from    int // list[:from] were read back after their last write
}

func (r *writerRun) current() *mixedWriter { return r.list[len(r.list)-1] }

// step sends the next write; false when the server did not answer.
func (r *writerRun) step(base, token string) bool {
	if r.needNew {
		serial := serials.Add(1)
		code, raw := callQuiet("POST", base+"/standards", token, map[string]any{"title": fmt.Sprintf("故障测试规范%d", r.w),
			"level": "local", "region": "11", "body": mixedBody(serial, 1)})
		if code == 0 {
			return false
		}
		var st struct{ ID string }
		if code == http.StatusCreated && json.Unmarshal(raw, &st) == nil {
			r.list = append(r.list, &mixedWriter{id: st.ID, base: 1, serial: serial})
			r.needNew = false
		}
		return true
	}
	m := r.current()
	ok := m.step(base, token, r.w)
	if m.k%4 == 3 && !m.asked { // the consultation was answered
		r.needNew = true
	}
	return ok
}

// digits writes n with Chinese numerals: a marker the search finds only as
// a whole ("版次一二止" does not match inside "版次一二三止").
func digits(n int) string {
	const d = "零一二三四五六七八九"
	var b strings.Builder
	for _, c := range fmt.Sprint(n) {
		b.WriteString(string([]rune(d)[c-'0']))
	}
	return "版次" + b.String() + "止"
}

// serials numbers the standards of the fault tests, for markers no other
// standard's text holds.
var serials atomic.Int64

// mixedBody is revision n of the standard with serial s.
func mixedBody(s int64, n int) string {
	return fmt.Sprintf("# 故障测试规范\n\n## 1 范围\n\n本文件规定了故障测试的要求。%s。\n", marker(s, n))
}

func marker(s int64, n int) string { return digits(int(s)*10000 + n) }

// step sends the writer's next write; it returns false when the server did
// not answer (it was killed).
func (m *mixedWriter) step(base, token string, w int) bool {
	m.k++
	switch m.k % 4 {
	case 0, 1:
		body := mixedBody(m.serial, m.base+1)
		code, _ := callQuiet("POST", base+"/standards/"+m.id+"/revisions", token, map[string]any{"body": body, "base": m.base})
		if code == 0 {
			return false
		}
		if code == http.StatusCreated {
			m.base++
			m.revs = append(m.revs, saved{m.id, m.base, workflow.Hash(body)})
		}
	case 2:
		note := fmt.Sprintf("故障测试意见 %d-%d", w, m.k)
		code, _ := callQuiet("POST", base+"/standards/"+m.id+"/comments", token, map[string]any{"clause": "1", "body": note})
		if code == 0 {
			return false
		}
		if code == http.StatusCreated {
			m.comments = append(m.comments, note)
		}
	default:
		m.asked = true
		code, _ := callQuiet("POST", base+"/standards/"+m.id+"/transitions", token, map[string]any{"action": "consult", "note": "故障测试", "notice_days": 30})
		if code == 0 {
			return false
		}
		m.asked = false
		if code == http.StatusOK || code == http.StatusCreated {
			m.consulted = true
		}
	}
	return true
}

// callQuiet is call without a testing.TB, for writer goroutines.
func callQuiet(method, url, token string, body any) (int, []byte) {
	raw, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, url, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, out
}

// SIGKILLs at random moments of a stream of revisions, comments and
// transitions, with an import between two kills: after each restart every
// acknowledged write is there, whole, and the index agrees with the store.
func TestKillDuringMixedWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a child process")
	}
	bin, data := buildNorma(t), t.TempDir()
	addAccount(t, bin, data, "staff", "staff", "staff-password-7")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	start := func() (*exec.Cmd, string, string) {
		addr := freeAddr(t)
		srv := startServe(t, bin, data, addr)
		base := "http://" + addr + "/api/v1"
		_, login := call(t, "POST", base+"/session", "", map[string]string{"username": "staff", "password": "staff-password-7"})
		token, _ := login["token"].(string)
		if token == "" {
			t.Fatal("no session after the restart")
		}
		return srv, base, token
	}
	srv, base, token := start()
	runs := make([]*writerRun, 4)
	for w := range runs {
		runs[w] = &writerRun{w: w, needNew: true}
	}
	imported := false
	for kill := range *faultKills {
		var wg sync.WaitGroup
		for _, r := range runs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for r.step(base, token) {
				}
			}()
		}
		time.Sleep(time.Duration(100+rng.IntN(900)) * time.Millisecond)
		if err := srv.Process.Kill(); err != nil {
			t.Fatal(err)
		}
		_ = srv.Wait()
		wg.Wait()
		if kill == *faultKills/2 {
			out, err := exec.Command(bin, "import", "--data", data, "--log-level", "error", "testdata/library").CombinedOutput()
			if err != nil {
				t.Fatalf("import between kills: %v %s", err, out)
			}
			imported = true
		}
		srv, base, token = start()
		for _, r := range runs {
			for _, m := range r.list[r.from:] {
				checkMixed(t, base, token, m, false)
			}
			r.from = max(0, len(r.list)-1)
			if len(r.list) > 0 && r.current().asked { // the unanswered consultation may have happened
				r.current().asked, r.needNew = false, true
			}
		}
		if t.Failed() {
			t.FailNow()
		}
	}
	var writers []*mixedWriter
	for _, r := range runs {
		writers = append(writers, r.list...)
	}
	for _, m := range writers {
		checkMixed(t, base, token, m, true)
		waitSearchable(t, base, token, m)
	}
	if imported {
		code, res := call(t, "GET", base+"/search?"+url.Values{"q": {"物业服务"}}.Encode(), token, nil)
		if total, _ := res["total"].(float64); code != http.StatusOK || total == 0 {
			t.Errorf("the imported library is not searchable after the kills: %d %v", code, res)
		}
	}
	if err := srv.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	var all []saved
	n, c, moves := 0, 0, 0
	for _, m := range writers {
		all = append(all, m.revs...)
		n, c = n+len(m.revs), c+len(m.comments)
		if m.consulted {
			moves++
		}
	}
	if n == 0 || c == 0 || moves == 0 {
		t.Fatalf("%d revisions, %d comments, %d transitions acknowledged: the stream did not mix", n, c, moves)
	}
	checkSaved(t, data, all)
	t.Logf("%d kills: %d revisions, %d comments, %d transitions acknowledged, none lost", *faultKills, n, c, moves)
}

// checkMixed reads the acknowledged writes of m back from a restarted
// server: those not read before, or all of them.
func checkMixed(t *testing.T, base, token string, m *mixedWriter, all bool) {
	t.Helper()
	code, st := call(t, "GET", base+"/standards/"+m.id, token, nil)
	if code != http.StatusOK {
		t.Fatalf("%s after the restart: %d", m.id, code)
	}
	latest, _ := st["revision"].(float64)
	if int(latest) < m.base {
		t.Errorf("%s: revision %d acknowledged, the standard is at %v", m.id, m.base, latest)
	}
	m.base = int(latest) // a revision saved but not answered is the base now
	if start, _ := st["consult_start"].(string); m.consulted && start == "" {
		t.Errorf("%s: the consultation was acknowledged and is not recorded", m.id)
	}
	if all {
		m.seenRevs, m.seenNotes = 0, 0
	}
	for _, r := range m.revs[m.seenRevs:] {
		code, rev := call(t, "GET", fmt.Sprintf("%s/standards/%s/revisions/%d", base, m.id, r.number), token, nil)
		body, _ := rev["body"].(string)
		if code != http.StatusOK || workflow.Hash(body) != r.hash {
			t.Errorf("%s: acknowledged revision %d is lost or changed (%d)", m.id, r.number, code)
		}
	}
	m.seenRevs = len(m.revs)
	if m.seenNotes == len(m.comments) {
		return
	}
	code, raw := callQuiet("GET", base+"/standards/"+m.id+"/comments", token, nil)
	for _, note := range m.comments[m.seenNotes:] {
		if code != http.StatusOK || !bytes.Contains(raw, []byte(note)) {
			t.Errorf("%s: acknowledged comment %q is lost (%d)", m.id, note, code)
		}
	}
	m.seenNotes = len(m.comments)
}

// waitSearchable waits until the index holds the latest revision of m,
// and not the one before, in the standard's state.
func waitSearchable(t *testing.T, base, token string, m *mixedWriter) {
	t.Helper()
	_, st := call(t, "GET", base+"/standards/"+m.id, token, nil)
	state, _ := st["state"].(string)
	found := func(n int) (bool, string) {
		_, res := call(t, "GET", base+"/search?"+url.Values{"q": {marker(m.serial, n)}}.Encode(), token, nil)
		hits, _ := res["hits"].([]any)
		for _, h := range hits {
			if hm, _ := h.(map[string]any); hm["id"] == m.id {
				s, _ := hm["state"].(string)
				return true, s
			}
		}
		return false, ""
	}
	poll.Until(t, 60*time.Second, "the index to hold the latest revision of "+m.id, func() (bool, error) {
		ok, s := found(m.base)
		old, _ := found(m.base - 1)
		return ok && !old && s == state, nil
	})
}

// With the data folder on a small tmpfs, filling the disk makes writes fail
// with 507 and a message that says so (in the API, and on the editor's page
// with the text kept), nothing acknowledged is lost or half-written, and
// writes succeed again once space returns. Needs root to mount the tmpfs.
func TestFullDisk(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a child process and mounts a tmpfs")
	}
	data := t.TempDir()
	mountTmpfs(t, data, "48m")
	bin := buildNorma(t)
	addAccount(t, bin, data, "staff", "staff", "staff-password-7")
	addr := freeAddr(t)
	srv := startServe(t, bin, data, addr)
	base := "http://" + addr + "/api/v1"
	_, login := call(t, "POST", base+"/session", "", map[string]string{"username": "staff", "password": "staff-password-7"})
	token, _ := login["token"].(string)
	code, st := call(t, "POST", base+"/standards", token, map[string]any{"title": "故障测试规范0", "level": "local", "region": "11", "body": mixedBody(0, 1)})
	id, _ := st["id"].(string)
	if code != http.StatusCreated {
		t.Fatalf("create: %d %v", code, st)
	}
	m := &mixedWriter{id: id, base: 1}

	filler := filepath.Join(data, "filler")
	fill(t, filler)
	statuses := map[int]int{}
	var refused []byte
	for range 40 { // revisions of about 200 KB each, on a full disk
		body := mixedBody(0, m.base+1) + strings.Repeat("本条规定了测试用的长文本。", 5000)
		code, raw := callQuiet("POST", base+"/standards/"+id+"/revisions", token, map[string]any{"body": body, "base": m.base})
		statuses[code]++
		if code == http.StatusCreated {
			m.base++
			m.revs = append(m.revs, saved{id, m.base, workflow.Hash(body)})
		} else if refused == nil {
			refused = raw
		}
	}
	t.Logf("on a full disk: answers by status %v; first refusal %.300s", statuses, refused)
	if statuses[http.StatusCreated] == 40 {
		t.Fatal("every revision was stored on a full disk: the disk was not full")
	}
	if statuses[http.StatusCreated]+statuses[http.StatusInsufficientStorage] != 40 {
		t.Errorf("on a full disk: answers %v, want 507 Insufficient Storage for every refusal", statuses)
	}
	var answer struct {
		Error struct{ Code, Message, Key string }
	}
	if err := json.Unmarshal(refused, &answer); err != nil || answer.Error.Code != workflow.EFULL ||
		answer.Error.Key != "err.storage_full" || !strings.Contains(answer.Error.Message, "storage is full") {
		t.Errorf("the refusal %s does not say the storage is full (%v)", refused, err)
	}
	fullDiskPage(t, "http://"+addr, token, id, m.base)
	if statuses[0] > 0 {
		t.Errorf("the server stopped answering on a full disk (%d requests without answer)", statuses[0])
	}
	if code, _ := callQuiet("GET", base+"/standards/"+id, token, nil); code != http.StatusOK {
		t.Errorf("reads fail on a full disk: %d", code)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	var ok bool
	poll.Until(t, 30*time.Second, "writes to succeed once space returns", func() (bool, error) {
		body := mixedBody(0, m.base+1)
		code, _ := callQuiet("POST", base+"/standards/"+id+"/revisions", token, map[string]any{"body": body, "base": m.base})
		if code == http.StatusCreated {
			m.base++
			m.revs = append(m.revs, saved{id, m.base, workflow.Hash(body)})
			ok = true
		}
		return ok, nil
	})
	checkMixed(t, base, token, m, true)
	waitSearchable(t, base, token, m)
	if err := srv.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	checkSaved(t, data, m.revs)
}

// fill writes path until the disk is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			return // ENOSPC
		}
	}
}

// fullDiskPage saves from the editor's form on the full disk: the editor
// comes back with 507, the text kept and the message in the page's
// language.
func fullDiskPage(t *testing.T, site, token, id string, base int) {
	t.Helper()
	text := mixedBody(0, base+1) + strings.Repeat("编辑器中输入的长文本。", 20000)
	for _, c := range []struct{ lang, want string }{{"zh-CN", "存储空间已满"}, {"en", "The storage is full"}} {
		form := url.Values{"body": {text}, "base": {fmt.Sprint(base)}, "message": {"满盘保存"}}
		req, _ := http.NewRequest("POST", site+"/standards/"+id+"/edit?lang="+c.lang, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusInsufficientStorage || !bytes.Contains(page, []byte(c.want)) ||
			!bytes.Contains(page, []byte("编辑器中输入的长文本。编辑器中输入的长文本。")) {
			t.Errorf("saving from the editor on a full disk (%s): %d; message %q shown: %v; text kept: %v", c.lang,
				resp.StatusCode, c.want, bytes.Contains(page, []byte(c.want)), bytes.Contains(page, []byte("编辑器中输入的长文本。编辑器中输入的长文本。")))
		}
	}
}

// With the search index alone on a full disk, saves are acknowledged (the
// database has room) while the index cannot write them: the changes stay
// in the outbox, and once space returns they reach the index, even across
// a kill taken while the index disk was full. Needs root to mount the tmpfs.
func TestIndexDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a child process and mounts a tmpfs")
	}
	data := t.TempDir()
	index := filepath.Join(data, "index.bleve")
	if err := os.Mkdir(index, 0o755); err != nil {
		t.Fatal(err)
	}
	mountTmpfs(t, index, "16m")
	bin := buildNorma(t)
	addAccount(t, bin, data, "staff", "staff", "staff-password-7")
	start := func() (*exec.Cmd, string, string) {
		addr := freeAddr(t)
		srv := startServe(t, bin, data, addr)
		base := "http://" + addr + "/api/v1"
		_, login := call(t, "POST", base+"/session", "", map[string]string{"username": "staff", "password": "staff-password-7"})
		token, _ := login["token"].(string)
		return srv, base, token
	}
	srv, base, token := start()
	code, st := call(t, "POST", base+"/standards", token, map[string]any{"title": "索引满盘测试规范", "level": "local", "region": "11", "body": mixedBody(0, 1)})
	if code != http.StatusCreated {
		t.Fatalf("create: %d %v", code, st)
	}
	m := &mixedWriter{id: st["id"].(string), base: 1}
	waitSearchable(t, base, token, m)

	filler := filepath.Join(index, "filler")
	fill(t, filler)
	for range 5 {
		body := mixedBody(0, m.base+1) + strings.Repeat("索引写不下的长文本。", 20000)
		code, raw := callQuiet("POST", base+"/standards/"+m.id+"/revisions", token, map[string]any{"body": body, "base": m.base})
		if code != http.StatusCreated {
			t.Fatalf("a save with the database's disk free but the index's full: %d %.300s", code, raw)
		}
		m.base++
		m.revs = append(m.revs, saved{m.id, m.base, workflow.Hash(body)})
	}
	time.Sleep(2 * time.Second) // the worker tries, and fails, to write the index
	if err := srv.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	srv, base, token = start()
	checkMixed(t, base, token, m, true)
	waitSearchable(t, base, token, m)
	if err := srv.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	checkSaved(t, data, m.revs)
}
