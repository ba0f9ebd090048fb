package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// The staff account the benchmark searches as.
const (
	staffName     = "bench"
	staffPassword = "bench-password-2024"
)

// buildNorma compiles ./cmd/norma into dir and returns the binary's path.
func buildNorma(dir string) (string, error) {
	bin := filepath.Join(dir, "norma")
	out, err := exec.Command("go", "build", "-o", bin, "./cmd/norma").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build ./cmd/norma: %v\n%s", err, out)
	}
	return bin, nil
}

// importResult is what one norma import did and took.
type importResult struct {
	files            int
	bytes            int64
	wall             time.Duration
	cpu              time.Duration // user + system time of the import process
	imported, failed int
	summary          string   // the "imported N, updated U, …" line
	phases           []string // the progress summaries: "import: …", "index: …"
	failures         []string // the "failed: …" lines
	indexed          int      // outbox entries the index phase applied
	exitCode         int
}

// documents returns how many documents the library holds after the import.
func (r importResult) documents() int { return r.imported }

var (
	reSummary = regexp.MustCompile(`imported (\d+), updated (\d+), unchanged (\d+), failed (\d+)`)
	reIndexed = regexp.MustCompile(`^index: (\d+)( files)? in `)
)

// importCorpus runs norma import on the two corpus folders into data and
// times it.
func importCorpus(bin, data string, folders ...string) (importResult, error) {
	var r importResult
	for _, dir := range folders {
		n, size, err := markdownFiles(dir)
		if err != nil {
			return r, err
		}
		r.files += n
		r.bytes += size
	}
	cmd := exec.Command(bin, append([]string{"import", "--data", data, "--log-level", "warn"}, folders...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r.wall = time.Since(start)
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		return r, fmt.Errorf("norma import: %w", err)
	}
	r.exitCode = cmd.ProcessState.ExitCode()
	r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	r.readOutput(stdout.String(), stderr.String())
	if r.summary == "" {
		return r, fmt.Errorf("norma import printed no summary (exit %d):\n%s\n%s", r.exitCode, stdout.String(), stderr.String())
	}
	return r, nil
}

// readOutput picks the summary, the failures and the phase lines out of
// norma import's output.
func (r *importResult) readOutput(stdout, stderr string) {
	for _, line := range strings.Split(stdout, "\n") {
		if m := reSummary.FindStringSubmatch(line); m != nil {
			r.summary = m[0]
			r.imported, _ = strconv.Atoi(m[1])
			r.failed, _ = strconv.Atoi(m[4])
		}
		if strings.HasPrefix(line, "failed:") {
			r.failures = append(r.failures, line)
		}
	}
	for _, line := range strings.Split(stderr, "\n") {
		if (strings.HasPrefix(line, "import: ") || strings.HasPrefix(line, "index: ")) && strings.Contains(line, " in ") {
			r.phases = append(r.phases, strings.TrimSpace(line))
		}
		if m := reIndexed.FindStringSubmatch(line); m != nil && strings.Contains(line, " in ") {
			r.indexed, _ = strconv.Atoi(m[1])
		}
	}
}

// markdownFiles counts the Markdown files under dir as norma import finds
// them (recursively, skipping hidden folders) and their bytes.
func markdownFiles(dir string) (n int, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		ext := strings.ToLower(filepath.Ext(p))
		if d.IsDir() || ext != ".md" && ext != ".markdown" {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		n++
		size += fi.Size()
		return nil
	})
	return n, size, err
}

// addStaff creates the staff account the benchmark logs in with.
func addStaff(bin, data string) error {
	cmd := exec.Command(bin, "user", "add", "--data", data, "--name", staffName, "--role", "staff", "--password-stdin")
	cmd.Stdin = strings.NewReader(staffPassword + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("norma user add: %v\n%s", err, out)
	}
	return nil
}

// serveEnv is added to norma serve's environment.
var serveEnv []string

// server is a running norma serve.
type server struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:PORT
	log  *os.File
	done chan struct{}
}

// startServe starts norma serve on data at a free port, its log in dir,
// and waits until /healthz answers.
func startServe(bin, data, dir string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logf, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "serve", "--data", data, "--addr", addr, "--log-level", "warn")
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.Env = append(os.Environ(), serveEnv...)
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("start norma serve: %w", err)
	}
	s := &server{cmd: cmd, base: "http://" + addr, log: logf, done: make(chan struct{})}
	go func() { _ = cmd.Wait(); close(s.done) }()
	if err := newClient(s.base).waitHealthy(s.done, 60*time.Second); err != nil {
		return s, fmt.Errorf("%w\n%s", err, s.logTail())
	}
	return s, nil
}

// freeAddr returns a loopback address with a port nobody listens on.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// stop ends the server: SIGTERM, and SIGKILL when it has not exited after
// 20 seconds. It may be called more than once, and on nil.
func (s *server) stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	select {
	case <-s.done:
	default:
		_ = s.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-s.done:
		case <-time.After(20 * time.Second):
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	}
	s.log.Close()
}

// logTail returns the end of the server's log, for error messages.
func (s *server) logTail() string {
	b, _ := os.ReadFile(s.log.Name())
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return "norma serve log:\n" + string(b)
}

// memory is the resident memory of a process, from /proc/PID/status.
type memory struct {
	rss, hwm      int64 // VmRSS and VmHWM (the peak), bytes
	anon, fileMap int64 // RssAnon (heap, stacks) and RssFile (mapped files: the index's segments)
}

// memory reads the server's VmRSS and VmHWM.
func (s *server) memory() memory {
	var m memory
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return m
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(fields[1], 10, 64)
		switch fields[0] {
		case "VmRSS:":
			m.rss = kb << 10
		case "VmHWM:":
			m.hwm = kb << 10
		case "RssAnon:":
			m.anon = kb << 10
		case "RssFile:":
			m.fileMap = kb << 10
		}
	}
	return m
}

// cpuTime returns the user and system time the server has used, from
// /proc/PID/stat (in clock ticks of 1/100 s, USER_HZ on Linux).
func (s *server) cpuTime() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// The fields after the command name, which is in parentheses: state is
	// field 3 of the line, utime 14 and stime 15.
	rest := string(b[bytes.LastIndexByte(b, ')')+1:])
	fields := strings.Fields(rest)
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

// dirSize returns the bytes and the number of files under dir.
func dirSize(dir string) (size int64, files int) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
				files++
			}
		}
		return nil
	})
	return size, files
}

// databaseSize returns the bytes of the SQLite database with its WAL and
// shared memory files.
func databaseSize(data string) int64 {
	matches, _ := filepath.Glob(filepath.Join(data, "norma.db*"))
	var n int64
	for _, p := range matches {
		if fi, err := os.Stat(p); err == nil {
			n += fi.Size()
		}
	}
	return n
}
