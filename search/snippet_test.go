package search

import (
	"strings"
	"testing"
)

func TestSnippet(t *testing.T) {
	long := strings.Repeat("前文。", 200)
	for _, tc := range []struct {
		name, text string
		terms      []string
		want       []string
		not        []string
	}{
		{"whole match", "本规范适用于物业服务的评价。", []string{"物业服务"}, []string{"<mark>物业服务</mark>"}, []string{"<mark>物业</mark>"}},
		{"two terms", "会议服务应当规范，物业管理应当有序。", []string{"会议", "物业"}, []string{"<mark>会议</mark>", "<mark>物业</mark>"}, nil},
		{"escaped", "<script>alert(1)</script> 物业服务 & 管理", []string{"物业服务"}, []string{"&lt;script&gt;", "&amp;"}, []string{"<script>"}},
		{"case and width", "应符合ＧＢ／Ｔ 1.1的规定", []string{"gb/t"}, []string{"<mark>ＧＢ／Ｔ</mark>"}, nil},
		{"deep match cut with ellipses", long + "这里说的是物业服务。" + long, []string{"物业服务"}, []string{"…", "<mark>物业服务</mark>"}, nil},
		{"no match shows the start", "第一条 为了规范管理。", []string{"不存在"}, []string{"第一条 为了规范管理。"}, []string{"<mark>"}},
		{"overlapping terms merge", "物业服务规范", []string{"物业服务", "服务规范"}, []string{"<mark>物业服务规范</mark>"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Snippet(tc.text, tc.terms)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Snippet = %q, want it to contain %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("Snippet = %q, must not contain %q", got, n)
				}
			}
			if n := len([]rune(got)); n > SnippetLength+80 {
				t.Errorf("snippet of %d characters", n)
			}
		})
	}
}

func BenchmarkSnippetLongBody(b *testing.B) {
	body := strings.Repeat("本条例所称物业管理，是指业主通过选聘物业服务企业，由业主和物业服务企业按照物业服务合同约定。", 2000)
	for b.Loop() {
		Snippet(body, []string{"服务合同"})
	}
}
