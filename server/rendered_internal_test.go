package server

import (
	"strings"
	"sync"
	"testing"

	"norma/workflow"
)

// Readers who open the same text at once share one rendering of it, and
// each gets the whole of it.
func TestOneRenderingForReadersAtOnce(t *testing.T) {
	s, err := New(Config{}, Deps{Service: workflow.NewService(nil, workflow.DefaultConfig(), nil)})
	if err != nil {
		t.Fatal(err)
	}
	body := "# 会议服务规范\n\n## 1 范围\n\n" + strings.Repeat("本文件规定了会议服务的要求。\n\n", 20000)
	rev := &workflow.Revision{Body: body, Hash: workflow.Hash(body)}
	var wg sync.WaitGroup
	got := make([]*renderedRevision, 16)
	for i := range got {
		wg.Add(1)
		go func() { defer wg.Done(); got[i] = s.rendered(rev) }()
	}
	wg.Wait()
	if n := s.textsRendered.Load(); n != 1 {
		t.Errorf("16 readers at once rendered the text %d times, want once", n)
	}
	for _, r := range got {
		if r != got[0] || !strings.Contains(string(r.HTML), "会议服务的要求") {
			t.Fatal("a reader got another or an empty rendering")
		}
	}
}
