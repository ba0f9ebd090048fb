package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"norma/internal/need"
	"norma/internal/poll"
	"norma/store/sqlite"
	"norma/workflow"
)

// buildNorma compiles the command once for tests that run it as a child.
func buildNorma(tb testing.TB) string {
	tb.Helper()
	bin := filepath.Join(tb.TempDir(), "norma")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		tb.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// addAccount adds an account to the data folder through the built binary,
// as an operator would before the first start.
func addAccount(tb testing.TB, bin, data, name, role, password string) {
	tb.Helper()
	add := exec.Command(bin, "user", "add", "--data", data, "--name", name, "--role", role, "--password-stdin")
	add.Stdin = strings.NewReader(password + "\n")
	if out, err := add.CombinedOutput(); err != nil {
		tb.Fatalf("user add: %v %s", err, out)
	}
}

// mountTmpfs mounts a tmpfs of the given size (such as "16m") on dir for
// the test's life. It needs root; without it the test skips, or fails
// under CI, which runs as root.
func mountTmpfs(tb testing.TB, dir, size string) {
	tb.Helper()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		need.Absent(tb, fmt.Sprintf("cannot mount a tmpfs on %s (%v: %s); the test needs root", dir, err, bytes.TrimSpace(out)))
	}
	tb.Cleanup(func() { _ = exec.Command("umount", "-l", dir).Run() })
}

func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startServe runs norma serve as a child process and waits until it answers.
func startServe(tb testing.TB, bin, data, addr string) *exec.Cmd {
	tb.Helper()
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", addr, "--log-level", "warn")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	poll.Until(tb, 30*time.Second, "norma serve to answer /healthz", func() (bool, error) {
		r, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false, nil // not listening yet
		}
		r.Body.Close()
		return r.StatusCode == http.StatusOK, nil
	})
	return cmd
}

func call(tb testing.TB, method, url, token string, body any) (int, map[string]any) {
	tb.Helper()
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
	var m map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&m)
	return resp.StatusCode, m
}

// saved is a revision the server answered 201 for.
type saved struct {
	id     string
	number int
	hash   string
}

// Killing norma serve with SIGKILL while revisions are being saved loses no
// revision that was answered 201 and leaves none half-written.
func TestKillDuringSaves(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills a child process")
	}
	bin, data, addr := buildNorma(t), t.TempDir(), freeAddr(t)
	addAccount(t, bin, data, "drafter", "drafter", "drafter-password")
	srv := startServe(t, bin, data, addr)
	base := "http://" + addr + "/api/v1"
	_, login := call(t, "POST", base+"/session", "", map[string]string{"username": "drafter", "password": "drafter-password"})
	token, _ := login["token"].(string)

	var mu sync.Mutex
	var acked []saved
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 4 {
		_, st := call(t, "POST", base+"/standards", token, map[string]any{"title": fmt.Sprintf("标准 %d", w), "level": "national", "body": "## 1 范围\n"})
		id, _ := st["id"].(string)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 1; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				body := fmt.Sprintf("## 1 范围\n\n第 %d 稿：%s\n", n+1, strings.Repeat("本文件规定了要求。", n%50))
				status, _ := call(t, "POST", base+"/standards/"+id+"/revisions", token, map[string]any{"body": body, "base": n})
				if status != http.StatusCreated {
					return // the server is gone
				}
				mu.Lock()
				acked = append(acked, saved{id, n + 1, workflow.Hash(body)})
				mu.Unlock()
			}
		}()
	}
	time.Sleep(700 * time.Millisecond)
	if err := srv.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = srv.Wait()
	close(stop)
	wg.Wait()
	if len(acked) < 10 {
		t.Fatalf("only %d revisions were saved before the kill; the test proves little", len(acked))
	}
	checkSaved(t, data, acked)
}

// checkSaved opens the database after the crash: it is sound, every
// acknowledged revision is there with its exact text, and every standard's
// revisions run without a gap up to its latest.
func checkSaved(t *testing.T, data string, acked []saved) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(data, "norma.db"))
	if err != nil {
		t.Fatalf("reopening after the kill: %v", err)
	}
	defer db.Close()
	if res, err := db.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity check: %q, %v", res, err)
	}
	for _, s := range acked {
		r, err := db.FindRevision(ctx, s.id, s.number)
		if err != nil {
			t.Errorf("revision %d of %s was answered 201 and is lost: %v", s.number, s.id, err)
			continue
		}
		if workflow.Hash(r.Body) != s.hash || r.Hash != s.hash {
			t.Errorf("revision %d of %s is not what was saved", s.number, s.id)
		}
	}
	ids := map[string]bool{}
	for _, s := range acked {
		ids[s.id] = true
	}
	for id := range ids {
		st, err := db.FindStandard(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		revs, _ := db.FindRevisions(ctx, id)
		if len(revs) != st.Latest || revs[len(revs)-1].Number != st.Latest {
			t.Errorf("%s: latest %d but %d revisions", id, st.Latest, len(revs))
		}
	}
	t.Logf("%d acknowledged revisions survived the kill", len(acked))
}
